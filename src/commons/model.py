"""The content model: every resource file read, checked and turned into a ``Resource``.

``load_content`` reads all resources before anything is rendered and returns
every problem of every file at once, so a contributor fixes them in one go.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .body_links import broken_links
from .dates import as_date
from .front_matter import FrontMatter, read_front_matter
from .licences import Licence, licence_aliases, licence_registry
from .problems import Problem, Severity, display_path, errors
from .resource_types import ResourceType, programme_folder, resource_folders, resource_types
from .schema import ResourceValidator, SchemaValidator, data_schema
from .source_tree import SourceFile, tree_problems
from .vocabularies import Vocabularies, read_vocabularies

# Templates live in this folder beside docs/: no symbolic link there either.
OVERRIDES = "overrides"

# Lists go into one CSV cell of the open data, joined by this character, so no
# list value may hold it: the CSV then always reads back as the JSON.
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Event:
    date: datetime.date
    speakers: tuple[Speaker, ...] = ()
    participants: int | None = None
    recording: str | None = None
    slides: str | None = None


@dataclass(frozen=True)
class Period:
    start: int
    end: int | None = None

    @property
    def label(self) -> str:
        """The years as the site shows them: « 2011 – 2014 », or « depuis 2020 » while it runs."""
        return f"{self.start} – {self.end}" if self.end else f"depuis {self.start}"


@dataclass(frozen=True)
class Change:
    date: datetime.date
    note: str


@dataclass(frozen=True)
class Resource:
    """One validated resource, with its licence resolved from the registry."""

    slug: str
    src_uri: str  # relative to docs/, with forward slashes: "guides/achat-design.md"
    type: ResourceType
    title: str
    description: str
    date: datetime.date
    authors: tuple[str, ...]
    licence: Licence
    themes: tuple[str, ...]
    rights_holder: str
    updated: datetime.date | None = None
    audience: tuple[str, ...] = ()
    programme: str | None = None
    attribution: str | None = None
    source: str | None = None
    changes: tuple[Change, ...] = ()
    draft: bool = False
    sample: bool = False  # written to show the site, not published by the association
    event: Event | None = None
    period: Period | None = None
    partners: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """The page's address relative to the site root (directory URLs)."""
        return f"{self.type.folder}/{self.slug}/"

    @property
    def short_title(self) -> str:
        """The title up to a subtitle after « : »: « Sonar » for a programme's history."""
        return self.title.split(" : ", 1)[0]

    @property
    def last_modified(self) -> datetime.date:
        return self.updated or self.date

    @property
    def credit_names(self) -> str:
        """Who to credit: the ``attribution`` text, or the authors."""
        return self.attribution or ", ".join(self.authors)


@dataclass(frozen=True)
class Content:
    resources: list[Resource]
    problems: list[Problem]
    vocabularies: Vocabularies
    # Problems of the tree or the vocabularies: no page can be built safely
    # around them. Any other problem belongs to one page, which a preview can leave out.
    blocking: list[Problem] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class _FileCheck:
    """What one resource file says on its own: its problems, its programme, its resource if valid."""

    problems: tuple[Problem, ...]
    programme: tuple[str, int | None] | None  # the programme it names, and that field's line
    resource: Resource | None


@dataclass
class ResourceChecks:
    """The checks of each resource file, kept while its bytes and the rules stay the same.

    A long-lived process (the preview) passes one to every ``load_content``:
    a file that did not change is not parsed and validated again. The rules
    are the validator's inputs (licences, vocabularies, programmes) with the
    day and the publisher; when they change, every file is checked anew.
    """

    rules: tuple[Any, ...] = ()
    by_file: dict[tuple[str, bytes], _FileCheck] = dataclasses.field(default_factory=dict)

    def for_rules(self, rules: tuple[Any, ...]) -> dict[tuple[str, bytes], _FileCheck]:
        if rules != self.rules:
            self.rules, self.by_file = rules, {}
        return self.by_file


def resource_validator(vocabularies: Vocabularies, programmes: list[str]) -> ResourceValidator:
    """The front-matter checks of a resource, with the registries and this tree's vocabularies filled in.

    The one judge: the build, the checker and the scaffolder all use it.
    """
    return ResourceValidator(
        {
            "licences": list(licence_registry()),
            "types": list(resource_types()),
            "themes": list(vocabularies.themes),
            "audiences": list(vocabularies.audiences),
            "programmes": programmes,
        },
        aliases=licence_aliases(),
    )


def load_content(
    docs_dir: Path,
    repo_root: Path,
    *,
    publisher: str,
    today: datetime.date,
    checks: ResourceChecks | None = None,
) -> Content:
    """Read and check every resource under ``docs_dir``.

    Resources with errors are left out of ``resources``; every problem of
    every file is in ``problems``, sorted by path and line. ``checks`` keeps
    each file's results for the next call (see ``ResourceChecks``).
    """
    vocabularies, problems = read_vocabularies(docs_dir, repo_root)
    folders = resource_folders()
    tree, tree_found = tree_problems(docs_dir, repo_root, frozenset(folders), (repo_root / OVERRIDES,))
    problems += tree_found
    blocking = list(problems)
    refused = {problem.path for problem in tree_found}
    order = {folder: position for position, folder in enumerate(folders)}
    resource_files = sorted(
        (f for f in tree if _is_resource(f.relative, folders)),
        key=lambda f: (order[f.relative.split("/")[0]], f.relative),
    )
    page_files = [f for f in tree if f.relative.endswith(".md") and not _is_resource(f.relative, folders)]
    programmes = sorted(f.path.stem for f in resource_files if f.path.parent.name == programme_folder())
    validator = resource_validator(vocabularies, programmes)
    docs_files = frozenset(f.relative for f in tree)
    rules = (tuple(programmes), vocabularies, today, publisher, docs_dir, docs_files)
    known = (checks or ResourceChecks()).for_rules(rules)
    resources: list[Resource] = []
    lines_of_programme: dict[str, tuple[str, int | None]] = {}
    first_file_of_slug: dict[str, str] = {}
    for source in resource_files:
        path = source.path
        display = display_path(path, repo_root)
        raw = path.read_bytes()
        if (check := known.get((display, raw))) is None:
            check = known[(display, raw)] = _check_resource_file(
                raw, source, display, validator=validator, today=today, publisher=publisher,
                docs_dir=docs_dir, docs_files=docs_files,
            )  # fmt: skip
        found = list(check.problems)
        if check.programme is not None:
            lines_of_programme[display] = check.programme
        if (other := first_file_of_slug.setdefault(path.stem, display)) != display:
            found.append(
                Problem(
                    display,
                    None,
                    None,
                    f"le nom de fichier « {path.name} » est déjà pris par {other} : "
                    "deux ressources ne peuvent pas avoir le même nom, renommez l'une d'elles.",
                )
            )
        problems += found
        if check.resource is not None and not errors(found) and display not in refused:
            resources.append(check.resource)
    problems += _draft_references(resources, lines_of_programme, docs_dir, repo_root)
    page_validator = SchemaValidator(data_schema("page.schema.json"))
    for source in page_files:
        display = display_path(source.path, repo_root)
        front, found = read_front_matter(source.path.read_bytes(), display, required=False)
        if front is not None:
            found += page_validator.problems(front, display)
            found += _stray_resource_hint(front, display)
        problems += found
    return Content(
        resources=resources,
        problems=sorted(problems, key=Problem.sort_key),
        vocabularies=vocabularies,
        blocking=errors(blocking),
    )


def _check_resource_file(
    raw: bytes,
    source: SourceFile,
    display: str,
    *,
    validator: ResourceValidator,
    today: datetime.date,
    publisher: str,
    docs_dir: Path,
    docs_files: frozenset[str],
) -> _FileCheck:
    """The problems of one resource file, the other files of docs/ aside, and its ``Resource`` when it has none."""
    path = source.path
    front, found = read_front_matter(raw, display)
    if front is None:
        return _FileCheck(tuple(found), None, None)
    found += validator.problems(front, display)
    found += _rule_problems(front, display, path.parent.name, today)
    found += broken_links(front.body, front.body_line, source.relative, display, docs_files)
    programme = front.data.get("programme")
    named = (programme, front.line_of(("programme",))) if isinstance(programme, str) else None
    resource = None if errors(found) else _resource(front.data, path, docs_dir, publisher)
    return _FileCheck(tuple(found), named, resource)


def _is_resource(relative: str, folders: Mapping[str, list[str]]) -> bool:
    parts = relative.split("/")
    return len(parts) == 2 and parts[0] in folders and parts[1].endswith(".md") and parts[1] != "index.md"


def _draft_references(
    resources: list[Resource], programmes_named: Mapping[str, tuple[str, int | None]], docs_dir: Path, repo_root: Path
) -> list[Problem]:
    """A resource that names a draft programme would link to a page that is not published."""
    drafts = {r.slug for r in resources if r.draft and r.type.key == "programme"}
    found: list[Problem] = []
    for resource in resources:
        display = display_path(docs_dir / resource.src_uri, repo_root)
        if not resource.draft and resource.programme in drafts:
            line = programmes_named.get(display, ("", None))[1]
            found.append(
                Problem(
                    display,
                    line,
                    "programme",
                    f"« {resource.programme} » est un brouillon (draft: true) : ses liens mèneraient à une page "
                    "absente du site. Publiez d'abord le programme, ou retirez ce champ.",
                )
            )
    return found


def _stray_resource_hint(front: FrontMatter, display: str) -> list[Problem]:
    if not isinstance(kind := front.data.get("type"), str) or kind not in resource_types():
        return []
    folders = ", ".join(f"docs/{folder}/" for folder in resource_folders())
    return [
        Problem(
            display,
            front.line_of(("type",)),
            "type",
            f"cette page a l'en-tête d'une ressource, mais une ressource va dans un dossier de ressources "
            f"({folders}) : déplacez le fichier.",
        )
    ]


def _rule_problems(front: FrontMatter, display: str, folder: str, today: datetime.date) -> list[Problem]:
    """Rules that cross fields or files, beyond what the schema says."""
    data = front.data
    found: list[Problem] = []

    def add(field: tuple[str, ...], message: str, severity: Severity = Severity.ERROR) -> None:
        found.append(Problem(display, front.line_of(field), ".".join(field), message, severity))

    kind = data.get("type")
    allowed = resource_folders().get(folder, [])
    if isinstance(kind, str) and kind in resource_types() and kind not in allowed:
        right = resource_types()[kind].folder
        add(
            ("type",),
            f"« {kind} » ne va pas dans docs/{folder}/, qui reçoit {_quoted(allowed)}. "
            f"Déplacez le fichier dans docs/{right}/ ou corrigez le type.",
        )
    date, updated = as_date(data.get("date")), as_date(data.get("updated"))
    if date and updated and updated < date:
        add(
            ("updated",),
            f"la mise à jour ({updated}) précède la première publication ({date}) : "
            "« updated » doit être le même jour ou après « date ».",
        )
    if date and date > today:
        add(
            ("date",),
            f"« {date} » est dans le futur, et la publication refuse une date à venir : mettez le jour "
            "où la ressource paraît (pas celui de l'événement).",
            Severity.WARNING,
        )
    for field in ("authors", "partners"):
        values = data.get(field)
        for index, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and LIST_SEPARATOR in value:
                found.append(
                    Problem(
                        display,
                        front.line_of((field, index)),
                        f"{field}[{index + 1}]",
                        f"« {value} » contient « {LIST_SEPARATOR} », qui sépare les valeurs d'une liste dans le "
                        "fichier CSV des données ouvertes : remplacez-le (par une virgule, par exemple).",
                    )
                )
    period = data.get("period")
    if isinstance(period, dict):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            add(("period", "end"), f"l'année de fin ({end}) précède l'année de début ({start}).")
    return found


def _quoted(values: list[str]) -> str:
    return " et ".join(f"« {value} »" for value in values)


def _resource(data: dict[str, Any], path: Path, docs_dir: Path, publisher: str) -> Resource:
    """Build a ``Resource`` from front matter that passed validation."""
    event = data.get("event")
    period = data.get("period")
    return Resource(
        slug=path.stem,
        src_uri=path.relative_to(docs_dir).as_posix(),
        type=resource_types()[data["type"]],
        title=data["title"],
        description=data["description"],
        date=datetime.date.fromisoformat(data["date"]),
        updated=as_date(data.get("updated")),
        authors=tuple(data["authors"]),
        licence=licence_registry()[data["licence"]],
        themes=tuple(data["themes"]),
        audience=tuple(data.get("audience", ())),
        programme=data.get("programme"),
        attribution=data.get("attribution"),
        rights_holder=data.get("rights_holder", publisher),
        source=data.get("source"),
        changes=tuple(
            Change(date=datetime.date.fromisoformat(c["date"]), note=c["note"]) for c in data.get("changes", ())
        ),
        draft=data.get("draft", False),
        sample=data.get("sample", False),
        event=Event(
            date=datetime.date.fromisoformat(event["date"]),
            speakers=tuple(Speaker(**s) for s in event.get("speakers", ())),
            participants=event.get("participants"),
            recording=event.get("recording"),
            slides=event.get("slides"),
        )
        if event
        else None,
        period=Period(start=period["start"], end=period.get("end")) if period else None,
        partners=tuple(data.get("partners", ())),
    )
