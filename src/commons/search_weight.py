"""Bytes a visitor's browser transfers for one search, beside the lunr index Material would ship.

``measure_first_query`` opens the search page in headless Chromium, types one
query, waits for the results, and reports what went over the wire.
``measure_wordless`` does the same for the two searches without words: one
filter value ticked, and « Afficher plus de résultats » under the latest
resources, each from a fresh browser cache.
``lunr_index_size`` builds the same Markdown with Material's search plugin
on, without this project's hooks, and weighs the ``search_index.json`` that
every visitor would have downloaded before their first result.
``scripts/measure_search.py`` and ``scripts/bench.py`` print these figures.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from .search_browsing import FACETS_FILE
from .served_site import CHROMIUM, CHROMIUM_ARGS, ServedSite, Transfer, serve_site
from .site_pages import SEARCH_PAGE, page_url

READY = "[data-commons-search][data-state=ready]"
RESULTS = "[data-commons-search-list] > li"


@dataclass(frozen=True)
class QueryMeasure:
    """What one visitor's browser fetched: opening the search page, then one query."""

    query: str
    results: int
    page_load_bytes: int  # the search page and its assets, Pagefind's start-up included
    query_bytes: int  # everything fetched after the query was typed
    pagefind_bytes: int  # everything under pagefind/, both phases
    total_bytes: int
    requests: int


def measure_first_query(
    site_dir: Path,
    query: str,
    *,
    base_path: str = "/centre-de-ressources/",
    compress: bool = True,
    timeout_ms: int = 30_000,
) -> QueryMeasure:
    """Open the search page of ``site_dir`` in a fresh headless Chromium, run ``query``, count bytes.

    The browser starts with an empty cache. Bytes are counted by the server:
    status lines, headers and bodies (gzipped when ``compress``).
    """
    with serve_site(site_dir, base_path, compress=compress) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with _visit(browser, served, timeout_ms) as (page, opened):
                typed = time.monotonic()
                page.fill("[data-commons-search-input]", query)
                page.press("[data-commons-search-input]", "Enter")
                results = _results_once(
                    page, "q => new URL(location.href).searchParams.get('q') === q", query, timeout_ms
                )
        finally:
            browser.close()
        transfers = served.since(opened)
    after = [t for t in transfers if t.at >= typed]
    return QueryMeasure(
        query=query,
        results=results,
        page_load_bytes=sum(t.bytes for t in transfers if t.at < typed),
        query_bytes=sum(t.bytes for t in after),
        pagefind_bytes=sum(t.bytes for t in transfers if t.path.startswith(base_path + "pagefind/")),
        total_bytes=sum(t.bytes for t in transfers),
        requests=len(transfers),
    )


@dataclass(frozen=True)
class WordlessMeasure:
    """What one visitor's browser fetched: opening the search page, then one search without words."""

    search: str  # what was done, in words
    results: int  # results listed after it
    page_load_bytes: int
    action_bytes: int  # everything fetched after the tick or the click
    index_chunk_bytes: int  # Pagefind's index chunks (pagefind/index/*.pf_index), both phases
    total_bytes: int
    requests: int


def measure_wordless(
    site_dir: Path,
    facet: str,
    value: str,
    *,
    base_path: str = "/centre-de-ressources/",
    compress: bool = True,
    timeout_ms: int = 30_000,
) -> list[WordlessMeasure]:
    """Two visits of the search page of ``site_dir``, each in a fresh browser: tick ``facet``'s ``value``; ask for more.

    Bytes are counted by the server, as in ``measure_first_query``.
    """
    measures = []
    with serve_site(site_dir, base_path, compress=compress) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            box = f'[data-facet="{facet}"] input[type=checkbox][value="{value}"]'
            with _visit(browser, served, timeout_ms) as (page, opened):
                acted = time.monotonic()
                page.check(box)
                ticked = "([key, value]) => new URL(location.href).searchParams.getAll(key).includes(value)"
                shown = _results_once(page, ticked, [facet, value], timeout_ms)
            measures.append(_measure(f"filtre {facet} = {value}", shown, served.since(opened), acted, base_path))
            with _visit(browser, served, timeout_ms) as (page, opened):
                before = page.locator(RESULTS).count()
                acted = time.monotonic()
                page.click("[data-commons-search-more]")
                more = f"n => document.querySelectorAll('{RESULTS}').length > n"
                shown = _results_once(page, more, before, timeout_ms)
            measures.append(_measure("« Afficher plus de résultats »", shown, served.since(opened), acted, base_path))
        finally:
            browser.close()
    return measures


def heaviest_filter(site_dir: Path) -> tuple[str, str]:
    """The facet value whose first ten results, in the browse index, sit in the most files of cards.

    The costliest filter to tick without words: each of those files is one more request.
    """
    index = json.loads((site_dir / FACETS_FILE).read_text("utf-8"))
    per_file = index["cards_per_chunk"]
    spread: dict[tuple[str, str], int] = {}
    for key, facet in index["facets"].items():
        for id_, value in enumerate(facet["values"]):
            positions = [
                p for p, ids in enumerate(facet["resources"]) if id_ in (ids if isinstance(ids, list) else [ids])
            ]
            spread[key, value] = len({p // per_file for p in positions[:10]})
    return max(spread, key=lambda choice: (spread[choice], choice))


@contextmanager
def _visit(browser: Browser, served: ServedSite, timeout_ms: int) -> Iterator[tuple[Page, float]]:
    context = browser.new_context()  # an empty cache
    try:
        page = context.new_page()
        opened = time.monotonic()
        page.goto(served.url + page_url(SEARCH_PAGE), wait_until="load", timeout=timeout_ms)
        page.wait_for_selector(READY, timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        yield page, opened
    finally:
        context.close()


def _results_once(page: Page, done: str, arg: object, timeout_ms: int) -> int:
    """How many results the page lists once ``done(arg)`` holds, the search is ready and the network is quiet."""
    page.wait_for_function(f"arg => ({done})(arg) && document.querySelector('{READY}')", arg=arg, timeout=timeout_ms)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    return page.locator(RESULTS).count()


def _measure(search: str, shown: int, transfers: list[Transfer], acted: float, base_path: str) -> WordlessMeasure:
    return WordlessMeasure(
        search=search,
        results=shown,
        page_load_bytes=sum(t.bytes for t in transfers if t.at < acted),
        action_bytes=sum(t.bytes for t in transfers if t.at >= acted),
        index_chunk_bytes=sum(t.bytes for t in transfers if t.path.startswith(base_path + "pagefind/index/")),
        total_bytes=sum(t.bytes for t in transfers),
        requests=len(transfers),
    )


@dataclass(frozen=True)
class LunrIndex:
    """Material's search index for the same site: on disk, and gzipped as GitHub Pages would send it."""

    bytes: int
    gzip_bytes: int


def material_only_config(config_file: Path, work: Path, *, plugins: list[str]) -> Path:
    """Write into ``work`` a config for the same docs with Material alone, and return its path.

    The project's hooks and plugins are left out (``plugins`` replaces them),
    and its page templates get plain stand-ins; its navigation, theme features
    and Markdown extensions stay. Not strict: the navigation names listing
    pages that only the hooks generate.
    """
    config_file = config_file.resolve()
    config = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)  # a SafeLoader subclass
    for own in ("hooks", "strict"):
        config.pop(own, None)
    config["plugins"] = plugins
    config["docs_dir"] = str((config_file.parent / config.get("docs_dir", "docs")).resolve())
    theme = config.setdefault("theme", {})
    if custom_dir := theme.get("custom_dir"):
        stand_ins = work / "overrides"
        stand_ins.mkdir(parents=True)
        for template in (config_file.parent / custom_dir).glob("*.html"):
            if template.name != "main.html":
                (stand_ins / template.name).write_text('{% extends "base.html" %}', "utf-8")
        theme["custom_dir"] = str(stand_ins)
    written = work / "mkdocs.yml"
    written.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return written


def lunr_index_size(config_file: Path) -> LunrIndex:
    """Weigh ``search/search_index.json`` for the same docs built with Material's search plugin.

    Every visitor downloads that file whole before their first result. The
    project's hooks, plugins and templates are left out: lunr indexes the
    pages' text and titles, which they do not change, and the hooks refuse
    the search plugin.
    """
    with tempfile.TemporaryDirectory(prefix="lunr-") as folder:
        work = Path(folder)
        config = material_only_config(config_file, work, plugins=["search"])
        site = work / "site"
        mkdocs = Path(sys.executable).with_name("mkdocs")
        built = subprocess.run(
            [str(mkdocs), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if built.returncode != 0:
            raise RuntimeError(f"the lunr comparison build failed:\n{built.stderr}")
        return weigh_lunr_index(site / "search" / "search_index.json")


def weigh_lunr_index(index_file: Path) -> LunrIndex:
    index = index_file.read_bytes()
    return LunrIndex(bytes=len(index), gzip_bytes=len(gzip.compress(index, compresslevel=6, mtime=0)))


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning MkDocs' own tags (!ENV, !relative, python names) into plain values."""


def _plain_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("!", _plain_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain_tag)
