"""French typography on every page, from the content and the templates alike.

Events:
- ``on_post_page``: apply ``commons.french_typography`` to each page's finished HTML,
  after every other hook has added its text (it runs last);
- ``on_post_template``: and to the static HTML templates (the 404 page), not
  to the sitemaps.

The feeds and the open data are made from the front matter and the rendered
body before this runs, so they carry the text as written.
"""

from __future__ import annotations

from commons.french_typography import french_typography
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


@event_priority(-90)  # after every other on_post_page: the text is final
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return french_typography(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return french_typography(output_content) if template_name.endswith(".html") else output_content
