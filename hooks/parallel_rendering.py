"""Parallel rendering: in a build, the pages are rendered by one process per core.

Events:
- ``on_env`` (last): once every page is read and every hook has set the
  templates' globals, fork the renderers (``commons.forked_renderers``) and
  deal the pages out in turn, so that each process renders the resource pages
  of its share first, as ``search.py`` ordered them; the files copied as they
  are (styles, images, share cards) are dealt out too. Every other file is
  marked excluded in that process, so MkDocs' own loops skip it there. Only
  the forking process renders the 404 page and the sitemaps. Never in a
  preview, which renders pages one save at a time.
- ``on_post_page``: in a forked renderer, report once its share of resource
  pages is written; the forking process waits for that before it starts
  Pagefind (``SearchIndexing.wait_for_other_writers``).
- ``on_post_build`` (first): a forked renderer reports and ends; the forking
  process waits for them, logs their records again (so that ``--strict``
  counts their warnings) and gives the pages it left to them their inclusion
  back, before any other hook reads the files.
- ``on_build_error`` (first): a forked renderer reports the error and ends;
  the forking process stops the others.
"""

from __future__ import annotations

from collections.abc import Callable

from commons import build_state
from commons.forked_renderers import (
    ForkedRenderer,
    ForkedRenderers,
    RendererError,
    fork_renderers,
    render_processes,
    shares,
)
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

_LOGGER = "mkdocs"  # MkDocs prints and counts the records of its loggers with this one's handlers


@event_priority(-200)  # after every other on_env: the forked renderers inherit the finished templates
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build_state.current()
    try:
        processes = render_processes()
    except ValueError as error:
        raise PluginError(str(error)) from error
    if state.serving or processes == 1:
        return env
    pages = files.documentation_pages()
    others = [file for file in files if not file.is_documentation_page()]  # copied as they are
    dealt = [
        pages_share + others_share
        for pages_share, others_share in zip(shares(pages, processes), shares(others, processes), strict=True)
    ]
    share, role = fork_renderers(processes - 1, _LOGGER)
    kept = {file.src_uri for file in dealt[share]}
    state.rendering = role
    left_to_others = [file for file in [*pages, *others] if file.src_uri not in kept]
    published = {resource.src_uri for resource in state.catalogue.published}
    if isinstance(role, ForkedRenderer):
        _leave_out(left_to_others)
        config.theme.static_templates.clear()  # the forking process renders them
        config.extra_templates = []
        state.search_indexing = None  # the forking process runs Pagefind
        role.resources_to_write = len(kept & published)
    else:
        state.take_back_pages = _leave_out(left_to_others)
        indexing = state.search_indexing
        assert indexing is not None, "search.py's on_files starts the indexing"
        indexing.resources_to_write = len(kept & published)
        indexing.wait_for_other_writers = lambda: _wait(role.wait_for_resources)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if isinstance(renderer := build_state.current().rendering, ForkedRenderer):
        resource = build_state.current().catalogue.resource_at(page.file.src_uri)
        renderer.rendering(published_resource=resource is not None and not resource.draft)
    return output


@event_priority(200)  # before every other on_post_build: a forked renderer ends here
def on_post_build(*, config: MkDocsConfig) -> None:
    state = build_state.current()
    role, state.rendering = state.rendering, None
    if isinstance(role, ForkedRenderer):
        role.finish()
    elif isinstance(role, ForkedRenderers):
        _wait(role.join)
        state.take_back_pages()


@event_priority(200)  # before every other on_build_error: a forked renderer ends here
def on_build_error(*, error: Exception) -> None:
    if (state := build_state.current_or_none()) is None:
        return
    role, state.rendering = state.rendering, None
    if isinstance(role, ForkedRenderer):
        role.fail(error)
    elif isinstance(role, ForkedRenderers):
        role.stop()


def _leave_out(files: list[File]) -> Callable[[], None]:
    """Mark ``files`` excluded from this process's build; the function that gives them their inclusion back."""
    before = [(file, file.inclusion) for file in files]
    for file in files:
        file.inclusion = InclusionLevel.EXCLUDED

    def give_back() -> None:
        for file, inclusion in before:
            file.inclusion = inclusion

    return give_back


def _wait(waiting: Callable[[], None]) -> None:
    try:
        waiting()
    except RendererError as failure:
        raise PluginError(f"rendu des pages en parallèle : {failure}") from failure
