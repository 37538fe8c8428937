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
- ``on_post_page``: put the raw values back once the page is rendered, so
  that no page sees another one's title escaped or not depending on which
  was rendered first, and a page rendered again (the live preview) starts
  from its raw title.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# The page being rendered: its own title (the navigation's, set on the page;
# absent when MkDocs reads it from the page's front matter or first heading)
# and its meta, as they were before escaping.
_raw: dict[str, tuple[Any, dict[str, Any]]] = {}
_NO_TITLE_SET = object()


@event_priority(-100)
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    _raw[page.file.src_uri] = (vars(page).get("title", _NO_TITLE_SET), dict(page.meta))
    if page.title is not None:
        page.title = escape(page.title)
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if (raw := _raw.pop(page.file.src_uri, None)) is not None:
        title, meta = raw
        if title is _NO_TITLE_SET:
            vars(page).pop("title", None)  # MkDocs reads the title again
        else:
            page.title = title
        page.meta.update((key, meta[key]) for key in ("title", "description") if key in meta)
    return output
