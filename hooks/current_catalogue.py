"""The catalogue of the build in progress, shared by the hook modules.

Not a hook itself. ``validation.py`` sets it in ``on_pre_build`` at every
build, so ``mkdocs serve`` rebuilds never see a stale catalogue; the other
hooks read it from ``on_files`` on. The live preview sets it again after
each save (``live_preview.py``), with what is planned from it.
"""

from __future__ import annotations

from commons.catalogue import Catalogue
from commons.page_views import PlannedPage, planned_pages

_current: Catalogue | None = None
_planned: dict[str, PlannedPage] | None = None  # planned from _current, when first asked


def set_catalogue(catalogue: Catalogue) -> None:
    global _current, _planned  # one value per build, reset at every build
    _current, _planned = catalogue, None


def catalogue() -> Catalogue:
    if _current is None:
        raise RuntimeError("the catalogue is read before validation.py's on_pre_build has run")
    return _current


def planned() -> dict[str, PlannedPage]:
    """The listing and index pages planned from the current catalogue."""
    global _planned  # noqa: PLW0603 - derived from _current, reset with it
    if _planned is None:
        _planned = planned_pages(catalogue())
    return _planned
