"""schema.org descriptions of the pages around the resources: home, listings, breadcrumbs, free pages.

A resource page describes itself in ``structured_data.json_ld``; this module
gives every other kind of page its own description, and each resource its
``BreadcrumbList``, computed from the resource's type (its listing's address
and title) rather than from any markup. Each description is a plain dict,
serialised by the templates with ``tojson``; every property sits on a type
whose schema.org definition includes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .credit import Publication
from .listings import IndexPage, ListingPage
from .model import Resource

SCHEMA_ORG = "https://schema.org"
HOME_TITLE = "Accueil"


def website_id(publication: Publication) -> str:
    return publication.site_url + "#site"


def publisher_id(publication: Publication) -> str:
    return publication.site_url + "#editeur"


def home_descriptions(publication: Publication, description: str, logo_url: str) -> list[dict[str, Any]]:
    """The site itself and its publisher, on the home page."""
    return [
        {
            "@context": SCHEMA_ORG,
            "@type": "WebSite",
            "@id": website_id(publication),
            "url": publication.site_url,
            "name": publication.site_name,
            "description": description,
            "inLanguage": "fr",
            "publisher": {"@id": publisher_id(publication)},
        },
        {
            "@context": SCHEMA_ORG,
            "@type": "Organization",
            "@id": publisher_id(publication),
            "name": publication.publisher,
            "url": publication.publisher_url,
            "logo": logo_url,
        },
    ]


def listing_description(publication: Publication, listing: ListingPage) -> dict[str, Any]:
    """A listing page: a ``CollectionPage`` whose main entity lists its resources in the listing's order."""
    items = [(resource.title, publication.absolute(resource.url)) for resource in listing.resources]
    order = "Ascending" if listing.chronological else "Descending"  # by date: oldest or newest first
    return _collection_page(publication, listing.url, listing.title, listing.description, items, order=order)


def index_description(publication: Publication, index: IndexPage) -> dict[str, Any]:
    """An index page (themes, audiences, years): a ``CollectionPage`` listing the listings it leads to."""
    items = [(entry.label, publication.absolute(entry.url)) for entry in index.entries if entry.count]
    url = index.src_uri.removesuffix("index.md")
    return _collection_page(publication, url, index.title, index.description, items, order="Unordered")


def breadcrumb(publication: Publication, resource: Resource) -> dict[str, Any]:
    """Home › the listing of the resource's type › the resource."""
    kind = resource.type
    trail = [
        (HOME_TITLE, publication.site_url),
        (kind.plural, publication.absolute(f"{kind.listing}/")),
        (resource.title, publication.absolute(resource.url)),
    ]
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            # schema.org's `item` is a Thing: the page, named by its address, not a bare string.
            {"@type": "ListItem", "position": position, "name": name, "item": {"@id": url}}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def web_page(
    publication: Publication, url: str, title: str, description: str | None, *, search: bool = False
) -> dict[str, Any]:
    """Any other page: a ``WebPage`` of the site (a ``SearchResultsPage`` for search)."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "SearchResultsPage" if search else "WebPage",
        "@id": publication.absolute(url),
        "url": publication.absolute(url),
        "name": title,
        **({"description": description} if description else {}),
        "inLanguage": "fr",
        "isPartOf": {"@id": website_id(publication)},
    }


def _collection_page(
    publication: Publication,
    url: str,
    title: str,
    description: str,
    items: Sequence[tuple[str, str]],
    *,
    order: str,  # the end of a schema.org ItemListOrder name: "Ascending", "Descending" or "Unordered"
) -> dict[str, Any]:
    page = web_page(publication, url, title, description)
    page["@type"] = "CollectionPage"
    page["mainEntity"] = {
        "@type": "ItemList",
        "numberOfItems": len(items),
        "itemListOrder": f"{SCHEMA_ORG}/ItemListOrder{order}",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "url": address}
            for position, (name, address) in enumerate(items, start=1)
        ],
    }
    return page
