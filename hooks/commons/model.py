"""The content model: every resource file read, checked and turned into a ``Resource``.

``load_content`` reads all resources before anything is rendered and returns
every problem of every file at once, so a contributor fixes them in one go.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .dates import as_date
from .front_matter import FrontMatter, read_front_matter
from .licences import Licence, licence_aliases, licence_registry
from .problems import Problem, Severity, errors
from .schema import ResourceValidator
from .vocabularies import Vocabularies, load_vocabularies


@dataclass(frozen=True)
class ResourceType:
    key: str
    folder: str
    listing: str
    label: str
    plural: str
    description: str


@cache
def resource_types() -> dict[str, ResourceType]:
    raw = yaml.safe_load(files(__package__).joinpath("data/types.yml").read_text("utf-8"))
    return {key: ResourceType(key=key, **entry) for key, entry in raw.items()}


def resource_folders() -> dict[str, list[str]]:
    """Each resource folder under ``docs/`` and the types it holds."""
    folders: dict[str, list[str]] = {}
    for kind in resource_types().values():
        folders.setdefault(kind.folder, []).append(kind.key)
    return folders


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


def load_content(
    docs_dir: Path,
    repo_root: Path,
    *,
    publisher: str,
    today: datetime.date,
) -> Content:
    """Read and check every resource under ``docs_dir``.

    Resources with errors are left out of ``resources``; every problem of
    every file is in ``problems``, sorted by path and line.
    """
    vocabularies = load_vocabularies(docs_dir)
    paths = list(_resource_paths(docs_dir))
    programme_folder = resource_types()["programme"].folder
    validator = ResourceValidator(
        {
            "licences": list(licence_registry()),
            "themes": list(vocabularies.themes),
            "audiences": list(vocabularies.audiences),
            "programmes": sorted(p.stem for p in paths if p.parent.name == programme_folder),
        },
        aliases=licence_aliases(),
    )
    resources: list[Resource] = []
    problems: list[Problem] = []
    first_file_of_slug: dict[str, str] = {}
    for path in paths:
        display = path.relative_to(repo_root).as_posix()
        front, found = read_front_matter(path.read_bytes(), display)
        if front is not None:
            found += validator.problems(front, display)
            found += _rule_problems(front, display, path.parent.name, today)
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
        if front is not None and not errors(found):
            resources.append(_resource(front.data, path, docs_dir, publisher))
    return Content(resources=resources, problems=sorted(problems, key=Problem.sort_key), vocabularies=vocabularies)


def _resource_paths(docs_dir: Path) -> Iterator[Path]:
    for folder in resource_folders():
        for path in sorted((docs_dir / folder).glob("*.md")):
            if path.name != "index.md":
                yield path


def _rule_problems(front: FrontMatter, display: str, folder: str, today: datetime.date) -> list[Problem]:
    """Rules that cross fields or files, beyond what the schema says."""
    data = front.data
    found: list[Problem] = []

    def add(field: tuple[str, ...], message: str, severity: Severity = Severity.ERROR) -> None:
        found.append(Problem(display, front.line_of(field), ".".join(field), message, severity))

    kind = data.get("type")
    allowed = resource_folders().get(folder, [])
    if kind in resource_types() and kind not in allowed:
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
            f"« {date} » est dans le futur : la ressource sera datée ainsi dans les listes "
            "et les flux. Corrigez la date si ce n'est pas voulu.",
            Severity.WARNING,
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
