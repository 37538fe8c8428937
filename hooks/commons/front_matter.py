"""Reading a Markdown file's front matter, with the line of every field.

python-frontmatter finds the ``---`` block; PyYAML composes it once, which
gives both the data and the line of each key. YAML's implicit timestamps are
turned off so that dates stay text: an impossible date such as ``2024-02-30``
then reaches the validator, which names it, instead of crashing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .problems import Problem

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _TextDateLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that reads ``2024-03-01`` as text, not as a date."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_HANDLER = YAMLHandler()

_UNQUOTED_COLON = "deux-points inattendu (une valeur qui contient « : » doit être entre guillemets)"

# PyYAML's most frequent complaints, said in French; others are quoted as is.
_YAML_PROBLEMS_FR = {
    "mapping values are not allowed here": _UNQUOTED_COLON,
    "mapping values are not allowed in this context": _UNQUOTED_COLON,
    "could not find expected ':'": "deux-points manquant après un nom de champ",
    "found character '\\t' that cannot start any token": "tabulation interdite (indentez avec des espaces)",
    "expected <block end>, but found '<block sequence start>'": "indentation incohérente d'une liste",
    "found unexpected end of stream": "guillemet ou crochet jamais refermé",
    "did not find expected ',' or ']'": "crochet « [ » jamais refermé, ou virgule manquante entre deux valeurs",
    "did not find expected ',' or '}'": "accolade « { » jamais refermée, ou virgule manquante entre deux champs",
    "found undefined alias": "alias YAML (« * ») inconnu",
}

# A field path: mapping keys and list positions, e.g. ("event", "speakers", 0).
FieldPath = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """The front matter of one file: its data and where each field stands."""

    data: dict[str, Any]
    body: str
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """The file line of ``path``, or of its nearest parent that has one."""
        for end in range(len(path), 0, -1):
            if (line := self.lines.get(path[:end])) is not None:
                return line
        return None


def read_front_matter(raw: bytes, display_path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Decode ``raw`` and parse its front matter, or say why it cannot be read."""

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
    loader = _TextDateLoader(header)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = str(error.problem or error.context or "")
        reason_fr = _YAML_PROBLEMS_FR.get(reason, reason)
        column = f" (colonne {mark.column + 1})" if mark else ""
        return problem(
            f"en-tête YAML illisible{column} : {reason_fr}. Vérifiez les deux-points, "
            "l'indentation (des espaces, pas de tabulations) et les guillemets.",
            mark.line + 1 if mark else None,
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "vide" if data is None else f"{_kind_of(data)}, pas une suite de champs"
        return problem(
            f"l'en-tête est {kind} : écrivez un champ par ligne sous la forme « nom: valeur », "
            "par exemple « title: Mon titre ».",
            1,
        )
    lines: dict[FieldPath, int] = {}
    duplicates: list[Problem] = []
    _index_lines(node, (), lines, duplicates, display_path)
    return FrontMatter(data=data, body=body, lines=lines), duplicates


def _kind_of(value: object) -> str:
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, str):
        return "un simple texte"
    return f"une valeur isolée ({value!r})"


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
