"""Sharing: the preview a shared link gets, and each resource's card image.

Events:
- ``on_files``: draw the share card of every published resource and of the
  site (``commons.share_cards``), or take it from the cache folder
  ``.cache/share-cards/`` when nothing drawn on it changed, and add it to the
  site under ``assets/partage/``.
- ``on_page_context``: hand ``partials/head_sharing.html`` the page's Open
  Graph and Twitter-card metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import current_catalogue
from commons.credit import Publication
from commons.licences import licence_registry
from commons.listings import IndexPage, ListingPage
from commons.model import Resource
from commons.open_graph import sharing
from commons.share_cards import Card, cached_cards
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

CARDS = "assets/partage"
SITE_CARD = f"{CARDS}/site.png"
SITE_CARD_KIND = "Centre de ressources"

log = get_plugin_logger(__name__)

_cards: dict[str, Card] = {}  # image path in the site -> its card, for this build


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _cards.clear()  # hook modules live across `mkdocs serve` rebuilds
    _cards[SITE_CARD] = _site_card(config)
    for resource in current_catalogue.catalogue().published:
        _cards[_card_path(resource)] = _resource_card(resource, config)
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "share-cards"
    stored = cached_cards(_cards.values(), cache)
    for src_uri, card in _cards.items():
        files.append(File.generated(config, src_uri, abs_src_path=str(stored.paths[card])))
    log.info("%d carte(s) de partage dessinée(s), %d reprise(s) du cache", stored.drawn, len(_cards) - stored.drawn)
    return files


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    publication = Publication.of(config.site_url or "/", config.site_name, config.extra["commons"])
    catalogue = current_catalogue.catalogue()
    resource = catalogue.resource_at(page.file.src_uri)
    image = _card_path(resource) if resource and not resource.draft else SITE_CARD
    listed = context.get("listing") or context.get("index_page")
    description = (
        listed.description
        if isinstance(listed, ListingPage | IndexPage)
        else page.meta.get("description") or config.site_description or ""
    )
    themes = catalogue.vocabularies.themes
    context["sharing"] = sharing(
        publication,
        url=page.url,
        title=config.site_name if page.is_homepage else page.title or config.site_name,
        description=str(description),
        image=image,
        # From the resource, not from _cards: the live preview renders a page
        # again after its title changed, without drawing the cards anew.
        image_alt=(_resource_card(resource, config) if image != SITE_CARD and resource else _site_card(config)).alt,
        resource=resource,
        tags=[themes[slug].label for slug in resource.themes if slug in themes] if resource else (),
    )
    return context


def _card_path(resource: Resource) -> str:
    return f"{CARDS}/{resource.type.folder}/{resource.slug}.png"


def _resource_card(resource: Resource, config: MkDocsConfig) -> Card:
    licence = resource.licence
    return Card(resource.title, resource.type.label, licence.short_name, licence.open, config.site_name)


def _site_card(config: MkDocsConfig) -> Card:
    licence = licence_registry()[config.extra["commons"]["default_licence"]]
    title = config.site_description or config.site_name
    return Card(title, SITE_CARD_KIND, licence.short_name, licence.open, config.site_name)
