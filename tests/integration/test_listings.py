"""Listings on a built generated corpus: membership, order, pagination, timeline, related."""

from __future__ import annotations

import datetime
import posixpath
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from commons.model import Resource, load_content
from commons.resource_types import resource_types

from tests.conftest import FIXTURES, REPO_ROOT, attr, copy_project, one, parse_html, run

CORPUS_SIZE = 90  # enough for guides and webinaires to span two listing pages


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Resource]]:
    """A project of generated resources plus one draft, built once."""
    project = copy_project(tmp_path_factory.mktemp("listings") / "project", content="none")
    generated = run(
        [sys.executable, str(REPO_ROOT / "scripts" / "generate.py"), str(CORPUS_SIZE), "docs"], project.root
    )
    assert generated.returncode == 0, generated.stderr
    draft = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    draft = draft.replace("programme: la-transfo\n", "").replace("hide: [toc]", "draft: true")
    project.write("guides/brouillon-secret.md", draft.replace("Un guide valide de fixture", "Un brouillon secret"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    content = load_content(project.docs, project.root, publisher="La 27e Région", today=datetime.date.today())
    assert content.problems == []
    return project.root / "site", content.resources


def listing_cards(site: Path, url: str) -> list[tuple[str, str]]:
    """(resource path, date) of every card of a listing, following its pagination.

    The date is the publication date, or for a programme the first year of its period.
    """
    cards: list[tuple[str, str]] = []
    page = parse_html(site / url / "index.html")
    pagination = page.select(".commons-pagination a")
    urls = [url] + [resolve(url, attr(a, "href")) for a in pagination if a.get("aria-current") != "page"]
    for page_url in sorted(set(urls), key=urls.index):
        page = parse_html(site / page_url / "index.html")
        for card in page.select("article.md-content__inner .commons-cards > li > .commons-card"):
            link = one(card, ".commons-card__title a")
            when = one(card, "time[datetime], [data-period-start]")
            date = attr(when, "datetime") if when.has_attr("datetime") else attr(when, "data-period-start")
            cards.append((resolve(page_url, attr(link, "href")), date))
    return cards


def resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(page_url, href)).strip("/") + "/"


def families(resources: list[Resource]) -> dict[str, set[str]]:
    """Every listing URL and the resource URLs it must hold, from the front matter alone."""
    published = [r for r in resources if not r.draft]
    expected: dict[str, set[str]] = {}

    def add(url: str, resource: Resource) -> None:
        expected.setdefault(url, set()).add(resource.url)

    for kind in resource_types().values():
        expected[f"{kind.listing}/"] = set()  # the navigation leads to each, even empty
    for resource in published:
        add(f"{resource.type.listing}/", resource)
        if resource.type.key != "programme":  # histories go by their period, on the timeline
            add(f"archives/{resource.date.year}/", resource)
        for theme in resource.themes:
            add(f"themes/{theme}/", resource)
        for audience in resource.audience:
            add(f"publics/{audience}/", resource)
        if resource.programme:
            add(f"programmes/{resource.programme}/ressources/", resource)
    return expected


def test_every_resource_is_in_each_of_its_listings_and_nowhere_else(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    expected = families(resources)
    assert len(expected) > 20
    for url, members in expected.items():
        found = [path for path, _ in listing_cards(site, url)]
        assert len(found) == len(set(found)), f"{url}: a resource is listed twice"
        assert set(found) == members, url


def test_listings_are_newest_first_across_pages(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    published = {r.url: r.date for r in resources}  # programme cards show their period, not this date
    for url in ("guides/", "webinaires/", "anti-manuels/", "themes/participation/"):
        dates = [published[path] for path, _ in listing_cards(site, url)]
        assert dates == sorted(dates, reverse=True), url


def test_programmes_are_listed_in_the_order_they_started(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    starts = [int(start) for _, start in listing_cards(site, "programmes/")]
    assert len(starts) == sum(1 for r in resources if r.type.key == "programme" and not r.draft)
    assert starts == sorted(starts)


def test_no_listing_is_published_empty(corpus: tuple[Path, list[Resource]]) -> None:
    site, _ = corpus
    navigated = {f"{kind.listing}/" for kind in resource_types().values()}
    for page in site.glob("*/**/index.html"):
        url = page.parent.relative_to(site).as_posix() + "/"
        if url in navigated or not parse_html(page).select_one(".commons-listing__count"):
            continue
        assert listing_cards(site, url), f"{url} is an empty listing"


def test_long_listings_are_paginated_and_every_page_link_resolves(corpus: tuple[Path, list[Resource]]) -> None:
    site, _ = corpus
    first = parse_html(site / "guides" / "index.html")
    links = first.select(".commons-pagination a")
    assert len(links) >= 2, "the guides listing spans several pages"
    for page_url in ("guides/", "webinaires/"):
        page = parse_html(site / page_url / "index.html")
        for link in page.select(".commons-pagination a"):
            assert (site / resolve(page_url, attr(link, "href")) / "index.html").is_file(), attr(link, "href")
        assert len(page.select("article.md-content__inner .commons-cards > li")) <= 24


def test_drafts_appear_in_no_listing(corpus: tuple[Path, list[Resource]]) -> None:
    site, _ = corpus
    for path in site.rglob("*.html"):
        assert "Un brouillon secret" not in path.read_text("utf-8"), path


def test_index_pages_count_what_their_listings_hold(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    expected = families(resources)
    for index in ("themes/", "publics/", "archives/"):
        page = parse_html(site / index / "index.html")
        entries = page.select(".commons-index > li")
        assert entries, index
        for entry in entries:
            url = resolve(index, attr(one(entry, "a"), "href"))
            count = int(one(entry, ".commons-index__count").get_text().split()[0])
            assert count == len(expected.get(url, set())), url


def test_related_resources_are_never_the_page_itself(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    for resource in resources:
        if resource.draft:
            continue
        page = parse_html(site / resource.url / "index.html")
        section = one(page, "#ressources-liees").parent
        assert section is not None, resource.url
        related = [resolve(resource.url, attr(a, "href")) for a in section.select("a.commons-related__title")]
        assert 3 <= len(related) <= 5, resource.url
        assert resource.url not in related
        themes_or_programme = [
            r for r in resources if r.url in related and (set(r.themes) & set(resource.themes) or r.programme)
        ]
        assert themes_or_programme, f"{resource.url}: related resources share nothing with it"


def test_the_home_page_shows_the_latest_resources(corpus: tuple[Path, list[Resource]]) -> None:
    site, resources = corpus
    home = parse_html(site / "index.html")
    latest = [
        resolve("", attr(a, "href"))
        for a in home.select("#dernieres-ressources ~ .commons-cards .commons-card__title a")
    ]
    newest = sorted((r for r in resources if not r.draft), key=lambda r: (-r.date.toordinal(), r.title.casefold()))
    assert latest == [r.url for r in newest[:6]]
    assert "tous les acteurs publics" in home.get_text()


def test_the_timeline_draws_every_programme_with_its_years(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    programmes = {r.url: r for r in content.resources if r.type.key == "programme"}
    page = parse_html(built_site / "chronologie" / "index.html")
    bars = page.select(".commons-timeline__bars a")
    assert len(page.select(".commons-timeline__bar")) == len(bars)
    assert {resolve("chronologie/", attr(a, "href")) for a in bars} == set(programmes)
    rows = page.select("#programmes-en-detail tbody tr")
    assert len(rows) == len(programmes)
    for row in rows:
        programme = programmes[resolve("chronologie/", attr(one(row, "a"), "href"))]
        start, end = (cell.get_text(strip=True) for cell in row.select("td")[:2])
        assert programme.period is not None
        assert start == str(programme.period.start)
        assert end == (str(programme.period.end) if programme.period.end else "en cours")
    for bar in page.select(".commons-timeline__bar"):
        style = dict(part.split(":", 1) for part in attr(bar, "style").replace(" ", "").rstrip(";").split(";"))
        left, width = float(style["left"].rstrip("%")), float(style["width"].rstrip("%"))
        assert left >= 0 and left + width <= 100.001 and width > 0


def test_a_programme_page_lists_the_resources_that_name_it(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    for programme in (r for r in content.resources if r.type.key == "programme"):
        named = {r.url for r in content.resources if r.programme == programme.slug and not r.draft}
        page = parse_html(built_site / programme.url / "index.html")
        heading = page.select_one("#issu-du-programme")
        if not named:
            assert heading is None
            continue
        assert heading is not None and heading.parent is not None
        shown = {resolve(programme.url, attr(a, "href")) for a in heading.parent.select(".commons-card__title a")}
        assert shown <= named and len(shown) == min(len(named), 6)
        listed = {path for path, _ in listing_cards(built_site, f"{programme.url}ressources/")}
        assert listed == named


def test_the_navigation_leads_to_listings(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "guides" / "index.html").read_text("utf-8"), "lxml")
    links = {resolve("guides/", attr(a, "href")) for a in page.select("nav.md-nav--primary a[href]")}
    assert {"guides/", "anti-manuels/", "webinaires/", "programmes/", "chronologie/"} <= links
