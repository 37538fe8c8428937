"""What the search index knows about a resource: its facets, its result card, its sort key.

The page templates turn a ``SearchRecord`` into Pagefind's ``data-pagefind-*``
attributes; the search page reads the same facet keys from the URL and shows
the same labels the resource pages show, so a filter reads as the page does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Catalogue
from .dates import french_date
from .model import Resource

# The filter pane's facets, in the order it shows them, with their headings.
# The keys are also the search page's URL parameters (``?q=…&theme=…``).
FACETS = {
    "type": "Type",
    "theme": "Thème",  # in the singular like the others: a chip reads « Thème : Expérimentation »
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

# Pagefind reads filter and metadata values as text and tidies their
# whitespace (`normalize_content` in its fossick module): trimmed, runs of
# white space made one space. The records say what it stores, so that a value
# the search page takes from Pagefind's index and the same value from a file
# the build writes from the records are one string.
_EDGE_SPACE = re.compile(r"\A\s+|\s+\Z")
_NEWLINES = re.compile(r"(?:\n|\r\n)+")
_SPACES = re.compile(r"\s{2,}")
_UNTIDY = re.compile(r"\A\s|\s\Z|\n|\s\s")  # what one of the three would change


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
        facets={key: tuple(map(pagefind_text, values)) for key, values in facets.items() if values},
        meta={key: pagefind_text(value) for key, value in meta.items()},
        sort={"date": resource.date.isoformat()},
    )


def pagefind_text(text: str) -> str:
    """``text`` as Pagefind stores a filter or metadata value read from a page."""
    if not _UNTIDY.search(text):  # nearly every value: one scan rather than three
        return text
    # In Pagefind's order: each step sees what the previous one left.
    return _SPACES.sub(" ", _NEWLINES.sub(" ", _EDGE_SPACE.sub("", text)))


def search_card(resource: Resource, record: SearchRecord) -> dict[str, object]:
    """A result card's data, as Pagefind returns it: the address from the site's root and ``record``'s metadata."""
    return {"url": resource.url, "meta": record.meta}


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
            search_card(resource, search_record(resource, catalogue)) for resource in catalogue.published[:count]
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
