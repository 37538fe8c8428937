"""The browse index the search page lists from without words, on the fixture base and the search fixtures."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import shutil
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.search_browsing import BROWSE_FOLDER, FACETS_FILE, browse_index, cards_file
from commons.search_records import FACETS, search_card, search_record

from tests.conftest import FIXTURES


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    for fixtures in ("search", "hostile"):
        shutil.copytree(FIXTURES / fixtures, docs, dirs_exist_ok=True)
    content = load_content(docs, tmp_path, publisher="Éditeur", today=datetime.date(2026, 1, 1))
    assert content.problems == []
    return Catalogue(tuple(content.resources), content.vocabularies)


def test_each_resource_s_facet_values_read_back_from_the_facets_file(catalogue: Catalogue) -> None:
    index = json.loads(browse_index(catalogue).files[FACETS_FILE])
    published = catalogue.published
    assert index["total"] == len(published) > 10
    assert list(index["facets"]) == list(FACETS)
    for key, facet in index["facets"].items():
        assert len(facet["resources"]) == len(published)
        assert facet["values"] == sorted(set(facet["values"]))
        for resource, ids in zip(published, facet["resources"], strict=True):
            read = [facet["values"][i] for i in (ids if isinstance(ids, list) else [ids])]
            assert tuple(read) == search_record(resource, catalogue).facets.get(key, ()), (key, resource.slug)
    # One value is an index, none or several a list: the themes of the first resource are several.
    assert any(isinstance(ids, list) and len(ids) > 1 for ids in index["facets"]["theme"]["resources"])
    assert any(ids == [] for ids in index["facets"]["programme"]["resources"])


def test_cards_come_newest_first_in_files_of_the_chunk_size(catalogue: Catalogue) -> None:
    browse = browse_index(catalogue, cards_per_chunk=3)
    index = json.loads(browse.files[FACETS_FILE])
    published = catalogue.published
    assert index["cards_per_chunk"] == 3
    assert index["chunks"] == math.ceil(len(published) / 3)
    assert set(browse.files) == {FACETS_FILE} | {cards_file(n) for n in range(index["chunks"])}
    assert all(path.startswith(f"{BROWSE_FOLDER}/") for path in browse.files)
    cards = []
    for number in range(index["chunks"]):
        chunk = json.loads(browse.files[cards_file(number)])
        assert 0 < len(chunk) <= 3
        cards += chunk
    assert cards == [search_card(resource, search_record(resource, catalogue)) for resource in published]
    assert [card["url"] for card in cards] == [r.url for r in published]  # the catalogue's order


def test_drafts_are_not_in_it(catalogue: Catalogue) -> None:
    drafts = [r for r in catalogue.resources if r.draft]
    assert drafts
    text = "".join(browse_index(catalogue).files.values())
    for draft in drafts:
        assert draft.url not in text
        assert json.dumps(draft.title, ensure_ascii=False)[1:-1] not in text


def test_the_same_catalogue_gives_the_same_bytes_and_a_change_a_new_version(catalogue: Catalogue) -> None:
    first, again = browse_index(catalogue), browse_index(catalogue)
    assert first == again
    assert first.address == f"{FACETS_FILE}?v={first.version}"
    resources = list(catalogue.resources)
    newest = catalogue.published[0]
    resources[resources.index(newest)] = dataclasses.replace(newest, title="Un autre titre")
    changed = browse_index(Catalogue(tuple(resources), catalogue.vocabularies))
    assert changed.files[FACETS_FILE] == first.files[FACETS_FILE]  # same facets…
    assert changed.files[cards_file(0)] != first.files[cards_file(0)]  # …another card
    assert changed.version != first.version


def test_an_empty_catalogue_gives_an_empty_index(catalogue: Catalogue) -> None:
    empty = browse_index(Catalogue((), catalogue.vocabularies))
    assert set(empty.files) == {FACETS_FILE}
    index = json.loads(empty.files[FACETS_FILE])
    assert index["total"] == 0 and index["chunks"] == 0
    assert all(facet == {"values": [], "resources": []} for facet in index["facets"].values())
