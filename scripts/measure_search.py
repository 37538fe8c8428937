"""Bytes a visitor's browser transfers for one search, beside the lunr index Material would ship.

    python scripts/measure_search.py site/ --query "coopérative"
    python scripts/measure_search.py site/ --query design --lunr-config mkdocs.yml

``serve_site`` serves a built site on 127.0.0.1 under a sub-path, as GitHub
Pages serves a project site, and counts the bytes it sends (headers and
bodies). ``measure_first_query`` opens the search page in headless Chromium,
types one query, waits for the results, and reports what went over the wire.
``lunr_index_size`` builds the same Markdown with Material's search plugin
on, without this project's hooks, and weighs the ``search_index.json`` that
every visitor would have downloaded before their first result.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SEARCH_PAGE = "recherche/"
# Compressed on the fly when the browser asks, as GitHub Pages does. Pagefind's
# index files (.pf_*, .pagefind) are already gzipped by the indexer.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
REQUEST_TIMEOUT = 10  # seconds a client connection may stay silent


@dataclass
class Transfer:
    """One response the server sent: its path and its size on the wire."""

    path: str
    status: int
    bytes: int
    at: float  # time.monotonic() when the response was sent


@dataclass
class ServedSite:
    """A site being served; ``transfers`` fills in as the browser asks."""

    url: str  # the site's root, ending with "/"
    transfers: list[Transfer] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, transfer: Transfer) -> None:
        with self._lock:
            self.transfers.append(transfer)

    def since(self, moment: float) -> list[Transfer]:
        with self._lock:
            return [t for t in self.transfers if t.at >= moment]


def _handler(
    site_dir: Path, base_path: str, served: ServedSite, compress: bool
) -> type[http.server.BaseHTTPRequestHandler]:
    class StaticSite(http.server.BaseHTTPRequestHandler):
        timeout = REQUEST_TIMEOUT
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # the http.server API names it
            self._respond(head_only=False)

        def do_HEAD(self) -> None:
            self._respond(head_only=True)

        def log_message(self, format: str, *args: Any) -> None:  # silent: the figures are the log
            return

        def _respond(self, *, head_only: bool) -> None:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if path == base_path.rstrip("/"):
                return self._send(301, b"", location=base_path)
            if not path.startswith(base_path):
                return self._send(404, b"Not found\n", content_type="text/plain")
            target = (site_dir / path[len(base_path) :]).resolve()
            if not target.is_relative_to(site_dir):
                return self._send(404, b"Not found\n", content_type="text/plain")
            if target.is_dir():
                if not path.endswith("/"):
                    return self._send(301, b"", location=path + "/")
                target = target / "index.html"
            if not target.is_file():
                page = site_dir / "404.html"
                body = page.read_bytes() if page.is_file() else b"Not found\n"
                return self._send(404, body, content_type="text/html; charset=utf-8", head_only=head_only)
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in {"application/javascript", "application/json"}:
                kind += "; charset=utf-8"
            self._send(200, target.read_bytes(), content_type=kind, suffix=target.suffix, head_only=head_only)
            return None

        def _send(
            self,
            status: int,
            body: bytes,
            *,
            content_type: str = "text/plain",
            location: str | None = None,
            suffix: str = "",
            head_only: bool = False,
        ) -> None:
            headers = {"Content-Type": content_type, "Cache-Control": "max-age=600"}
            if location:
                headers["Location"] = location
            if compress and suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
                headers["Vary"] = "Accept-Encoding"
            headers["Content-Length"] = str(len(body))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            sent = len(f"HTTP/1.1 {status}\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in headers.items()) + 2
            if not head_only:
                self.wfile.write(body)
                sent += len(body)
            served.record(Transfer(path=self.path, status=status, bytes=sent, at=time.monotonic()))

    return StaticSite


@contextmanager
def serve_site(site_dir: Path, base_path: str = "/", *, compress: bool = True) -> Iterator[ServedSite]:
    """Serve ``site_dir`` at ``http://127.0.0.1:<free port><base_path>`` while the block runs.

    Only files under ``site_dir`` are served, only to this machine, and the
    server stops when the block ends.
    """
    if not (base_path.startswith("/") and base_path.endswith("/")):
        raise ValueError(f"base_path must start and end with '/': {base_path!r}")
    site_dir = site_dir.resolve()
    served = ServedSite(url="")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site_dir, base_path, served, compress))
    server.daemon_threads = True
    served.url = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    thread = threading.Thread(target=server.serve_forever, name="serve_site", daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=REQUEST_TIMEOUT)


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
            page = browser.new_page()
            page.goto(served.url + SEARCH_PAGE, wait_until="load", timeout=timeout_ms)
            page.wait_for_selector("[data-commons-search][data-state=ready]", timeout=timeout_ms)
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            typed = time.monotonic()
            page.fill("[data-commons-search-input]", query)
            page.press("[data-commons-search-input]", "Enter")
            page.wait_for_function(
                "q => { const u = new URL(location.href); const root = document.querySelector('[data-commons-search]');"
                " return u.searchParams.get('q') === q && root.dataset.state === 'ready'; }",
                arg=query,
                timeout=timeout_ms,
            )
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            results = page.locator("[data-commons-search-list] > li").count()
        finally:
            browser.close()
        transfers = list(served.transfers)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (with its pagefind/ folder)")
    parser.add_argument("--query", default="coopérative")
    parser.add_argument("--base-path", default="/centre-de-ressources/")
    parser.add_argument("--no-compress", action="store_true", help="serve every file uncompressed")
    parser.add_argument("--lunr-config", type=Path, help="mkdocs.yml of the same site, to weigh lunr's index")
    args = parser.parse_args(argv)
    if shutil.which(CHROMIUM) is None:
        parser.error(f"{CHROMIUM} is missing: run `make browser`")
    measure = measure_first_query(args.site, args.query, base_path=args.base_path, compress=not args.no_compress)
    kb = 1024
    print(f"query {measure.query!r}: {measure.results} results shown, {measure.requests} requests")
    print(f"  search page load : {measure.page_load_bytes / kb:8.1f} KiB")
    print(f"  the query itself : {measure.query_bytes / kb:8.1f} KiB")
    print(f"  pagefind/ files  : {measure.pagefind_bytes / kb:8.1f} KiB")
    print(f"  total            : {measure.total_bytes / kb:8.1f} KiB")
    if args.lunr_config:
        lunr = lunr_index_size(args.lunr_config)
        print(f"lunr search_index.json (Material): {lunr.bytes / kb:8.1f} KiB, {lunr.gzip_bytes / kb:8.1f} KiB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
