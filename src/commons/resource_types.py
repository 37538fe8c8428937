"""The registry of resource types (``data/types.yml``), and what derives from it.

Every folder, glob and per-type fact the code needs comes from here: adding a
type is one entry in the data file, plus what is truly new for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class ResourceType:
    """One entry of ``data/types.yml``."""

    key: str
    folder: str  # under docs/, and in the site: guides
    listing: str  # the generated listing's folder in the site: anti-manuels
    label: str
    plural: str
    description: str
    schema_org: tuple[str, ...]  # the JSON-LD @type of its resources
    outline: tuple[str, ...]  # the headings of a new file's body
    weight: int  # its share of a synthetic corpus


@cache
def resource_types() -> dict[str, ResourceType]:
    """Every type, in the registry's order."""
    raw = yaml.safe_load(files(__package__).joinpath("data/types.yml").read_text("utf-8"))
    return {
        key: ResourceType(
            key=key,
            **{**entry, "schema_org": tuple(entry["schema_org"]), "outline": tuple(entry["outline"])},
        )
        for key, entry in raw.items()
    }


def resource_folders() -> dict[str, list[str]]:
    """Each resource folder under ``docs/`` and the types it holds, in the registry's order."""
    folders: dict[str, list[str]] = {}
    for kind in resource_types().values():
        folders.setdefault(kind.folder, []).append(kind.key)
    return folders


def resource_pages_glob() -> str:
    """The built resource pages, as a glob from the site's root: ``{guides,webinaires,programmes}/*/index.html``."""
    return "{" + ",".join(resource_folders()) + "}/*/index.html"


def plurals_in_words(*, but: str = "programme") -> str:
    """The types' plurals as a French enumeration, ``but`` one: « guides, anti-manuels et webinaires »."""
    words = [kind.plural.lower() for key, kind in resource_types().items() if key != but]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} et {words[-1]}"


def programme_folder() -> str:
    """The folder of programmes, which other resources name in their ``programme`` field."""
    return resource_types()["programme"].folder
