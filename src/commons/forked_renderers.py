"""Pages rendered by several processes at once: a fork per extra core, each writing its share.

Rendering pages is most of a build, and one Python process uses one core.
Once every page is read and the templates are ready, the build forks: each
forked renderer writes its share of the pages into the same site folder,
while the process that forked writes the rest, then waits for them.

A forked renderer never returns into the build: it reports to the process
that forked it through a pipe, then ends with ``os._exit``. Its reports:
- its log records, which that process logs again, so that every warning is
  printed once and counts in ``--strict``;
- once, that its share of the resource pages is written, for the search
  index (``search.py``), which starts when every resource page is written;
- at the end, that it is done, or why it failed.

Plain Python over ``os.fork``, with no MkDocs import: ``hooks/parallel_rendering.py``
decides what each process renders.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from typing import Any, TypeVar

Item = TypeVar("Item")

_LOG = "log"
_RESOURCES_WRITTEN = "resources-written"
_DONE = "done"
_FAILED = "failed"
_PROCESSES_AT_MOST = 4  # measured on two cores only; a bound, so that a large CI runner does not fork dozens
RENDER_PROCESSES_VARIABLE = (
    "COMMONS_RENDER_PROCESSES"  # the environment variable; 1 renders in one process (a debugger)
)


class RendererError(Exception):
    """A forked renderer failed or died; its message, in French."""


def render_processes() -> int:
    """How many processes render pages: one per available core, at most four, or the environment's choice.

    One on systems other than Linux: Windows cannot fork, and macOS's system
    libraries are not safe to use in a forked process.
    """
    if chosen := os.environ.get(RENDER_PROCESSES_VARIABLE, "").strip():
        if not chosen.isdigit() or int(chosen) == 0:
            raise ValueError(
                f"{RENDER_PROCESSES_VARIABLE}={chosen} : un nombre de processus est attendu (1 pour un seul)."
            )
        return int(chosen) if hasattr(os, "fork") else 1
    if sys.platform != "linux":
        return 1
    return max(1, min(_PROCESSES_AT_MOST, len(os.sched_getaffinity(0))))


def shares(items: Sequence[Item], processes: int) -> list[list[Item]]:
    """``items`` dealt out in turn: each share keeps their order and gets as many of each kind."""
    return [list(items[index::processes]) for index in range(processes)]


@dataclass
class _Forked:
    pid: int
    reports: Connection
    resources_written: bool = False
    exit_code: int | None = None  # once reaped: its status, or minus the signal that stopped it

    def reap(self) -> int:
        if self.exit_code is None:
            self.reports.close()
            _, status = os.waitpid(self.pid, 0)
            self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code


@dataclass
class ForkedRenderers:
    """The processes forked to render pages, seen from the process that forked them."""

    forked: list[_Forked] = field(default_factory=list)

    def wait_for_resources(self) -> None:
        """Block until every forked renderer has written its share of the resource pages."""
        for renderer in self.forked:
            while not renderer.resources_written:
                self._next_report(renderer)

    def join(self) -> None:
        """Wait for every forked renderer to finish; raise ``RendererError`` if one did not succeed."""
        failures = []
        for renderer in self.forked:
            try:
                while self._next_report(renderer) != _DONE:
                    pass
                if code := renderer.reap():
                    failures.append(f"un processus de rendu s'est terminé avec le code {code}")
            except RendererError as failure:
                failures.append(str(failure))
            finally:
                renderer.reap()
        self.forked.clear()
        if failures:
            raise RendererError(" ; ".join(failures))

    def stop(self) -> None:
        """Stop every forked renderer still running (the build failed elsewhere)."""
        for renderer in self.forked:
            if renderer.exit_code is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(renderer.pid, signal.SIGTERM)
            renderer.reap()
        self.forked.clear()

    def _next_report(self, renderer: _Forked) -> str:
        try:
            kind, payload = renderer.reports.recv()
        except (EOFError, OSError):  # it died, or was reaped after an earlier failure
            code = renderer.reap()
            how = f"par le signal {-code}" if code < 0 else f"avec le code {code}"
            raise RendererError(f"un processus de rendu s'est arrêté {how} sans rendre compte") from None
        if kind == _LOG:
            record = logging.makeLogRecord(payload)
            logging.getLogger(record.name).handle(record)
        elif kind == _RESOURCES_WRITTEN:
            renderer.resources_written = True
        elif kind == _FAILED:
            raise RendererError(payload)
        return str(kind)


class ForkedRenderer:
    """This process, forked to render a share of the pages: what it reports, and how it ends."""

    def __init__(self, reports: Connection, logger_name: str) -> None:
        self._reports = reports
        self.resources_to_write = 0  # published resource pages of its share, set by the hook that forked
        self._resources_reported = False
        # Its records go to the process that forked it, which prints and counts them.
        logger = logging.getLogger(logger_name)
        level = min((handler.level for handler in logger.handlers), default=logging.NOTSET)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_ForwardingHandler(reports, level))

    def rendering(self, *, published_resource: bool) -> None:
        """A page is being rendered, so the one before it is written: report when no resource is left."""
        if self.resources_to_write == 0:
            self._report_resources_written()
        if published_resource:
            self.resources_to_write -= 1

    def finish(self) -> None:
        """Report success and end this process, without returning into the build."""
        self._report_resources_written()  # its last page was a resource, or it had none
        self._end(_DONE, None, status=0)

    def fail(self, error: BaseException) -> None:
        """Report ``error`` and end this process, without returning into the build."""
        self._end(_FAILED, f"{type(error).__name__} : {error}", status=1)

    def _report_resources_written(self) -> None:
        if not self._resources_reported:
            self._resources_reported = True
            self._reports.send((_RESOURCES_WRITTEN, None))

    def _end(self, kind: str, payload: Any, *, status: int) -> None:
        try:
            self._reports.send((kind, payload))
            self._reports.close()
        finally:
            os._exit(status)


def fork_renderers(count: int, logger_name: str) -> tuple[int, ForkedRenderer | ForkedRenderers]:
    """Fork ``count`` renderers, whose records go through ``logger_name``'s handlers of the forking process.

    Returns the share this process renders and what it is: in the process
    that forked, share 0 and the renderers to wait for; in each forked
    process, a share from 1 to ``count`` and the ``ForkedRenderer`` it is.
    """
    renderers = ForkedRenderers()
    for share in range(1, count + 1):
        reader, writer = Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # else text buffered before the fork would be printed twice
        pid = os.fork()
        if pid == 0:
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                # Ctrl-C in a terminal reaches every process of the group: a forked
                # renderer just stops, and the forking process reports the interruption.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
            reader.close()
            for earlier in renderers.forked:
                earlier.reports.close()
            return share, ForkedRenderer(writer, logger_name)
        writer.close()
        renderers.forked.append(_Forked(pid, reader))
    return 0, renderers


class _ForwardingHandler(logging.Handler):
    def __init__(self, reports: Connection, level: int) -> None:
        super().__init__(level)
        self._reports = reports

    def emit(self, record: logging.LogRecord) -> None:
        # Only what pickles: the message made whole, a traceback as text.
        fields = dict(record.__dict__)
        fields["msg"], fields["args"] = record.getMessage(), None
        if record.exc_info:
            fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
        fields["exc_info"] = None
        self._reports.send((_LOG, fields))
