"""schema.org descriptions for every kind of page, beside the resources' own.

Events:
- ``on_page_context``: add to ``structured_data`` (rendered by
  ``partials/head_structured_data.html``) the site and its publisher on the
  home page, a ``CollectionPage`` on listing and index pages, a
  ``BreadcrumbList`` on resource pages (their ``Article`` comes from
  ``reuse.py``), and a ``WebPage`` on every other page. Runs after
  ``browsing.py``, whose ``listing`` and ``index_page`` it reads.
"""

from __future__ import annotations

from typing import Any

from commons import build_state
from commons.listings import IndexPage, ListingPage
from commons.schema_org_pages import breadcrumb, home_descriptions, index_description, listing_description, web_page
from commons.site_pages import HOME_PAGE, SEARCH_PAGE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    state = build_state.current()
    publication = state.settings.publication
    description = str(page.meta.get("description") or state.settings.site_description)
    listing, index = context.get("listing"), context.get("index_page")
    if page.file.src_uri == HOME_PAGE:
        found = home_descriptions(publication, description, publication.absolute(config.theme["logo"]))
    elif isinstance(listing, ListingPage):
        found = [listing_description(publication, listing)]
    elif isinstance(index, IndexPage):
        found = [index_description(publication, index)]
    elif resource := state.catalogue.resource_at(page.file.src_uri):
        found = [breadcrumb(publication, resource)]
    else:
        title = page.title or state.settings.site_name
        found = [web_page(publication, page.url, title, description, search=page.file.src_uri == SEARCH_PAGE)]
    context["structured_data"] = [*context.get("structured_data", []), *found]
    return context
