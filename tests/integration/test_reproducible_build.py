"""Reproducible builds: two builds of the same commit give the same site/, byte for byte.

Except, as the README says, Pagefind's filter files: Pagefind (1.5) writes
each facet's values in the order of a Rust hash map, which is seeded afresh
at every run, so their bytes, their hashed names and the two index files
that name them (``pagefind-entry.json``, ``pagefind.fr_*.pf_meta``) change.
The test pins exactly that: same files elsewhere, and filter files that hold
the same entries in another order.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.conftest import BIN, REPO_ROOT, run

# The files the README names as differing from one build to the next, and why.
VARYING = ("pagefind/filter/", "pagefind/pagefind-entry.json", "pagefind/pagefind.fr_")


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_give_the_same_bytes_but_for_pagefind_filters(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(again)], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    first, second = files_of(built_site), files_of(again)
    stable = {name for name in first if not name.startswith(VARYING)}
    assert stable == {name for name in second if not name.startswith(VARYING)}
    assert [name for name in sorted(stable) if first[name] != second[name]] == []
    filters = [sorted(gzip.decompress(data)) for name, data in first.items() if name.startswith(VARYING[0])]
    again_filters = [sorted(gzip.decompress(data)) for name, data in second.items() if name.startswith(VARYING[0])]
    assert sorted(filters) == sorted(again_filters), "the same entries, in another order"
