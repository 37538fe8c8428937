"""French typography on HTML: the rules of experience.md, and nothing outside visible text."""

from __future__ import annotations

import pytest
from commons.french_typography import NBSP, NNBSP, french_typography


@pytest.mark.parametrize(
    ("written", "typeset"),
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Attention !", f"Attention{NNBSP}!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Voici : la suite", f"Voici{NBSP}: la suite"),
        ("« Entre guillemets »", f"«{NNBSP}Entre guillemets{NNBSP}»"),
        ("«serrés»", f"«{NNBSP}serrés{NNBSP}»"),
        ("20 %", f"20{NNBSP}%"),
        ("12 km et 3 h", f"12{NBSP}km et 3{NBSP}h"),
        ("2 000 agents", f"2{NNBSP}000 agents"),
        ("le 2 juin 2025", f"le 2{NBSP}juin{NBSP}2025"),
        ("le 1er mai", f"le 1<sup>er</sup>{NBSP}mai"),
        ("La 27e Région", "La 27<sup>e</sup> Région"),
        ("mars 2020", f"mars{NBSP}2020"),
    ],
)
def test_visible_text_gets_french_typography(written: str, typeset: str) -> None:
    assert french_typography(f"<p>{written}</p>") == f"<p>{typeset}</p>"


@pytest.mark.parametrize(
    "untouched",
    [
        "<p>À 10:30, voir https://example.org/?q=1 ;-)</p>",  # no space to replace: nothing added
        '<p><a href="/x?a=1 : b" title="Pourquoi ?">lien</a></p>',  # attributes
        "<p><code>a : b ? 1er</code></p>",
        "<pre><code>titre : valeur</code></pre>",
        '<script type="application/ld+json">{"name": "La 27e Région : x ?"}</script>',
        "<style>a::before { content: ' : '; }</style>",
        "<!-- note : rien -->",
        '<span data-pagefind-filter="theme">Thème : valeur</span>',
        '<span data-pagefind-meta="title">La 27e Région : titre</span>',
        "<p>www.la27eregion.fr/27e</p>",  # an address written out: no superscript
        "<p>1e5 et 0x1e</p>",
    ],
)
def test_code_urls_attributes_json_ld_and_search_data_are_left_as_written(untouched: str) -> None:
    assert french_typography(untouched) == untouched


def test_the_title_gets_spacing_but_no_markup() -> None:
    assert french_typography("<title>La 27e Région : accueil</title>") == f"<title>La 27e Région{NBSP}: accueil</title>"


def test_an_attribute_holding_a_closing_bracket_stays_whole() -> None:
    html = '<a title="a > b : c">texte : suite</a>'
    assert french_typography(html) == f'<a title="a > b : c">texte{NBSP}: suite</a>'


def test_typesetting_twice_changes_nothing_more() -> None:
    once = french_typography("<p>« Pourquoi ? » : 20 % le 2 juin 2025, la 27e</p>")
    assert french_typography(once) == once


def test_a_sign_after_an_inline_element_gets_its_space_too() -> None:
    assert french_typography("<p><strong>Le but</strong> : agir</p>") == f"<p><strong>Le but</strong>{NBSP}: agir</p>"
