"""The sitemap's dates: when each page of the site last changed, from the front matter.

MkDocs dates every page with the build time; these dates follow the content
instead, so that harvesters re-read only what changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .catalogue import Catalogue, last_change
from .dates import as_date
from .listings import index_pages, listing_pages
from .model import Resource
from .site_pages import HOME_PAGE


@dataclass(frozen=True)
class SitePage:
    src_uri: str  # relative to docs/
    meta: Mapping[str, Any]
    generated: bool = False  # made by the build from the catalogue, not written by hand
    address: str = ""  # absolute, as the sitemap gives it


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of the sitemap."""

    loc: str
    lastmod: str | None  # an ISO date, when the page's last change is known


def sitemap_entries(pages: Sequence[SitePage], catalogue: Catalogue) -> list[SitemapEntry]:
    """The sitemap's entries for ``pages``, in their order, dated by ``last_modified_dates``."""
    dates = last_modified_dates(pages, catalogue, listing_members(catalogue))
    return [SitemapEntry(page.address, day.isoformat() if (day := dates.get(page.src_uri)) else None) for page in pages]


def listing_members(catalogue: Catalogue) -> dict[str, list[Resource]]:
    """The resources behind each listing page, by ``src_uri``.

    Taken from the listings' own plan, so the sitemap follows whatever the
    listings show. Every page of a paginated listing gets the whole listing:
    a new resource shifts every page. Index pages (themes, audiences, years)
    and the home page count or show the whole catalogue.
    """
    members: dict[str, list[Resource]] = {HOME_PAGE: catalogue.published}
    listings: dict[tuple[str, ...], list[Resource]] = {}
    for page in listing_pages(catalogue):
        listings.setdefault(page.page_src_uris, []).extend(page.resources)
    for src_uris, resources in listings.items():
        members.update(dict.fromkeys(src_uris, resources))
    for index in index_pages(catalogue):
        members[index.src_uri] = catalogue.published
    return members


def last_modified_dates(
    pages: Iterable[SitePage], catalogue: Catalogue, listings: Mapping[str, Sequence[Resource]]
) -> dict[str, datetime.date]:
    """The date each page last changed, by ``src_uri``; pages with no known date are left out.

    A resource changed on its ``updated`` date, or else its ``date``; another
    page with such dates in its front matter, on those; a listing page, when
    the newest of the resources it lists changed; any other page the build
    generates from the catalogue (a timeline, say), when the catalogue did.
    """
    dates: dict[str, datetime.date] = {}
    for page in pages:
        resource = catalogue.resource_at(page.src_uri)
        if resource is not None:
            dates[page.src_uri] = resource.last_modified
        elif (own := as_date(page.meta.get("updated")) or as_date(page.meta.get("date"))) is not None:
            dates[page.src_uri] = own
        else:
            members = listings.get(page.src_uri) or (catalogue.published if page.generated else ())
            if newest := last_change(members):
                dates[page.src_uri] = newest
    return dates
