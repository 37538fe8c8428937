"""A running preview seen from outside, as the benchmark and the tests drive it: what it serves, when it is settled."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from commons.site_config import PREVIEW_HOST, preview_url, read_site_config

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSWER_WITHIN = 20  # seconds: a request that waits longer than this is a hung preview
SETTLE_WITHIN = 300  # seconds: a whole build of 4,000 resources and its background build, on a busy machine
STATUS = ".preview/status.json"  # server.STATUS_PATH, from the site's path


def free_port() -> int:
    """A port of the preview's host that nothing listens on."""
    with socket.socket() as probe:
        probe.bind((PREVIEW_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class PreviewClient:
    """A preview of the project at ``root``, served on ``port``."""

    def __init__(self, root: Path, port: int) -> None:
        self.root = root
        self.port = port
        self.config = read_site_config(root / "mkdocs.yml")

    def url(self, page: str) -> str:
        return preview_url(self.config, page, self.port)

    def fetch(self, page: str) -> tuple[int, bytes]:
        """The status and the body the preview answers for ``page``, a path from the site's root."""
        try:
            with urllib.request.urlopen(self.url(page), timeout=ANSWER_WITHIN) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def status(self) -> dict[str, Any]:
        """What the preview has done (``server.PreviewServer.status``)."""
        status: dict[str, Any] = json.loads(self.fetch(STATUS)[1])
        return status

    def settled(self, after: int, within: float = SETTLE_WITHIN) -> dict[str, Any]:
        """The status once a save after version ``after`` is rendered and its background build is in.

        While the preview lists problems, no background build runs: the rendering is enough.
        """
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                status = self.status()
            except (urllib.error.URLError, ConnectionError):
                status = {}  # still starting
            rendered = status and status["version"] > after and status["idle"]
            if rendered and (status["problems"] or status["artefacts"] == status["version"]):
                return status
            time.sleep(0.2)
        raise TimeoutError(f"the preview of {self.root} never settled after version {after}")


@contextmanager
def running_preview(root: Path) -> Iterator[PreviewClient]:
    """``scripts/preview.py`` on the project at ``root``, on a free port, once it has built everything."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "scripts" / "preview.py"), "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = PreviewClient(root, port)
        client.settled(after=0)
        yield client
    finally:
        process.terminate()
        process.wait(timeout=30)
