"""Sitemap: the dates harvesters read, from the front matter rather than the build time.

Events:
- ``on_env``: list the site's pages with their last modification date from
  the front matter, once every page is read and before any is rendered
  (``parallel_rendering.py`` then leaves each process only its share);
- ``on_template_context``: give that list to the sitemap
  (``overrides/sitemap-pages.xml``), and its index (``overrides/sitemap.xml``)
  the newest of the dates.
"""

from __future__ import annotations

from commons import build_state
from commons.catalogue import last_change
from commons.sitemap_dates import SitePage, sitemap_entries
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.templates import TemplateContext


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    state = build_state.current()
    pages = [
        SitePage(
            file.src_uri,
            file.page.meta,
            generated=file.generated_by is not None,
            address=file.page.canonical_url or file.page.abs_url or "",
        )
        for file in files.documentation_pages()  # drafts are not among them
        if file.page is not None and not file.page.is_link and (file.page.canonical_url or file.page.abs_url)
    ]
    state.sitemap_entries = sitemap_entries(pages, state.catalogue)
    return env


def on_template_context(context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
    catalogue = build_state.current().catalogue
    if template_name == "sitemap.xml":
        # The index's one date: the newest change of the catalogue, which every
        # listing and the home page follow; free pages carry no dates here.
        newest = last_change(catalogue.published)
        context["newest_change"] = newest.isoformat() if newest else None  # type: ignore[typeddict-unknown-key]
    elif template_name == "sitemap-pages.xml":
        context["sitemap_entries"] = build_state.current().sitemap_entries  # type: ignore[typeddict-unknown-key]
    return context
