"""Continuity: ProperDocs, the maintained fork of MkDocs 1.x, builds the same site.

The real repository is built by both command lines, strict, and the two
sites compared file by file. They may differ only in the ``generator`` line
of each page, and in the Pagefind index, whose file names are content hashes
that change from one build to the next even with the same generator (two
MkDocs builds of the same pages differ there too); for the index, the pages
it counts are compared instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import BIN, REPO_ROOT, run

GENERATOR = re.compile(r'^\s*<meta name="generator" content="([^"]*)">\n', re.MULTILINE)


def without_generator(text: str) -> tuple[str, list[str]]:
    return GENERATOR.sub("", text), GENERATOR.findall(text)


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path) -> None:
    properdocs_site = tmp_path / "properdocs-site"
    result = run([str(BIN / "properdocs"), "build", "--strict", "--site-dir", str(properdocs_site)], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr

    index = "pagefind/"
    ours, theirs = files_of(built_site), files_of(properdocs_site)
    assert {f for f in ours if not f.startswith(index)} == {f for f in theirs if not f.startswith(index)}
    compared = 0
    for name in sorted(f for f in ours if not f.startswith(index)):
        mine, other = (built_site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if name.endswith(".html"):
            (mine_text, mine_generator), (other_text, other_generator) = (
                without_generator(mine.decode("utf-8")),
                without_generator(other.decode("utf-8")),
            )
            assert mine_text == other_text, name
            if mine_generator:  # pages of Material's layout name their generator
                assert mine_generator[0].startswith("mkdocs-1.6.1") and "ProperDocs" in other_generator[0], name
        else:
            assert mine == other, name
        compared += 1
    assert compared > 80

    def pages_indexed(site: Path) -> dict[str, int]:
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        return {language: facts["page_count"] for language, facts in entry["languages"].items()}

    assert pages_indexed(built_site) == pages_indexed(properdocs_site)
    assert sum(pages_indexed(built_site).values()) > 10
