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

from commons import build_state
from commons.listings import IndexPage, ListingPage
from commons.model import Resource
from commons.open_graph import sharing
from commons.share_cards import Card, cached_cards
from commons.site_settings import SiteSettings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

CARDS = "assets/partage"
SITE_CARD = f"{CARDS}/site.png"
SITE_CARD_KIND = "Centre de ressources"

log = get_plugin_logger(__name__)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    cards = state.share_cards
    cards[SITE_CARD] = _site_card(state.settings)
    for resource in state.catalogue.published:
        cards[_card_path(resource)] = _resource_card(resource, state.settings)
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "share-cards"
    stored = cached_cards(cards.values(), cache)
    for src_uri, card in cards.items():
        files.append(File.generated(config, src_uri, abs_src_path=str(stored.paths[card])))
    log.info("%d carte(s) de partage dessinée(s), %d reprise(s) du cache", stored.drawn, len(cards) - stored.drawn)
    return files


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    state = build_state.current()
    settings, catalogue = state.settings, state.catalogue
    resource = catalogue.resource_at(page.file.src_uri)
    image = _card_path(resource) if resource and not resource.draft else SITE_CARD
    listed = context.get("listing") or context.get("index_page")
    description = (
        listed.description
        if isinstance(listed, ListingPage | IndexPage)
        else page.meta.get("description") or settings.site_description
    )
    themes = catalogue.vocabularies.themes
    context["sharing"] = sharing(
        settings.publication,
        url=page.url,
        title=settings.site_name if page.is_homepage else page.title or settings.site_name,
        description=str(description),
        image=image,
        # From the resource, not from the build's cards: the live preview renders
        # a page again after its title changed, without drawing the cards anew.
        image_alt=(
            _resource_card(resource, state.settings) if resource and image != SITE_CARD else _site_card(state.settings)
        ).alt,
        resource=resource,
        tags=[themes[slug].label for slug in resource.themes if slug in themes] if resource else (),
    )
    return context


def _card_path(resource: Resource) -> str:
    return f"{CARDS}/{resource.type.folder}/{resource.slug}.png"


def _resource_card(resource: Resource, settings: SiteSettings) -> Card:
    licence = resource.licence
    return Card(resource.title, resource.type.label, licence.short_name, licence.open, settings.site_name)


def _card_of(resource: Resource | None, settings: SiteSettings) -> Card:
    return _resource_card(resource, settings) if resource else _site_card(settings)


def _site_card(settings: SiteSettings) -> Card:
    licence = settings.default_licence
    title = settings.site_description or settings.site_name
    return Card(title, SITE_CARD_KIND, licence.short_name, licence.open, settings.site_name)
