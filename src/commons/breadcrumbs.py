"""Breadcrumbs: the pages above a page, from the home page down.

A resource sits under its type's listing; a theme, audience or year listing
under its index; a programme's resources under the programme itself. The
page itself ends the trail and is not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .resource_types import resource_types
from .site_pages import HOME_PAGE, TIMELINE_PAGE, page_url


@dataclass(frozen=True)
class Crumb:
    """A page above the current one: its short name and its address from the site root."""

    label: str
    url: str


HOME = Crumb("Accueil", page_url(HOME_PAGE))
THEMES = Crumb("Thèmes", "themes/")
AUDIENCES = Crumb("Par public", "publics/")
ARCHIVES = Crumb("Archives", "archives/")
PROGRAMMES = Crumb(resource_types()["programme"].plural, f"{resource_types()['programme'].listing}/")
TIMELINE = Crumb("Chronologie des programmes", page_url(TIMELINE_PAGE))
