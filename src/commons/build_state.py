"""The state of the build in progress: one object, started in ``on_pre_build``, read by every hook.

MkDocs reloads the hook modules with the configuration at every rebuild of
``mkdocs serve``, and sends ``on_startup`` (which says the command) only to
the first of them: a hook keeps nothing of its own between events. Instead,
``hooks/validation.py`` starts a new ``BuildState`` in ``on_pre_build`` at
every build, before any other hook runs, and the hooks read it with
``current()``; whatever a hook computes for later events of the same build
(the feed sets, the generated pages, the share cards, the running search
index) goes into it. A long-lived process (``mkdocs serve``, a preview
server) thus holds one state per build, and never a stale one.

Plain data over the domain: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .catalogue import Catalogue
from .forked_renderers import ForkedRenderer, ForkedRenderers
from .listings import IndexPage, ListingPage
from .model import ResourceChecks
from .problems import Problem
from .search_browsing import BrowseIndex
from .search_index import SearchIndexing
from .share_cards import Card
from .site_settings import SiteSettings
from .sitemap_dates import SitemapEntry
from .syndication import FeedSet


@dataclass
class BuildState:
    """What one build knows, shared by the hooks."""

    settings: SiteSettings
    catalogue: Catalogue
    serving: bool = False  # a preview (`mkdocs serve`): not strict, drafts shown, live reload
    # The preview's problems, listed atop every page; always empty in a build, which stops on them.
    preview_problems: tuple[Problem, ...] = ()
    # Filled as the build goes, each by the hook named:
    feed_sets: list[FeedSet] = field(default_factory=list)  # feeds.py, on_pre_build
    licence_about: str = ""  # feeds.py, on_files: the address of the feeds' licence section
    generated_pages: dict[str, ListingPage | IndexPage] = field(default_factory=dict)  # browsing.py, on_files
    share_cards: dict[str, Card] = field(default_factory=dict)  # sharing.py, on_files: image path -> card
    search_indexing: SearchIndexing | None = None  # search.py, from on_files to on_post_build
    # search.py, on_files: the browse index, with the catalogue it describes
    # (the live preview puts a new catalogue in after a save).
    search_browse: tuple[Catalogue, BrowseIndex] | None = None
    sitemap_entries: list[SitemapEntry] = field(default_factory=list)  # sitemap.py, on_env
    # parallel_rendering.py, from on_env to on_post_build: the renderers this
    # process forked, or the forked renderer it is; and, in the forking
    # process, what gives the pages it left to them their inclusion back.
    rendering: ForkedRenderer | ForkedRenderers | None = None
    take_back_pages: Callable[[], None] = lambda: None


_serving = False  # for the whole process: set once, from on_startup
_current: BuildState | None = None
# For the whole process too: a preview checks again only the files a save changed.
_resource_checks = ResourceChecks()


def note_command(command: str) -> None:
    """Record the command this process runs (``build``, ``serve``…), from ``on_startup``."""
    global _serving  # noqa: PLW0603 - one value per process, known once
    _serving = command == "serve"


def start(settings: SiteSettings, catalogue: Catalogue, preview_problems: tuple[Problem, ...] = ()) -> BuildState:
    """A new state for the build that begins, made current."""
    state = BuildState(settings, catalogue, serving=_serving, preview_problems=preview_problems)
    set_current(state)
    return state


def set_current(state: BuildState | None) -> None:
    """Make ``state`` the one the hooks read (a preview server switching builds); ``None`` between builds."""
    global _current  # noqa: PLW0603 - one value per build, replaced at every build
    _current = state


def current() -> BuildState:
    """The state of the build in progress."""
    if _current is None:
        raise RuntimeError("the build state is read before validation.py's on_pre_build has run")
    return _current


def current_or_none() -> BuildState | None:
    """The state of the build in progress, if it got as far as having one (``on_build_error``)."""
    return _current


def serving() -> bool:
    """Whether this process previews (``mkdocs serve``) rather than builds."""
    return _serving


def resource_checks() -> ResourceChecks:
    """What this process knows of each resource file it has checked, for ``load_content``'s ``checks``."""
    return _resource_checks
