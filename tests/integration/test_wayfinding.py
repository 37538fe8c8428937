"""Wayfinding on the real site: breadcrumbs, the lit tab, every page reachable, honest samples, the statement."""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path

import yaml
from commons.model import load_content
from commons.resource_types import resource_types

from tests.conftest import REPO_ROOT, as_typed, attr, one, parse_html


def page_url(site: Path, path: Path) -> str:
    return path.parent.relative_to(site).as_posix().removeprefix(".") + "/" if path.name == "index.html" else ""


def test_every_resource_and_generated_page_has_a_breadcrumb_from_home(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("index.html") if p.parent != built_site]
    assert len(pages) > 40
    for path in pages:
        crumbs = parse_html(path).select("nav.commons-breadcrumb li")
        assert len(crumbs) >= 2, path
        assert crumbs[0].get_text(strip=True) == "Accueil", path
        assert crumbs[-1].select_one('[aria-current="page"]') is not None, path


def test_a_resource_sits_under_its_type_and_a_programme_listing_under_its_programme(built_site: Path) -> None:
    guide = parse_html(built_site / "guides" / "commander-une-prestation-de-design" / "index.html")
    assert [li.get_text(strip=True) for li in guide.select(".commons-breadcrumb li")][:2] == ["Accueil", "Guides"]
    listing = parse_html(built_site / "programmes" / "webinaires-adherents" / "ressources" / "index.html")
    labels = [li.get_text(strip=True) for li in listing.select(".commons-breadcrumb li a")]
    assert labels == ["Accueil", "Programmes", "Les webinaires adhérents"]


def test_pages_outside_the_navigation_light_the_tab_of_their_section(built_site: Path) -> None:
    for relative, tab in [
        ("guides/commander-une-prestation-de-design", "Ressources"),
        ("programmes/webinaires-adherents/ressources", "Ressources"),
        ("themes/commande-publique", "Explorer"),
        ("archives/2021", "Explorer"),
    ]:
        page = parse_html(built_site / relative / "index.html")
        active = [a.get_text(strip=True) for a in page.select(".md-tabs__item--active > a")]
        assert active == [tab], relative


def test_every_page_is_linked_from_another_page(built_site: Path) -> None:
    pages = {page_url(built_site, p) for p in built_site.rglob("index.html")}
    linked: set[str] = set()
    for path in built_site.rglob("index.html"):
        here = page_url(built_site, path)
        page = parse_html(path)
        # A search form's action leads a person to the search page as a link would.
        targets = [attr(a, "href") for a in page.select("a[href]")] + [
            attr(f, "action") for f in page.select("form[action]")
        ]
        for target_href in targets:
            href = target_href.split("#")[0].split("?")[0]
            if href and "://" not in href and not href.startswith("mailto:"):
                target = posixpath.normpath(posixpath.join(here, href)).strip("./")
                if target != here.rstrip("/"):
                    linked.add(target + "/" if target else "/")
    orphans = sorted(url for url in pages if url != "/" and url not in linked)
    assert orphans == []


def test_sample_resources_say_so_once_with_a_badge(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    samples = [r for r in content.resources if r.sample]
    assert samples
    for resource in samples:
        page = parse_html(built_site / resource.url / "index.html")
        badge = page.select_one(".commons-kicker .commons-badge--sample")
        assert badge is not None and badge.get_text(strip=True) == "Exemple", resource.src_uri
        assert (built_site / "a-propos" / "index.html").is_file()
        assert "À propos de ce compte rendu" not in page.get_text()
        headings = [as_typed(h.get_text(strip=True)) for h in page.select("h2")]
        assert headings.count("Pour aller plus loin") <= 1, resource.src_uri
    about = parse_html(built_site / "a-propos" / "index.html")
    assert badge is not None
    assert about.select_one(f"#{attr(badge, 'href').split('#')[1]}") is not None


def test_the_accessibility_statement_says_non_compliant_and_gives_a_contact_outside_github(built_site: Path) -> None:
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    contact = config["extra"]["commons"]["contact"]["url"]
    page = parse_html(built_site / "accessibilite" / "index.html")
    text = as_typed(one(page, "article").get_text(" ", strip=True))
    assert "non conforme" in text and "partiellement conforme" not in text
    assert page.select_one(f'article a[href="{contact}"]') is not None
    assert not contact.startswith("https://github.com/")
    footer = [a.get_text(strip=True) for a in page.select(".md-copyright a")]
    assert "Accessibilité : non conforme" in [as_typed(t) for t in footer]


def test_a_build_shows_no_banner(built_site: Path) -> None:
    # The banner holds the preview's problems only; Material draws it for any text, even a newline.
    for path in built_site.rglob("*.html"):
        assert parse_html(path).select_one(".md-banner") is None, path


def test_the_page_not_found_and_the_search_fallback_lead_to_every_type_from_the_registry(built_site: Path) -> None:
    listings = {f"{kind.listing}/" for kind in resource_types().values()}
    not_found = parse_html(built_site / "404.html")
    ways = {
        attr(a, "href").removeprefix("/centre-de-ressources/") for a in not_found.select(".commons-not-found__ways a")
    }
    assert listings <= ways
    search = one(parse_html(built_site / "recherche" / "index.html"), ".commons-search noscript")
    assert {attr(a, "href").removeprefix("../") for a in search.select("a")} == listings
