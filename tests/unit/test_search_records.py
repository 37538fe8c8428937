"""The search index's view of a resource, on the fixture base and the search fixtures."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.search_records import (
    FACETS,
    NON_OPEN_LICENCE,
    OPEN_LICENCE,
    latest_results,
    pagefind_text,
    search_card,
    search_record,
)

from tests.conftest import FIXTURES


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    shutil.copytree(FIXTURES / "search", docs, dirs_exist_ok=True)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=datetime.date(2026, 1, 1))
    assert content.problems == []
    return Catalogue(tuple(content.resources), content.vocabularies)


def test_a_resource_is_filed_under_the_labels_its_page_shows(catalogue: Catalogue) -> None:
    guide = catalogue.resource_at("guides/organiser-un-evenement.md")
    assert guide is not None
    record = search_record(guide, catalogue)
    assert record.facets == {
        "type": ("Guide",),
        "theme": ("Participation citoyenne", "Coopération territoriale"),
        "programme": ("La Transfo, un programme de fixture",),
        "annee": ("2024",),
        "public": ("Agents publics", "Élues et élus"),
        "licence": (OPEN_LICENCE,),
    }
    assert record.meta == {
        "title": "Organiser un événement de quartier avec les habitants",
        "description": guide.description,
        "type": "Guide",
        "date": "2024-03-12",
        "date_label": "12 mars 2024",
        "licence": "CC BY-SA 4.0",
        "licence_open": "oui",
    }
    assert record.sort == {"date": "2024-03-12"}


def test_non_open_licences_and_missing_facets(catalogue: Catalogue) -> None:
    anti_manual = catalogue.resource_at("guides/le-bestiaire-des-marches.md")
    assert anti_manual is not None
    record = search_record(anti_manual, catalogue)
    assert record.facets["licence"] == (NON_OPEN_LICENCE,)
    assert record.meta["licence_open"] == "non"
    assert "programme" not in record.facets  # no empty facet: Pagefind would count it


def test_a_programme_is_filed_under_itself(catalogue: Catalogue) -> None:
    programme = catalogue.programme("la-transfo")
    assert programme is not None
    assert search_record(programme, catalogue).facets["programme"] == (programme.title,)


def test_every_facet_the_records_use_has_a_heading(catalogue: Catalogue) -> None:
    used = {key for r in catalogue.published for key in search_record(r, catalogue).facets}
    assert used == set(FACETS)


def test_the_search_page_carries_the_latest_published_resources_cards(catalogue: Catalogue) -> None:
    latest = latest_results(catalogue, count=2)
    assert latest["total"] == len(catalogue.published)
    assert latest["results"] == [
        {"url": resource.url, "meta": search_record(resource, catalogue).meta} for resource in catalogue.published[:2]
    ]
    assert latest["results"] == [
        search_card(resource, search_record(resource, catalogue)) for resource in catalogue.published[:2]
    ]


def test_a_record_says_what_pagefind_stores_of_untidy_front_matter(catalogue: Catalogue) -> None:
    programme = catalogue.programme("espaces-en-trop")
    assert programme is not None and "   " in programme.title and "\n" in programme.description
    record = search_record(programme, catalogue)
    assert record.facets["programme"] == ("Un programme aux espaces en trop",)
    assert record.meta["title"] == "Un programme aux espaces en trop"
    assert record.meta["description"] == (
        "Programme de test dont le titre et la description ont des espaces en trop, que Pagefind resserre."
    )


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Commande publique", "Commande publique"),
        ("  bordé d'espaces \n", "bordé d'espaces"),
        ("deux\nlignes", "deux lignes"),
        ("deux\r\n\r\nlignes", "deux lignes"),
        ("trop   d'espaces", "trop d'espaces"),
        ("fin de ligne \n  puis retrait", "fin de ligne puis retrait"),
        ("une\u00a0espace insécable", "une\u00a0espace insécable"),  # one white space is kept as it is
        ("deux\u00a0\u202fespaces", "deux espaces"),
    ],
)
def test_values_are_tidied_as_pagefind_stores_them(text: str, stored: str) -> None:
    assert pagefind_text(text) == stored
