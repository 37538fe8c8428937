"""Resource pages: the front matter's facts handed to the templates.

Events:
- ``on_env``: French date filter for the templates.
- ``on_page_context``: put the page's ``Resource`` (or ``None``) and the
  vocabularies into the template context; ``overrides/`` renders them. And
  add to a resource's table of contents the sections the templates write
  after its body, so that « Réutiliser cette ressource » is one click away.
"""

from __future__ import annotations

from typing import Any

from commons import build_state
from commons.dates import french_date
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

# The sections overrides/partials/ writes after a resource's body: (anchor, title).
WEBINAR_SECTION = ("le-webinaire-en-bref", "Le webinaire en bref")  # partials/webinar_event.html
AFTER_THE_BODY = (
    ("commons-licence-title", "Réutiliser cette ressource"),  # partials/licence_block.html
    ("historique-de-la-page", "Historique"),  # partials/history.html
)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["french_date"] = french_date
    return env


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    catalogue = build_state.current().catalogue
    context["resource"] = catalogue.resource_at(page.file.src_uri)
    context["vocabularies"] = catalogue.vocabularies
    context["catalogue"] = catalogue
    if resource := context["resource"]:
        sections = ([WEBINAR_SECTION] if resource.event else []) + list(AFTER_THE_BODY)
        page.toc.items.extend(AnchorLink(title, anchor, 2) for anchor, title in sections)
    return context
