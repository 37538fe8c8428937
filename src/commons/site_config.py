"""mkdocs.yml read as plain data, for the command-line tools that need a setting or two.

MkDocs itself reads the file for the build; the scripts (the scaffolder, the
screenshots) only need ``site_url`` or ``extra.commons`` and must not import
MkDocs. Tags such as ``!ENV`` or ``!!python/name:`` are read as nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

PREVIEW_HOST = "127.0.0.1"
PREVIEW_PORT = 8000  # mkdocs serve's own default; `make serve PORT=…` changes it


class _TagsAsNothing(yaml.SafeLoader):
    """A safe loader for which every tag reads as ``None``."""


_TagsAsNothing.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(config_file: Path) -> dict[str, Any]:
    """The settings of ``config_file``; an empty mapping when it cannot be read."""
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_TagsAsNothing)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def site_path(site_url: object) -> str:
    """The sub-path the site is served under, from ``site_url``: ``/centre-de-ressources/``."""
    path = urlsplit(site_url).path if isinstance(site_url, str) else ""
    return path if path.endswith("/") else path + "/"


def preview_url(config: dict[str, Any], page: str = "", port: int = PREVIEW_PORT) -> str:
    """Where ``mkdocs serve`` shows ``page`` (a path from the site root): it serves under the sub-path too."""
    return f"http://{PREVIEW_HOST}:{port}{site_path(config.get('site_url'))}{page}"
