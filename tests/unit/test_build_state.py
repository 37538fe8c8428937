"""The build state: one per build, never a stale one, and whether the process previews."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from commons import build_state
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.site_settings import read_site_settings

from tests.conftest import FIXTURES, REPO_ROOT


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a process that has run no build yet."""
    monkeypatch.setattr(build_state, "_current", None)
    monkeypatch.setattr(build_state, "_serving", False)
    yield


def _catalogue() -> Catalogue:
    content = load_content(FIXTURES / "base", REPO_ROOT, publisher="Éditeur", today=datetime.date(2026, 11, 29))
    return Catalogue(tuple(content.resources), content.vocabularies)


def test_nothing_is_read_before_the_first_build_starts() -> None:
    with pytest.raises(RuntimeError, match="on_pre_build"):
        build_state.current()
    assert build_state.current_or_none() is None


def test_every_build_gets_a_fresh_state() -> None:
    settings, catalogue = read_site_settings(REPO_ROOT), _catalogue()
    first = build_state.start(settings, catalogue)
    first.licence_about = "https://exemple.fr/s-abonner/#licences-dans-les-flux"
    second = build_state.start(settings, catalogue)
    assert build_state.current() is second and second is not first
    assert second.licence_about == "" and second.generated_pages == {} and second.search_indexing is None


def test_a_build_that_stops_early_leaves_no_state_behind() -> None:
    build_state.start(read_site_settings(REPO_ROOT), _catalogue())
    build_state.set_current(None)  # what validation.py does first in on_pre_build
    assert build_state.current_or_none() is None


def test_the_command_says_whether_the_process_previews() -> None:
    settings, catalogue = read_site_settings(REPO_ROOT), _catalogue()
    assert not build_state.start(settings, catalogue).serving
    build_state.note_command("serve")
    assert build_state.serving()
    assert build_state.start(settings, catalogue).serving
