"""The open data as one dataset: its facts and its files, read from ``data/open_data.yml``.

One description serves three readers: people (the table of files on the
« Données ouvertes » page), harvesters (the DCAT-AP description, see
``dcat.py``) and search engines (the page's schema.org ``Dataset``).
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from .catalogue import last_change
from .credit import Publication
from .licences import Licence
from .model import Resource
from .vocabularies import Vocabularies


@dataclass(frozen=True)
class OpenDataFile:
    """One file of ``api/``, as the page and the descriptions name it."""

    path: str  # relative to the site root: "api/ressources.csv"
    title: str
    format: str  # in French, for people
    media_type: str  # IANA
    file_type: str  # code of the EU file-type authority table
    description: str
    conforms_to: str | None = None
    distribution: bool = True

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)


@dataclass(frozen=True)
class DatasetFacts:
    """What ``data/open_data.yml`` says of the dataset as a whole."""

    description: str
    keywords: tuple[str, ...]
    eu_theme: str
    accrual_periodicity: str
    landing_page: str  # relative to the site root
    files: tuple[OpenDataFile, ...]


@dataclass(frozen=True)
class Dataset:
    """The dataset of one build: its facts, and what the catalogue's resources add to them."""

    facts: DatasetFacts
    publication: Publication
    licence: Licence
    title: str
    keywords: tuple[str, ...]
    issued: datetime.date | None
    modified: datetime.date | None

    @property
    def landing_page(self) -> str:
        return self.publication.absolute(self.facts.landing_page)

    @property
    def distributions(self) -> tuple[OpenDataFile, ...]:
        return tuple(file for file in self.facts.files if file.distribution)


@cache
def dataset_facts() -> DatasetFacts:
    raw = yaml.safe_load(files(__package__).joinpath("data/open_data.yml").read_text("utf-8"))
    return DatasetFacts(
        **{**raw["dataset"], "keywords": tuple(raw["dataset"]["keywords"])},
        files=tuple(OpenDataFile(**entry) for entry in raw["files"]),
    )


def dataset(
    resources: Sequence[Resource], vocabularies: Vocabularies, publication: Publication, licence: Licence
) -> Dataset:
    """The dataset: its keywords are the fixed ones, then the themes its resources cover."""
    facts = dataset_facts()
    themes = [term.label for slug, term in vocabularies.themes.items() if any(slug in r.themes for r in resources)]
    return Dataset(
        facts=facts,
        publication=publication,
        licence=licence,
        title=f"Catalogue des ressources — {publication.site_name}",
        keywords=tuple(dict.fromkeys([*facts.keywords, *themes])),
        issued=min((r.date for r in resources), default=None),
        modified=last_change(resources),
    )


def files_markdown(facts: DatasetFacts, page_src_uri: str) -> str:
    """The table of files of the « Données ouvertes » page, with links relative to the page."""
    folder = posixpath.dirname(page_src_uri)
    lines = ["| Fichier | Format | Contenu |", "|---|---|---|"]
    for file in facts.files:
        link = posixpath.relpath(file.path, folder or ".")
        lines.append(f"| [`{file.name}`]({link}) | {file.format} | {file.description} |")
    return "\n".join(lines)


def schema_org_dataset(data: Dataset) -> dict[str, Any]:
    """The schema.org ``Dataset`` of the « Données ouvertes » page, for search engines."""
    publication = data.publication
    publisher = {"@type": "Organization", "name": publication.publisher, "url": publication.publisher_url}
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": data.landing_page + "#jeu-de-donnees",
        "name": data.title,
        "description": data.facts.description,
        "url": data.landing_page,
        "inLanguage": "fr",
        "keywords": list(data.keywords),
        "license": data.licence.url,
        "isAccessibleForFree": True,
        "creator": publisher,
        "publisher": publisher,
        **({"datePublished": data.issued.isoformat()} if data.issued else {}),
        **({"dateModified": data.modified.isoformat()} if data.modified else {}),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": file.title,
                "contentUrl": publication.absolute(file.path),
                "encodingFormat": file.media_type,
            }
            for file in data.distributions
        ],
    }
