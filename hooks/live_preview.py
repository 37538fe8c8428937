"""The live preview (``make serve``): the site built whole once, then only what each save changes.

Not a hook: the engine behind ``scripts/preview.py``. ``mkdocs serve`` builds
the whole site again at every save, which takes as long as ``make site``;
this keeps the build's files, navigation and templates in memory instead, and
after a save renders again only the pages that show what changed:

- a Markdown edit that leaves the front matter's meaning as it was: that page;
- a front-matter change (a title, the themes, a date...): that page, every
  listing and resource page whose view changed (``commons.page_views``: cards,
  related resources, a programme's resources and its title) and the free
  pages (home, timeline, reuse...), which are few;
- anything else (a file added, renamed or deleted, a vocabulary, a template,
  ``mkdocs.yml``, a listing that appears or empties, a draft published):
  the whole site again, as ``mkdocs serve`` would.

Feeds, open data, share cards, the sitemap and the search index follow in
the background: a production build of the same files in another folder, whose
files other than pages are copied in when it is done (``ArtefactBuilds``), so
the page of a save never waits for them.

A mistake never holds a page: the file keeps its last good version (or, if
it never had one, is left out, as ``hooks/validation.py`` does under
``serve``), and the problems are shown atop every page as it is served,
until the fix is saved.

It drives MkDocs' own build steps (``mkdocs.commands.build``, whose private
functions are stable in the frozen 1.6 line and in its fork ProperDocs);
``PreviewSite.build_whole`` follows ``build()`` step by step, keeping what it
builds.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import build_mode
import current_catalogue
import jinja2
import watchdog.events
import watchdog.observers
from commons.catalogue import Catalogue
from commons.model import ResourceChecks, load_content
from commons.page_views import SiteViews, changed_pages, site_views
from commons.problems import errors
from commons.site_config import site_path
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
)

log = logging.getLogger("mkdocs.plugins.commons.preview")

PROBLEMS_TEMPLATE = "partials/preview_problems.html"
# Where the problems go in a served page: Material's (empty) banner slot.
BANNER_SLOT = b'<div data-md-component="announce">'
# The live-reload script, served as a file of the site's origin so that the
# pages' Content-Security-Policy, which allows no inline script, lets it run:
# the preview serves the very bytes the build writes.
RELOAD_SCRIPT = re.compile(r"/\.preview/reload-(\d+)-(\d+)\.js")
# Where tests and the benchmark read what the preview has done: the number of
# saves it rendered, the one its feeds and search index describe, whether it is idle.
STATUS_PATH = "/.preview/status.json"


NOTHING_TO_DO = "rien à refaire"


@dataclass(frozen=True)
class SourceChanges:
    added: frozenset[str]
    removed: frozenset[str]
    modified: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.modified)


def source_stamps(roots: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``roots`` (or ``roots`` themselves, for files), with its modification time and size."""
    stamps: dict[str, tuple[int, int]] = {}
    for root in roots:
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            stat = path.stat()
            stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def compare_stamps(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> SourceChanges:
    return SourceChanges(
        added=frozenset(after.keys() - before.keys()),
        removed=frozenset(before.keys() - after.keys()),
        modified=frozenset(path for path in after.keys() & before.keys() if after[path] != before[path]),
    )


@dataclass
class _Built:
    """What a whole build kept: MkDocs' objects, and the catalogue's views they were rendered from."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    views: SiteViews
    catalogue: Catalogue

    @property
    def doc_files(self) -> Sequence[File]:
        return self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)


@dataclass
class PreviewSite:
    """The preview's site folder, and how to bring it up to date after a save."""

    config_file: Path
    site_dir: Path
    problems: list[str] = field(default_factory=list)  # shown atop every page while not empty
    _built: _Built | None = None
    _stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    _checks: ResourceChecks = field(default_factory=ResourceChecks)

    @property
    def watched(self) -> list[Path]:
        """What a save in can change the site: docs/, the templates, mkdocs.yml."""
        root = self.config_file.resolve().parent
        return [root / "docs", root / "overrides", self.config_file.resolve()]

    def update(self) -> str:
        """Bring the site up to date with the files; say what was done, in a few words."""
        stamps = source_stamps(self.watched)
        changes = compare_stamps(self._stamps, stamps)
        self._stamps = stamps
        if self._built is None or not changes:
            return self.build_whole() if self._built is None else NOTHING_TO_DO
        docs = self._built.config.docs_dir
        edited = [Path(path) for path in changes.modified]
        if changes.added or changes.removed or not all(p.suffix == ".md" and p.is_relative_to(docs) for p in edited):
            return self.build_whole()
        return self._render_edits([p.relative_to(docs).as_posix() for p in edited])

    def build_whole(self) -> str:
        """Build everything anew, as ``mkdocs.commands.build.build`` does, keeping its objects."""
        self._stamps = source_stamps(self.watched)
        self._checks = ResourceChecks()
        self._built = None
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            self._built = _build_whole(config)
        except Exception as error:  # the preview shows any failure, never stops
            config.plugins.on_build_error(error=error)
            self.problems = _failure_lines(error)
            return "construction impossible"
        self.problems = list(build_problems())
        return "site entier reconstruit"

    def _render_edits(self, edited: list[str]) -> str:
        built = self._built
        assert built is not None
        config = built.config
        root = Path(config.config_file_path).resolve().parent
        content = load_content(
            Path(config.docs_dir),
            root,
            publisher=config.extra["commons"]["publisher"],
            today=datetime.date.today(),
            checks=self._checks,
        )
        if content.blocking or content.vocabularies != built.catalogue.vocabularies:
            return self.build_whole()
        found = errors(content.problems)
        broken = {problem.path for problem in found}
        resources = {r.src_uri: r for r in content.resources}
        for old in built.catalogue.resources:  # a broken file keeps its last good version
            if old.src_uri not in resources and f"docs/{old.src_uri}" in broken:
                resources[old.src_uri] = old
        if resources.keys() != {r.src_uri for r in built.catalogue.resources} or any(
            resources[r.src_uri].draft != r.draft for r in built.catalogue.resources
        ):
            return self.build_whole()  # a resource appears, goes or changes inclusion
        catalogue = Catalogue(tuple(resources[r.src_uri] for r in built.catalogue.resources), content.vocabularies)
        current_catalogue.set_catalogue(catalogue)
        views = site_views(catalogue, current_catalogue.planned())
        changed = changed_pages(built.views, views)
        if changed is None:
            return self.build_whole()
        if changed:  # the front matter changed: the free pages read the catalogue in their own ways
            changed |= {f.src_uri for f in built.doc_files if f.src_uri not in views.resource_pages} - set(
                views.planned
            )
        changed |= {src_uri for src_uri in edited if f"docs/{src_uri}" not in broken}
        built.views, built.catalogue = views, catalogue
        pages = [f.page for f in built.doc_files if f.src_uri in changed and f.page is not None]
        if not _render(pages, built):
            return self.build_whole()  # a title in the navigation changed
        self.problems = [str(problem) for problem in found]
        return f"{len(pages)} page(s) rendue(s) à nouveau"


def build_problems() -> list[str]:
    """The problems ``hooks/validation.py`` found in the last build (files left out, or what stopped it)."""
    return list(build_mode.problems)


def _build_whole(config: MkDocsConfig) -> _Built:
    """``mkdocs.commands.build.build`` (1.6.1) for the preview: drafts shown, nothing cleaned twice."""
    inclusion = InclusionLevel.is_in_serve
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages(inclusion=inclusion):
        if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
            Page(None, file, config)
        assert file.page is not None
        mkdocs_build._populate_page(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=inclusion)
    for template in config.theme.static_templates:
        mkdocs_build._build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        mkdocs_build._build_extra_template(template, files, config, nav)
    catalogue = current_catalogue.catalogue()
    built = _Built(config, files, nav, env, site_views(catalogue, current_catalogue.planned()), catalogue)
    doc_files = built.doc_files
    for file in doc_files:
        assert file.page is not None
        mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
    for file in doc_files:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    config.plugins.on_post_build(config=config)
    return built


def _render(pages: list[Page], built: _Built) -> bool:
    """Read and render ``pages`` again; ``False`` if a title the navigation shows changed."""
    config, files, doc_files = built.config, built.files, built.doc_files
    listed = {id(page) for page in built.nav.pages}
    for page in pages:
        title = page.title
        mkdocs_build._populate_page(page, config, files)
        if id(page) in listed and page.title != title:
            return False
    for page in pages:
        excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        mkdocs_build._build_page(page, config, doc_files, built.nav, built.env, excluded=excluded)
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return True


def _failure_lines(error: Exception) -> list[str]:
    """What a failed build says, as the banner's lines: the problems, or the error itself."""
    left_out = build_problems()
    return left_out or [line for line in str(error).splitlines() if line.strip()] or [type(error).__name__]


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
            command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(self.config_file)]
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


class _WriteHandler(watchdog.events.FileSystemEventHandler):
    """Asks the server for a rebuild on a write: reading a file (the builds do) is an event too."""

    WRITES = frozenset(
        {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}
    )

    def __init__(self, server: PreviewServer) -> None:
        self.server = server

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in self.WRITES:
            self.server.want_rebuild()


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, told at once of a save, that shows the problems and keeps the pages' policy."""

    def __init__(self, site: PreviewSite, artefacts: ArtefactBuilds, host: str, port: int, mount_path: str) -> None:
        self.site = site
        self.artefacts = artefacts
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(site.site_dir), mount_path=mount_path)
        # Told by the system (inotify) rather than by polling every file twice a second.
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = 0.05  # an editor's save is over by then
        self.error_handler = self._error_page
        self.version = 0  # saves rendered so far
        self._building = False

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under ``path`` is written, created, moved or deleted; not when it is only read."""
        self._watched_paths[str(Path(path).resolve())] = 1
        handler = _WriteHandler(self)
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def want_rebuild(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def rebuild(self) -> None:
        self._building = True
        try:
            self._rebuild()
        finally:
            self._building = False

    def _rebuild(self) -> None:
        started = time.perf_counter()
        try:
            done = self.site.update()
            if done == NOTHING_TO_DO:
                return
        except Exception as error:  # a preview that stops answering is worse
            log.exception("aperçu : erreur inattendue")
            self.site.problems = _failure_lines(error)
            done = "erreur"
        log.info(f"aperçu : {done} en {time.perf_counter() - started:.2f} s")
        self.version += 1
        if self.site.problems:
            for problem in self.site.problems:
                log.error(problem)
        else:
            self.artefacts.start(self.version)

    def status(self) -> dict[str, Any]:
        with self._rebuild_cond:
            idle = not (self._want_rebuild or self._building)
        return {
            "version": self.version,
            "artefacts": self.artefacts.describes,
            "idle": idle,
            "problems": self.site.problems,
        }

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"]
        if path.removeprefix(self.mount_path.rstrip("/")) == STATUS_PATH:
            status = json.dumps(self.status()).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(status)))])
            return [status]
        if (reload_script := RELOAD_SCRIPT.fullmatch(path.removeprefix(self.mount_path.rstrip("/")))) is not None:
            epoch, request = reload_script.groups()
            script = _SCRIPT_TEMPLATE.substitute(epoch=epoch, request_id=request).encode()
            start_response("200 OK", [("Content-Type", "text/javascript"), ("Content-Length", str(len(script)))])
            return [script]
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        script = f'<script src="{self.mount_path}.preview/reload-{epoch}-{time.monotonic_ns()}.js"></script>'
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        content = content[:body_end] + script.encode() + content[body_end:]
        if self.site.problems and (slot := content.find(BANNER_SLOT)) >= 0:
            banner = self._banner().encode()
            content = content[: slot + len(BANNER_SLOT)] + banner + content[slot + len(BANNER_SLOT) :]
        return content

    def _banner(self) -> str:
        built = self.site._built
        env = built.env if built else jinja2.Environment(loader=jinja2.FileSystemLoader(self.site.watched[1]))
        return env.get_template(PROBLEMS_TEMPLATE).render(preview_problems=self.site.problems)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def serve(config_file: Path, host: str, port: int) -> None:
    """Build the preview, then serve it on ``host:port`` under the site's path until Ctrl-C."""
    site_dir = Path(tempfile.mkdtemp(prefix="apercu-"))
    site = PreviewSite(config_file, site_dir)
    artefacts = ArtefactBuilds(config_file, site_dir)
    server = PreviewServer(site, artefacts, host, port, site_path(load_config(str(config_file)).site_url))
    try:
        server.rebuild()
        for path in site.watched:
            server.watch(str(path))
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        log.info("aperçu arrêté")
    finally:
        server.shutdown()
        artefacts.stop()
        shutil.rmtree(site_dir, ignore_errors=True)
