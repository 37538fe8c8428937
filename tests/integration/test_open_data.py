"""Open data on real builds: the api/ files harvested with independent tools and compared with the pages.

The JSON is validated against the schema the site publishes, the CSV is read
back with the csv module alone, the JSON-LD with json alone, and each of them
is compared with the pages' own ``<link rel="license">`` and with the
resources' front matter. A draft and a resource with hostile text are added to
the project to prove that drafts stay out and that quoting holds.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from commons.licences import licence_registry
from commons.model import Resource, load_content
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree

from tests.conftest import BIN, FIXTURES, REPO_ROOT, as_typed, copy_project, one, parse_html, run

SITE_URL = "https://communs-innovation-publique.github.io/centre-de-ressources/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE_SLUG = "titre-hostile"
DRAFT_SLUG = "brouillon-ouvert"

HOSTILE = """---
title: 'Un titre </script><!-- hostile, "cité" et | barré'
description: |
  Une description sur deux lignes, avec des virgules, des "guillemets"
  et un <img src=x onerror=alert(1)> pour vérifier que rien ne casse.
type: anti-manuel
date: 2023-09-12
authors: ['Dupont, "Jeanne"', La 27e Région]
licence: CC-BY-NC-SA-4.0
themes: [participation]
---

Texte.
"""


@pytest.fixture(scope="module")
def site_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Resource]]:
    """The repository with fixture resources added (one draft, one hostile), built once."""
    project = copy_project(tmp_path_factory.mktemp("open-data") / "project")
    for fixture in (FIXTURES / "base").glob("*/*.md"):
        target = project.docs / fixture.parent.name / fixture.name
        if not target.exists():  # keep the real programme pages the real content links to
            shutil.copy(fixture, target)
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    project.write(f"guides/{DRAFT_SLUG}.md", guide.replace("hide: [toc]", "draft: true"))
    project.write(f"guides/{HOSTILE_SLUG}.md", HOSTILE)
    result = project.build()
    assert result.returncode == 0, result.stderr
    content = load_content(project.docs, project.root, publisher="La 27e Région", today=datetime.date.today())
    published = sorted(
        (r for r in content.resources if not r.draft), key=lambda r: (-r.date.toordinal(), r.title.casefold())
    )
    return project.root / "site", published


def expected_record(resource: Resource) -> dict[str, Any]:
    licence = resource.licence
    return {
        "slug": resource.slug,
        "url": f"{SITE_URL}{resource.type.folder}/{resource.slug}/",
        "title": resource.title,
        "description": resource.description,
        "type": resource.type.key,
        "themes": list(resource.themes),
        "audience": list(resource.audience),
        "programme": resource.programme,
        "authors": list(resource.authors),
        "date": resource.date.isoformat(),
        "updated": resource.updated.isoformat() if resource.updated else None,
        "licence": {"spdx": licence.spdx, "name": licence.name, "url": licence.url, "open": licence.open},
    }


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def record_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return dict(schema["$defs"]["resource"])


def resolved(schema: dict[str, Any], field: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in field:
        target: dict[str, Any] = schema
        for part in field["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in field.items() if k != "$ref"}}
    return field


def read_csv_records(path: Path, schema: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The CSV read back into records with the csv module and the schema's types only."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "the CSV does not start with a BOM: spreadsheets would break its accents"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    header = list(reader.fieldnames or [])

    def value(field: dict[str, Any], cell: str) -> Any:
        types = field["type"] if isinstance(field["type"], list) else [field["type"]]
        if "array" in types:
            return cell.split("|") if cell else []
        if "boolean" in types:
            assert cell in ("true", "false"), cell
            return cell == "true"
        if "null" in types and cell == "":
            return None
        return cell

    records = []
    for row in reader:
        record: dict[str, Any] = {}
        for name, raw_field in record_schema(schema)["properties"].items():
            field = resolved(schema, raw_field)
            if field["type"] == "object":
                record[name] = {child: value(sub, row[f"{name}_{child}"]) for child, sub in field["properties"].items()}
            else:
                record[name] = value(field, row[name])
        records.append(record)
    return header, records


def test_the_json_validates_against_the_schema_the_site_publishes(site_project: tuple[Path, list[Resource]]) -> None:
    site, _ = site_project
    schema = load_json(site / "api" / "ressources.schema.json")
    Draft202012Validator.check_schema(schema)
    source = load_json(REPO_ROOT / "src" / "commons" / "data" / "catalogue_data.schema.json")
    # The data file names the registry of types; the published schema lists them.
    source["$defs"]["resource"]["properties"]["type"] = {
        "description": "Nature de la ressource.",
        "type": "string",
        "enum": ["guide", "anti-manuel", "webinaire", "programme"],
    }
    assert schema == {**source, "$id": f"{SITE_URL}api/ressources.schema.json"}
    document = load_json(site / "api" / "ressources.json")
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert document["$schema"] == schema["$id"]
    assert document["version"] == schema["properties"]["version"]["const"]


def test_the_json_holds_every_published_resource_newest_first(site_project: tuple[Path, list[Resource]]) -> None:
    site, published = site_project
    document = load_json(site / "api" / "ressources.json")
    assert document["resources"] == [expected_record(r) for r in published]
    assert document["count"] == len(published) == len(document["resources"])
    assert document["updated"] == max(r.last_modified for r in published).isoformat()
    assert document["licence"]["open"] is True
    hostile = next(r for r in document["resources"] if r["slug"] == HOSTILE_SLUG)
    assert "</script><!--" in hostile["title"]
    assert hostile["licence"]["open"] is False


def test_the_csv_reads_back_as_the_json(site_project: tuple[Path, list[Resource]]) -> None:
    site, published = site_project
    schema = load_json(site / "api" / "ressources.schema.json")
    header, records = read_csv_records(site / "api" / "ressources.csv", schema)
    assert records == load_json(site / "api" / "ressources.json")["resources"]
    assert len(records) == len(published)
    assert header[:5] == ["slug", "url", "title", "description", "type"]


def test_drafts_appear_in_no_data_file(site_project: tuple[Path, list[Resource]]) -> None:
    site, published = site_project
    assert DRAFT_SLUG not in {r.slug for r in published}
    for name in ("ressources.json", "ressources.csv", "catalogue.jsonld", "dcat.jsonld"):
        assert DRAFT_SLUG not in (site / "api" / name).read_text("utf-8"), name
    assert DRAFT_SLUG not in (site / "sitemap-pages.xml").read_text("utf-8")


def test_the_json_ld_parses_and_each_licence_matches_its_page(site_project: tuple[Path, list[Resource]]) -> None:
    site, published = site_project
    catalogue = load_json(site / "api" / "catalogue.jsonld")
    assert catalogue["@context"] == "https://schema.org"
    assert catalogue["@type"] == "Dataset"
    assert catalogue["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
    assert catalogue["dateModified"] == max(r.last_modified for r in published).isoformat()
    listed = catalogue["mainEntity"]
    assert listed["@type"] == "ItemList"
    assert not {"license", "publisher", "dateModified", "inLanguage"} & set(listed), "ItemList does not define them"
    items = listed["itemListElement"]
    assert listed["numberOfItems"] == len(items) == len(published)
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    for item, resource in zip(items, published, strict=True):
        described = item["item"]
        url = f"{SITE_URL}{resource.url}"
        assert described["@id"] == described["url"] == url
        assert described["name"] == resource.title
        assert described["license"] == resource.licence.url
        page = parse_html(site / resource.url / "index.html")
        licence_links = page.head.select('link[rel="license"]') if page.head else []
        assert [link["href"] for link in licence_links] == [described["license"]], resource.src_uri


def test_the_sitemap_dates_every_resource_and_listing_from_the_front_matter(
    site_project: tuple[Path, list[Resource]],
) -> None:
    site, published = site_project
    index = etree.parse(str(site / "sitemap.xml"))
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [f"{SITE_URL}sitemap-pages.xml"]
    assert index.findtext(f"{SITEMAP}sitemap/{SITEMAP}lastmod") == max(r.last_modified for r in published).isoformat()
    tree = etree.parse(str(site / "sitemap-pages.xml"))
    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in tree.iter(f"{SITEMAP}url")}
    assert all(loc and loc.startswith(SITE_URL) for loc in entries)
    for resource in published:
        assert entries.pop(f"{SITE_URL}{resource.url}") == resource.last_modified.isoformat(), resource.src_uri

    def newest(members: list[Resource]) -> str:
        return max(r.last_modified for r in members).isoformat()

    # Listings, recognised by their addresses and checked against the front matter alone.
    expected = {"": newest(published)}
    for resource in published:
        expected[f"{resource.type.listing}/"] = newest([r for r in published if r.type.key == resource.type.key])
        expected[f"archives/{resource.date.year}/"] = newest(
            [r for r in published if r.date.year == resource.date.year]
        )
        for theme in resource.themes:
            expected[f"themes/{theme}/"] = newest([r for r in published if theme in r.themes])
        for audience in resource.audience:
            expected[f"publics/{audience}/"] = newest([r for r in published if audience in r.audience])
    for url, day in expected.items():
        if f"{SITE_URL}{url}" in entries or url in ("", "guides/", "webinaires/", "programmes/"):
            assert entries[f"{SITE_URL}{url}"] == day, url

    # Every other page is a listing, and dated, except the free pages at the root of docs/.
    free = {f"{SITE_URL}{path.stem}/" for path in (site.parent / "docs").glob("*.md") if path.name != "index.md"}
    undated = sorted(str(loc) for loc, lastmod in entries.items() if not lastmod and loc not in free)
    assert not undated


def test_the_page_documents_the_schema_and_links_the_files(site_project: tuple[Path, list[Resource]]) -> None:
    site, _ = site_project
    page = parse_html(site / "donnees-ouvertes" / "index.html")
    assert "donnees-ouvertes:" not in str(page), "a marker was left unreplaced"
    schema = load_json(site / "api" / "ressources.schema.json")
    tables = {
        tuple(th.get_text(strip=True) for th in table.select("thead th")): table for table in page.select("table")
    }
    fields_table = tables[("Champ JSON", "Colonne CSV", "Type", "Description")]
    rows = [
        [as_typed(td.get_text(" ", strip=True)) for td in tr.select("td")] for tr in fields_table.select("tbody tr")
    ]

    expected: list[tuple[str, str]] = []
    for name, raw in record_schema(schema)["properties"].items():
        field = resolved(schema, raw)
        expected.append((name, field["description"]))
        if field["type"] == "object":
            expected += [(f"{name}.{child}", sub["description"]) for child, sub in field["properties"].items()]
    assert [(row[0], row[3]) for row in rows] == expected

    header = read_csv_records(site / "api" / "ressources.csv", schema)[0]
    assert [row[1] for row in rows if row[1] != "—"] == header, "the CSV columns are not the documented ones"

    document_table = tables[("Champ", "Type", "Description")]
    names = [one(tr, "td").get_text(strip=True) for tr in document_table.select("tbody tr")]
    assert [name for name in names if "." not in name] == list(schema["properties"])
    assert "licence.spdx" in names

    targets = [a["href"] for a in page.select("a[href]") if str(a["href"]).startswith("../api/")]
    assert {str(href).removeprefix("../api/") for href in targets} == {p.name for p in (site / "api").iterdir()}
    for href in targets:
        assert (site / "donnees-ouvertes" / str(href)).resolve().is_file(), href


def test_the_navigation_offers_the_open_data_page(site_project: tuple[Path, list[Resource]]) -> None:
    site, _ = site_project
    reuse = parse_html(site / "reutiliser" / "index.html")  # the same nav section: pruned navs show it there
    links = {a.get_text(strip=True): a["href"] for a in reuse.select("nav.md-nav--primary a[href]")}
    assert links.get("Données ouvertes") == "../donnees-ouvertes/"
    home = parse_html(site / "index.html")
    footer = {a.get_text(strip=True): a["href"] for a in home.select(".md-copyright a[href]")}
    assert footer.get("Données ouvertes") == "donnees-ouvertes/"


def test_the_real_site_publishes_its_catalogue(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    published = {f"{SITE_URL}{r.url}": r for r in content.resources if not r.draft}
    document = load_json(built_site / "api" / "ressources.json")
    assert {record["url"] for record in document["resources"]} == set(published)
    items = load_json(built_site / "api" / "catalogue.jsonld")["mainEntity"]["itemListElement"]
    assert len(items) == len(published)
    for item in items:
        resource = published[item["item"]["url"]]
        page = parse_html(built_site / resource.url / "index.html")
        link = page.head.select_one('link[rel="license"]') if page.head else None
        assert link is not None and link["href"] == item["item"]["license"], resource.src_uri


def test_the_citation_file_is_valid_cff_for_the_whole_site() -> None:
    path = REPO_ROOT / "CITATION.cff"
    citation = yaml.safe_load(path.read_text("utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)
    preferred = citation["preferred-citation"]
    assert preferred["type"] == "website"
    assert {"type", "title", "authors"} <= set(preferred)
    assert preferred["authors"][0]["name"] == "La 27e Région"
    assert preferred["url"] == SITE_URL
    assert preferred["repository-code"] == "https://github.com/communs-innovation-publique/centre-de-ressources"
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    assert citation["license"] == config["extra"]["commons"]["default_licence"], "the licence at the top level"
    assert citation["license"] in licence_registry()
    check = run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.citation-file-format", str(path)], cwd=REPO_ROOT
    )
    assert check.returncode == 0, check.stdout + check.stderr
