"""Listing pages, planned from the catalogue: by type, theme, audience and year.

Every listing is newest first and cut into pages of ``page_size`` so that no
page grows with the commons. Each page is identified by the ``src_uri`` of the
Markdown file it stands for: hand-written for some first pages
(``guides/index.md``), generated for all the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from .breadcrumbs import ARCHIVES, AUDIENCES, PROGRAMMES, THEMES, TIMELINE, Crumb
from .catalogue import Catalogue
from .model import Resource
from .resource_types import plurals_in_words, resource_types

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
    parents: tuple[Crumb, ...] = ()  # the pages above it, below the home page
    chronological: bool = False  # oldest first (programmes, by period), not newest first

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
    note: str | None = None  # what the index leaves out...
    note_link: Crumb | None = None  # ...and where to find it


def listing_pages(catalogue: Catalogue, page_size: int = PAGE_SIZE) -> list[ListingPage]:
    """Every page of every listing of the site.

    A type's listing is always there (the navigation leads to it); any other
    listing exists only when it has resources, so no link leads to an empty page.
    """
    pages: list[ListingPage] = []
    for kind in resource_types().values():
        if kind.key == "programme":
            # Histories read in the order they happened, as on the timeline.
            resources, chronological = catalogue.programmes(), True
        else:
            resources, chronological = catalogue.by_type.get(kind.key, []), False
        pages += _paginate(
            kind.listing, kind.plural, kind.description, resources, page_size, chronological=chronological
        )
    for slug, theme in catalogue.vocabularies.themes.items():
        if resources := catalogue.by_theme.get(slug, []):
            pages += _paginate(
                f"themes/{slug}", theme.label, theme.description, resources, page_size, parents=(THEMES,)
            )
    for slug, audience in catalogue.vocabularies.audiences.items():
        if resources := catalogue.by_audience.get(slug, []):
            title = audience.entry or audience.label
            pages += _paginate(
                f"publics/{slug}", title, audience.description, resources, page_size, parents=(AUDIENCES,)
            )
    for year, resources in archived_by_year(catalogue).items():
        description = f"Les {plurals_in_words()} publiés en {year}."
        pages += _paginate(
            f"archives/{year}", f"Ressources publiées en {year}", description, resources, page_size, parents=(ARCHIVES,)
        )
    for programme in catalogue.programmes():
        if resources := catalogue.by_programme.get(programme.slug, []):
            title = f"Ressources du programme « {programme.short_title} »"
            description = f"Les {plurals_in_words()} issus du programme « {programme.short_title} »."
            parents = (PROGRAMMES, Crumb(programme.short_title, programme.url))
            pages += _paginate(programme_listing(programme), title, description, resources, page_size, parents=parents)
    return pages


def archived_by_year(catalogue: Catalogue) -> dict[int, list[Resource]]:
    """Resources by year of publication, newest year first, programmes aside.

    A programme's history is dated by its period, not by when it was written:
    the timeline and the programmes listing order them.
    """
    years: dict[int, list[Resource]] = {}
    for year, resources in catalogue.by_year.items():
        if kept := [r for r in resources if r.type.key != "programme"]:
            years[year] = kept
    return years


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
            THEMES.label,
            "Toutes les ressources, rangées par thème.",
            tuple(
                IndexEntry(t.label, t.description, f"themes/{slug}/", len(catalogue.by_theme[slug]))
                for slug, t in themes.items()
                if slug in catalogue.by_theme
            ),
        ),
        IndexPage(
            "publics/index.md",
            AUDIENCES.label,
            "Les ressources choisies pour vous, selon votre métier.",
            tuple(
                IndexEntry(a.entry or a.label, a.description, f"publics/{slug}/", len(catalogue.by_audience[slug]))
                for slug, a in audiences.items()
                if slug in catalogue.by_audience
            ),
        ),
        IndexPage(
            "archives/index.md",
            ARCHIVES.label,
            f"Les {plurals_in_words()}, année par année de publication.",
            tuple(
                IndexEntry(str(year), "", f"archives/{year}/", len(resources))
                for year, resources in archived_by_year(catalogue).items()
            ),
            note="Les histoires des programmes sont rangées par période, dans la",
            note_link=TIMELINE,
        ),
    ]


def _paginate(
    folder: str,
    title: str,
    description: str,
    resources: list[Resource],
    page_size: int,
    *,
    parents: tuple[Crumb, ...] = (),
    chronological: bool = False,
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
            parents=parents,
            chronological=chronological,
        )
        for n in range(1, count + 1)
    ]
