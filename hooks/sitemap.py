"""Sitemap: the dates harvesters read, from the front matter rather than the build time.

Events:
- ``on_template_context``: give the sitemap (``overrides/sitemap-pages.xml``)
  each page's last modification date from the front matter, and its index
  (``overrides/sitemap.xml``) the newest of them.
"""

from __future__ import annotations

from commons import build_state
from commons.catalogue import last_change
from commons.sitemap_dates import SitePage, last_modified_dates, listing_members
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.templates import TemplateContext


def on_template_context(context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
    catalogue = build_state.current().catalogue
    if template_name == "sitemap.xml":
        # The index's one date: the newest change of the catalogue, which every
        # listing and the home page follow; free pages carry no dates here.
        newest = last_change(catalogue.published)
        context["newest_change"] = newest.isoformat() if newest else None  # type: ignore[typeddict-unknown-key]
    elif template_name == "sitemap-pages.xml":
        pages = [
            SitePage(file.src_uri, file.page.meta, generated=file.generated_by is not None)
            for file in context["pages"]
            if file.page is not None
        ]
        dates = last_modified_dates(pages, catalogue, listing_members(catalogue))
        context["lastmod"] = {src_uri: day.isoformat() for src_uri, day in dates.items()}  # type: ignore[typeddict-unknown-key]
    return context
