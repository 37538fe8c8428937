"""Browsing: the pages through which people find their way in the commons (listings, indexes, home, timeline).

Events:
- ``on_files``: add a virtual page for every listing page (by type, theme,
  audience, year, programme, paginated), every index page (themes, audiences,
  years) and the programmes timeline, unless a Markdown file already stands
  for it (``guides/index.md`` keeps its hand-written introduction).
- ``on_env``: the resource types, in the registry's order, for every page
  that offers a way in by type (the home page, the search page's fallback,
  the 404 page, which has no page context).
- ``on_page_markdown``: give those pages and the home page their template,
  without a table of contents, so that the cards take its room.
- ``on_page_context``: hand each template its data: the page's resources,
  the index entries, the timeline, the home page's latest resources, and on
  resource pages the related resources and a programme's resources.
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml
from commons import build_state
from commons.breadcrumbs import TIMELINE as TIMELINE_CRUMB
from commons.listings import ListingPage, index_pages, programme_listing
from commons.page_views import LATEST_ON_HOME, planned_pages, resource_page_view
from commons.resource_types import resource_types
from commons.site_pages import HOME_PAGE, TIMELINE_PAGE
from commons.timeline import timeline
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    state.generated_pages.update(planned_pages(state.catalogue))
    stubs = {src_uri: page.title for src_uri, page in state.generated_pages.items()}
    stubs[TIMELINE_PAGE] = TIMELINE_CRUMB.label
    for src_uri, title in stubs.items():
        if files.get_file_from_path(src_uri) is None:
            stub = "---\n" + yaml.safe_dump({"title": title}, allow_unicode=True) + "---\n"
            files.append(File.generated(config, src_uri, content=stub, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["resource_types"] = list(resource_types().values())
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    template = _template_for(page.file.src_uri)
    if template and "template" not in page.meta:
        page.meta["template"] = template
    if template in {"home.html", "listing.html", "index_page.html"}:
        # Cards and indexes have no sections to list: their grid takes the room.
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    return markdown


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    state = build_state.current()
    catalogue = state.catalogue
    src_uri = page.file.src_uri
    if (planned := state.generated_pages.get(src_uri)) is not None:
        context["listing" if isinstance(planned, ListingPage) else "index_page"] = planned
    elif src_uri == TIMELINE_PAGE:
        context["timeline"] = timeline(catalogue.programmes(), current_year=datetime.date.today().year)
    elif src_uri == HOME_PAGE:
        context["latest"] = catalogue.published[:LATEST_ON_HOME]
        themes, audiences, _years = index_pages(catalogue)
        context["theme_entries"], context["audience_entries"] = themes.entries, audiences.entries
    elif resource := catalogue.resource_at(src_uri):
        view = resource_page_view(catalogue, resource)
        context["related"] = list(view.related)
        if resource.type.key == "programme":
            context["programme_resources"] = list(view.programme_resources)
            context["programme_resources_total"] = view.programme_resources_total
            context["programme_listing_url"] = programme_listing(resource) + "/"
    return context


def _template_for(src_uri: str) -> str | None:
    if src_uri == HOME_PAGE:
        return "home.html"
    if src_uri == TIMELINE_PAGE:
        return "timeline.html"
    planned = build_state.current().generated_pages.get(src_uri)
    if planned is None:
        return None
    return "listing.html" if isinstance(planned, ListingPage) else "index_page.html"
