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
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from commons.catalogue import Catalogue
from commons.listings import programme_listing
from commons.model import Resource, load_content
from commons.page_views import LATEST_ON_HOME, resource_page_view
from commons.site_config import preview_url, read_site_config

REPO_ROOT = Path(__file__).resolve().parents[2]
SETTLE_WITHIN = 300  # seconds: a whole build of 4,000 resources on a busy machine
POLL_EVERY = 0.01


@dataclass(frozen=True)
class PreviewTimes:
    first_build: float  # from start to the first page served
    text_edit: float
    title_change: float
    pages_checked: int  # pages a title change is awaited on


class Preview:
    """A running preview of ``root``, and what it serves."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.config = read_site_config(root / "mkdocs.yml")
        self.port = port

    def fetch(self, page: str) -> bytes:
        try:
            with urllib.request.urlopen(preview_url(self.config, page, self.port), timeout=60) as answer:
                body: bytes = answer.read()
                return body
        except urllib.error.HTTPError as error:
            return error.read()

    def settle(self, after: int) -> int:
        """Wait until a version after ``after`` is rendered and its background build is in; that version."""
        deadline = time.monotonic() + SETTLE_WITHIN
        while time.monotonic() < deadline:
            try:
                status = json.loads(self.fetch(".preview/status.json"))
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                status = None
            if status and status["version"] > after and status["idle"] and status["artefacts"] == status["version"]:
                version: int = status["version"]
                return version
            time.sleep(0.2)
        raise TimeoutError("the preview did not settle")

    def time_until_shown(self, path: Path, text: str, marker: bytes, pages: list[str]) -> float:
        """Write ``text`` to ``path``; seconds until every one of ``pages`` serves ``marker``."""
        started = time.perf_counter()
        path.write_text(text, "utf-8")
        waiting = list(pages)
        while waiting:
            if marker in self.fetch(waiting[0]):
                waiting.pop(0)
            elif time.perf_counter() - started > SETTLE_WITHIN:
                raise TimeoutError(f"{waiting[0] or 'the home page'} never showed {marker!r}")
            else:
                time.sleep(POLL_EVERY)
        return time.perf_counter() - started


@contextmanager
def running_preview(root: Path) -> Iterator[tuple[Preview, float]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "scripts" / "preview.py"), "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        preview = Preview(root, port)
        preview.settle(after=0)
        yield preview, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


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
    with running_preview(root) as (preview, first_build):
        version, text, title = 0, original, guide.title
        try:
            for trial in range(repeat):
                # A sentence added to the body: the front matter stays as the last save left it.
                marker = f"phrase{trial}"
                text = text.rstrip("\n") + f"\n\nUne {marker} écrite pendant l'aperçu.\n"
                text_edits.append(preview.time_until_shown(path, text, marker.encode(), pages[:1]))
                version = preview.settle(after=version)
                # A new title, the body as it is.
                marker = f"titre{trial}"
                retitled = text.replace(f"title: {title}\n", f"title: {guide.title} {marker}\n", 1)
                assert retitled != text, f"{guide.src_uri}: its title line is not written plainly"
                title_changes.append(preview.time_until_shown(path, retitled, marker.encode(), pages))
                version = preview.settle(after=version)
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
