"""Licences on the built site: for people (block, credit) and for machines (<head>, JSON-LD)."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from commons.licences import licence_registry
from commons.model import Resource, load_content

from tests.conftest import FIXTURES, REPO_ROOT, Project, as_typed, attr, copy_project, one, parse_html

TYPES_OF = {
    "guide": ["Article", "LearningResource"],
    "anti-manuel": ["Article", "LearningResource"],
    "webinaire": "Article",
    "programme": "Article",
}


def sample_resources() -> list[Resource]:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    return content.resources


def json_ld_of(page: BeautifulSoup) -> dict[str, Any]:
    """The resource's own description; its breadcrumb is the page's other JSON-LD block."""
    scripts = one(page, "head").select('script[type="application/ld+json"]')
    described = [json.loads(script.get_text()) for script in scripts]
    (data,) = [d for d in described if d["@type"] != "BreadcrumbList"]
    assert [d["@type"] for d in described].count("BreadcrumbList") == 1
    assert isinstance(data, dict)
    return data


def test_every_resource_states_its_licence_to_machines(built_site: Path) -> None:
    for resource in sample_resources():
        page = parse_html(built_site / resource.url / "index.html")
        head_links = one(page, "head").select('link[rel="license"]')
        assert [link["href"] for link in head_links] == [resource.licence.url], resource.src_uri
        dc = {meta["name"]: meta["content"] for meta in one(page, "head").select('meta[name^="DCTERMS."]')}
        assert dc["DCTERMS.license"] == resource.licence.url
        assert dc["DCTERMS.issued"] == resource.date.isoformat()
        assert dc["DCTERMS.modified"] == resource.last_modified.isoformat()
        assert dc["DCTERMS.language"] == "fr"
        creators = [m["content"] for m in one(page, "head").select('meta[name="DCTERMS.creator"]')]
        assert creators == list(resource.authors)

        data = json_ld_of(page)
        assert data["@type"] == TYPES_OF[resource.type.key]
        assert data["license"] == resource.licence.url
        assert data["headline"] == resource.title
        assert data["datePublished"] == resource.date.isoformat()
        assert data["dateModified"] == resource.last_modified.isoformat()
        assert data["inLanguage"] == "fr"
        assert data["isAccessibleForFree"] is True
        assert data["usageInfo"].endswith("/centre-de-ressources/reutiliser/")
        assert data["url"].endswith(f"/centre-de-ressources/{resource.url}")
        assert [a["name"] for a in data["author"]] == list(resource.authors)
        assert data["publisher"]["name"] == "La 27e Région"
        assert data["copyrightHolder"]["name"] == resource.rights_holder
        assert resource.licence.short_name in str(data["creditText"])
        if resource.type.key == "webinaire":
            event = data["about"]
            assert event["@type"] == "Event"
            assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
            assert resource.event is not None and event["startDate"] == resource.event.date.isoformat()
            assert event["organizer"]["name"] == "La 27e Région"
        if resource.type.key == "programme":
            assert resource.period is not None and data["about"]["foundingDate"] == str(resource.period.start)


def test_every_resource_states_its_licence_to_people(built_site: Path) -> None:
    for resource in sample_resources():
        page = parse_html(built_site / resource.url / "index.html")
        block = page.select_one("section.commons-licence")
        assert block is not None, resource.src_uri
        licence_links = one(page, "body").select('a[rel~="license"]')
        assert [a["href"] for a in licence_links] == [resource.licence.url], "only the block's link is rel=license"
        assert as_typed(one(block, 'a[rel~="license"]').get_text(strip=True)) == resource.licence.name
        text = as_typed(block.get_text(" ", strip=True))
        assert resource.title in text and resource.credit_names in text
        assert resource.licence.allows in text
        credit = block.select_one(".commons-credit code")
        assert credit is not None and credit.get_text() == json_ld_of(page)["creditText"]
        assert one(block, ".commons-credit").has_attr("class") and "copy" in one(block, ".commons-credit")["class"]
        assert ("non libre" in text) is (not resource.licence.open)
        if resource.licence.requires_update_date:
            assert block.select_one(f'time[datetime="{resource.last_modified.isoformat()}"]') is not None


def test_the_sample_content_uses_the_main_open_licences() -> None:
    used = {r.licence.spdx for r in sample_resources()}
    assert {"CC-BY-SA-4.0", "etalab-2.0"} <= used


def test_the_reuse_page_counts_resources_per_licence(built_site: Path) -> None:
    page = parse_html(built_site / "reutiliser" / "index.html")
    counts = {cell["data-licence-count"]: int(cell.get_text()) for cell in page.select("[data-licence-count]")}
    expected = dict.fromkeys(licence_registry(), 0)
    for resource in sample_resources():
        expected[resource.licence.spdx] += 1
    assert counts == expected


def test_the_footer_states_the_default_licence_except_on_resources(built_site: Path) -> None:
    home = parse_html(built_site / "index.html")
    (footer_licence,) = home.select('.md-copyright a[rel~="license"]')
    assert footer_licence["href"] == licence_registry()["CC-BY-SA-4.0"].url
    resource = sample_resources()[0]
    page = parse_html(built_site / resource.url / "index.html")
    assert page.select('.md-copyright a[rel~="license"]') == []


def licence_slug(spdx: str) -> str:
    """A file name for a guide under ``spdx``: file names are slugs, with no dot."""
    return "licence-" + spdx.lower().replace(".", "-")


@pytest.fixture(scope="module")
def licence_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture site with one guide per licence of the registry and one hostile guide."""
    project: Project = copy_project(tmp_path_factory.mktemp("licences") / "project")
    template = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    for spdx in licence_registry():
        text = template.replace("licence: etalab-2.0", f"licence: {spdx}")
        project.write(f"guides/{licence_slug(spdx)}.md", text)
    shutil.copy(FIXTURES / "hostile" / "guides" / "titre-hostile.md", project.docs / "guides")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project.root / "site"


@pytest.mark.parametrize("spdx", list(licence_registry()))
def test_each_licence_is_worded_as_its_kind_requires(licence_site: Path, spdx: str) -> None:
    licence = licence_registry()[spdx]
    page = parse_html(licence_site / "guides" / licence_slug(spdx) / "index.html")
    statement = as_typed(one(page, ".commons-licence__statement").get_text(" ", strip=True))
    if licence.waiver:
        assert "domaine public" in statement and "selon les termes" not in statement
    else:
        assert f"selon les termes de la {licence.name}" in statement
    badge = page.select(".commons-badge--non-libre")
    assert bool(badge) is (not licence.open)
    update = as_typed(one(page, ".commons-licence__facts").get_text(" ", strip=True))
    assert ("Dernière mise à jour 2 juin 2024" in update) is licence.requires_update_date


def test_hostile_text_stays_inert_and_json_ld_stays_valid(licence_site: Path) -> None:
    html = (licence_site / "guides" / "titre-hostile" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "lxml")
    title = "Guide </script><!-- \"piégé\" 'à' <img src=x onerror=alert(1)>"
    data = json_ld_of(page)
    assert data["headline"] == title
    assert data["author"][0]["name"] == "Autrice <script>alert(3)</script>"
    assert all("</script>" not in s.get_text() for s in one(page, "head").select('script[type="application/ld+json"]'))
    assert page.select("img[onerror], b[onmouseover]") == []
    scripts = [s.string or "" for s in page.select('script:not([type="application/ld+json"])')]
    assert not any("alert(" in s for s in scripts), "no injected script element"
    assert as_typed(one(page, "h1").get_text()) == title
    assert as_typed(one(page, "title").get_text()).startswith(title)
    assert attr(one(page, 'meta[name="description"]'), "content").startswith("Description </script><!--")
    # Attributes are machine text: the typography hook leaves them as written.
    assert attr(one(page, 'meta[property="og:title"]'), "content") == title
    assert attr(one(page, 'meta[name="twitter:title"]'), "content") == title
    block = as_typed(one(page, "section.commons-licence").get_text(" ", strip=True))
    assert "Crédit <b onmouseover=alert(4)>piégé</b>" in block
