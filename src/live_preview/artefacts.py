"""Feeds, open data, share cards, sitemap and search index of the preview, built in the background."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.commons.preview")


class ArtefactBuilds:
    """Feeds, open data, share cards, sitemap and search index, built in the background.

    A production build of the same files runs in its own process and folder;
    when it succeeds, every file of it that is not a page is copied into the
    preview's folder (and those it no longer has are removed). A save during
    a run stops it and starts another, so the last one always describes the
    last save.
    """

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.folder = Path(tempfile.mkdtemp(prefix="apercu-annexes-"))
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.describes = 0  # the version of the site whose artefacts were copied in last

    def start(self, version: int) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            # Not strict: a warning (a date in the future) must not hold the feeds back; the banner lists errors.
            command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--no-strict", "-f", str(self.config_file)]
            self._process = process = subprocess.Popen(
                [*command, "--site-dir", str(self.folder)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                # The next save's pages come first: they wait for no one, this build for nobody.
                preexec_fn=_yield_to_the_preview,  # noqa: PLW1509 - runs before exec, touches no lock
            )
        threading.Thread(target=self._copy_when_done, args=(process, version), daemon=True).start()

    def _copy_when_done(self, process: subprocess.Popen[bytes], version: int) -> None:
        if process.wait() != 0:
            return  # stopped for a newer save, or a mistake the banner already shows
        with self._lock:
            if process is not self._process:
                return
            copy_artefacts(self.folder, self.site_dir)
            self.describes = version
        log.info("aperçu : flux, données ouvertes et index de recherche à jour")

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _yield_to_the_preview() -> None:
    """In the background build's process, before it starts: the lowest share of the processors."""
    os.nice(19)


def copy_artefacts(source: Path, destination: Path) -> None:
    """Make every non-page file of ``destination`` the same as in ``source``: copy, replace, remove."""
    wanted = set(_artefacts(source))
    for relative in wanted:
        new, old = source / relative, destination / relative
        if not old.is_file() or old.read_bytes() != new.read_bytes():
            old.parent.mkdir(parents=True, exist_ok=True)
            staged = old.with_name(f".{old.name}.apercu")
            shutil.copyfile(new, staged)
            staged.replace(old)  # a reader sees the old file or the new one, never half of one
    for relative in set(_artefacts(destination)) - wanted:
        (destination / relative).unlink()


def _artefacts(folder: Path) -> Iterator[str]:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix != ".html":
            yield path.relative_to(folder).as_posix()
