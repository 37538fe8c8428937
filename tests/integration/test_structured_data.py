"""Structured data on every page, checked against the schema.org vocabulary itself.

The vocabulary is schema.org's own file, pinned in ``tests/fixtures/schema.org``
(see its README) and read with rdflib: every type must exist, every property
must be defined on one of the node's types or their superclasses
(``schema:domainIncludes``), and every value must fit the property's range
(``schema:rangeIncludes``). Then each kind of page is checked for the
description it must carry, against the catalogue and the site's settings.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from commons.catalogue import Catalogue
from commons.model import Resource, load_content
from commons.site_settings import read_site_settings
from commons.structured_data import json_ld
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from tests.conftest import FIXTURES, REPO_ROOT, parse_html

SDO = Namespace("https://schema.org/")
VOCABULARY = FIXTURES / "schema.org" / "schemaorg-current-https.ttl"
CONFIG = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
SITE_URL: str = CONFIG["site_url"]
PUBLICATION = read_site_settings(REPO_ROOT).publication


@cache
def vocabulary() -> Graph:
    graph = Graph()
    graph.parse(VOCABULARY, format="turtle")
    return graph


@cache
def superclasses(cls: URIRef) -> frozenset[URIRef]:
    """``cls`` and every class above it."""
    return frozenset(vocabulary().transitive_objects(cls, RDFS.subClassOf))  # type: ignore[arg-type]


@cache
def takes_literals(cls: URIRef) -> bool:
    """Whether a plain JSON value (text, number, boolean, an enumeration's address) can be a ``cls``."""
    above = superclasses(cls)
    return SDO.Enumeration in above or any((c, RDF.type, SDO.DataType) in vocabulary() for c in above)


def vocabulary_problems(node: Any, where: str) -> list[str]:
    """Every use of schema.org in ``node`` (a JSON-LD tree) that the vocabulary does not define."""
    graph = vocabulary()
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found += vocabulary_problems(item, where)
        return found
    if not isinstance(node, dict) or "@type" not in node:
        return found  # a literal, or a reference by @id
    types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
    classes: set[URIRef] = set()
    for name in types:
        if (SDO[name], RDF.type, RDFS.Class) not in graph:
            found.append(f"{where}: no type {name}")
        classes |= superclasses(SDO[name])
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = SDO[key]
        if (prop, RDF.type, RDF.Property) not in graph:
            found.append(f"{where}: no property {key}")
            continue
        if not classes & set(graph.objects(prop, SDO.domainIncludes)):
            found.append(f"{where}: {'/'.join(types)} does not define {key}")
        ranges = set(graph.objects(prop, SDO.rangeIncludes))
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "@type" in item:
                item_types = item["@type"] if isinstance(item["@type"], list) else [item["@type"]]
                if not any(ranges & superclasses(SDO[t]) for t in item_types):
                    found.append(f"{where}: {key} cannot be a {'/'.join(item_types)}")
            elif not isinstance(item, dict) and not any(takes_literals(r) for r in ranges):
                found.append(f"{where}: {key} cannot be the plain value {item!r}")
        found += vocabulary_problems(value, f"{where} {key}")
    return found


def test_the_checker_catches_what_schema_org_does_not_define() -> None:
    assert vocabulary_problems({"@type": "ItemList", "license": "x", "inLanguage": "fr", "name": "ok"}, "p") == [
        "p: ItemList does not define license",
        "p: ItemList does not define inLanguage",
    ]
    assert vocabulary_problems({"@type": "Artcle", "hedline": "x"}, "p") == [
        "p: no type Artcle",
        "p: no property hedline",
    ]
    assert vocabulary_problems({"@type": "Article", "author": "x"}, "p") == ["p: author cannot be the plain value 'x'"]
    assert vocabulary_problems({"@type": "Article", "author": {"@type": "Place"}}, "p") == [
        "p: author cannot be a Place"
    ]


def descriptions(path: Path) -> list[dict[str, Any]]:
    page = parse_html(path)
    return [json.loads(script.get_text()) for script in page.select('script[type="application/ld+json"]')]


def site_pages(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("pagefind/"):
            continue
        yield relative.removesuffix("index.html"), path


def sample() -> list[Resource]:
    """The sample content's published resources, newest first, as the listings show them."""
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    return Catalogue(tuple(content.resources), content.vocabularies).published


def test_every_page_describes_itself_in_terms_schema_org_defines(built_site: Path) -> None:
    problems: list[str] = []
    described = 0
    for url, path in site_pages(built_site):
        found = descriptions(path)
        if url == "404.html":
            continue  # rendered without a page: no context to describe
        assert found, f"{url or '/'}: no structured data"
        described += 1
        for data in found:
            assert data["@context"] == "https://schema.org", url
            problems += vocabulary_problems(data, url or "/")
    catalogue = json.loads((built_site / "api" / "catalogue.jsonld").read_text("utf-8"))
    problems += vocabulary_problems(catalogue, "api/catalogue.jsonld")
    assert problems == []
    assert described > 50  # a sanity floor: the sample site has about sixty pages


def types_of(path: Path) -> dict[str, dict[str, Any]]:
    return {
        data["@type"] if isinstance(data["@type"], str) else "+".join(data["@type"]): data
        for data in descriptions(path)
    }


def test_the_home_page_describes_the_site_and_its_publisher(built_site: Path) -> None:
    found = types_of(built_site / "index.html")
    assert set(found) == {"WebSite", "Organization"}
    site, publisher = found["WebSite"], found["Organization"]
    assert site["url"] == SITE_URL and site["name"] == CONFIG["site_name"]
    assert site["publisher"] == {"@id": publisher["@id"]}
    assert publisher["name"] == CONFIG["extra"]["commons"]["publisher"]
    assert publisher["url"] == CONFIG["extra"]["commons"]["publisher_url"]
    assert (built_site / publisher["logo"].removeprefix(SITE_URL)).is_file()


def test_listings_are_collection_pages_of_their_resources(built_site: Path) -> None:
    published = sample()
    checked = 0
    for kind in {r.type for r in published}:
        # Programmes read in the order they happened; every other listing newest first.
        order = "Ascending" if kind.key == "programme" else "Descending"
        of_kind = [r for r in published if r.type == kind]
        if kind.key == "programme":
            of_kind.sort(key=lambda r: (r.period.start if r.period else 0, r.title.casefold()))
        found = types_of(built_site / kind.listing / "index.html")
        page = found["CollectionPage"]
        assert page["url"] == f"{SITE_URL}{kind.listing}/" and page["name"] == kind.plural
        listed = page["mainEntity"]
        assert listed["@type"] == "ItemList"
        assert listed["itemListOrder"] == f"https://schema.org/ItemListOrder{order}"
        expected = [f"{SITE_URL}{r.url}" for r in of_kind][:24]
        assert [item["url"] for item in listed["itemListElement"]] == expected
        assert [item["position"] for item in listed["itemListElement"]] == list(range(1, len(expected) + 1))
        checked += 1
    themes = types_of(built_site / "themes" / "index.html")["CollectionPage"]["mainEntity"]["itemListElement"]
    assert themes and all((built_site / i["url"].removeprefix(SITE_URL) / "index.html").is_file() for i in themes)
    assert checked == 4


def test_every_resource_has_its_breadcrumb_from_its_type(built_site: Path) -> None:
    for resource in sample():
        (trail,) = [d for d in descriptions(built_site / resource.url / "index.html") if d["@type"] == "BreadcrumbList"]
        items = trail["itemListElement"]
        assert [i["name"] for i in items] == ["Accueil", resource.type.plural, resource.title]
        urls = [i["item"]["@id"] for i in items]
        assert urls == [SITE_URL, f"{SITE_URL}{resource.type.listing}/", f"{SITE_URL}{resource.url}"]
        for url in urls:
            assert (built_site / url.removeprefix(SITE_URL) / "index.html").is_file(), url


def test_the_open_data_page_describes_the_dataset_as_dcat_does(built_site: Path) -> None:
    dataset = types_of(built_site / "donnees-ouvertes" / "index.html")["Dataset"]
    dcat = json.loads((built_site / "api" / "dcat.jsonld").read_text("utf-8"))["dataset"]
    assert dataset["name"] == dcat["title"]
    assert dataset["license"] == dcat["license"]["@id"]
    assert dataset["dateModified"] == dcat["modified"]
    assert dataset["keywords"] == dcat["keyword"]
    downloads = [d["contentUrl"] for d in dataset["distribution"]]
    assert downloads == [d["downloadURL"] for d in dcat["distribution"]]
    assert all((built_site / url.removeprefix(SITE_URL)).is_file() for url in downloads)


def test_collective_authors_are_organisations_and_people_are_persons(built_site: Path) -> None:
    collectives = set(yaml.safe_load((REPO_ROOT / "docs" / "auteurs-collectifs.yml").read_text("utf-8")))
    seen: set[str] = set()
    for resource in sample():
        article = next(d for d in descriptions(built_site / resource.url / "index.html") if d.get("author"))
        for author in article["author"]:
            expected = "Organization" if author["name"] in collectives | {PUBLICATION.publisher} else "Person"
            assert author["@type"] == expected, (resource.src_uri, author)
            seen.add(author["name"])
    assert collectives <= seen, "every listed collective signs a sample resource"
    person = next(r for r in sample() if r.type.key == "guide")
    data = json_ld(
        person.__class__(**{**person.__dict__, "authors": ("Camille Martin",)}), PUBLICATION, "u", collectives
    )
    assert data["author"] == [{"@type": "Person", "name": "Camille Martin"}]


@pytest.mark.parametrize("name", ["Rédaction du centre de ressources", "Communauté des membres"])
def test_the_known_collectives_are_listed_as_data(name: str) -> None:
    assert name in yaml.safe_load((REPO_ROOT / "docs" / "auteurs-collectifs.yml").read_text("utf-8"))
