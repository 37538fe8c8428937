"""Search: Pagefind replaces Material's lunr search.

Events:
- ``on_config``: refuse Material's search plugin, whose single lunr index
  grows to megabytes on a large site and knows no facets.
- ``on_page_context``: hand the templates the page's ``SearchRecord`` (facets,
  result metadata, sort key) as ``search_record``; ``None`` for drafts and
  non-resource pages, so that only published resources become results; and
  the filter pane's facets as ``search_facets``.
- ``on_post_build``: index the built site with Pagefind's Python API, in
  French. Runs after every build, ``mkdocs serve`` rebuilds included.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from pathlib import Path
from typing import Any

import current_catalogue
from commons.search_records import FACETS, search_record
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
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


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    output = site / INDEX_FOLDER
    shutil.rmtree(output, ignore_errors=True)
    expected = len(current_catalogue.catalogue().published)
    if expected == 0:
        # Pagefind indexes every page when none carries data-pagefind-body:
        # listings and the home page would become results.
        log.info("aucune ressource publiée : pas d'index de recherche")
        return
    started = time.perf_counter()
    indexed = _index_with_one_retry(site, output)
    log.info(f"{indexed} ressources indexées par Pagefind en {time.perf_counter() - started:.1f} s")
    if indexed != expected:
        log.warning(
            f"Pagefind a indexé {indexed} pages mais le catalogue compte {expected} ressources publiées : "
            "vérifiez que overrides/partials/content.html garde data-pagefind-body sur les ressources."
        )


def _index_with_one_retry(site: Path, output: Path) -> int:
    """Index the site, and once more from scratch if the Pagefind service fails.

    The service answers Python over a pipe; on a loaded machine it has been
    seen to send an empty message ("Expecting value") where a second run
    went through.
    """
    try:
        asyncio.run(_index(site, output))
        return _indexed_pages(output)
    except Exception as error:  # the Pagefind service reports failures as bare Exceptions
        log.info(f"Pagefind a échoué ({error}) : nouvel essai")
        shutil.rmtree(output, ignore_errors=True)
    try:
        asyncio.run(_index(site, output))
        return _indexed_pages(output)
    except Exception as error:
        raise PluginError(f"Pagefind n'a pas pu construire l'index de recherche : {error}") from error


async def _index(site: Path, output: Path) -> None:
    config = IndexConfig(
        # One French index for the whole site: French stemming, and accents
        # folded so that « evenement » finds « événement ».
        force_language="fr",
        exclude_selectors=EXCLUDED_SELECTORS,
        output_path=str(output),
    )
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site))


def _indexed_pages(output: Path) -> int:
    # add_directory counts every HTML file it read; the entry file counts the
    # pages that made it into the index.
    entry = json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
