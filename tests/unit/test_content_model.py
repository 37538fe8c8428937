"""The content model against paired fixtures: each bad file and its exact messages."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from commons.model import load_content
from commons.problems import Severity

from tests.conftest import FIXTURES, REPO_ROOT

TODAY = datetime.date(2026, 11, 29)
INVALID_CASES = sorted((FIXTURES / "invalid").glob("*/*.md"))


def docs_with(tmp_path: Path, *extra: Path) -> Path:
    """The fixture base docs, plus ``extra`` files in the folder they sit in."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    for path in extra:
        shutil.copy(path, docs / path.parent.name / path.name)
    return docs


def test_the_base_fixtures_are_valid_including_bom_and_crlf(tmp_path: Path) -> None:
    docs = docs_with(tmp_path)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert content.problems == []
    assert {r.slug for r in content.resources} == {"la-transfo", "guide-valide", "webinaire-valide", "bom-et-crlf"}
    crlf = next(r for r in content.resources if r.slug == "bom-et-crlf")
    assert crlf.title == "Fins de ligne Windows et BOM"
    assert crlf.type.key == "anti-manuel"


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_bad_file_gets_its_exact_messages(tmp_path: Path, case: Path) -> None:
    docs = docs_with(tmp_path, case)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    expected = case.with_suffix(".expected").read_text("utf-8").splitlines()
    assert [str(p) for p in content.problems] == expected
    assert all(str(p).startswith(f"docs/{case.parent.name}/{case.name}") for p in content.problems)
    assert case.stem not in {r.slug for r in content.resources}, "a resource with errors is never published"


def test_every_bad_file_is_reported_in_one_pass(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, *INVALID_CASES)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    reported = {p.path for p in content.problems}
    assert reported == {f"docs/{c.parent.name}/{c.name}" for c in INVALID_CASES}
    assert {r.slug for r in content.resources} == {"la-transfo", "guide-valide", "webinaire-valide", "bom-et-crlf"}


def test_a_future_date_is_a_warning_not_an_error(tmp_path: Path) -> None:
    docs = docs_with(tmp_path)
    path = docs / "guides" / "guide-valide.md"
    text = path.read_text("utf-8").replace("date: 2024-03-01", "date: 2027-01-05")
    path.write_text(text.replace("updated: 2024-06-02", "updated: 2027-02-01"), "utf-8")
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert [(p.severity, str(p)) for p in content.problems] == [
        (
            Severity.WARNING,
            "docs/guides/guide-valide.md:5: avertissement : date : « 2027-01-05 » est dans le futur, et la "
            "publication refuse une date à venir : mettez le jour où la ressource paraît (pas celui de l'événement).",
        )
    ]
    assert "guide-valide" in {r.slug for r in content.resources}


def test_a_valid_file_becomes_a_typed_resource(tmp_path: Path) -> None:
    content = load_content(docs_with(tmp_path), tmp_path, publisher="Éditeur", today=TODAY)
    guide = next(r for r in content.resources if r.slug == "guide-valide")
    assert guide.src_uri == "guides/guide-valide.md"
    assert guide.url == "guides/guide-valide/"
    assert guide.date == datetime.date(2024, 3, 1)
    assert guide.last_modified == datetime.date(2024, 6, 2)
    assert guide.licence.spdx == "etalab-2.0"
    assert guide.licence.open is True
    assert guide.rights_holder == "Association de test"
    assert guide.credit_names == "La rédaction des tests et ses relecteurs"
    assert guide.changes[0].note == "Ajout d'un exemple."
    webinar = next(r for r in content.resources if r.slug == "webinaire-valide")
    assert webinar.rights_holder == "Éditeur", "rights_holder defaults to the publisher"
    assert webinar.event is not None
    assert webinar.event.speakers[0].organisation == "Un conseil départemental"
    programme = next(r for r in content.resources if r.slug == "la-transfo")
    assert programme.period is not None
    assert (programme.period.start, programme.period.end) == (2011, 2014)


def test_two_resources_with_one_file_name_are_refused(tmp_path: Path) -> None:
    docs = docs_with(tmp_path)
    clash = (docs / "guides" / "guide-valide.md").read_text("utf-8")
    clash = clash.replace("type: guide", "type: programme").replace("hide: [toc]", "period: {start: 2020}")
    (docs / "programmes" / "guide-valide.md").write_text(clash, "utf-8")
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert [str(p) for p in content.problems] == [
        "docs/programmes/guide-valide.md: le nom de fichier « guide-valide.md » est déjà pris par "
        "docs/guides/guide-valide.md : deux ressources ne peuvent pas avoir le même nom, renommez l'une d'elles."
    ]


@pytest.mark.parametrize(
    ("field", "address"),
    [
        ("source", "javascript:alert(1)"),
        ("source", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        ("source", "JaVaScRiPt:alert(1)"),
        ("source", "//example.org/sans-protocole"),
        ("source", 'https://example.org/"><script>alert(1)</script>'),
        ("source", "https://example.org/a b"),
        ("event.recording", "vbscript:msgbox(1)"),
        ("event.slides", "file:///etc/passwd"),
    ],
)
def test_url_fields_accept_only_plain_http_addresses(tmp_path: Path, field: str, address: str) -> None:
    docs = docs_with(tmp_path)
    path = docs / "webinaires" / "webinaire-valide.md"
    text = path.read_text("utf-8")
    key = field.rsplit(".", maxsplit=1)[-1]
    if field == "source":
        text = text.replace("type: webinaire", f"type: webinaire\nsource: '{address}'")
    else:
        text = re.sub(rf"(  {key}: ).*", lambda m: f"{m[1]}'{address}'", text)
    path.write_text(text, "utf-8")
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert [(p.field, p.message) for p in content.problems] == [
        (
            field,
            f"« {address} » n'est pas une adresse web valide : seules les adresses http:// ou https:// sont acceptées.",
        )
    ]


def test_a_free_page_may_name_every_page_template_of_overrides_and_no_other() -> None:
    # main.html is the base of them all and 404.html is MkDocs' own: neither is a page's choice.
    schema = json.loads((REPO_ROOT / "src" / "commons" / "data" / "page.schema.json").read_text("utf-8"))
    allowed = set(schema["properties"]["template"]["enum"])
    templates = {p.name for p in (REPO_ROOT / "overrides").glob("*.html")} - {"main.html", "404.html"}
    assert allowed == templates
