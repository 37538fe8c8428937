"""Search: Pagefind replaces Material's lunr search.

Events:
- ``on_config``: refuse Material's search plugin, whose single lunr index
  grows to megabytes on a large site and knows no facets.
- ``on_page_context``: hand the templates the page's ``SearchRecord`` (facets,
  result metadata, sort key) as ``search_record``; ``None`` for drafts and
  non-resource pages, so that only published resources become results; and
  the filter pane's facets as ``search_facets``.
- ``on_files`` (last): put the resource pages first in the build order.
- ``on_post_page``: once every resource page is written, start Pagefind's
  command line (from the ``pagefind[bin]`` package) on them, in French, as a
  subprocess: it indexes on the machine's other core while MkDocs renders
  the listing pages and the rest.
- ``on_post_build``: wait for the index and check it holds every published
  resource. Runs after every build, ``mkdocs serve`` rebuilds included.
- ``on_build_error``: stop an indexing that was started, so that nothing
  writes into the folder of a failed build.
"""

from __future__ import annotations

import ctypes
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import current_catalogue
from commons.search_index import INDEX_FOLDER, pagefind_command
from commons.search_records import FACETS, search_record
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


class _Pagefind:
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

    def finish(self) -> None:
        with self.report:
            returncode = self.process.wait()
            self.report.seek(0)
            report = self.report.read().decode("utf-8", errors="replace").strip()
        if returncode != 0:
            raise PluginError(f"Pagefind n'a pas pu construire l'index de recherche (code {returncode}) :\n{report}")
        if report:  # warnings, e.g. a page it could not read
            log.info(f"Pagefind signale :\n{report}")

    def stop(self) -> None:
        with self.report:
            self.process.kill()
            self.process.wait()


def _stop_with_parent() -> None:
    """In the Pagefind process, before it starts: die with MkDocs, even if MkDocs is killed (Linux)."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class _Indexing:
    """The index of the build in progress: resource pages still to be written, and the running command."""

    def __init__(self, resources_to_write: int) -> None:
        self.resources_to_write = resources_to_write
        self.pagefind: _Pagefind | None = None


_build: dict[str, _Indexing] = {}  # one entry, reset at every build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material registers its plugin as "material/search" even when declared as "search".
    if {"search", "material/search"} & set(config.plugins):
        raise PluginError(
            "mkdocs.yml : le plugin de recherche de Material est activé, mais la recherche du site est faite "
            "par Pagefind (hooks/search.py). Retirez « search » de la liste « plugins »."
        )
    return config


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    catalogue = current_catalogue.catalogue()
    resource = catalogue.resource_at(page.file.src_uri)
    # Drafts are shown by `mkdocs serve` but must never be found.
    context["search_record"] = search_record(resource, catalogue) if resource and not resource.draft else None
    context["search_facets"] = FACETS
    return context


@event_priority(-100)  # after listings.py and open_data.py have added their pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    catalogue = current_catalogue.catalogue()
    published = {r.src_uri for r in catalogue.published}
    _build["indexing"] = _Indexing(resources_to_write=len(published))
    return Files(sorted(files, key=lambda file: file.src_uri not in published))  # stable: resources first


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    indexing = _build["indexing"]
    if indexing.pagefind is None and indexing.resources_to_write == 0 and _published_count() > 0:
        # The last resource page was written just before this page was rendered.
        indexing.pagefind = _Pagefind(Path(config.site_dir))
    resource = current_catalogue.catalogue().resource_at(page.file.src_uri)
    if resource and not resource.draft:
        indexing.resources_to_write -= 1
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    indexing = _build.pop("indexing")
    expected = _published_count()
    if expected == 0:
        # Pagefind indexes every page when none carries data-pagefind-body:
        # listings and the home page would become results.
        shutil.rmtree(site / INDEX_FOLDER, ignore_errors=True)
        log.info("aucune ressource publiée : pas d'index de recherche")
        return
    started = time.perf_counter()
    (indexing.pagefind or _Pagefind(site)).finish()
    indexed = _indexed_pages(site / INDEX_FOLDER)
    log.info(f"{indexed} ressources indexées par Pagefind ({time.perf_counter() - started:.1f} s après le rendu)")
    if indexed != expected:
        log.warning(
            f"Pagefind a indexé {indexed} pages mais le catalogue compte {expected} ressources publiées : "
            "vérifiez que overrides/partials/content.html garde data-pagefind-body sur les ressources."
        )


def on_build_error(*, error: Exception) -> None:
    indexing = _build.pop("indexing", None)
    if indexing and indexing.pagefind:
        indexing.pagefind.stop()


def _published_count() -> int:
    return len(current_catalogue.catalogue().published)


def _indexed_pages(output: Path) -> int:
    # The entry file counts the pages that made it into the index.
    entry = json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
