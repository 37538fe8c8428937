"""Resource pages: the front matter's facts handed to the templates.

Events:
- ``on_env``: French date filter for the templates.
- ``on_page_context``: put the page's ``Resource`` (or ``None``) and the
  vocabularies into the template context; ``overrides/`` renders them.
"""

from __future__ import annotations

from typing import Any

import current_catalogue
from commons.dates import french_date
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["french_date"] = french_date
    return env


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    catalogue = current_catalogue.catalogue()
    context["resource"] = catalogue.resource_at(page.file.src_uri)
    context["vocabularies"] = catalogue.vocabularies
    context["catalogue"] = catalogue
    return context
