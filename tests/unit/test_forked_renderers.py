"""How pages are dealt out between rendering processes, and how many there are."""

from __future__ import annotations

from itertools import chain

import pytest
from commons.forked_renderers import RENDER_PROCESSES_VARIABLE, render_processes, shares


def test_pages_are_dealt_in_turn_so_each_share_keeps_their_order_and_mix() -> None:
    pages = ["r1", "r2", "r3", "r4", "r5", "l1", "l2", "l3"]  # resources first, then listings

    dealt = shares(pages, 3)

    assert dealt == [["r1", "r4", "l2"], ["r2", "r5", "l3"], ["r3", "l1"]]
    assert sorted(chain.from_iterable(dealt)) == sorted(pages)


def test_the_environment_chooses_the_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RENDER_PROCESSES_VARIABLE, "3")
    assert render_processes() == 3
    monkeypatch.setenv(RENDER_PROCESSES_VARIABLE, "1")
    assert render_processes() == 1


@pytest.mark.parametrize("chosen", ["0", "deux", "-2", "1.5"])
def test_a_wrong_number_of_processes_is_refused_in_french(monkeypatch: pytest.MonkeyPatch, chosen: str) -> None:
    monkeypatch.setenv(RENDER_PROCESSES_VARIABLE, chosen)
    with pytest.raises(ValueError, match="un nombre de processus est attendu"):
        render_processes()
