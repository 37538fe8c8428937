"""Shared navigation: Material's side navigation and tabs, drawn once for all the pages that show the same ones.

Material renders its whole navigation into every page. Resources and
generated listings are not in it, so all those of one folder under one lit
tab get the same HTML, byte for byte: 2,000 resources need a handful of
distinct renderings, not 2,000 (about a tenth of a build's time).

What that HTML depends on, and so the key of a rendering:
- the navigation's state: which sections and pages are active, and their
  titles (``safe_text.py`` escapes a page's title once that page is built);
- where the links start from: Material writes relative links, and from a
  page's folder ``a/b/`` every link of the navigation is the same as from
  ``a/c/``, as long as no navigation page lies under either;
- the page itself, when it is in the navigation: then Material marks it
  and lists its table of contents there, so such a page is drawn on its own.

Events:
- ``on_env``: give the templates ``rendered_once`` (a fresh store per build)
  and the theme's own templates under ``material/``, so that
  ``overrides/partials/nav.html`` and ``tabs.html`` wrap Material's
  unchanged partials instead of copying them.
- ``on_page_context`` (last): the page's ``navigation_key``, or ``None`` for
  a page drawn on its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, Undefined
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

THEME_PREFIX = "material"


class RenderedOnce:
    """Renderings of template parts, each kept under the key of what it depends on."""

    def __init__(self) -> None:
        self._renderings: dict[tuple[str, Hashable], str] = {}

    def __call__(self, name: str, key: Hashable | None, caller: Callable[[], str]) -> str:
        if key is None or isinstance(key, Undefined):  # a page drawn on its own, or a template without a page
            return caller()
        if (rendering := self._renderings.get((name, key))) is None:
            rendering = self._renderings[(name, key)] = caller()
        return rendering


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    assert env.loader is not None  # MkDocs' theme always has one
    env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(theme_dirs)})])
    env.globals["rendered_once"] = RenderedOnce()  # hook modules outlive `mkdocs serve` rebuilds
    return env


@event_priority(-110)  # after every hook that lights a section or retitles a page
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["navigation_key"] = navigation_key(page, nav)
    return context


def navigation_key(page: Page, nav: Navigation) -> Hashable | None:
    """What Material's navigation and tabs depend on for ``page``; ``None`` when it must be drawn for it alone."""
    items = list(_walk(nav.items))
    if page in items or any(item.url.startswith(page.url) for item in nav.pages):
        return None
    state = tuple((item.active, item.title) for item in items)
    return posixpath.dirname(page.url.rstrip("/")), state


def _walk(items: list[StructureItem]) -> Iterator[Section | Page | Link]:
    for item in items:
        if isinstance(item, Section | Page | Link):
            yield item
            yield from _walk(item.children or [])
