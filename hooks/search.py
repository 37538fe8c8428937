"""Search: Pagefind replaces Material's lunr search.

Events:
- ``on_config``: refuse Material's search plugin, whose single lunr index
  grows to megabytes on a large site and knows no facets.
- ``on_page_context``: hand the templates the page's ``SearchRecord`` (facets,
  result metadata, sort key) as ``search_record``; ``None`` for drafts and
  non-resource pages, so that only published resources become results; and
  the filter pane's facets as ``search_facets``.
- ``on_files`` (last): put the resource pages first in the build order.
- ``on_post_page``: once every resource page is written, start indexing
  them with Pagefind's Python API, in French, on a background thread: the
  Pagefind service works on the machine's other core while MkDocs renders
  the listing pages and the rest.
- ``on_post_build``: wait for the index (indexing the site again, once, if
  the service failed). Runs after every build, ``mkdocs serve`` rebuilds
  included.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import current_catalogue
from commons.search_records import FACETS, search_record
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pagefind.index import IndexConfig, PagefindIndex

log = get_plugin_logger(__name__)

INDEX_FOLDER = "pagefind"

# Words inside an indexed resource that are not its content: permalink signs,
# and the labels of its facts (« Publié le », « Thème »), which every resource
# shares and which would make « thème » find them all. The facts' values
# (authors, themes, dates) stay searchable.
EXCLUDED_SELECTORS = [".headerlink", ".commons-facts dt"]

# Pagefind's service answers its Python client at most once every 0.1 s, so
# the index is fed whole folders (add_directory), never page by page.
RESOURCE_PAGES_GLOB = "{guides,webinaires,programmes}/*/index.html"


class _Indexing:
    """The index of the build in progress: resource pages still to be written, and the running job."""

    def __init__(self, resources_to_write: int) -> None:
        self.resources_to_write = resources_to_write
        self.job: Future[int] | None = None


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
    if indexing.job is None and indexing.resources_to_write == 0 and _published_count() > 0:
        # The last resource page was written just before this page was rendered.
        indexing.job = _in_background(Path(config.site_dir))
    resource = current_catalogue.catalogue().resource_at(page.file.src_uri)
    if resource and not resource.draft:
        indexing.resources_to_write -= 1
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    output = site / INDEX_FOLDER
    expected = _published_count()
    if expected == 0:
        # Pagefind indexes every page when none carries data-pagefind-body:
        # listings and the home page would become results.
        shutil.rmtree(output, ignore_errors=True)
        log.info("aucune ressource publiée : pas d'index de recherche")
        return
    started = time.perf_counter()
    job = _build.pop("indexing").job
    try:
        indexed = job.result() if job else _index_with_one_retry(site, output)
    except Exception as error:  # the Pagefind service reports failures as bare Exceptions
        log.info(f"Pagefind a échoué ({error}) : nouvel essai")
        indexed = _index_with_one_retry(site, output)
    log.info(f"{indexed} ressources indexées par Pagefind ({time.perf_counter() - started:.1f} s après le rendu)")
    if indexed != expected:
        log.warning(
            f"Pagefind a indexé {indexed} pages mais le catalogue compte {expected} ressources publiées : "
            "vérifiez que overrides/partials/content.html garde data-pagefind-body sur les ressources."
        )


def _published_count() -> int:
    return len(current_catalogue.catalogue().published)


def _in_background(site: Path) -> Future[int]:
    job: Future[int] = Future()

    def run() -> None:
        try:
            job.set_result(_index(site, site / INDEX_FOLDER))
        except BaseException as error:  # handed to on_post_build, which retries
            job.set_exception(error)

    threading.Thread(target=run, name="pagefind", daemon=True).start()
    return job


def _index_with_one_retry(site: Path, output: Path) -> int:
    """Index the built site, and once more from scratch if that fails.

    The service answers Python over a pipe; on a loaded machine it has been
    seen to send an empty message ("Expecting value") where a second run
    went through.
    """
    try:
        return _index(site, output)
    except Exception as error:  # the Pagefind service reports failures as bare Exceptions
        log.info(f"Pagefind a échoué ({error}) : nouvel essai")
    try:
        return _index(site, output)
    except Exception as error:
        raise PluginError(f"Pagefind n'a pas pu construire l'index de recherche : {error}") from error


def _index(site: Path, output: Path) -> int:
    """Index the resource pages of the built site; return how many pages the index holds."""
    shutil.rmtree(output, ignore_errors=True)
    asyncio.run(_index_resource_pages(site, output))
    return _indexed_pages(output)


async def _index_resource_pages(site: Path, output: Path) -> None:
    config = IndexConfig(
        # One French index for the whole site: French stemming, and accents
        # folded so that « evenement » finds « événement ».
        force_language="fr",
        exclude_selectors=EXCLUDED_SELECTORS,
        output_path=str(output),
    )
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site), glob=RESOURCE_PAGES_GLOB)


def _indexed_pages(output: Path) -> int:
    # The entry file counts the pages that made it into the index.
    entry = json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
