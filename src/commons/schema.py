"""The resource schema (``data/resource.schema.json``) and its French messages.

jsonschema does the checking; this module fills the schema's vocabularies
(licences, themes, audiences, programmes) from the data files and turns each
jsonschema error into one path-first French line with its fix.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .front_matter import FieldPath, FrontMatter, dotted_field
from .front_matter_writer import yaml_inline
from .problems import Problem

_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
# http(s) only, and none of the characters a URL may never hold raw: double quotes
# and angle brackets would let an address break out of an HTML attribute.
_HTTP_URL = re.compile(r"https?://[^\s/?#\"<>`\\]+[^\s\"<>`\\]*", re.IGNORECASE)

_TYPE_NAMES_FR = {
    "string": "un texte",
    "array": "une liste",
    "object": "un groupe de champs",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "null": "vide",
}


@cache
def resource_schema() -> dict[str, Any]:
    """The schema as published, without the vocabularies filled in."""
    text = files(__package__).joinpath("data/resource.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date")(is_calendar_date)
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_HTTP_URL.fullmatch(value)))
    return checker


def is_calendar_date(value: object) -> bool:
    """``YYYY-MM-DD`` naming a day that exists."""
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def data_schema(name: str) -> dict[str, Any]:
    """One of the schemas of ``data/``, by file name."""
    schema: dict[str, Any] = json.loads(files(__package__).joinpath(f"data/{name}").read_text("utf-8"))
    return schema


class SchemaValidator:
    """Checks one parsed YAML document against a schema, with vocabularies filled in.

    ``vocabularies`` maps the schema's ``x-vocabulary`` names to the allowed
    values; ``aliases`` maps known misspellings to the value meant.
    """

    def __init__(
        self,
        schema: Mapping[str, Any],
        vocabularies: Mapping[str, list[str]] | None = None,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._schema = copy.deepcopy(dict(schema))
        _fill_vocabularies(self._schema, vocabularies or {})
        self._validator = Draft202012Validator(self._schema, format_checker=_format_checker())
        self._aliases = aliases or {}

    def problems(self, front: FrontMatter, path: str) -> Iterator[Problem]:
        return self.problems_in(front.data, front.line_of, path)

    def problems_in(self, data: object, line_of: Callable[[FieldPath], int | None], path: str) -> Iterator[Problem]:
        """Every problem of ``data``, one French line each, at the line ``line_of`` gives a field."""
        seen: set[tuple[FieldPath, str]] = set()
        for error in self._validator.iter_errors(data):
            for field_path, message in self._explain(error):
                if (field_path, message) in seen:
                    continue
                seen.add((field_path, message))
                line = line_of(field_path) if field_path else None
                yield Problem(path, line, dotted_field(field_path) or None, message)

    def _explain(self, error: ValidationError) -> Iterator[tuple[FieldPath, str]]:
        where: FieldPath = tuple(error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        value: Any = error.instance  # typed "Any | Unset": always set on errors iter_errors yields
        rule: Any = error.validator_value
        kind = error.validator
        if kind == "required":
            properties = schema.get("properties") or self._properties_at(where)
            for name in rule:
                if isinstance(value, dict) and name not in value:
                    yield (*where, name), _missing(name, properties.get(name, {}), value, where)
        elif kind == "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            for name in value:
                if name not in allowed:
                    yield (*where, name), _unknown_key(name, allowed)
        elif kind == "type":
            expected = rule
            names = " ou ".join(_TYPE_NAMES_FR[t] for t in ([expected] if isinstance(expected, str) else expected))
            yield where, f"doit être {names}, pas {_describe(value)}.{_example_hint(where, schema)}"
        elif kind == "enum":
            yield where, self._unknown_value(value, rule, schema)
        elif kind == "format":
            yield where, _bad_format(value, rule)
        elif kind == "pattern":
            yield where, schema.get("x-pattern", "ne doit pas être vide.")
        elif kind == "minLength":
            yield where, f"trop court : {_characters(len(value))}, il en faut au moins {rule}."
        elif kind == "maxLength":
            yield where, f"trop long : {_characters(len(value))}, {rule} au plus."
        elif kind == "minItems":
            yield where, f"la liste est vide : indiquez au moins une valeur.{_example_hint(where, schema)}"
        elif kind == "maxItems":
            yield where, f"{len(value)} valeurs, {rule} au plus : gardez les plus importantes."
        elif kind == "uniqueItems":
            yield where, "une même valeur apparaît deux fois : retirez le doublon."
        elif kind == "minimum":
            yield where, f"doit valoir au moins {rule} (valeur actuelle : {value})."
        elif kind == "maximum":
            yield where, f"doit valoir au plus {rule} (valeur actuelle : {value})."
        else:  # a rule added to the schema without a French message yet
            yield where, f"valeur refusée par la règle « {kind} » du schéma ({error.message})."

    def _properties_at(self, where: FieldPath) -> dict[str, Any]:
        node = self._schema
        for part in where:
            node = node["items"] if isinstance(part, int) else node["properties"][part]
        properties: dict[str, Any] = node.get("properties", {})
        return properties

    def _unknown_value(self, value: object, allowed: list[str], schema: dict[str, Any]) -> str:
        phrase = schema.get("x-unknown", "n'est pas une valeur permise")
        if isinstance(value, str) and len(glued := value.split(" - ")) > 1:
            # A "- value" indented under the previous one: YAML reads both as one text.
            advice = (
                f" Ce sont {len(glued)} valeurs collées : alignez chaque « - » sous le précédent, une valeur par ligne."
            )
        else:
            suggestion = _suggest(str(value), allowed, self._aliases)
            advice = f" Vouliez-vous dire « {suggestion} » ?" if suggestion else ""
        return f"« {value} » {phrase}.{advice} (valeurs permises : {', '.join(allowed)})"


class ResourceValidator(SchemaValidator):
    """Checks one resource's front matter against ``data/resource.schema.json``."""

    def __init__(self, vocabularies: Mapping[str, list[str]], aliases: Mapping[str, str]) -> None:
        super().__init__(resource_schema(), vocabularies, aliases)


def _fill_vocabularies(node: object, vocabularies: Mapping[str, list[str]]) -> None:
    if isinstance(node, dict):
        if (name := node.get("x-vocabulary")) is not None:
            node["enum"] = list(vocabularies[name])
        for child in node.values():
            _fill_vocabularies(child, vocabularies)
    elif isinstance(node, list):
        for child in node:
            _fill_vocabularies(child, vocabularies)


def _suggest(value: str, allowed: list[str], aliases: Mapping[str, str]) -> str | None:
    if aliases.get(value) in allowed:  # an alias of another list's value is no help here
        return aliases[value]
    folded = {candidate.casefold(): candidate for candidate in allowed}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _missing(name: str, field_schema: dict[str, Any], container: dict[str, Any], where: FieldPath) -> str:
    reason = "champ obligatoire manquant"
    if not where and name in ("event", "period"):
        reason = f"champ obligatoire pour le type « {container.get('type')} » manquant"
    description = field_schema.get("description", "")
    hint = _example_hint((*where, name), field_schema)
    return f"{reason}. {description}{hint}".rstrip()


def _unknown_key(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name.casefold(), allowed, n=1, cutoff=0.6)
    advice = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
    return f"champ inconnu.{advice} (champs permis : {', '.join(allowed)})"


def _bad_format(value: object, format_name: str) -> str:
    if format_name == "date":
        if isinstance(value, str) and _DATE_SHAPE.fullmatch(value):
            return f"« {value} » n'existe pas dans le calendrier : vérifiez le jour et le mois."
        return f"« {value} » n'est pas une date au format AAAA-MM-JJ (par exemple 2025-03-20)."
    return f"« {value} » n'est pas une adresse web valide : seules les adresses http:// ou https:// sont acceptées."


def _characters(count: int) -> str:
    return f"{count} caractère" if count < 2 else f"{count} caractères"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, str):
        return f"le texte « {value} »"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un groupe de champs"
    return "une valeur vide"


def _example_hint(where: FieldPath, schema: dict[str, Any]) -> str:
    examples = schema.get("examples")
    if not examples or not where or isinstance(where[-1], int):
        return ""
    return f" Exemple : « {where[-1]}: {yaml_inline(examples[0])} »."
