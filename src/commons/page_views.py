"""What each page fed by the catalogue shows, and which pages an edit changes.

A resource page shows its resource, its related resources, its programme's
title and, on a programme's own page, the programme's first resources; a
listing or index page shows what ``listings`` planned for it. The listings
hook hands these views to the templates, and the preview compares them
before and after a save, to render again only the pages whose view changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue
from .listings import IndexPage, ListingPage, index_pages, listing_pages
from .model import Resource

PROGRAMME_RESOURCES_SHOWN = 6  # on a programme's page; its listing has them all
LATEST_ON_HOME = 6  # the home page's latest resources

PlannedPage = ListingPage | IndexPage


@dataclass(frozen=True)
class ResourcePageView:
    """The catalogue as one resource page shows it."""

    resource: Resource
    related: tuple[Resource, ...]
    programme: Resource | None  # the programme the resource belongs to: its facts name it
    programme_resources: tuple[Resource, ...] = ()  # on a programme's own page: its first resources
    programme_resources_total: int = 0


def resource_page_view(catalogue: Catalogue, resource: Resource) -> ResourcePageView:
    programme = catalogue.programme(resource.programme) if resource.programme else None
    if resource.type.key != "programme":
        return ResourcePageView(resource, tuple(catalogue.related(resource)), programme)
    members = catalogue.by_programme.get(resource.slug, [])
    return ResourcePageView(
        resource,
        tuple(catalogue.related(resource)),
        programme,
        tuple(members[:PROGRAMME_RESOURCES_SHOWN]),
        len(members),
    )


def planned_pages(catalogue: Catalogue) -> dict[str, PlannedPage]:
    """Every listing and index page of the site, by the ``src_uri`` it stands for."""
    pages: list[PlannedPage] = [*listing_pages(catalogue), *index_pages(catalogue)]
    return {page.src_uri: page for page in pages}


@dataclass(frozen=True)
class SiteViews:
    """Every catalogue-fed page's view, for one state of the catalogue."""

    resource_pages: dict[str, ResourcePageView]
    planned: dict[str, PlannedPage]


def site_views(catalogue: Catalogue, planned: dict[str, PlannedPage]) -> SiteViews:
    return SiteViews({r.src_uri: resource_page_view(catalogue, r) for r in catalogue.resources}, planned)


def changed_pages(before: SiteViews, after: SiteViews) -> set[str] | None:
    """The ``src_uri`` of every page whose view changed; ``None`` when pages appear or disappear."""
    if before.planned.keys() != after.planned.keys() or before.resource_pages.keys() != after.resource_pages.keys():
        return None
    changed = {src_uri for src_uri, view in after.resource_pages.items() if before.resource_pages[src_uri] != view}
    return changed | {src_uri for src_uri, page in after.planned.items() if before.planned[src_uri] != page}
