"""YAML from strangers, read in bounded time and memory, or refused in French.

A one-kilobyte "billion laughs" document (anchors and aliases nested a few
levels deep) composes into a small graph that every later walk expands, and
took the checker to 16 GB. So the composed graph is walked once, each node at
most once, before anything is built from it: an alias (a node met twice), an
explicit tag, a key that is not text or nesting deeper than allowed stops the
reading there, in time linear in the text's size.

Characters that deceive or break readers (control, bidirectional and
zero-width characters) are refused with their line and column before YAML
sees them: libyaml would otherwise raise a bare ``ReaderError`` on some of
them and let the others through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .characters import describe_character, forbidden_positions
from .problems import Problem

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
# The tags YAML gives plain text, numbers, booleans, null, lists and mappings;
# any other (!!binary, !!set, !!python/…, !custom) was written on purpose.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))


class TextDateLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that reads ``2024-03-01`` as text, not as a date.

    An impossible date such as ``2024-02-30`` then reaches the validator,
    which names it, instead of crashing the loader.
    """


def without_timestamps(resolvers: dict[Any, list[tuple[str, Any]]]) -> dict[Any, list[tuple[str, Any]]]:
    """PyYAML's implicit resolvers but the timestamp one: the project's dialect, where dates are text.

    ``TextDateLoader`` reads with it, and ``front_matter_writer`` writes with it.
    """
    return {first: [(tag, regexp) for tag, regexp in found if tag != _TIMESTAMP] for first, found in resolvers.items()}


TextDateLoader.yaml_implicit_resolvers = without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

_UNQUOTED_COLON = "deux-points inattendu (une valeur qui contient « : » doit être entre guillemets)"
# A line that is only an indented field, where no field may start: shifted by mistake.
_SHIFTED_FIELD = re.compile(r"^ +([A-Za-z_]+):(?: |$)")

_TAB = "tabulation interdite (indentez avec des espaces)"
_MISALIGNED = "indentation incohérente : un champ ou un « - » n'est pas aligné sur ceux de son niveau"

# PyYAML's most frequent complaints, in the wording of libyaml (the loader
# used when PyYAML has it, as its wheels do) and of the pure-Python loader,
# said in French; others are quoted as is.
_YAML_PROBLEMS_FR = {
    "mapping values are not allowed here": _UNQUOTED_COLON,
    "mapping values are not allowed in this context": _UNQUOTED_COLON,
    "could not find expected ':'": "deux-points manquant après un nom de champ",
    "found character '\\t' that cannot start any token": _TAB,
    "found a tab character that violates indentation": _TAB,
    "found character that cannot start any token": (
        "caractère qui ne peut pas commencer une valeur (une valeur qui commence par « @ », « ` » ou « % » "
        "doit être entre guillemets)"
    ),
    "did not find expected key": _MISALIGNED,
    "did not find expected '-' indicator": _MISALIGNED,
    "expected <block end>, but found '<block sequence start>'": "indentation incohérente d'une liste",
    "found unexpected end of stream": "guillemet ou crochet jamais refermé",
    "did not find expected ',' or ']'": "crochet « [ » jamais refermé, ou virgule manquante entre deux valeurs",
    "did not find expected ',' or '}'": "accolade « { » jamais refermée, ou virgule manquante entre deux champs",
    "found undefined alias": "alias YAML (« * ») inconnu",
    "exceeded maximum nesting depth": "trop de niveaux de listes ou de groupes de champs imbriqués",
}

_ALIASES_REFUSED = (
    "ancre ou alias YAML (« & » ou « * ») : ils sont refusés, car quelques lignes d'alias imbriqués "
    "suffisent à épuiser la mémoire. Écrivez chaque valeur en entier."
)

# How many deceptive characters one file reports before the rest are summed up.
_CHARACTERS_REPORTED = 5


@dataclass(frozen=True)
class YamlLimits:
    """How much YAML one file may hold: its size in bytes and its nesting depth."""

    max_bytes: int
    max_depth: int
    what: str  # in French, for the messages: "l'en-tête", "le vocabulaire"
    unreadable: str = "YAML illisible"


@dataclass(frozen=True)
class YamlDocument:
    """A composed document: its data, and its node graph for line numbers."""

    data: object
    node: yaml.Node | None


def read_bounded_yaml(
    text: str, display_path: str, limits: YamlLimits, *, first_line: int = 1
) -> tuple[YamlDocument | None, list[Problem]]:
    """Compose and construct ``text``, or say in French why it is refused.

    ``first_line`` is the file line of the text's first line, so that every
    message names the line of the file, not of the YAML block.
    """

    def problem(message: str, line: int | None = None) -> Problem:
        return Problem(display_path, line, None, message)

    size = len(text.encode("utf-8"))
    if size > limits.max_bytes:
        return None, [
            problem(
                f"{limits.what} fait {size} octets, {limits.max_bytes} au plus : "
                "raccourcissez-le (un texte long va dans le corps de la page, pas dans l'en-tête).",
                first_line,
            )
        ]
    found = [
        problem(f"colonne {column} : {describe_character(character)}. Supprimez-le ou remplacez-le.", first_line + line)
        for line, column, character in forbidden_positions(text, allowed="\n\t")[:_CHARACTERS_REPORTED]
    ]
    if found:
        return None, found
    try:
        loader = TextDateLoader(text)
        try:
            node = loader.get_single_node()
            refusal = _first_refusal(node, limits) if node is not None else None
            if refusal is None and "&" in text:  # an anchor no alias uses: the scan costs, so only when one may be
                refusal = _first_anchor(text)
            if refusal is not None:
                line, message = refusal
                return None, [problem(message, first_line + line)]
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = str(error.problem or error.context or "")
        reason_fr = _YAML_PROBLEMS_FR.get(reason, reason)
        lines = text.split("\n")
        marked = lines[mark.line] if mark and mark.line < len(lines) else ""  # past the end: the text ended
        if mark and marked[mark.column : mark.column + 1] == "\t":
            reason_fr = _TAB  # whatever the loader calls it
        elif reason_fr is _UNQUOTED_COLON and (shifted := _SHIFTED_FIELD.match(marked)):
            reason_fr = (
                f"le champ « {shifted.group(1)} » est décalé vers la droite : alignez-le sur les champs de son "
                "niveau (en début de ligne pour ceux de l'en-tête)"
            )
        column = f" (colonne {mark.column + 1})" if mark else ""
        return None, [
            problem(
                f"{limits.unreadable}{column} : {reason_fr}. Vérifiez les deux-points, "
                "l'indentation (des espaces, pas de tabulations) et les guillemets.",
                first_line + mark.line if mark else None,
            )
        ]
    except yaml.YAMLError as error:  # e.g. a reader error outside any mark
        return None, [
            problem(f"{limits.unreadable} : {error}. Vérifiez le fichier dans un éditeur de texte.", first_line)
        ]
    return YamlDocument(data=data, node=node), []


def _first_refusal(root: yaml.Node, limits: YamlLimits) -> tuple[int, str] | None:
    """The 0-based line and message of the first construct refused, if any.

    An alias makes the composed graph share a node: the walk meets it twice,
    and stops there, so it visits each node of the text at most once.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line if node.start_mark else 0
        if id(node) in seen:
            return line, _ALIASES_REFUSED
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            return line, (
                f"étiquette YAML « {node.tag} » refusée : écrivez la valeur sans étiquette, "
                "entre guillemets si c'est un texte."
            )
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and depth > limits.max_depth:
            return line, (
                f"{limits.what} imbrique plus de {limits.max_depth} niveaux de listes et de groupes de champs : "
                "aplatissez-le."
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                    return (key.start_mark.line if key.start_mark else line), (
                        f"le nom de champ « {_key_text(key)} » n'est pas un simple texte : écrivez un nom de champ "
                        "en lettres (par exemple « title »), ou mettez-le entre guillemets."
                    )
                stack += [(value, depth + 1), (key, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in reversed(node.value)]
    return None


def _first_anchor(text: str) -> tuple[int, str] | None:
    for event in yaml.parse(text, Loader=_BaseLoader):
        if getattr(event, "anchor", None):
            return (event.start_mark.line if event.start_mark else 0), _ALIASES_REFUSED
    return None


def _key_text(key: yaml.Node) -> str:
    return str(key.value) if isinstance(key, yaml.ScalarNode) else "(une liste ou un groupe de champs)"
