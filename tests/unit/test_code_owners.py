"""CODEOWNERS: a maintainer reviews everything but the content folders."""

from __future__ import annotations

import pathspec
import pytest
from commons.resource_types import resource_folders

from tests.conftest import REPO_ROOT

MAINTAINERS = "@communs-innovation-publique/mainteneurs"


def owners_of(path: str) -> list[str]:
    """GitHub's rule: the last pattern of CODEOWNERS that matches the path gives its owners."""
    owners: list[str] = []
    for line in (REPO_ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        if pathspec.PathSpec.from_lines("gitignore", [pattern]).match_file(path):
            owners = names
    return owners


@pytest.mark.parametrize(
    "path",
    [
        ".github/workflows/pull-request.yml",
        ".github/CODEOWNERS",
        "hooks/validation.py",
        "src/commons/data/resource.schema.json",
        "scripts/build_site.py",
        "overrides/main.html",
        "mkdocs.yml",
        "Makefile",
        "requirements.lock",
        "docs/themes.yml",
        "docs/index.md",
        "docs/assets/javascripts/search_page.js",
    ],
)
def test_code_needs_a_maintainer(path: str) -> None:
    assert owners_of(path) == [MAINTAINERS]


@pytest.mark.parametrize("folder", sorted(resource_folders()))
def test_content_folders_need_no_maintainer(folder: str) -> None:
    assert owners_of(f"docs/{folder}/une-ressource.md") == []
    assert owners_of(f"docs/{folder}/images/schema.png") == []
