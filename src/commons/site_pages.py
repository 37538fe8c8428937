"""The pages the code treats apart, each named once by its source file under ``docs/``.

The hooks compare a page's ``src_uri`` with these; ``page_url`` gives the
address MkDocs publishes it at (directory URLs).
"""

from __future__ import annotations

HOME_PAGE = "index.md"
TIMELINE_PAGE = "chronologie/index.md"  # generated when no file stands for it
SEARCH_PAGE = "recherche.md"
REUSE_PAGE = "reutiliser.md"
SUBSCRIBE_PAGE = "s-abonner.md"


def page_url(src_uri: str) -> str:
    """The page's address from the site's root: ``reutiliser.md`` → ``reutiliser/``, ``index.md`` → ``""``."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"
