"""MkDocs' live-reload server for the preview: told of saves, showing problems, keeping the pages' policy."""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import watchdog.events
import watchdog.observers
from commons.site_config import site_path
from mkdocs.config import load_config
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
)

from .artefacts import ArtefactBuilds
from .site import NOTHING_TO_DO, PreviewSite

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
            self.site.problems = [f"aperçu : erreur inattendue ({type(error).__name__} : {error})"]
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
        path = environ["PATH_INFO"].removeprefix(self.mount_path.rstrip("/"))
        if path == STATUS_PATH:
            status = json.dumps(self.status()).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(status)))])
            return [status]
        if (reload_script := RELOAD_SCRIPT.fullmatch(path)) is not None:
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
        env = built.env if built else jinja2.Environment(loader=jinja2.FileSystemLoader(self.site.overrides))
        return env.get_template(PROBLEMS_TEMPLATE).render(preview_problems=self.site.problems)

    def _error_page(self, code: int) -> bytes | None:
        """The site's own page for ``code``, with the problems' list and the reload script, as every page.

        A new file with a mistake has no page yet: its address must say why.
        """
        page = self.site.site_dir / f"{code}.html"
        if code not in (404, 500) or not page.is_file():
            return None
        return self._inject_js_into_html(page.read_bytes(), self._visible_epoch)


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
