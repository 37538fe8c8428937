"""The live preview (`make serve`): what it serves after each save is what a clean build of the same files gives.

The preview renders again only the pages a save changes (src/live_preview/);
these tests edit, rename, add and delete resources under a running preview, as
a contributor would, and after each save compare every page it serves with a
clean `mkdocs build` of the same files, byte for byte, apart from what only
the preview adds (its live-reload script). Its feeds, open data, share cards
and sitemap, which follow in the background, are compared too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from live_preview.client import ANSWER_WITHIN, PreviewClient, free_port, running_preview

from tests.conftest import BIN, FIXTURES, REPO_ROOT, Project, copy_project, run

RELOAD_SCRIPT = re.compile(rb'<script src="/[^"]*\.preview/reload-\d+-\d+\.js"></script>')


@pytest.fixture
def sample_preview(tmp_path: Path) -> Iterator[PreviewClient]:
    """A preview of the repository's own resources: many relations between them."""
    with running_preview(copy_project(tmp_path / "project", content="sample").root) as client:
        yield client


@pytest.fixture
def preview(project: Project) -> Iterator[PreviewClient]:
    with running_preview(project.root) as client:
        yield client


def save(preview: PreviewClient, edit: Callable[[Path], object]) -> dict[str, Any]:
    """Make ``edit`` to docs/, as a contributor's save, and wait for the preview to show it."""
    before = preview.status()["version"]
    edit(preview.root / "docs")
    return preview.settled(after=before)


def replace_in(relative: str, old: str, new: str) -> Callable[[Path], object]:
    def edit(docs: Path) -> None:
        text = (docs / relative).read_text("utf-8")
        assert old in text, f"{relative} no longer holds {old!r}"
        (docs / relative).write_text(text.replace(old, new, 1), "utf-8")

    return edit


GUIDE = "guides/animer-un-webinaire-entre-pairs.md"
SAVES: list[tuple[str, Callable[[Path], object]]] = [
    ("a paragraph", replace_in(GUIDE, "\n## ", "\nUn paragraphe écrit pendant l'aperçu.\n\n## ")),
    ("a title", replace_in(GUIDE, "title: Animer un webinaire entre pairs", "title: Animer un webinaire de pairs")),
    ("themes", replace_in(GUIDE, "  - agents-de-changement\n", "  - cooperation-territoriale\n")),
    ("a date", replace_in(GUIDE, "date: 2022-09-20", "date: 2025-01-12")),
    ("a programme's title", replace_in("programmes/sonar.md", 'title: "Sonar :', 'title: "Sonar, le cycle :')),
    (
        "a new resource",
        lambda docs: shutil.copyfile(docs / GUIDE, docs / "guides/animer-un-second-webinaire.md"),
    ),
    (
        "a renamed resource",
        lambda docs: (docs / "guides/animer-un-second-webinaire.md").rename(docs / "guides/un-webinaire-renomme.md"),
    ),
    ("a deleted resource", lambda docs: (docs / "guides/un-webinaire-renomme.md").unlink()),
]


def test_every_page_it_serves_is_what_a_clean_build_gives(sample_preview: PreviewClient, tmp_path: Path) -> None:
    checked = 0
    for name, edit in SAVES:
        status = save(sample_preview, edit)
        assert not status["problems"], f"after {name}: {status['problems']}"
        clean = tmp_path / f"clean-{checked}"
        result = run([str(BIN / "mkdocs"), "build", "--site-dir", str(clean)], cwd=sample_preview.root)
        assert result.returncode == 0, result.stderr
        pages = sorted(clean.rglob("*.html"))
        assert len(pages) > 50
        for page in pages:
            relative = page.relative_to(clean).as_posix()
            served_status, served = sample_preview.fetch(relative)
            assert served_status == 200, f"after {name}: {relative} answers {served_status}"
            assert RELOAD_SCRIPT.search(served), f"{relative} has no live reload"
            expected = page.read_bytes()
            served = RELOAD_SCRIPT.sub(b"", served)
            assert served == expected, f"after {name}: {relative} is stale: {difference(served, expected)}"
        for artefact in clean.rglob("*"):
            relative = artefact.relative_to(clean).as_posix()
            # Pagefind's filter files are not byte-reproducible (test_reproducible_build.py).
            if artefact.is_file() and artefact.suffix != ".html" and not relative.startswith("pagefind/"):
                assert sample_preview.fetch(relative) == (200, artefact.read_bytes()), f"after {name}: {relative}"
        checked += 1
    assert sample_preview.fetch("guides/un-webinaire-renomme/")[0] == 404
    assert sample_preview.fetch("guides/animer-un-second-webinaire/")[0] == 404
    assert checked == len(SAVES)


def difference(served: bytes, expected: bytes) -> str:
    """Where two pages part, with some text around, to say what is stale."""
    at = next(
        (i for i, (a, b) in enumerate(zip(served, expected, strict=False)) if a != b), min(len(served), len(expected))
    )
    return f"served {served[at - 80 : at + 80]!r}, clean build {expected[at - 80 : at + 80]!r}"


BROKEN = "guides/un-guide-casse.md"


def test_a_mistake_shows_the_problems_and_the_fix_brings_the_page_back(preview: PreviewClient) -> None:
    good = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    status = save(preview, lambda docs: (docs / BROKEN).write_text(good.replace("etalab-2.0", "LO-2.0"), "utf-8"))

    # Every request answers, and every page names the file, the line and the fix.
    assert any(line.startswith(f"docs/{BROKEN}:") for line in status["problems"])
    code, home = preview.fetch("")
    assert code == 200
    banner = BeautifulSoup(home, "lxml").select_one(".md-banner .commons-preview-problems")
    assert banner is not None and f"docs/{BROKEN}:" in banner.text
    assert "« LO-2.0 »" in banner.text.replace("\u202f", " "), "the problem says what is wrong and names the right id"
    assert preview.fetch("guides/un-guide-casse/")[0] == 404, "a file that never was right is left out"

    save(preview, lambda docs: (docs / BROKEN).write_text(good, "utf-8"))
    assert preview.fetch("guides/un-guide-casse/")[0] == 200
    assert b"commons-preview-problems" not in preview.fetch("")[1]

    # A page that was right keeps its last good version while a save breaks it.
    status = save(
        preview, replace_in(BROKEN, "title: Un guide valide", "title: Un guide cassé\ntitle: Un guide valide")
    )
    assert any(line.startswith(f"docs/{BROKEN}:") for line in status["problems"])
    code, kept = preview.fetch("guides/un-guide-casse/")
    assert code == 200 and b"Un guide valide de fixture" in kept
    assert b"commons-preview-problems" in kept


def test_a_whole_build_keeps_a_broken_page_s_last_version_and_a_new_broken_file_s_address_says_why(
    preview: PreviewClient,
) -> None:
    good = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    save(preview, lambda docs: (docs / BROKEN).write_text(good, "utf-8"))
    save(preview, replace_in(BROKEN, "licence: etalab-2.0", "licence: LO-2.0"))
    # A new file, with a mistake of its own, makes the preview build everything again.
    status = save(preview, lambda docs: (docs / "guides/un-nouveau-guide.md").write_text(good[:40], "utf-8"))
    assert {line.split(":")[0] for line in status["problems"]} == {f"docs/{BROKEN}", "docs/guides/un-nouveau-guide.md"}
    code, kept = preview.fetch("guides/un-guide-casse/")
    assert code == 200 and b"Un guide valide de fixture" in kept and b"commons-preview-problems" in kept
    code, missing = preview.fetch("guides/un-nouveau-guide/")
    assert code == 404
    banner = BeautifulSoup(missing, "lxml").select_one(".commons-preview-problems")
    assert banner is not None and "docs/guides/un-nouveau-guide.md" in banner.text
    assert RELOAD_SCRIPT.search(missing), "the page comes back by itself once the file is fixed"


def test_pages_keep_the_policy_of_the_build_and_reload_by_a_file_of_the_site(preview: PreviewClient) -> None:
    code, page = preview.fetch("a-propos/")
    assert code == 200
    policy = BeautifulSoup(page, "lxml").select_one('meta[http-equiv="Content-Security-Policy"]')
    assert policy is not None and "'unsafe-inline'" not in str(policy["content"]).split("style-src")[0]
    script = RELOAD_SCRIPT.search(page)
    assert script is not None
    source = re.search(rb'src="[^"]*/(\.preview/reload-\d+-\d+\.js)"', script[0])
    assert source is not None
    code, reload = preview.fetch(source[1].decode())
    assert code == 200 and b"livereload(" in reload


def test_the_address_make_serve_prints_answers() -> None:
    """The repository's own `make serve`, as the README and CONTRIBUTING.md give it."""
    port = free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # make and the preview stop together
    )
    try:
        assert server.stdout is not None
        printed = next(line for line in server.stdout if line.startswith("Aperçu sur"))
        address = printed.split()[-1]
        assert address == f"http://127.0.0.1:{port}/centre-de-ressources/"
        PreviewClient(REPO_ROOT, port).settled(after=0)
        with urllib.request.urlopen(address + "guides/lancer-une-residence/", timeout=ANSWER_WITHIN) as answer:
            assert answer.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def test_a_port_already_taken_gets_one_french_line_before_any_build() -> None:
    port = free_port()
    with socket.create_server(("127.0.0.1", port)):  # a second `make serve`, or any other server
        result = run([str(BIN / "python"), "scripts/preview.py", "--port", str(port)], cwd=REPO_ROOT)
    assert result.returncode == 1
    assert result.stdout == ""  # no address printed for a preview that cannot start
    assert result.stderr.strip() == (
        f"Le port {port} est déjà utilisé (un autre « make serve » tourne peut-être) : "
        f"arrêtez-le, ou lancez « make serve PORT={port + 1} »."
    )


def test_a_mistake_no_page_can_be_built_around_keeps_the_last_site_and_says_so(preview: PreviewClient) -> None:
    themes = preview.root / "docs" / "themes.yml"
    good = themes.read_text("utf-8")
    status = save(preview, lambda docs: themes.write_text(good + "\nnon-liste: [\n", "utf-8"))
    assert any(line.startswith("docs/themes.yml") for line in status["problems"]), status["problems"]
    code, home = preview.fetch("")
    assert code == 200 and b"commons-preview-problems" in home, "the last site is served, with the problems"
    assert preview.fetch("guides/guide-valide/")[0] == 200

    status = save(preview, lambda docs: themes.write_text(good, "utf-8"))
    assert status["problems"] == []
    assert b"commons-preview-problems" not in preview.fetch("")[1]
