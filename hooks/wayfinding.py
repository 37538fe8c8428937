"""Wayfinding: the breadcrumb of every page, and the navigation tab it belongs to.

Events:
- ``on_page_context``: hand the templates the page's ``breadcrumb`` (the pages
  above it, home first); and, for a page the navigation does not list (a
  resource, a generated listing), mark the section of its nearest listed
  parent active, so that the right tab is lit and its side menu open.
- ``on_post_page``: turn that section off again: navigation objects are shared
  by every page of the build.
"""

from __future__ import annotations

from typing import Any

from commons.breadcrumbs import HOME, PROGRAMMES, Crumb
from commons.listings import ListingPage
from commons.site_pages import HOME_PAGE, TIMELINE_PAGE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

_lit: list[Section] = []


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["breadcrumb"] = trail = parents_of(page, context)
    if page.parent is None and (section := _listed_section(nav, trail)) is not None:
        section.active = True
        _lit.append(section)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    while _lit:
        _lit.pop().active = False
    return output


def parents_of(page: Page, context: dict[str, Any]) -> tuple[Crumb, ...]:
    """The pages above ``page``, from the home page down; none for the home page."""
    src_uri = page.file.src_uri
    if src_uri == HOME_PAGE:
        return ()
    if resource := context.get("resource"):
        return (HOME, Crumb(resource.type.plural, f"{resource.type.listing}/"))
    if isinstance(listing := context.get("listing"), ListingPage):
        return (HOME, *listing.parents)
    if src_uri == TIMELINE_PAGE:
        return (HOME, PROGRAMMES)
    if context.get("index_page"):  # themes, audiences, years: right under the home page
        return (HOME,)
    sections = [a for a in reversed(list(page.ancestors)) if isinstance(a, Section)]
    crumbs = (Crumb(s.title, url) for s in sections if (url := _first_page_url(s)) and url != page.url)
    return (HOME, *crumbs)


def _listed_section(nav: Navigation, trail: tuple[Crumb, ...]) -> Section | None:
    """The section of the navigation page nearest to the end of ``trail``."""
    by_url = {p.url: p for p in nav.pages}
    for crumb in reversed(trail):
        if (listed := by_url.get(crumb.url)) is not None and isinstance(listed.parent, Section):
            return listed.parent
    return None


def _first_page_url(section: Section) -> str:
    return next((child.url for child in section.children if isinstance(child, Page)), "")
