"""The preview (`mkdocs serve`) keeps its live reload under the page's Content-Security-Policy.

MkDocs adds an inline script to every page it serves, different at every
request: the preview's policy allows inline scripts, the built site's never.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import yaml
from bs4 import BeautifulSoup

from tests.conftest import BIN, Project, attr, one


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fetch(url: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            assert time.monotonic() < deadline, f"{url} never answered"
            time.sleep(0.5)


def test_the_preview_allows_its_live_reload_and_the_build_does_not(project: Project, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        site_path = urlparse(yaml.safe_load((project.root / "mkdocs.yml").read_text("utf-8"))["site_url"]).path
        html = _fetch(f"http://127.0.0.1:{port}{site_path}a-propos/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    served = attr(one(BeautifulSoup(html, "lxml"), 'meta[http-equiv="Content-Security-Policy"]'), "content")
    assert "livereload(" in html
    assert "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval';" in served
    assert project.build(site_dir=tmp_path / "site").returncode == 0
    built = BeautifulSoup((tmp_path / "site" / "a-propos" / "index.html").read_text("utf-8"), "lxml")
    policy = attr(one(built, 'meta[http-equiv="Content-Security-Policy"]'), "content")
    assert "'unsafe-inline'" not in policy.split("style-src")[0] and "'sha256-" in policy
