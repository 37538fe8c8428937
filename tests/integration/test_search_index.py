"""The Pagefind index on real builds: what is marked, what is indexed, and by which command.

The browser tests (tests/browser/test_search.py) query the index; these tests
check what the templates hand to it and that every build command writes it.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.search_index import ROOT_SELECTOR, pagefind_command
from commons.search_records import search_record
from commons.site_config import preview_url, read_site_config
from live_preview.client import free_port

from tests.conftest import BIN, FIXTURES, REPO_ROOT, Project, copy_project, parse_html

SERVE_DEADLINE = 120  # seconds to wait for `mkdocs serve` to build: a bound, not a measure


def with_search_fixtures(project: Project) -> Project:
    """The search fixtures, and a resource whose front matter tries to break out of HTML."""
    for fixtures in ("search", "hostile"):
        shutil.copytree(FIXTURES / fixtures, project.docs, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Catalogue]:
    project = with_search_fixtures(copy_project(tmp_path_factory.mktemp("search-index") / "project"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project, catalogue_of(project)


def catalogue_of(project: Project) -> Catalogue:
    content = load_content(project.docs, project.root, publisher="Éditeur", today=datetime.date.today())
    return Catalogue(tuple(content.resources), content.vocabularies)


def test_only_published_resource_pages_are_marked_for_the_index(built: tuple[Project, Catalogue]) -> None:
    project, catalogue = built
    site = project.root / "site"
    published = {site / r.url / "index.html" for r in catalogue.published}
    drafts = [r for r in catalogue.resources if r.draft]
    assert drafts and published
    marked = {page for page in site.rglob("*.html") if parse_html(page).select("[data-pagefind-body]")}
    assert marked == published
    assert all(not (site / r.url).exists() for r in drafts)
    for page in ("index.html", "recherche/index.html", "404.html", "guides/index.html"):
        assert (site / page).is_file(), page  # the pages that must not be results exist, unmarked


def test_resource_pages_hand_their_facets_and_card_to_pagefind(built: tuple[Project, Catalogue]) -> None:
    project, catalogue = built
    for resource in catalogue.published:
        page = parse_html(project.root / "site" / resource.url / "index.html")
        body = page.select_one("[data-pagefind-body]")
        assert body is not None
        title = body.select_one("h1")
        assert title is not None and title.get_text(strip=True) == resource.title
        hidden = body.select_one("[data-pagefind-ignore][hidden]")
        assert hidden is not None, "the metadata must stay out of the indexed text and out of sight"
        filters: dict[str, list[str]] = {}
        for tag in page.select("[data-pagefind-filter]"):
            filters.setdefault(str(tag["data-pagefind-filter"]), []).append(tag.get_text())
        meta = {str(tag["data-pagefind-meta"]): tag.get_text() for tag in page.select("[data-pagefind-meta]")}
        sort = {str(tag["data-pagefind-sort"]): tag.get_text() for tag in page.select("[data-pagefind-sort]")}
        record = search_record(resource, catalogue)
        assert filters == {key: list(values) for key, values in record.facets.items()}, resource.src_uri
        assert meta == record.meta
        assert sort == record.sort
        assert all(hidden in tag.parents for tag in page.select("[data-pagefind-filter], [data-pagefind-meta]"))


def test_the_index_is_french_and_holds_the_published_resources(built: tuple[Project, Catalogue]) -> None:
    project, catalogue = built
    entry = json.loads((project.root / "site" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert {language: data["page_count"] for language, data in entry["languages"].items()} == {
        "fr": len(catalogue.published)
    }
    home = parse_html(project.root / "site" / "index.html")
    assert home.html is not None and home.html["lang"] == "fr"


def test_materials_lunr_search_is_gone_and_the_header_opens_the_search_page(built: tuple[Project, Catalogue]) -> None:
    project, _ = built
    site = project.root / "site"
    assert not (site / "search").exists()
    page = parse_html(site / "guides" / "organiser-un-evenement" / "index.html")
    assert page.select('[data-md-component="search"]') == []
    form = page.select_one("header form[role=search]")
    assert form is not None
    assert form["action"] == "../../recherche/"
    field = form.select_one("input[name=q]")
    assert field is not None and field["aria-keyshortcuts"] == "/"
    label = form.select_one(f'label[for="{field["id"]}"]')
    assert label is not None and label.get_text(strip=True)
    search_page = parse_html(site / "recherche" / "index.html")
    facets = [fieldset["data-facet"] for fieldset in search_page.select("fieldset[data-facet]")]
    assert facets == ["type", "theme", "programme", "annee", "public", "licence"]


def test_turning_materials_search_plugin_on_is_refused(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\nplugins:\n" in text
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1), "utf-8")
    result = project.build()
    assert result.returncode == 1
    assert "le plugin de recherche de Material est activé" in result.stderr
    assert "Traceback" not in result.stderr


def page_count(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            entry = json.load(response)
    except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
        return None
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def wait_for_count(url: str, expected: int, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + SERVE_DEADLINE
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read() if server.stderr else "mkdocs serve stopped"
        if page_count(url) == expected:
            return
        time.sleep(0.5)
    pytest.fail(f"{url} never counted {expected} pages")


@pytest.fixture
def served(project: Project) -> Iterator[tuple[Project, str, subprocess.Popen[str]]]:
    with_search_fixtures(project)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        # `mkdocs serve` mounts the site at site_url's path, as GitHub Pages does:
        # the address `make serve` and `make new` print.
        config = read_site_config(project.root / "mkdocs.yml")
        yield project, preview_url(config, "pagefind/pagefind-entry.json", port), server
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()


def test_mkdocs_serve_indexes_at_every_rebuild_and_never_a_draft(
    served: tuple[Project, str, subprocess.Popen[str]],
) -> None:
    project, entry_url, server = served
    published = len(catalogue_of(project).published)
    assert any(r.draft for r in catalogue_of(project).resources)  # served, but must not be indexed
    wait_for_count(entry_url, published, server)

    guide = (FIXTURES / "search" / "guides" / "organiser-un-evenement.md").read_text("utf-8")
    project.write("guides/un-guide-de-plus.md", guide.replace("title: Organiser", "title: Encore organiser"))
    wait_for_count(entry_url, published + 1, server)
    page = entry_url.replace("pagefind/pagefind-entry.json", "guides/un-guide-de-plus/")
    with urllib.request.urlopen(page, timeout=30) as answer:
        assert answer.status == 200 and "Encore organiser" in answer.read().decode("utf-8")


def test_the_real_site_indexes_every_published_sample_resource(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    published = [r for r in content.resources if not r.draft]
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["fr"]["page_count"] == len(published) > 0


def test_reading_only_the_marked_element_gives_the_same_index(built: tuple[Project, Catalogue], tmp_path: Path) -> None:
    site = built[0].root / "site"
    told = pagefind_command(site, tmp_path / "told")
    not_told = pagefind_command(site, tmp_path / "not-told")
    flag = not_told.index(ROOT_SELECTOR) - 1
    del not_told[flag : flag + 2]  # the option and its value
    for command in (told, not_told):
        subprocess.run(command, check=True, capture_output=True)
    # Pagefind names each file of its index after its content: same names, same
    # words and same results. Its filter files are left out: their names change
    # from one run to the next even on the same pages (a known Pagefind quirk).
    names = {
        index: sorted(
            path.relative_to(tmp_path / index).as_posix()
            for folder in ("fragment", "index")
            for path in (tmp_path / index / folder).iterdir()
        )
        for index in ("told", "not-told")
    }
    assert len([name for name in names["told"] if name.startswith("fragment/")]) > 3
    assert names["told"] == names["not-told"]
