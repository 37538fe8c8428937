"""Shared rendering: parts of Material's pages drawn once for all the pages that show the same ones.

Material renders its whole navigation, tabs, configuration, styles, scripts
and footer into every page. Resources and generated listings are not in the
navigation, so all those of one folder under one lit tab get the same HTML
for these parts, byte for byte: 2,000 resources need a handful of distinct
renderings, not 2,000 (about a seventh of a build's time).

What those parts depend on, and so the key of a rendering:
- the navigation's state: which sections and pages are active, and their
  titles (``safe_text.py`` escapes a page's title once that page is built);
- where the links start from: Material writes relative links, and from
  ``a/b/`` a link to any page or asset is the same as from ``a/c/``, as long
  as it does not point at or under either. The parts link to the
  navigation's pages, a few free pages (the footer's) and the assets, never
  to a resource or a generated listing: only those pages share, by folder,
  and only when no navigation page lies under them;
- other pages (those of the navigation, where Material marks the page,
  lists its table of contents and links its neighbours from the footer;
  the free pages the footer links to) are drawn on their own;
- and what a template adds to the key (the footer: whether the page is a
  resource; the feeds: the folder's feeds).

Events:
- ``on_env``: give the templates ``rendered_once`` (a fresh store per build)
  and the theme's own templates under ``material/``, so that
  ``overrides/partials/nav.html`` and ``tabs.html`` wrap Material's
  unchanged partials instead of copying them; and keep every compiled
  template for the build.
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
        self._renderings: dict[tuple[Hashable, ...], str] = {}

    def __call__(self, name: str, key: Hashable | None, *more: object, caller: Callable[[], str]) -> str:
        """``caller()``'s rendering, drawn the first time ``name`` is asked for under ``key`` and ``more``.

        A ``key`` of ``None`` (or undefined, in a template without a page)
        means the part is drawn for this page alone. Lists in ``more`` count
        by their items.
        """
        if key is None or isinstance(key, Undefined):
            return caller()
        full_key = (name, key, *(tuple(part) if isinstance(part, list) else part for part in more))
        if (rendering := self._renderings.get(full_key)) is None:
            rendering = self._renderings[full_key] = caller()
        return rendering


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    assert env.loader is not None  # MkDocs' theme always has one
    env.loader = ChoiceLoader([env.loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(theme_dirs)})])
    env.globals["rendered_once"] = RenderedOnce()  # hook modules outlive `mkdocs serve` rebuilds
    # Every template once for the build (Jinja's cache_size=-1): MkDocs keeps
    # Jinja's default least-recently-used cache of 400, whose every hit
    # searches a queue of hundreds of keys, dozens of times a page.
    env.cache = {}
    return env


@event_priority(-110)  # after every hook that lights a section or retitles a page
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    shared = context.get("resource") is not None or page.file.generated_by is not None
    context["navigation_key"] = navigation_key(page, nav) if shared else None
    return context


def navigation_key(page: Page, nav: Navigation) -> Hashable | None:
    """What the shared parts depend on for ``page``, a page they never link to; ``None`` when drawn for it alone."""
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
