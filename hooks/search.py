"""Search: Pagefind replaces Material's lunr search.

Events:
- ``on_config``: refuse Material's search plugin, whose single lunr index
  grows to megabytes on a large site and knows no facets.
- ``on_page_context``: hand the templates the page's ``SearchRecord`` (facets,
  result metadata, sort key) as ``search_record``; ``None`` for drafts and
  non-resource pages, so that only published resources become results; the
  filter pane's facets as ``search_facets``; and, on the search page, the
  latest resources' result cards as ``search_latest``, so that an empty
  query lists them without Pagefind loading its whole index, and the browse
  index's address as ``search_browse``.
- ``on_files`` (last): add the browse index (``commons.search_browsing``),
  from which the search page lists results without words (filters alone,
  more of the latest resources) instead of Pagefind's whole index: generated
  files of the build, made from the catalogue before any page is rendered,
  so that every rendering process and the live preview have them; and put
  the resource pages first in the build order.
- ``on_post_page``: once every resource page is written (by this process,
  then by the renderers ``parallel_rendering.py`` forked), start Pagefind's
  command line (from the ``pagefind[bin]`` package) on them, in French, as a
  subprocess: it indexes while MkDocs renders the listing pages and the rest.
- ``on_post_build``: wait for the index and check it holds every published
  resource. Runs after every build, ``mkdocs serve`` rebuilds included.
- ``on_build_error``: stop an indexing that was started, so that nothing
  writes into the folder of a failed build.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from commons import build_state
from commons.search_browsing import BrowseIndex, browse_index
from commons.search_index import INDEX_FOLDER, PagefindRun, SearchIndexError, SearchIndexing
from commons.search_records import FACETS, latest_results, search_record
from commons.site_pages import SEARCH_PAGE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material registers its plugin as "material/search" even when declared as "search".
    if {"search", "material/search"} & set(config.plugins):
        raise PluginError(
            "mkdocs.yml : le plugin de recherche de Material est activé, mais la recherche du site est faite "
            "par Pagefind (hooks/search.py). Retirez « search » de la liste « plugins »."
        )
    return config


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    catalogue = build_state.current().catalogue
    resource = catalogue.resource_at(page.file.src_uri)
    # Drafts are shown by `mkdocs serve` but must never be found.
    context["search_record"] = search_record(resource, catalogue) if resource and not resource.draft else None
    context["search_facets"] = FACETS
    if page.file.src_uri == SEARCH_PAGE:
        context["search_latest"] = latest_results(catalogue)
        # From the catalogue the page is rendered with: the live preview renders
        # this page again after a save, and its background build writes the files.
        context["search_browse"] = _browse_index().address
    return context


@event_priority(-100)  # after browsing.py and open_data.py have added their pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    # No file of docs/ can take their place: the checks refuse a .json outside
    # docs/assets/ (data/published_files.yml) before any hook adds files.
    for src_uri, text in _browse_index().files.items():
        files.append(File.generated(config, src_uri, content=text.encode("utf-8")))
    published = {r.src_uri for r in state.catalogue.published}
    state.search_indexing = SearchIndexing(resources_to_write=len(published))
    return Files(sorted(files, key=lambda file: file.src_uri not in published))  # stable: resources first


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    state = build_state.current()
    if (indexing := state.search_indexing) is None:
        return output  # a page the live preview renders again, after the build: indexed in the background
    if indexing.pagefind is None and indexing.resources_to_write == 0 and _published_count() > 0:
        # The last resource page was written just before this page was rendered.
        indexing.wait_for_other_writers()
        indexing.pagefind = PagefindRun(Path(config.site_dir))
    resource = state.catalogue.resource_at(page.file.src_uri)
    if resource and not resource.draft:
        indexing.resources_to_write -= 1
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    state = build_state.current()
    indexing, state.search_indexing = state.search_indexing, None
    assert indexing is not None, "on_files starts the indexing"
    expected = _published_count()
    if expected == 0:
        # Pagefind indexes every page when none carries data-pagefind-body:
        # listings and the home page would become results.
        shutil.rmtree(site / INDEX_FOLDER, ignore_errors=True)
        log.info("aucune ressource publiée : pas d'index de recherche")
        return
    started = time.perf_counter()
    try:
        report = (indexing.pagefind or PagefindRun(site)).finish()
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    if report:  # warnings, e.g. a page it could not read
        log.info(f"Pagefind signale :\n{report}")
    indexed = _indexed_pages(site / INDEX_FOLDER)
    log.info(f"{indexed} ressources indexées par Pagefind ({time.perf_counter() - started:.1f} s après le rendu)")
    if indexed != expected:
        log.warning(
            f"Pagefind a indexé {indexed} pages mais le catalogue compte {expected} ressources publiées : "
            "vérifiez que overrides/partials/content.html garde data-pagefind-body sur les ressources."
        )


def on_build_error(*, error: Exception) -> None:
    if (state := build_state.current_or_none()) is None:  # the build stopped before it had a state
        return
    indexing, state.search_indexing = state.search_indexing, None
    if indexing and indexing.pagefind:
        indexing.pagefind.stop()


def _browse_index() -> BrowseIndex:
    state = build_state.current()
    if state.search_browse is None or state.search_browse[0] is not state.catalogue:
        state.search_browse = (state.catalogue, browse_index(state.catalogue))
    return state.search_browse[1]


def _published_count() -> int:
    return len(build_state.current().catalogue.published)


def _indexed_pages(output: Path) -> int:
    # The entry file counts the pages that made it into the index.
    entry = json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
