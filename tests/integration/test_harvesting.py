"""The open data as harvesters read it: DCAT-AP with rdflib, the CSV with frictionless and with csv.

The DCAT description is parsed offline (any network connection fails the
test), then queried as RDF; the CSV is validated against the Table Schema the
site publishes, by the Frictionless Data reference implementation, and a
broken copy proves the schema rejects what it should.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from frictionless import Resource, Schema
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

from tests.conftest import REPO_ROOT, parse_html

CONFIG = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
SITE_URL = CONFIG["site_url"]
IANA = "http://www.iana.org/assignments/media-types/"


@pytest.fixture(scope="module")
def dcat(built_site: Path) -> Graph:
    """``api/dcat.jsonld`` read by rdflib with the network cut off."""

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"the DCAT description made the parser connect to {args}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", no_network)
        graph = Graph()
        graph.parse(built_site / "api" / "dcat.jsonld", format="json-ld")
    assert len(graph) > 50
    return graph


def one(graph: Graph, subject: Any, predicate: URIRef) -> Any:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


def test_the_dcat_description_has_a_catalogue_and_its_dataset(dcat: Graph, built_site: Path) -> None:
    (catalogue,) = dcat.subjects(RDF.type, DCAT.Catalog)
    (dataset,) = dcat.subjects(RDF.type, DCAT.Dataset)
    assert one(dcat, catalogue, DCAT.dataset) == dataset
    document = json.loads((built_site / "api" / "ressources.json").read_text("utf-8"))

    assert str(one(dcat, dataset, DCTERMS.title)) == document["title"]
    description = one(dcat, dataset, DCTERMS.description)
    assert isinstance(description, Literal) and description.language == "fr" and len(description) > 100
    publisher = one(dcat, dataset, DCTERMS.publisher)
    assert str(one(dcat, publisher, FOAF.name)) == CONFIG["extra"]["commons"]["publisher"]
    assert str(one(dcat, publisher, FOAF.homepage)) == CONFIG["extra"]["commons"]["publisher_url"]
    assert str(one(dcat, dataset, DCTERMS.license)) == document["licence"]["url"]
    assert (one(dcat, dataset, DCTERMS.license), RDF.type, DCTERMS.LicenseDocument) in dcat

    keywords = {str(k) for k in dcat.objects(dataset, DCAT.keyword)}
    themes = yaml.safe_load((REPO_ROOT / "docs" / "themes.yml").read_text("utf-8"))
    used = {theme for record in document["resources"] for theme in record["themes"]}
    assert {t["label"] for t in themes if t["slug"] in used} <= keywords
    assert "innovation publique" in keywords

    modified = one(dcat, dataset, DCTERMS.modified)
    assert modified.datatype == XSD.date and str(modified) == document["updated"]
    issued = one(dcat, dataset, DCTERMS.issued)
    assert issued.datatype == XSD.date and str(issued) == min(r["date"] for r in document["resources"])

    landing = str(one(dcat, dataset, DCAT.landingPage))
    assert landing == f"{SITE_URL}donnees-ouvertes/"
    assert (built_site / "donnees-ouvertes" / "index.html").is_file()
    assert one(dcat, dataset, DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/FRA"
    )


def test_every_file_of_the_open_data_is_one_distribution(dcat: Graph, built_site: Path) -> None:
    (dataset,) = dcat.subjects(RDF.type, DCAT.Dataset)
    distributions = list(dcat.objects(dataset, DCAT.distribution))
    assert all((d, RDF.type, DCAT.Distribution) in dcat for d in distributions)
    urls = {str(one(dcat, d, DCAT.downloadURL)): d for d in distributions}
    files = {f"{SITE_URL}api/{path.name}": path for path in (built_site / "api").iterdir()}
    described = files.pop(f"{SITE_URL}api/dcat.jsonld")  # the description is not a distribution of itself
    assert described.is_file()
    assert set(urls) == set(files)
    for url, distribution in urls.items():
        path = files[url]
        assert str(one(dcat, distribution, DCAT.accessURL)) == url
        assert str(one(dcat, distribution, DCTERMS.title))
        assert int(one(dcat, distribution, DCAT.byteSize)) == path.stat().st_size, path.name
        media_type = str(one(dcat, distribution, DCAT.mediaType)).removeprefix(IANA)
        text = path.read_text("utf-8-sig")
        if media_type.endswith(("/json", "+json")):
            json.loads(text)
        elif media_type == "text/csv":
            assert next(csv.reader(io.StringIO(text)))[0] == "slug"
        else:
            pytest.fail(f"{path.name}: unexpected media type {media_type}")
        if (schema := next(dcat.objects(distribution, DCTERMS.conformsTo), None)) is not None:
            assert str(schema).removeprefix(SITE_URL) in {f"api/{p.name}" for p in (built_site / "api").iterdir()}


def test_the_open_data_page_links_the_dcat_description(built_site: Path) -> None:
    page = parse_html(built_site / "donnees-ouvertes" / "index.html")
    assert page.select_one('a[href="../api/dcat.jsonld"]') is not None


def table_schema(site: Path) -> Schema:
    return Schema.from_descriptor(json.loads((site / "api" / "ressources.tableschema.json").read_text("utf-8")))


def test_the_csv_is_valid_against_its_table_schema(built_site: Path) -> None:
    resource = Resource(path="ressources.csv", basepath=str(built_site / "api"), schema=table_schema(built_site))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert resource.encoding == "utf-8-sig"
    with (built_site / "api" / "ressources.csv").open(encoding="utf-8-sig", newline="") as rows:
        header = next(csv.reader(rows))
    assert table_schema(built_site).field_names == header


def test_the_table_schema_rejects_a_broken_csv(built_site: Path, tmp_path: Path) -> None:
    with (built_site / "api" / "ressources.csv").open(encoding="utf-8-sig", newline="") as rows:
        records = list(csv.DictReader(rows))
    records[0]["date"] = "2024-13-45"
    records[1]["title"] = ""
    records[2]["type"] = "brochure"
    records[3]["licence_open"] = "oui"
    broken = io.StringIO(newline="")
    writer = csv.DictWriter(broken, fieldnames=list(records[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    (tmp_path / "ressources.csv").write_text(broken.getvalue(), "utf-8")
    report = Resource(path="ressources.csv", basepath=str(tmp_path), schema=table_schema(built_site)).validate()
    errors = {(row, field) for row, field in report.flatten(["rowNumber", "fieldName"])}
    assert errors == {(2, "date"), (3, "title"), (4, "type"), (5, "licence_open")}


def test_the_csv_opens_with_its_accents_in_a_spreadsheet_and_in_python(built_site: Path) -> None:
    raw = (built_site / "api" / "ressources.csv").read_bytes()
    # Spreadsheets take a file without a byte order mark for Windows-1252, and break every accent.
    assert raw.startswith(codecs.BOM_UTF8)
    assert "é".encode() in raw
    with (built_site / "api" / "ressources.csv").open(encoding="utf-8-sig", newline="") as rows:
        records = list(csv.DictReader(rows))
    document = json.loads((built_site / "api" / "ressources.json").read_text("utf-8"))
    assert [r["title"] for r in records] == [r["title"] for r in document["resources"]]
    assert any(any(c in r["title"] for c in "éèàç") for r in records)
