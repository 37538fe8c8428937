"""Open data without a build: CSV quoting, the separator rule, the field tables, sitemap dates."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import shutil
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.catalogue_data import (
    csv_columns,
    csv_text,
    fields_markdown,
    resource_fields,
    resource_record,
)
from commons.credit import Publication
from commons.model import load_content
from commons.sitemap_dates import SitePage, last_modified_dates, listing_members

from tests.conftest import FIXTURES

TODAY = datetime.date(2026, 11, 29)
PUBLICATION = Publication("https://example.org/centre/", "Centre", "Éditeur", "https://example.org/")


def fixture_catalogue(tmp_path: Path) -> Catalogue:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert content.problems == []
    return Catalogue(tuple(content.resources), content.vocabularies)


def test_hostile_text_survives_the_csv(tmp_path: Path) -> None:
    resource = fixture_catalogue(tmp_path).published[0]
    hostile = dataclasses.replace(
        resource,
        title='Un "titre", sur\ndeux lignes </script><!--',
        authors=('Dupont, "Jeanne"', "Équipe ; test"),
        updated=None,
        programme=None,
    )
    record = resource_record(hostile, PUBLICATION)
    text = csv_text([record])
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert list(rows[0]) == csv_columns()
    assert rows[0]["title"] == hostile.title
    assert rows[0]["authors"].split("|") == list(hostile.authors)
    assert rows[0]["updated"] == rows[0]["programme"] == ""
    assert rows[0]["licence_open"] in ("true", "false")
    assert record["url"] == f"https://example.org/centre/{resource.type.folder}/{resource.slug}/"


def test_a_value_holding_the_list_separator_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    guide = docs / "guides" / "guide-valide.md"
    text = guide.read_text("utf-8")
    guide.write_text(text.replace("authors: [", "authors: [Alice | Bob, ", 1), "utf-8")
    content = load_content(docs, tmp_path, publisher="Éditeur", today=TODAY)
    assert [str(p) for p in content.problems] == [
        "docs/guides/guide-valide.md:7: authors[1] : « Alice | Bob » contient « | », qui sépare les valeurs "
        "d'une liste dans le fichier CSV des données ouvertes : remplacez-le (par une virgule, par exemple)."
    ]


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x";"y")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"])
def test_a_cell_that_a_spreadsheet_would_run_is_neutralised(tmp_path: Path, formula: str) -> None:
    resource = fixture_catalogue(tmp_path).published[0]
    hostile = dataclasses.replace(resource, title=formula, authors=(formula, "Sans formule"))
    # The BOM is for spreadsheets; Python reads past it as utf-8-sig does.
    text = csv_text([resource_record(hostile, PUBLICATION)]).removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["title"] == f"'{formula}"
    assert rows[0]["authors"] == f"'{formula}|Sans formule"
    assert rows[0]["slug"] == resource.slug, "cells without a formula are left as they are"


def test_the_field_table_has_one_row_per_field_and_escapes_pipes() -> None:
    fields = resource_fields()
    table = fields_markdown(fields, with_csv=True).splitlines()
    assert table[0] == "| Champ JSON | Colonne CSV | Type | Description |"
    assert len(table) == 2 + len(fields)
    assert [f.csv_column for f in fields if f.csv_column] == csv_columns()
    themes = next(line for line in table if line.startswith("| `themes`"))
    assert "« \\| »" in themes  # the separator, escaped so the table keeps four cells


def test_sitemap_dates_come_from_front_matter_and_listings(tmp_path: Path) -> None:
    catalogue = fixture_catalogue(tmp_path)
    by_slug = {r.slug: r for r in catalogue.published}
    pages = [
        SitePage("guides/guide-valide.md", {"date": datetime.date(2000, 1, 1)}),  # the catalogue wins
        SitePage("a-propos.md", {"updated": "2025-01-02", "date": "2024-01-01"}),
        SitePage("notes.md", {}),
        SitePage("index.md", {}),
        SitePage("chronologie/index.md", {}, generated=True),
    ]
    dates = last_modified_dates(pages, catalogue, listing_members(catalogue))
    newest = max(r.last_modified for r in catalogue.published)
    assert dates == {
        "guides/guide-valide.md": by_slug["guide-valide"].updated,
        "a-propos.md": datetime.date(2025, 1, 2),
        "index.md": newest,
        "chronologie/index.md": newest,
    }
