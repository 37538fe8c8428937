"""Listing pages, planned from the catalogue: by type, theme, audience and year.

Every listing is newest first and cut into pages of ``page_size`` so that no
page grows with the commons. Each page is identified by the ``src_uri`` of the
Markdown file it stands for: hand-written for some first pages
(``guides/index.md``), generated for all the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue
from .model import Resource, resource_types

PAGE_SIZE = 24


@dataclass(frozen=True)
class ListingPage:
    """One page of one listing."""

    src_uri: str
    title: str
    description: str
    resources: tuple[Resource, ...]
    number: int
    page_src_uris: tuple[str, ...]  # every page of the same listing, in order
    total: int  # resources in the whole listing

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md")


@dataclass(frozen=True)
class IndexEntry:
    """One line of an index page (themes, audiences, years): where it leads and how many."""

    label: str
    description: str
    url: str
    count: int


@dataclass(frozen=True)
class IndexPage:
    src_uri: str
    title: str
    description: str
    entries: tuple[IndexEntry, ...]


def listing_pages(catalogue: Catalogue, page_size: int = PAGE_SIZE) -> list[ListingPage]:
    """Every page of every listing of the site."""
    pages: list[ListingPage] = []
    for kind in resource_types().values():
        resources = catalogue.by_type.get(kind.key, [])
        pages += _paginate(kind.listing, kind.plural, kind.description, resources, page_size)
    for slug, theme in catalogue.vocabularies.themes.items():
        resources = catalogue.by_theme.get(slug, [])
        pages += _paginate(f"themes/{slug}", theme.label, theme.description, resources, page_size)
    for slug, audience in catalogue.vocabularies.audiences.items():
        resources = catalogue.by_audience.get(slug, [])
        title = audience.entry or audience.label
        pages += _paginate(f"publics/{slug}", title, audience.description, resources, page_size)
    for year, resources in catalogue.by_year.items():
        description = f"Les ressources publiées en {year}."
        pages += _paginate(f"archives/{year}", f"Publié en {year}", description, resources, page_size)
    for programme in catalogue.programmes():
        resources = catalogue.by_programme.get(programme.slug, [])
        title = f"Ressources du programme {programme.title}"
        description = f"Les guides, anti-manuels et webinaires issus du programme {programme.title}."
        pages += _paginate(programme_listing(programme), title, description, resources, page_size)
    return pages


def programme_listing(programme: Resource) -> str:
    """The folder of the listing of a programme's resources, under its page."""
    return f"{programme.url}ressources"


def index_pages(catalogue: Catalogue) -> list[IndexPage]:
    """The pages that lead to listings: themes, audiences and years, with counts."""
    themes = catalogue.vocabularies.themes
    audiences = catalogue.vocabularies.audiences
    return [
        IndexPage(
            "themes/index.md",
            "Thèmes",
            "Toutes les ressources, rangées par thème.",
            tuple(
                IndexEntry(t.label, t.description, f"themes/{slug}/", len(catalogue.by_theme.get(slug, [])))
                for slug, t in themes.items()
            ),
        ),
        IndexPage(
            "publics/index.md",
            "Par public",
            "Les ressources choisies pour vous, selon votre métier.",
            tuple(
                IndexEntry(
                    a.entry or a.label,
                    a.description,
                    f"publics/{slug}/",
                    len(catalogue.by_audience.get(slug, [])),
                )
                for slug, a in audiences.items()
            ),
        ),
        IndexPage(
            "archives/index.md",
            "Archives",
            "Toutes les ressources, année par année.",
            tuple(
                IndexEntry(str(year), f"Les ressources publiées en {year}.", f"archives/{year}/", len(resources))
                for year, resources in catalogue.by_year.items()
            ),
        ),
    ]


def _paginate(
    folder: str, title: str, description: str, resources: list[Resource], page_size: int
) -> list[ListingPage]:
    count = max(1, -(-len(resources) // page_size))
    src_uris = tuple(f"{folder}/index.md" if n == 1 else f"{folder}/page/{n}/index.md" for n in range(1, count + 1))
    return [
        ListingPage(
            src_uri=src_uris[n - 1],
            title=title if n == 1 else f"{title} (page {n} sur {count})",
            description=description,
            resources=tuple(resources[(n - 1) * page_size : n * page_size]),
            number=n,
            page_src_uris=src_uris,
            total=len(resources),
        )
        for n in range(1, count + 1)
    ]
