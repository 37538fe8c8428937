"""The scaffolder's work: a new resource file, from answers checked one by one like the build checks them.

``scripts/new.py`` is its command line (``make new``): it takes flags, asks
for what is missing through ``Interview``, then calls ``write_resource``,
which writes the file and keeps it only if the content model accepts it.
The body's first headings come from the type's ``outline`` in the registry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify as python_slugify

from .front_matter import FrontMatter
from .front_matter_writer import front_matter_text
from .licences import licence_registry
from .model import load_content, resource_validator
from .problems import errors
from .resource_types import programme_folder, resource_folders, resource_types
from .schema import resource_schema
from .site_settings import SiteSettingsError, read_site_settings
from .vocabularies import Term, load_vocabularies

SLUG_MAX_LENGTH = 80
# Before python-slugify folds the rest: a typographic apostrophe separates words
# as a straight one does, and « n° » is a number sign, not « ndeg ».
_SLUG_REPLACEMENTS = [["’", "-"], ["°", "-"]]


class ScaffoldError(Exception):
    """A reason not to write the file, said to the contributor in French."""


def slugify(title: str) -> str:
    """A file name from a title: lower case ASCII words joined by hyphens.

    Accents are folded (« Été » → « ete »), ligatures spelled out (« œ » → « oe »),
    apostrophes and punctuation become hyphens; long titles are cut at a word.
    """
    return python_slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True, replacements=_SLUG_REPLACEMENTS)


def conditional_requirements() -> dict[str, list[str]]:
    """Fields the schema requires for one type only (``event`` for a webinar…)."""
    extra: dict[str, list[str]] = {}
    for rule in resource_schema().get("allOf", []):
        kind = rule.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if kind is not None:
            extra.setdefault(kind, []).extend(rule.get("then", {}).get("required", []))
    return extra


def required_fields(kind: str) -> list[str]:
    """Every field a resource of type ``kind`` must have, in the schema's order."""
    schema = resource_schema()
    wanted = set(schema["required"]) | set(conditional_requirements().get(kind, []))
    return [name for name in schema["properties"] if name in wanted]


def body_text(kind: str) -> str:
    sections = "\n\n".join(f"## {heading}\n\nÀ écrire." for heading in resource_types()[kind].outline)
    return f"\n{sections}\n" if sections else "\nÀ écrire.\n"


@dataclass
class Answers:
    """What the contributor chose; ``None`` means not given yet."""

    type: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    licence: str | None = None
    themes: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    programme: str | None = None
    date: str | None = None
    event_date: str | None = None
    start: int | None = None
    slug: str | None = None

    def front_matter(self) -> dict[str, Any]:
        assert self.type and self.title and self.description and self.licence and self.date
        data: dict[str, Any] = {
            "title": self.title,
            "description": self.description,
            "type": self.type,
            "date": self.date,
            "authors": self.authors,
            "licence": self.licence,
            "themes": self.themes,
        }
        if self.audience:
            data["audience"] = self.audience
        if self.programme:
            data["programme"] = self.programme
        required = required_fields(self.type)
        if "event" in required:
            data["event"] = {"date": self.event_date or self.date}
        if "period" in required:
            data["period"] = {"start": self.start or int(self.date[:4])}
        return data


class FieldChecker:
    """The build's schema checks, one field at a time, with the build's messages."""

    def __init__(self, docs: Path) -> None:
        self.vocabularies = load_vocabularies(docs)
        self.programmes = sorted(p.stem for p in (docs / programme_folder()).glob("*.md") if p.name != "index.md")
        self._validator = resource_validator(self.vocabularies, self.programmes)

    def problems(self, name: str, value: object) -> list[str]:
        """French messages about ``name: value`` alone (other fields are not looked at)."""
        front = FrontMatter(data={name: value}, body="")
        found = self._validator.problems(front, "")
        return [
            str(p).removeprefix(": ")
            for p in found
            if p.field is not None and (p.field == name or p.field.startswith((f"{name}[", f"{name}.")))
        ]


def taken_paths(docs: Path, slug: str) -> list[Path]:
    """Files that already use ``slug`` in any resource folder (slugs are site-wide)."""
    return [docs / folder / f"{slug}.md" for folder in resource_folders() if (docs / folder / f"{slug}.md").exists()]


def slug_problem(docs: Path, slug: str, root: Path) -> str | None:
    if not slug:
        return "le titre ne contient ni lettre ni chiffre : impossible d'en tirer un nom de fichier."
    if slug != slugify(slug):
        return f"« {slug} » n'est pas un nom de fichier propre : essayez « {slugify(slug)} »."
    if slug == "index":
        return "« index » est réservé aux pages de liste : choisissez un autre nom."
    if taken := taken_paths(docs, slug):
        where = ", ".join(p.relative_to(root).as_posix() for p in taken)
        return (
            f"{where} existe déjà : deux ressources ne peuvent pas avoir le même nom. "
            "Choisissez un autre titre, ou un autre nom avec --slug."
        )
    return None


def write_resource(root: Path, answers: Answers) -> Path:
    """Write the resource, check it like the build does, and keep it only if valid."""
    assert answers.type and answers.title
    docs = root / "docs"
    slug = answers.slug or slugify(answers.title)
    if problem := slug_problem(docs, slug, root):
        raise ScaffoldError(problem)
    path = docs / resource_types()[answers.type].folder / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = front_matter_text(answers.front_matter(), list(resource_schema()["properties"]))
    with path.open("x", encoding="utf-8", newline="\n") as output:  # "x": never overwrite
        output.write(header + body_text(answers.type))
    display = path.relative_to(root).as_posix()
    content = load_content(docs, root, publisher="", today=datetime.date.today())
    if found := [p for p in errors(content.problems) if p.path == display]:
        path.unlink()
        raise ScaffoldError("le fichier n'a pas été gardé, il aurait été refusé :\n" + "\n".join(map(str, found)))
    return path


Ask = Callable[[str], str]


def _choices(values: Iterable[tuple[str, str]]) -> str:
    rows = list(values)
    width = max(len(key) for key, _ in rows)
    return "\n".join(f"  {i:>2}. {key:<{width}}  {label}" for i, (key, label) in enumerate(rows, 1))


def _pick(answer: str, keys: list[str]) -> str:
    """A number from the list, or the value itself."""
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    return answer


def _split(answer: str) -> list[str]:
    return [part.strip() for part in answer.split(",") if part.strip()]


def _length_hint(name: str) -> str:
    rule = resource_schema()["properties"][name]
    if "minLength" in rule and "maxLength" in rule:
        return f" ({rule['minLength']} à {rule['maxLength']} caractères)"
    return ""


class Interview:
    """Asks for each missing answer until the schema accepts it."""

    def __init__(self, checker: FieldChecker, ask: Ask, say: Callable[[str], None]) -> None:
        self.checker, self.ask, self.say = checker, ask, say

    def until_valid(self, name: str, question: str, convert: Callable[[str], Any], default: str = "") -> Any:
        suffix = f" [{default}]" if default else ""
        while True:
            raw = self.ask(f"{question}{suffix} : ").strip() or default
            value = convert(raw)
            if not (found := self.checker.problems(name, value)):
                return value
            for message in found:
                self.say(f"  ✗ {message}")

    def complete(self, answers: Answers, *, root: Path, default_licence: str) -> Answers:
        types = resource_types()
        self.say("Nouvelle ressource. Entrée garde la valeur proposée entre crochets ; Ctrl+C abandonne.")
        if answers.type is None:
            self.say("Type de ressource :\n" + _choices((k, f"{t.label} (docs/{t.folder}/)") for k, t in types.items()))
            answers.type = self.until_valid("type", "Votre choix (numéro ou nom)", lambda a: _pick(a, list(types)))
        if answers.title is None:
            answers.title = self.until_valid("title", f"Titre{_length_hint('title')}", str)
        if answers.slug is None:
            problem = slug_problem(root / "docs", slugify(answers.title), root)
            while problem:
                self.say(f"  ✗ {problem}")
                candidate = self.ask("Autre nom de fichier (minuscules, chiffres et tirets) : ").strip()
                if not (problem := slug_problem(root / "docs", candidate, root)):
                    answers.slug = candidate
        if answers.description is None:
            answers.description = self.until_valid(
                "description", f"Résumé en une ou deux phrases{_length_hint('description')}", str
            )
        if not answers.authors:
            answers.authors = self.until_valid("authors", "Autrices et auteurs, séparés par des virgules", _split)
        if answers.licence is None:
            registry = licence_registry()
            self.say(
                "Licence (voir « Choisir une licence » dans CONTRIBUTING.md) :\n"
                + _choices((k, lic.short_name + ("" if lic.open else " — non libre")) for k, lic in registry.items())
            )
            answers.licence = self.until_valid(
                "licence", "Votre choix (numéro ou identifiant)", lambda a: _pick(a, list(registry)), default_licence
            )
        if not answers.themes:
            answers.themes = self.until_valid(
                "themes",
                self._vocabulary_question("Thèmes, de 1 à 5", self.checker.vocabularies.themes),
                lambda a: [_pick(p, list(self.checker.vocabularies.themes)) for p in _split(a)],
            )
        if not answers.audience:
            answers.audience = self.until_valid(
                "audience",
                self._vocabulary_question(
                    "Publics (facultatif : Entrée pour passer)", self.checker.vocabularies.audiences
                ),
                lambda a: [_pick(p, list(self.checker.vocabularies.audiences)) for p in _split(a)],
            )
        required = required_fields(answers.type)
        if "event" in required and answers.event_date is None:
            answers.event_date = self.until_valid(
                "event", "Date du webinaire (AAAA-MM-JJ)", lambda a: {"date": a}, answers.date or ""
            )["date"]
        if "period" in required and answers.start is None:
            year = (answers.date or "")[:4]
            answers.start = self.until_valid(
                "period", "Année de début du programme", lambda a: {"start": int(a) if a.isdigit() else a}, year
            )["start"]
        return answers

    def _vocabulary_question(self, question: str, terms: dict[str, Term]) -> str:
        self.say(f"{question} :\n" + _choices((slug, term.label) for slug, term in terms.items()))
        return "Vos choix (numéros ou noms, séparés par des virgules)"


def default_licence(root: Path) -> str:
    """The site's default licence (``extra.commons.default_licence`` in mkdocs.yml)."""
    try:
        return read_site_settings(root).default_licence.spdx
    except SiteSettingsError:  # the build says what is wrong; the scaffolder proposes the registry's first
        return next(iter(licence_registry()))


def flag_problems(checker: FieldChecker, answers: Answers) -> list[str]:
    """Messages about values given on the command line, named by field."""
    given: dict[str, object] = {
        "type": answers.type,
        "title": answers.title,
        "description": answers.description,
        "authors": answers.authors or None,
        "licence": answers.licence,
        "themes": answers.themes or None,
        "audience": answers.audience or None,
        "programme": answers.programme,
        "date": answers.date,
        "event": {"date": answers.event_date} if answers.event_date else None,
        "period": {"start": answers.start} if answers.start is not None else None,
    }
    return [message for name, value in given.items() if value is not None for message in checker.problems(name, value)]


def missing_flags(answers: Answers) -> list[str]:
    wanted = {
        "--type": answers.type,
        "--title": answers.title,
        "--description": answers.description,
        "--author": answers.authors,
        "--licence": answers.licence,
        "--theme": answers.themes,
    }
    return [flag for flag, value in wanted.items() if not value]
