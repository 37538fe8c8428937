"""Shared test helpers: real projects in temporary folders, built by the real CLI."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from commons.forked_renderers import RENDER_PROCESSES_VARIABLE
from commons.synthetic_corpus import copy_site_sources, unlink_missing_resources

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIN = Path(sys.executable).parent


@dataclass
class Project:
    """A copy of this project whose docs/ a test may change before building."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def write(self, relative: str, text: str) -> Path:
        path = self.docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        return path

    def build(
        self, *extra: str, site_dir: Path | None = None, processes: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        """``mkdocs build --strict`` through the real command line; ``processes`` render its pages."""
        target = site_dir or self.root / "site"
        command = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(target), *extra]
        return run(command, cwd=self.root, env={RENDER_PROCESSES_VARIABLE: str(processes)} if processes else {})


def run(
    command: list[str],
    cwd: Path,
    *,
    timeout: float | None = None,
    memory_ceiling: int | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``command`` run to its end, its output captured; ``memory_ceiling`` caps its address space in bytes."""

    def cap_memory() -> None:
        if memory_ceiling is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_ceiling, memory_ceiling))

    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        check=False,
        timeout=timeout,
        preexec_fn=cap_memory if memory_ceiling is not None else None,
    )


def copy_project(destination: Path, *, content: str = "fixtures") -> Project:
    """The repository's config, hooks, templates and pages, copied to ``destination``.

    ``content`` says which resources it holds: ``"fixtures"`` (those of
    ``tests/fixtures/base``, so tests do not change with the sample content),
    ``"sample"`` (the repository's own) or ``"none"``. Links from free pages to
    resources the copy lacks are turned into plain text.
    """
    copy_site_sources(REPO_ROOT, destination, keep_resources=content == "sample")
    if content == "fixtures":
        shutil.copytree(FIXTURES / "base", destination / "docs", dirs_exist_ok=True)
    if content != "sample":
        unlink_missing_resources(destination / "docs")
    return Project(destination)


def as_typed(text: str) -> str:
    """Page text with French typography's non-breaking spaces as plain ones, as the front matter has them."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def one(node: Tag, selector: str) -> Tag:
    """The first element under ``node`` that ``selector`` matches; the test fails when there is none."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches « {selector} »"
    return found


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute of ``tag`` (``href``, ``content``…); the test fails when it is missing."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no {name} attribute"
    return value


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real repository's site, built once for the whole session."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return site
