"""Safe text: contributors' titles and descriptions can never become markup.

MkDocs renders templates without autoescaping, and Material prints
``page.meta.title``, ``page.title`` and ``page.meta.description`` as they are,
in ``<title>``, the header, the ``<h1>`` and an attribute. A title such as
``</title><script>`` would run. Our own partials use ``{% autoescape true %}``;
this hook escapes what Material's templates print.

Events:
- ``on_page_context``: replace the page's title and description by escaped
  ``Markup``, after every other consumer of the raw values (the rss plugin
  reads them earlier, in ``on_page_content``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@event_priority(-100)
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.title is not None:
        page.title = escape(page.title)
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return context
