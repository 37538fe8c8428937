"""The editorial vocabularies contributors choose from: themes and audiences; and which authors are collectives.

Each file is read in bounded time (``bounded_yaml``) and checked against
``data/vocabulary.schema.json``: a slug becomes a folder of the site
(``/themes/<slug>/``), so it must be a plain name that cannot climb out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bounded_yaml import YamlLimits, read_bounded_yaml
from .characters import describe_character, forbidden_in_values
from .front_matter import dotted_field, field_lines, line_in
from .problems import Problem, display_path
from .schema import SchemaValidator, data_schema

VOCABULARY_FILES = {"themes": "themes.yml", "audiences": "audiences.yml"}
COLLECTIVE_AUTHORS_FILE = "auteurs-collectifs.yml"  # optional: a list of author names
_NOT_UTF8 = "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8."
_LIMITS = YamlLimits(max_bytes=64 * 1024, max_depth=4, what="le vocabulaire")


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary, with the words the site shows for it."""

    slug: str
    label: str
    description: str
    entry: str | None = None


@dataclass(frozen=True)
class Vocabularies:
    themes: dict[str, Term]
    audiences: dict[str, Term]
    # Author names that stand for a team, a community or an organisation, not a
    # person: the front matter cannot tell them apart, machines need to.
    collective_authors: frozenset[str] = frozenset()


def load_vocabularies(docs_dir: Path) -> Vocabularies:
    """Read ``themes.yml`` and ``audiences.yml`` from the docs folder: their valid terms."""
    return read_vocabularies(docs_dir, docs_dir.parent)[0]


def read_vocabularies(docs_dir: Path, repo_root: Path) -> tuple[Vocabularies, list[Problem]]:
    """The valid terms of both vocabularies, and every problem of their files."""
    problems: list[Problem] = []
    terms: dict[str, dict[str, Term]] = {}
    for name, file_name in VOCABULARY_FILES.items():
        path = docs_dir / file_name
        display = display_path(path, repo_root)
        terms[name], found = _read_terms(path, display)
        problems += found
    collectives, found = _read_collective_authors(docs_dir / COLLECTIVE_AUTHORS_FILE, repo_root)
    problems += found
    vocabularies = Vocabularies(themes=terms["themes"], audiences=terms["audiences"], collective_authors=collectives)
    return vocabularies, problems


def _read_collective_authors(path: Path, repo_root: Path) -> tuple[frozenset[str], list[Problem]]:
    """The names listed in ``auteurs-collectifs.yml``, read as boundedly as the vocabularies."""
    if not path.exists() and not path.is_symlink():
        return frozenset(), []
    display = display_path(path, repo_root)
    if path.is_symlink() or not path.is_file():
        return frozenset(), [Problem(display, None, None, "ce fichier doit être un fichier ordinaire, pas un lien.")]
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return frozenset(), [
            Problem(display, None, None, "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8.")
        ]
    document, problems = read_bounded_yaml(text, display, _LIMITS)
    if document is None:
        return frozenset(), problems
    data: Any = document.data
    if data is None:
        return frozenset(), problems
    if not isinstance(data, list) or not all(isinstance(name, str) and name.strip() for name in data):
        fix = "une liste de noms d'auteurs collectifs, un par ligne, chacun précédé de « - »."
        return frozenset(), [*problems, Problem(display, None, None, f"ce fichier doit être {fix}")]
    lines, _ = field_lines(document.node, display)
    problems += [
        Problem(display, line_in(lines, where), dotted_field(where) or None,
                f"{describe_character(character)} (position {position} du texte). Supprimez-le ou remplacez-le.")
        for where, position, character in forbidden_in_values(data)
    ]  # fmt: skip
    return frozenset(data), problems


def _read_terms(path: Path, display: str) -> tuple[dict[str, Term], list[Problem]]:
    if path.is_symlink() or not path.is_file():
        return {}, [
            Problem(display, None, None, "le vocabulaire manque : ce fichier doit exister et lister ses valeurs.")
        ]
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return {}, [Problem(display, None, None, _NOT_UTF8)]
    document, problems = read_bounded_yaml(text, display, _LIMITS)
    if document is None:
        return {}, problems
    lines, problems = field_lines(document.node, display)
    data: Any = document.data
    problems += [
        Problem(display, line_in(lines, where), dotted_field(where) or None,
                f"{describe_character(character)} (position {position} du texte). Supprimez-le ou remplacez-le.")
        for where, position, character in forbidden_in_values(data)
    ]  # fmt: skip
    problems += SchemaValidator(data_schema("vocabulary.schema.json")).problems_in(
        data, lambda where: line_in(lines, where), display
    )
    if not isinstance(data, list):
        return {}, problems
    # Terms without a problem of their own stay usable, so that resources are
    # not all blamed for one broken term; the build stops on the problems anyway.
    broken = {problem.field.split("]", 1)[0] + "]" for problem in problems if problem.field}
    terms: dict[str, Term] = {}
    for index, entry in enumerate(data):
        if dotted_field((index,)) in broken:
            continue
        if entry["slug"] in terms:
            problems.append(
                Problem(
                    display,
                    line_in(lines, (index, "slug")),
                    dotted_field((index, "slug")),
                    f"« {entry['slug']} » figure déjà plus haut : chaque valeur n'apparaît qu'une fois.",
                )
            )
            continue
        terms[entry["slug"]] = Term(**entry)
    return terms, problems
