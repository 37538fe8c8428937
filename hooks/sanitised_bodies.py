"""Sanitised bodies: raw HTML and ``attr_list`` attributes never reach a page as written.

Events:
- ``on_page_content`` (first of all hooks and plugins): replace the rendered
  body by its cleaned version (``commons.body_html``), so that the page, the
  feeds (the rss plugin reads bodies at priority -75) and the search index
  only ever see the cleaned HTML.
"""

from __future__ import annotations

from commons.body_html import cleaned_body
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return cleaned_body(html)
