"""What the search index knows about a resource: its facets, its result card, its sort key.

The page templates turn a ``SearchRecord`` into Pagefind's ``data-pagefind-*``
attributes; the search page reads the same facet keys from the URL and shows
the same labels the resource pages show, so a filter reads as the page does.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue
from .dates import french_date
from .model import Resource

# The filter pane's facets, in the order it shows them, with their headings.
# The keys are also the search page's URL parameters (``?q=…&theme=…``).
FACETS = {
    "type": "Type",
    "theme": "Thèmes",
    "programme": "Programme",
    "annee": "Année de publication",
    "public": "Public",
    "licence": "Licence",
}

# How many of the latest resources the search page lists with no words and no
# filter, from its own HTML: search_page.js shows as many results at a time.
LATEST_ON_SEARCH = 10

OPEN_LICENCE = "Libre"
NON_OPEN_LICENCE = "Non libre"


@dataclass(frozen=True)
class SearchRecord:
    """Facet values, result metadata and sort keys of one resource.

    Facet values are the labels readers see (« Commande publique », not
    ``commande-publique``): the filter pane shows them as they are, and a
    shared URL stays readable.
    """

    facets: dict[str, tuple[str, ...]]
    meta: dict[str, str]
    sort: dict[str, str]


def search_record(resource: Resource, catalogue: Catalogue) -> SearchRecord:
    """The search index's view of ``resource``."""
    vocabularies = catalogue.vocabularies
    facets = {
        "type": (resource.type.label,),
        "theme": tuple(vocabularies.themes[slug].label for slug in resource.themes),
        "programme": _programme_titles(resource, catalogue),
        "annee": (str(resource.date.year),),
        "public": tuple(vocabularies.audiences[slug].label for slug in resource.audience),
        "licence": (OPEN_LICENCE if resource.licence.open else NON_OPEN_LICENCE,),
    }
    meta = {
        "title": resource.title,
        "description": resource.description,
        "type": resource.type.label,
        "date": resource.date.isoformat(),
        "date_label": french_date(resource.date),
        "licence": resource.licence.short_name,
        "licence_open": "oui" if resource.licence.open else "non",
    }
    return SearchRecord(
        facets={key: values for key, values in facets.items() if values},
        meta=meta,
        sort={"date": resource.date.isoformat()},
    )


def latest_results(catalogue: Catalogue, count: int = LATEST_ON_SEARCH) -> dict[str, object]:
    """The search page's list with no words and no filter: how many resources, and the latest ones' cards.

    A search without words makes Pagefind fetch every chunk of its index
    (about 1 MB at 2,000 resources) and a fragment per result shown: the
    page carries the first cards instead, with the metadata Pagefind would
    have returned, and the search runs only when the reader asks for more.
    """
    return {
        "total": len(catalogue.published),
        "results": [
            {"url": resource.url, "meta": search_record(resource, catalogue).meta}
            for resource in catalogue.published[:count]
        ],
    }


def _programme_titles(resource: Resource, catalogue: Catalogue) -> tuple[str, ...]:
    # A programme's own page belongs to it: filtering on « La Transfo » should
    # show the programme's history beside the guides and webinars it produced.
    if resource.type.key == "programme":
        return (resource.title,)
    if resource.programme and (programme := catalogue.programme(resource.programme)):
        return (programme.title,)
    return ()
