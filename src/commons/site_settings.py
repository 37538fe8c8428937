"""The site's settings: what the hooks and the scripts read from ``mkdocs.yml``, checked and typed once.

``data/site_settings.schema.json`` says what they must be; a mistake is one
path-first French line per problem (``mkdocs.yml: extra.commons.publisher : …``),
all of them at once, as for the content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .credit import Publication
from .licences import Licence, licence_aliases, licence_registry
from .problems import Problem
from .schema import SchemaValidator, data_schema
from .site_config import read_site_config

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Contact:
    """How a reader without a GitHub account reaches the publisher."""

    label: str
    url: str  # https: or mailto:


@dataclass(frozen=True)
class SiteSettings:
    """The settings of ``mkdocs.yml`` the project's own code reads."""

    site_name: str
    site_url: str  # absolute, ending with "/"
    site_description: str
    publisher: str
    publisher_url: str
    default_licence: Licence
    open_data_licence: Licence
    repository: str
    contact: Contact

    @property
    def publication(self) -> Publication:
        """Where resources are published, for credits, citations and structured data."""
        return Publication(self.site_url, self.site_name, self.publisher, self.publisher_url)


class SiteSettingsError(ValueError):
    """``mkdocs.yml`` does not hold what the site needs: every problem, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def site_settings(config: Mapping[str, Any], path: str = CONFIG_FILE) -> SiteSettings:
    """The settings of ``config`` (``mkdocs.yml`` as a mapping), or ``SiteSettingsError``."""
    registry = licence_registry()
    validator = SchemaValidator(
        data_schema("site_settings.schema.json"),
        {"licences": list(registry), "open_licences": [key for key, licence in registry.items() if licence.open]},
        aliases=licence_aliases(),
    )
    if found := list(validator.problems_in(_plain(config), lambda _: None, path)):
        raise SiteSettingsError(found)
    commons = config["extra"]["commons"]
    site_url = config["site_url"]
    return SiteSettings(
        site_name=config["site_name"],
        site_url=site_url if site_url.endswith("/") else f"{site_url}/",
        site_description=config.get("site_description") or "",
        publisher=commons["publisher"],
        publisher_url=commons["publisher_url"],
        default_licence=registry[commons["default_licence"]],
        open_data_licence=registry[commons["open_data_licence"]],
        repository=commons["repository"],
        contact=Contact(**commons["contact"]),
    )


def read_site_settings(root: Path) -> SiteSettings:
    """The settings of ``root/mkdocs.yml``, for the scripts that do not run MkDocs."""
    return site_settings(read_site_config(root / CONFIG_FILE))


def _plain(config: Mapping[str, Any]) -> dict[str, Any]:
    """What the schema checks, as plain data: MkDocs' config objects are mappings, not dicts."""
    extra = config.get("extra")
    plain = {key: config.get(key) for key in ("site_name", "site_url", "site_description") if key in config}
    if extra is not None:
        plain["extra"] = dict(extra) if isinstance(extra, Mapping) else extra
    return plain
