"""Build the site strictly into a fresh folder, then swap it in for site/.

A failed or interrupted build leaves the previous site/ exactly as it was,
and site/ is a whole site (the old one or the new one) at every instant:

- one build at a time: a lock beside site/; a second build says so in
  French and waits. MkDocs and Pagefind inherit the lock, so even if this
  script is killed, the next build waits for them to finish;
- MkDocs writes into ``.site-new``; once it succeeded, that folder becomes
  ``.site-ready`` (complete), and only then is it swapped in: site/ becomes
  ``.site-old``, ``.site-ready`` becomes site/, ``.site-old`` is deleted;
- a crash at any point of that sequence leaves folders the next build
  repairs before it starts: ``.site-new`` is deleted (never complete), a
  ``.site-ready`` or ``.site-old`` is put back as site/ when site/ is missing,
  and deleted only when site/ exists;
- Ctrl-C (or SIGTERM) stops MkDocs and Pagefind and prints one French line.

    python scripts/build_site.py [--config mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from commons.site_swap import SiteFolders, exists, remove, repair, swap

REPO_ROOT = Path(__file__).resolve().parent.parent
INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C
_STOP_GRACE_SECONDS = 10


class BuildInterrupted(Exception):  # noqa: N818 - a signal, not an error
    """Ctrl-C or SIGTERM during the build."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=REPO_ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=None, help="default: site/ beside the config file")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    folders = SiteFolders((args.site_dir or config.parent / "site").resolve())
    signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        with build_lock(folders.lock) as lock_fd:
            repair(folders)
            return _build(config, folders, lock_fd)
    except (KeyboardInterrupt, BuildInterrupted):
        kept = "le site précédent est intact" if folders.site.exists() else "aucun site n'a été écrit"
        print(f"Construction interrompue : {kept} ({folders.site}).", file=sys.stderr)
        return INTERRUPTED


@contextmanager
def build_lock(path: Path) -> Iterator[int]:
    """Hold the build lock, waiting (and saying so) while another build holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Une autre construction du site est en cours ({path}) : celle-ci attend qu'elle se termine.",
                file=sys.stderr,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # releases the lock, unless MkDocs or Pagefind still hold it


def _build(config: Path, folders: SiteFolders, lock_fd: int) -> int:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs), "build", "--strict", "--config-file", str(config), "--site-dir", str(folders.fresh)]
    # Its own session: Ctrl-C reaches this script only, which stops MkDocs and
    # Pagefind (one process group) and prints one line instead of their tracebacks.
    process = subprocess.Popen(
        command,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
        pass_fds=(lock_fd,),
    )
    try:
        returncode = process.wait()
    except (KeyboardInterrupt, BuildInterrupted):
        _stop(process)
        remove(folders.fresh)
        raise
    if returncode != 0:
        _stop(process)  # a Pagefind that MkDocs left behind, if it died abruptly
        remove(folders.fresh)
        kept = "le site précédent est intact" if exists(folders.site) else "aucun site n'a été écrit"
        print(f"La construction a échoué : {kept} ({folders.site}).", file=sys.stderr)
        return 1
    folders.fresh.rename(folders.ready)
    swap(folders)
    return 0


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop MkDocs and every process it started (Pagefind), politely, then not."""
    for stop_signal in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, stop_signal)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=_STOP_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise BuildInterrupted


if __name__ == "__main__":
    sys.exit(main())
