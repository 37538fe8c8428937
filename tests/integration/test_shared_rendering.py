"""Parts drawn once and shared between pages give the very bytes Material draws for each page.

hooks/shared_navigation.py keeps Material's navigation and tabs under a key of
what they depend on. The proof that the key is whole: the same project built
with Material's own partials in place of the sharing ones gives the same
pages, on a corpus with many resources per folder, listings over several
pages, and every page template.
"""

from __future__ import annotations

from pathlib import Path

from generate import write_corpus

from tests.conftest import copy_project

SHARING_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def pages_of(site: Path) -> dict[str, bytes]:
    return {page.relative_to(site).as_posix(): page.read_bytes() for page in sorted(site.rglob("*.html"))}


def test_shared_navigation_gives_the_pages_material_draws_one_by_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content="sample")
    write_corpus(project.docs, 60)
    shared = project.build(site_dir=tmp_path / "shared")
    assert shared.returncode == 0, shared.stderr
    for partial in SHARING_PARTIALS:  # Material's own partials take their place
        (project.root / "overrides" / partial).unlink()
    one_by_one = project.build(site_dir=tmp_path / "one-by-one")
    assert one_by_one.returncode == 0, one_by_one.stderr

    first, second = pages_of(tmp_path / "shared"), pages_of(tmp_path / "one-by-one")
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
