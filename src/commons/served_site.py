"""A built site served on 127.0.0.1 under its sub-path, as GitHub Pages serves a project site.

``serve_site`` counts the bytes it sends (headers and bodies), compressing on
the fly what GitHub Pages compresses. The browser tests, the print test, the
screenshots and the search measurement all visit the site through it, in
Debian's Chromium (``CHROMIUM``, ``CHROMIUM_ARGS``).
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
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
