"""The editorial vocabularies contributors choose from: themes and audiences."""

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


def load_vocabularies(docs_dir: Path) -> Vocabularies:
    """Read ``themes.yml`` and ``audiences.yml`` from the docs folder."""
    return Vocabularies(
        themes=_load_terms(docs_dir / "themes.yml"),
        audiences=_load_terms(docs_dir / "audiences.yml"),
    )


def _load_terms(path: Path) -> dict[str, Term]:
    entries = yaml.safe_load(path.read_text("utf-8")) or []
    return {entry["slug"]: Term(**entry) for entry in entries}
