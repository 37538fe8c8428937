"""French typography for the text a page shows, applied to finished HTML.

Printed French (Imprimerie nationale, *Lexique des règles typographiques*)
puts a non-breaking space before « : », a narrow non-breaking space before
« ; ! ? » and inside « guillemets », keeps a number with its unit or « % »
and a date on one line, groups thousands with a narrow space, and sets
ordinals in superscript (1er, 27e).

Only text between tags changes. Tags and their attributes, comments, and the
content of ``script``, ``style``, ``pre``, ``code``, ``kbd``, ``samp`` and
``textarea`` are copied as they are, and so is the text of Pagefind's data
elements (filters, result metadata, sort keys), which the search index reads.
Spaces are only replaced, never added, except inside guillemets: « 10:30 »,
« https:// » and « ?q= » keep their meaning. ``french-typo`` (PyPI) applies
similar rules but works on plain strings and also rewrites words (units'
case), so it could not be trusted on HTML; these few rules are tested in
tests/unit/test_typography.py.
"""

from __future__ import annotations

import functools
import re

NBSP = "\u00a0"  # before « : », in dates, between a number and its unit
NNBSP = "\u202f"  # narrow: before « ; ! ? », inside guillemets, in 2 000, before %

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_UNITS = r"€|k€|M€|Md€|km|m|m²|m2|cm|mm|kg|g|t|h|min|s|ko|Ko|Mo|Go|To|°C|ha|l|L"

# Every rule needs one of these characters. Most text between tags (the
# navigation, the spaces between tags) has none of them.
_CANDIDATES = ":;!?«»0-9"

# A page is read as a series of tokens, first match wins:
# - the title, whose text gets the spacing rules only (it cannot hold markup);
# - a run of what is copied as it is: comments, elements whose content is code
#   or data, Pagefind's data elements, any other tag (attributes quoted with
#   " or ' may hold a ">"), and text between tags with no candidate character;
# - text between tags that has one, which the rules see whole.
# Copying whole runs at once, instead of one tag at a time, makes a page's pass
# several times faster: a page has thousands of tags and a few dozen texts to set.
# Possessive: an attribute's parts start with distinct characters, so giving
# any back can never make a match; not trying saves a third of the pass.
_ATTRIBUTES = r"""(?:[^'">]++|"[^"]*+"|'[^']*+')*+>"""
_KEPT = (
    r"<!--.*?-->"
    rf"|<(?P<name>script|style|pre|code|kbd|samp|textarea)\b{_ATTRIBUTES}.*?</(?P=name)\s*>"
    r"|<span\s[^>]*data-pagefind-(?:filter|meta|sort)[^>]*>[^<]*</span>"
    rf"|<(?!title\b)[a-zA-Z/!?]{_ATTRIBUTES}"
    rf"|[^<{_CANDIDATES}]++(?=<|\Z)"
)
_TOKEN = re.compile(
    r"(?P<title_open><title\b[^>]*>)(?P<title>[^<]*)(?P<title_close></title\s*>)"
    rf"|(?P<kept>(?:{_KEPT})+)"
    r"|(?P<text><?[^<]*)",  # a stray « < » is text too
    re.DOTALL | re.IGNORECASE,
)

_SPACES = "[ \u00a0\u202f]"
# (pattern, replacement): each replaces spaces that are there, but for guillemets.
_SPACING = [
    # After a word, or at the start of a text that follows a tag (« <strong>Le but</strong> : »).
    (re.compile(rf"(?:(?<=\S)|^){_SPACES}+(?=:(?:\s|$))"), NBSP),
    (re.compile(rf"(?:(?<=\S)|^){_SPACES}+(?=[;!?](?:\s|$|[»)\]]))"), NNBSP),
    (re.compile(rf"«{_SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACES}*»"), NNBSP + "»"),
    (re.compile(r"(?<=\d) (?=[%‰])"), NNBSP),
    (re.compile(rf"(?<=\d) (?=(?:{_UNITS})(?![\w²]))"), NBSP),
    (re.compile(r"\b(\d{1,3}) (?=\d{3}\b)"), rf"\1{NNBSP}"),
    (re.compile(rf"\b(\d{{1,2}}|1er) (?=(?:{_MONTHS})\b)"), rf"\1{NBSP}"),
    (re.compile(rf"\b({_MONTHS}) (?=\d{{4}}\b)"), rf"\1{NBSP}"),
]
_ORDINAL = re.compile(r"\b(\d{1,4})(er|re|ers|res|e|es)\b")
_LINK_TEXT = re.compile(r"://|www\.")


def french_spacing(text: str) -> str:
    """Text with French spaces: the rules that never add markup."""
    for pattern, space in _SPACING:
        text = pattern.sub(space, text)
    return text


# Most texts recur from page to page (navigation, labels, cards repeated
# across listings): at 2,000 resources, 141,000 texts but 10,700 distinct
# ones. The bound keeps a long `mkdocs serve` session's memory flat.
@functools.lru_cache(maxsize=1 << 15)
def french_text(text: str) -> str:
    """HTML text (between tags) with French spaces and superscript ordinals."""
    text = french_spacing(text)
    if _LINK_TEXT.search(text):  # an address written out: no superscript in it
        return text
    return _ORDINAL.sub(r"\1<sup>\2</sup>", text)


def french_typography(html: str) -> str:
    """``html`` with French typography applied to the text it shows, and to nothing else."""
    out: list[str] = []
    for match in _TOKEN.finditer(html):
        if match.group("kept") is not None:
            out.append(match.group("kept"))
        elif match.group("title") is not None:
            out.append(match.group("title_open") + french_spacing(match.group("title")) + match.group("title_close"))
        else:
            out.append(french_text(match.group("text")))
    return "".join(out)
