"""The live preview in a browser: a save reloads the page by itself, under the pages' policy, and a mistake shows.

The reload script is a file of the site, which the pages' Content-Security-Policy
lets run; the `page` fixture fails on any console error, a refused script included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live_preview.client import PreviewClient, running_preview
from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES, Project

pytestmark = pytest.mark.browser

GUIDE = "guides/guide-valide.md"
RELOADED_WITHIN = 60_000  # ms, on a loaded two-core machine


@pytest.fixture
def preview(project: Project) -> Iterator[PreviewClient]:
    with running_preview(project.root) as client:
        yield client


@pytest.mark.parametrize("width", [1280, 390])
def test_a_save_reloads_the_page_and_a_mistake_shows_atop_it(
    preview: PreviewClient, page: Page, width: int, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(preview.url("guides/guide-valide/"), wait_until="load")
    text = (preview.root / "docs" / GUIDE).read_text("utf-8")

    (preview.root / "docs" / GUIDE).write_text(text + "\nUn paragraphe enregistré pendant la lecture.\n", "utf-8")
    expect(page.locator("article")).to_contain_text("enregistré pendant la lecture", timeout=RELOADED_WITHIN)

    broken = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8").replace("etalab-2.0", "LO-2.0")
    (preview.root / "docs" / GUIDE).write_text(broken, "utf-8")
    banner = page.locator(".md-banner .commons-preview-problems")
    expect(banner).to_contain_text(f"docs/{GUIDE}:", timeout=RELOADED_WITHIN)
    expect(page.locator("article")).to_contain_text("enregistré pendant la lecture")  # its last good version
    assert banner.bounding_box() is not None
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the banner makes the page {overflow} px wider than a {width} px screen"
    page.screenshot(path=str(tmp_path / f"preview-banner-{width}.png"), full_page=True)

    (preview.root / "docs" / GUIDE).write_text(text, "utf-8")
    expect(banner).to_have_count(0, timeout=RELOADED_WITHIN)
