"""How long a contributor waits for the live preview: from a save to the pages that show it.

For ``scripts/measure_preview.py`` and ``scripts/bench.py``. Starts
``scripts/preview.py`` on the project, waits until it has built everything,
then, several times each:

- a text edit: a sentence added to the body of the newest guide, timed until
  its page serves it;
- a title change: the same guide's title, timed until every page that shows
  it serves the new one: its page, its type's listing, the home page, its
  first theme's listing, a resource that lists it as related, its programme's
  page and listing.

Each save waits until the previous one's background build (feeds, open data,
search) is in, as a contributor who reads what they wrote would. The times
are medians, from the moment the file is written.
"""

from __future__ import annotations

import datetime
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from commons.catalogue import Catalogue
from commons.listings import programme_listing
from commons.model import Resource, load_content
from commons.page_views import LATEST_ON_HOME, resource_page_view

from .client import SETTLE_WITHIN, PreviewClient, running_preview

POLL_EVERY = 0.01


@dataclass(frozen=True)
class PreviewTimes:
    first_build: float  # from start to the first page served
    text_edit: float
    title_change: float
    pages_checked: int  # pages a title change is awaited on


def time_until_shown(preview: PreviewClient, path: Path, text: str, marker: bytes, pages: list[str]) -> float:
    """Write ``text`` to ``path``; seconds until every one of ``pages`` serves ``marker``."""
    started = time.perf_counter()
    path.write_text(text, "utf-8")
    waiting = list(pages)
    while waiting:
        if marker in preview.fetch(waiting[0])[1]:
            waiting.pop(0)
        elif time.perf_counter() - started > SETTLE_WITHIN:
            raise TimeoutError(f"{waiting[0] or 'the home page'} never showed {marker!r}")
        else:
            time.sleep(POLL_EVERY)
    return time.perf_counter() - started


def showing_pages(catalogue: Catalogue, guide: Resource) -> list[str]:
    """The pages that show ``guide``'s title: its own first, then wherever a card or a link names it."""
    pages = [guide.url, f"{guide.type.listing}/", f"themes/{guide.themes[0]}/"]
    if guide in catalogue.published[:LATEST_ON_HOME]:
        pages.append("")
    related_by = next(
        (r for r in catalogue.published if r != guide and guide in resource_page_view(catalogue, r).related), None
    )
    if related_by is not None:
        pages.append(related_by.url)
    if guide.programme and (programme := catalogue.programme(guide.programme)):
        pages += [programme.url, f"{programme_listing(programme)}/"]
    return pages


def newest_guide(root: Path) -> tuple[Catalogue, Resource]:
    """The newest published resource of a programme: atop its listings, and on the home page."""
    content = load_content(root / "docs", root, publisher="", today=datetime.date.today())
    catalogue = Catalogue(tuple(content.resources), content.vocabularies)
    guide = next(r for r in catalogue.published if r.type.key != "programme" and r.programme)
    return catalogue, guide


def measure_preview(root: Path, repeat: int = 3) -> PreviewTimes:
    """Times of ``repeat`` text edits and title changes on the newest guide of ``root``'s docs/."""
    catalogue, guide = newest_guide(root)
    pages = showing_pages(catalogue, guide)
    path = root / "docs" / guide.src_uri
    original = path.read_text("utf-8")
    text_edits: list[float] = []
    title_changes: list[float] = []
    started = time.perf_counter()
    with running_preview(root) as preview:
        first_build = time.perf_counter() - started
        version, text, title = 0, original, guide.title
        try:
            for trial in range(repeat):
                # A sentence added to the body: the front matter stays as the last save left it.
                marker = f"phrase{trial}"
                text = text.rstrip("\n") + f"\n\nUne {marker} écrite pendant l'aperçu.\n"
                text_edits.append(time_until_shown(preview, path, text, marker.encode(), pages[:1]))
                version = preview.settled(after=version)["version"]
                # A new title, the body as it is.
                marker = f"titre{trial}"
                retitled = text.replace(f"title: {title}\n", f"title: {guide.title} {marker}\n", 1)
                assert retitled != text, f"{guide.src_uri}: its title line is not written plainly"
                title_changes.append(time_until_shown(preview, path, retitled, marker.encode(), pages))
                version = preview.settled(after=version)["version"]
                text, title = retitled, f"{guide.title} {marker}"
        finally:
            path.write_text(original, "utf-8")
    return PreviewTimes(first_build, statistics.median(text_edits), statistics.median(title_changes), len(pages))


def preview_rows(root: Path, full_build: float) -> list[tuple[str, str, str]]:
    """The benchmark's rows (figure, value, target): the preview's times as ratios to ``full_build``."""
    times = measure_preview(root)
    return [
        ("preview: a text edit shown", f"{times.text_edit:.2f} s", ""),
        ("preview: text edit / full pipeline", f"{times.text_edit / full_build:.3f}", "≤ 0.10"),
        ("preview: a title change shown on every page", f"{times.title_change:.2f} s", ""),
        ("preview: title change / full pipeline", f"{times.title_change / full_build:.3f}", "≤ 0.20"),
    ]
