"""The catalogue of the build in progress, shared by the hook modules.

Not a hook itself. ``validation.py`` sets it in ``on_pre_build`` at every
build, so ``mkdocs serve`` rebuilds never see a stale catalogue; the other
hooks read it from ``on_files`` on.
"""

from __future__ import annotations

from commons.catalogue import Catalogue

_current: Catalogue | None = None


def set_catalogue(catalogue: Catalogue) -> None:
    global _current  # noqa: PLW0603 - one value per build, reset at every build
    _current = catalogue


def catalogue() -> Catalogue:
    if _current is None:
        raise RuntimeError("the catalogue is read before validation.py's on_pre_build has run")
    return _current
