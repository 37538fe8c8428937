"""The licence registry: which licences a resource may carry, and what they allow."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class Licence:
    """One entry of ``data/licences.yml``, keyed by its exact SPDX identifier."""

    spdx: str
    name: str
    short_name: str
    url: str
    url_fr: str
    open: bool
    allows: str
    requires_update_date: bool = False
    waiver: bool = False
    aliases: tuple[str, ...] = ()


@cache
def licence_registry() -> dict[str, Licence]:
    """All licences of the registry, in the registry's order."""
    raw = yaml.safe_load(files(__package__).joinpath("data/licences.yml").read_text("utf-8"))
    return {
        spdx: Licence(spdx=spdx, **{**entry, "aliases": tuple(entry.get("aliases", ()))}) for spdx, entry in raw.items()
    }


def licence_aliases() -> dict[str, str]:
    """Known misspellings of licence identifiers, each mapped to the right SPDX id."""
    return {alias: spdx for spdx, licence in licence_registry().items() for alias in licence.aliases}
