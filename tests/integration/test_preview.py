"""The preview (mkdocs serve) never hangs on a mistake: it shows the problems, then comes back by itself."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from commons.site_config import preview_url, read_site_config

from tests.conftest import BIN, FIXTURES, Project
from tests.integration.test_search_index import free_port

ANSWER_WITHIN = 20  # seconds: a request that waits longer than this is a hung preview
REBUILD_WITHIN = 90  # seconds for a rebuild on a loaded two-core machine
BROKEN = "guides/un-guide-casse.md"


@pytest.fixture
def preview(project: Project) -> Iterator[Callable[[str], tuple[int, str]]]:
    port = free_port()
    server = subprocess.Popen(
        # What `make serve` runs.
        [str(BIN / "mkdocs"), "serve", "--livereload", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    config = read_site_config(project.root / "mkdocs.yml")

    def fetch(page: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(preview_url(config, page, port), timeout=ANSWER_WITHIN) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    try:
        yield fetch
    finally:
        server.terminate()
        server.wait(timeout=30)


def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + REBUILD_WITHIN
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError):
            pass  # the server is still starting
        time.sleep(0.5)
    pytest.fail(f"the preview never {what}")


def test_a_mistake_shows_the_problems_and_the_fix_brings_the_page_back(
    project: Project, preview: Callable[[str], tuple[int, str]]
) -> None:
    eventually(lambda: preview("")[0] == 200, "answered")
    good = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    project.write(BROKEN, good.replace("licence: etalab-2.0", "licence: LO-2.0"))
    assert "licence: LO-2.0" in (project.docs / BROKEN).read_text("utf-8"), "the fixture names its licence"

    # Every request answers, and every page names the file, the line and the fix.
    eventually(lambda: f"docs/{BROKEN}:" in preview("")[1], "listed the problem")
    status, home = preview("")
    assert status == 200 and "Aperçu" in home
    assert "« LO-2.0 »" in home.replace("\u202f", " "), "the problem says what is wrong and names the right id"
    assert preview("guides/un-guide-casse/")[0] == 404, "the broken page is left out until fixed"

    project.write(BROKEN, good)
    eventually(lambda: preview("guides/un-guide-casse/")[0] == 200, "came back once the file was fixed")
    assert "Aperçu" not in preview("")[1].split("<article", 1)[0]
