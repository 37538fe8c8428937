"""The editorial vocabularies contributors choose from: themes and audiences; and which authors are collectives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


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
    """Read ``themes.yml``, ``audiences.yml`` and, when present, ``auteurs-collectifs.yml`` from the docs folder."""
    collectives = docs_dir / "auteurs-collectifs.yml"
    return Vocabularies(
        themes=_load_terms(docs_dir / "themes.yml"),
        audiences=_load_terms(docs_dir / "audiences.yml"),
        collective_authors=frozenset(yaml.safe_load(collectives.read_text("utf-8")) or ())
        if collectives.is_file()
        else frozenset(),
    )


def _load_terms(path: Path) -> dict[str, Term]:
    entries = yaml.safe_load(path.read_text("utf-8")) or []
    return {entry["slug"]: Term(**entry) for entry in entries}
