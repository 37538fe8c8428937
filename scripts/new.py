"""Create a new resource file with a valid front matter, ready to write.

Asks for whatever the command line did not give (type, title, summary,
authors, licence, themes…), checks each answer with the same schema and the
same French messages as the build, then writes docs/<folder>/<slug>.md and
checks the written file with the content model before keeping it.

    python scripts/new.py                       # asks every question
    python scripts/new.py --type guide --title "Mon titre" --description "…" \\
        --author "La 27e Région" --licence CC-BY-4.0 --theme participation --no-input
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from commons.front_matter import FrontMatter
from commons.licences import licence_registry
from commons.model import load_content, resource_validator
from commons.problems import errors
from commons.resource_types import programme_folder, resource_folders, resource_types
from commons.schema import resource_schema
from commons.site_config import PREVIEW_PORT, preview_url, read_site_config
from commons.site_settings import SiteSettingsError, read_site_settings
from commons.vocabularies import Term, load_vocabularies

REPO_ROOT = Path(__file__).resolve().parent.parent
SLUG_MAX_LENGTH = 80

# Letters that Unicode decomposition does not reduce to ASCII.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class ScaffoldError(Exception):
    """A reason not to write the file, said to the contributor in French."""


def slugify(title: str) -> str:
    """A file name from a title: lower case ASCII words joined by hyphens.

    Accents are folded (« Été » → « ete »), ligatures spelled out (« œ » → « oe »),
    apostrophes and punctuation become hyphens; long titles are cut at a word.
    """
    decomposed = unicodedata.normalize("NFKD", title.translate(_LIGATURES))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = _NOT_SLUG.sub("-", ascii_only).strip("-")
    if len(slug) > SLUG_MAX_LENGTH:
        slug = slug[: SLUG_MAX_LENGTH + 1].rsplit("-", 1)[0]
    return slug


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


class _FrontMatterDumper(yaml.SafeDumper):
    """Block lists indented under their key, dates without quotes, and double
    quotes where quotes are needed (« "L'été : bilan" » reads better than
    « 'L''été : bilan' »)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style


# Dates are text in this project's front matter (see commons.front_matter):
# without the timestamp resolver, "2025-03-20" needs no quotes.
_FrontMatterDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def front_matter_text(data: dict[str, Any]) -> str:
    """``data`` as a front matter block, fields in the schema's order."""
    order = list(resource_schema()["properties"])
    ordered = {key: data[key] for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}
    body = yaml.dump(
        ordered,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        width=math.inf,
        default_flow_style=False,
    )
    return f"---\n{body}---\n"


def yaml_inline(value: object) -> str:
    """``value`` as YAML on one line, the way it is written after « field: »."""
    text = yaml.dump(
        value, Dumper=_FrontMatterDumper, default_flow_style=True, allow_unicode=True, width=math.inf, sort_keys=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


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
    with path.open("x", encoding="utf-8", newline="\n") as output:  # "x": never overwrite
        output.write(front_matter_text(answers.front_matter()) + body_text(answers.type))
    display = path.relative_to(root).as_posix()
    content = load_content(docs, root, publisher="", today=datetime.date.today())
    if found := [p for p in errors(content.problems) if p.path == display]:
        path.unlink()
        raise ScaffoldError("le fichier n'a pas été gardé, il aurait été refusé :\n" + "\n".join(map(str, found)))
    return path


# --- Questions ---------------------------------------------------------------

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


# --- Command line ------------------------------------------------------------


def default_licence(root: Path) -> str:
    """The site's default licence (``extra.commons.default_licence`` in mkdocs.yml)."""
    try:
        return read_site_settings(root).default_licence.spdx
    except SiteSettingsError:  # the build says what is wrong; the scaffolder proposes the registry's first
        return next(iter(licence_registry()))


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Crée une nouvelle ressource dans docs/, avec un en-tête valide. "
        "Les informations absentes de la ligne de commande sont demandées.",
    )
    parser.add_argument("--type", help=f"type de ressource : {', '.join(resource_types())}")
    parser.add_argument("--title", help="titre")
    parser.add_argument("--description", help="résumé en une ou deux phrases")
    parser.add_argument("--author", action="append", default=[], help="autrice ou auteur (à répéter)")
    parser.add_argument("--licence", help="identifiant SPDX de la licence, par exemple CC-BY-SA-4.0")
    parser.add_argument("--theme", action="append", default=[], help="thème de docs/themes.yml (à répéter)")
    parser.add_argument("--audience", action="append", default=[], help="public de docs/audiences.yml (à répéter)")
    parser.add_argument(
        "--programme", help="programme dont la ressource est issue (nom de fichier de docs/programmes/)"
    )
    parser.add_argument("--date", help="date de publication, AAAA-MM-JJ (par défaut : aujourd'hui)")
    parser.add_argument("--event-date", help="webinaire : date de l'événement (par défaut : la date de publication)")
    parser.add_argument("--start", type=int, help="programme : année de début (par défaut : celle de la publication)")
    parser.add_argument("--slug", help="nom du fichier sans « .md » (par défaut : tiré du titre)")
    parser.add_argument(
        "--no-input", action="store_true", help="ne rien demander : échouer s'il manque une information"
    )
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="racine du dépôt (par défaut : ce dépôt)")
    return parser.parse_args(argv)


def _flag_problems(checker: FieldChecker, answers: Answers) -> list[str]:
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


def _missing(answers: Answers) -> list[str]:
    wanted = {
        "--type": answers.type,
        "--title": answers.title,
        "--description": answers.description,
        "--author": answers.authors,
        "--licence": answers.licence,
        "--theme": answers.themes,
    }
    return [flag for flag, value in wanted.items() if not value]


def main(argv: list[str] | None = None, ask: Ask = input) -> int:
    args = parse_arguments(argv)
    root = args.root.resolve()
    checker = FieldChecker(root / "docs")
    answers = Answers(
        type=args.type,
        title=args.title,
        description=args.description,
        authors=args.author,
        licence=args.licence,
        themes=args.theme,
        audience=args.audience,
        programme=args.programme,
        date=args.date or datetime.date.today().isoformat(),
        event_date=args.event_date,
        start=args.start,
        slug=args.slug,
    )
    if found := _flag_problems(checker, answers):
        print("\n".join(f"✗ {message}" for message in found), file=sys.stderr)
        return 2
    missing = _missing(answers)
    if missing and args.no_input:
        print(f"✗ Il manque {', '.join(missing)} (sans --no-input, ces informations sont demandées).", file=sys.stderr)
        return 2
    try:
        if missing:  # complete flags mean no question at all, so scripts and tests never wait
            Interview(checker, ask, print).complete(answers, root=root, default_licence=default_licence(root))
        path = write_resource(root, answers)
    except (EOFError, KeyboardInterrupt):
        print("\n✗ Saisie interrompue : aucun fichier n'a été écrit.", file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"✗ {error}", file=sys.stderr)
        return 1
    port = int(os.environ.get("PORT") or PREVIEW_PORT)
    address = preview_url(read_site_config(root / "mkdocs.yml"), f"{path.parent.name}/{path.stem}/", port)
    serve = "make serve" if port == PREVIEW_PORT else f"make serve PORT={port}"
    print(
        f"Ressource créée : {path.relative_to(root).as_posix()}\n"
        "Écrivez maintenant le texte sous l'en-tête, puis prévisualisez la page :\n"
        f"  {serve}    puis ouvrez {address}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
