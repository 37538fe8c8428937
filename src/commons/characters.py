"""Characters that deceive readers or break the files others read.

Control characters (NUL, ESC, vertical tab…) break feeds and terminals;
bidirectional overrides make a title read differently from what a reviewer
sees in the diff; zero-width characters hide inside words. None of them has
a use in front matter or vocabularies, so they are refused with their
position, and problems quote them only as visible ``U+XXXX`` codes.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode categories refused: control (Cc), format (Cf: bidirectional
# controls, zero-width spaces and joiners, the BOM), line and paragraph
# separators (Zl, Zp), and code points with no character (Cn, Cs).
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cn", "Cs"})


def is_forbidden(character: str) -> bool:
    return unicodedata.category(character) in _FORBIDDEN_CATEGORIES


def _ranges(codes: list[int]) -> str:
    """A regular-expression character class body for ``codes`` (sorted), as ranges."""
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            parts.append(re.escape(chr(start)) + ("" if start == previous else "-" + re.escape(chr(previous))))
            start = code
        previous = code
    return "".join(parts)


# Searching with one compiled class is what keeps a 2,000-file check fast: the
# basic plane's forbidden characters are listed once (a few milliseconds);
# characters beyond it (emoji, rare scripts) are few and checked one by one.
_BASIC_PLANE_FORBIDDEN = re.compile(
    "[" + _ranges([code for code in range(0x10000) if is_forbidden(chr(code))]) + "\U00010000-\U0010ffff]"
)


def _first_forbidden(text: str, start: int = 0) -> re.Match[str] | None:
    while (match := _BASIC_PLANE_FORBIDDEN.search(text, start)) is not None:
        if ord(match.group()) < 0x10000 or is_forbidden(match.group()):
            return match
        start = match.end()
    return None


def forbidden_positions(text: str, *, allowed: str = "") -> list[tuple[int, int, str]]:
    """Each forbidden character of ``text`` as (0-based line, 1-based column, character)."""
    found: list[tuple[int, int, str]] = []
    start = 0
    while (match := _first_forbidden(text, start)) is not None:
        index, start = match.start(), match.end()
        if match.group() in allowed:
            continue
        line_start = text.rfind("\n", 0, index) + 1
        found.append((text.count("\n", 0, index), index - line_start + 1, match.group()))
    return found


def forbidden_in_values(data: object) -> list[tuple[tuple[str | int, ...], int, str]]:
    """Each forbidden character in the texts of ``data``, keys included, as
    (field path, 1-based position in the text, character).

    Escapes such as ``"\\u202e"`` in a quoted YAML text only become characters
    here, after the raw file passed. A line break is allowed inside a value
    (folded text), never inside a key.
    """
    found: list[tuple[tuple[str | int, ...], int, str]] = []
    stack: list[tuple[tuple[str | int, ...], object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                child_path = (*path, str(key))
                found += [(child_path, column, c) for _, column, c in forbidden_positions(str(key))]
                stack.append((child_path, child))
        elif isinstance(value, list):
            stack.extend(((*path, index), child) for index, child in enumerate(value))
        elif isinstance(value, str):
            found += [(path, column, c) for _, column, c in forbidden_positions(value.replace("\n", " "))]
    return sorted(found, key=lambda item: (str(item[0]), item[1]))


# Unicode gives control characters no name; these are the ones people meet.
_CONTROL_NAMES = {0x00: "NUL", 0x09: "TABULATION", 0x0B: "TABULATION VERTICALE", 0x0C: "SAUT DE PAGE",
                  0x0D: "RETOUR CHARIOT", 0x1B: "ÉCHAPPEMENT", 0x7F: "SUPPRESSION"}  # fmt: skip


def describe_character(character: str) -> str:
    """``caractère … U+202E (RIGHT-TO-LEFT OVERRIDE) interdit``, the kind of character said in French."""
    code = ord(character)
    name = unicodedata.name(character, _CONTROL_NAMES.get(code, ""))
    category = unicodedata.category(character)
    kind = "caractère de contrôle" if category == "Cc" else "caractère invisible ou de mise en forme"
    return f"{kind} U+{code:04X}{f' ({name})' if name else ''} interdit"


def visible(text: str) -> str:
    """``text`` with every forbidden character written as ``<U+XXXX>``: safe to print on one line."""
    if _first_forbidden(text) is None:
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_forbidden(c) else c for c in text)
