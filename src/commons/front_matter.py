"""Reading a Markdown file's front matter, with the line of every field.

python-frontmatter finds the ``---`` block; ``bounded_yaml`` composes it once,
in bounded time and memory, which gives both the data and the line of each
key. Dates stay text, so that the validator names an impossible one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .bounded_yaml import YamlLimits, read_bounded_yaml
from .characters import describe_character, forbidden_in_values
from .problems import Problem

_HANDLER = YAMLHandler()

FRONT_MATTER_LIMITS = YamlLimits(
    max_bytes=32 * 1024, max_depth=6, what="l'en-tête", unreadable="en-tête YAML illisible"
)
# The longest resource of the commons is under 30 KB; Markdown's time grows
# faster than its input on some shapes, so a body has a ceiling too.
MAX_BODY_BYTES = 256 * 1024

# A field path: mapping keys and list positions, e.g. ("event", "speakers", 0).
FieldPath = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """The front matter of one file: its data and where each field stands."""

    data: dict[str, Any]
    body: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    body_line: int = 1  # the file line of the body's first line

    def line_of(self, path: FieldPath) -> int | None:
        """The file line of ``path``, or of its nearest parent that has one."""
        return line_in(self.lines, path)


def read_front_matter(
    raw: bytes, display_path: str, *, required: bool = True
) -> tuple[FrontMatter | None, list[Problem]]:
    """Decode ``raw`` and parse its front matter, or say why it cannot be read.

    Free pages (``required=False``) may have no front matter at all.
    """

    def problem(message: str, line: int | None = None) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, None, message)]

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return problem(
            "le fichier n'est pas encodé en UTF-8 (octet invalide "
            f"0x{raw[error.start]:02x}). Enregistrez-le en UTF-8 depuis votre éditeur.",
            line,
        )
    text = text.replace("\r\n", "\n")
    if not required and not _HANDLER.detect(text):
        return _with_body_limit(FrontMatter(data={}, body=text), display_path)
    if not text.strip():
        return problem(
            "le fichier est vide. Une ressource commence par un en-tête entre deux lignes "
            "« --- » (titre, description, type, date, auteurs, licence, thèmes), suivi du texte."
        )
    if not _HANDLER.detect(text):
        return problem(
            "pas d'en-tête (front matter) : la première ligne doit être « --- », suivie des "
            "champs (title, description, type…), puis d'une ligne « --- ».",
            1,
        )
    try:
        header, body = _HANDLER.split(text)
    except ValueError:
        return problem(
            "l'en-tête ouvert par « --- » n'est jamais fermé : ajoutez une ligne « --- » après le dernier champ.",
            1,
        )
    # The header text starts with the end of the opening "---" line, so YAML's
    # 0-based line numbers are the file's 1-based ones.
    document, found = read_bounded_yaml(header, display_path, FRONT_MATTER_LIMITS, first_line=1)
    if document is None:
        return None, found
    data, node = document.data, document.node
    if not isinstance(data, dict):
        kind = "vide" if data is None else f"{_kind_of(data)}, pas une suite de champs"
        return problem(
            f"l'en-tête est {kind} : écrivez un champ par ligne sous la forme « nom: valeur », "
            "par exemple « title: Mon titre ».",
            1,
        )
    lines, duplicates = field_lines(node, display_path)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1  # the body is the text's tail
    front = FrontMatter(data=data, body=body, lines=lines, body_line=body_line)
    hidden = [
        Problem(display_path, front.line_of(path), dotted_field(path) or None,
                f"{describe_character(character)} (position {position} du texte). Supprimez-le ou remplacez-le.")
        for path, position, character in forbidden_in_values(data)
    ]  # fmt: skip
    checked, found = _with_body_limit(front, display_path)
    return checked, found + duplicates + hidden


def _with_body_limit(front: FrontMatter, display_path: str) -> tuple[FrontMatter | None, list[Problem]]:
    if (size := len(front.body.encode("utf-8"))) > MAX_BODY_BYTES:
        message = f"le texte de la page fait {size} octets, {MAX_BODY_BYTES} au plus : découpez-le en plusieurs pages."
        return None, [Problem(display_path, None, None, message)]
    return front, []


def _kind_of(value: object) -> str:
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, str):
        return "un simple texte"
    return f"une valeur isolée ({value!r})"


def field_lines(node: yaml.Node | None, display_path: str) -> tuple[dict[FieldPath, int], list[Problem]]:
    """The file line of every field of a composed document, and its duplicated keys."""
    lines: dict[FieldPath, int] = {}
    duplicates: list[Problem] = []
    if node is not None:
        _index_lines(node, (), lines, duplicates, display_path)
    return lines, duplicates


def line_in(lines: dict[FieldPath, int], path: FieldPath) -> int | None:
    """The line of ``path`` in ``lines``, or of its nearest parent that has one."""
    for end in range(len(path), 0, -1):
        if (line := lines.get(path[:end])) is not None:
            return line
    return None


def _index_lines(
    node: yaml.Node,
    path: FieldPath,
    lines: dict[FieldPath, int],
    duplicates: list[Problem],
    display_path: str,
) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if child in lines:
                duplicates.append(
                    Problem(
                        display_path,
                        line,
                        dotted_field(child),
                        f"champ en double (déjà présent ligne {lines[child]}) : gardez-en un seul.",
                    )
                )
            lines[child] = line
            _index_lines(value_node, child, lines, duplicates, display_path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _index_lines(item, child, lines, duplicates, display_path)


def dotted_field(path: FieldPath) -> str:
    """``("event", "speakers", 0, "name")`` → ``event.speakers[1].name`` (1-based)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
