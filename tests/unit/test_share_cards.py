"""Share cards drawn without a network, named by their content, and drawn only once."""

from __future__ import annotations

import dataclasses
import io
import socket
from pathlib import Path
from typing import Any

import pytest
from commons import share_cards
from commons.share_cards import Card, cached_cards, card_key, render_card
from PIL import Image

CARD = Card("Commander une prestation de design", "Guide", "CC BY-SA 4.0", True, "Communs de l'innovation publique")


def test_a_card_is_a_1200_by_630_png_drawn_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a card tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with Image.open(io.BytesIO(render_card(CARD))) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 20, "text was drawn, antialiased, over the background"


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Un autre titre"},
        {"kind": "Anti-manuel"},
        {"licence": "CC BY 4.0"},
        {"open": False},
        {"site_name": "X"},
    ],
)
def test_the_name_of_a_card_changes_with_anything_drawn_on_it(change: dict[str, Any]) -> None:
    other = dataclasses.replace(CARD, **change)
    assert card_key(other) != card_key(CARD)
    assert render_card(other) != render_card(CARD)
    assert card_key(dataclasses.replace(CARD)) == card_key(CARD)


def test_the_drawing_version_renames_every_card(monkeypatch: pytest.MonkeyPatch) -> None:
    before = card_key(CARD)
    monkeypatch.setattr(share_cards, "DRAWING_VERSION", "next")
    assert card_key(CARD) != before


def test_only_missing_cards_are_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards = [CARD, dataclasses.replace(CARD, title="Deuxième"), dataclasses.replace(CARD, title="Troisième")]
    first = cached_cards(cards[:2], tmp_path)
    assert first.drawn == 2 and all(path.is_file() for path in first.paths.values())
    drawn: list[Card] = []
    original = share_cards.render_card

    def counted_render(card: Card) -> bytes:
        drawn.append(card)
        return original(card)

    monkeypatch.setattr(share_cards, "render_card", counted_render)
    second = cached_cards(cards, tmp_path)
    assert drawn == [cards[2]] and second.drawn == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in second.paths.values())


def test_a_title_too_long_for_the_card_is_cut_at_a_word_with_an_ellipsis() -> None:
    width = 1040
    size, lines = share_cards._fit_title("Un titre qui ne tient pas " * 20, width)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    font = share_cards._font(share_cards._BOLD, size)
    assert all(font.getlength(line) <= width for line in lines)
    assert all(word in {"Un", "titre", "qui", "ne", "tient", "pas", "…"} for line in lines for word in line.split())
    size, lines = share_cards._fit_title("Court", width)
    assert (size, lines) == (68, ["Court"])
    assert Card("T", "Guide", "CC0 1.0", True, "S").alt == "Guide : T. Licence libre · CC0 1.0. S."
    assert "Licence non libre" in dataclasses.replace(CARD, open=False).licence_line
