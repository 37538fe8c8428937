"""The Pagefind command that indexes the built resource pages, and its run beside the build.

The search hook runs it during the build; the benchmark runs it alone on a
built site. Which pages it reads comes from the registry of resource types.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .resource_types import resource_pages_glob

INDEX_FOLDER = "pagefind"
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies

# Words inside an indexed resource that are not its content: permalink signs.
# The facts, the type and licence badges and the webinar's labels carry
# data-pagefind-ignore in the templates: they are facets, and words every
# resource shares (« Type », « Pour », « webinaire ») would match them all.
EXCLUDED_SELECTORS = [".headerlink"]
# Where Pagefind finds all it reads: the element that partials/content.html
# marks with data-pagefind-body (text, facets, result metadata). Told so, it
# leaves the head, header, navigation and footer alone and gives the same
# index, file for file, for 40 % less CPU time (2,000 resources: 2.1 s
# against 3.6 s; tests/integration/test_search_index.py compares the files).
ROOT_SELECTOR = "[data-pagefind-body]"


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The command that indexes the resource pages of the built ``site`` into ``output``."""
    # The command line, not the Python API: the API's service answers at most
    # one message every 0.1 s and, on 2,000 pages, took twice as long as the
    # command line (7.0 s against 3.6 s) for the same index.
    arguments = ["--site", str(site), "--glob", resource_pages_glob(), "--output-path", str(output)]
    arguments += ["--root-selector", ROOT_SELECTOR]
    # One French index for the whole site: French stemming, and accents folded
    # so that « evenement » finds « événement ».
    arguments += ["--force-language", "fr", "--quiet"]
    for selector in EXCLUDED_SELECTORS:
        arguments += ["--exclude-selectors", selector]
    return [sys.executable, "-m", "pagefind", *arguments]


class SearchIndexError(Exception):
    """Pagefind failed: its code and what it printed, in French."""


class PagefindRun:
    """A running Pagefind command, and what it prints (errors and warnings only)."""

    def __init__(self, site: Path) -> None:
        output = site / INDEX_FOLDER
        shutil.rmtree(output, ignore_errors=True)
        self.report = tempfile.TemporaryFile()  # noqa: SIM115 -- outlives this call; closed by finish() or stop()
        self.process = subprocess.Popen(
            pagefind_command(site, output),
            stdout=self.report,
            stderr=subprocess.STDOUT,
            preexec_fn=_stop_with_parent,  # noqa: PLW1509 - MkDocs renders pages in this thread only
        )

    def finish(self) -> str:
        """Wait for the index; what Pagefind reported (warnings, e.g. a page it could not read), if anything."""
        with self.report:
            returncode = self.process.wait()
            self.report.seek(0)
            report = self.report.read().decode("utf-8", errors="replace").strip()
        if returncode != 0:
            raise SearchIndexError(
                f"Pagefind n'a pas pu construire l'index de recherche (code {returncode}) :\n{report}"
            )
        return report

    def stop(self) -> None:
        with self.report:
            self.process.kill()
            self.process.wait()


def _stop_with_parent() -> None:
    """In the Pagefind process, before it starts: die with MkDocs, even if MkDocs is killed (Linux)."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class SearchIndexing:
    """The index of the build in progress: resource pages still to be written, and the running command."""

    resources_to_write: int  # by this process
    pagefind: PagefindRun | None = None
    # Blocks until the other processes rendering pages (parallel_rendering.py)
    # have written theirs: Pagefind reads every resource page once it starts.
    wait_for_other_writers: Callable[[], None] = lambda: None
