"""Parts drawn once and shared between pages give the very bytes drawn for each page.

hooks/shared_rendering.py keeps Material's navigation, tabs, styles,
configuration, scripts and footer, and the feed links, under a key of what
they depend on. The proof that the key is whole: the same project built with
every part drawn for its own page (Material's own partials, and a
``rendered_once`` that always draws) gives the same pages, on a corpus with
many resources per folder, listings over several pages, and every page
template.
"""

from __future__ import annotations

from pathlib import Path

from commons.synthetic_corpus import write_corpus

from tests.conftest import REPO_ROOT, copy_project

SHARING_PARTIALS = ("partials/nav.html", "partials/tabs.html")
DRAWING_EVERY_TIME = """\
def on_env(env, *, config, files):
    env.globals["rendered_once"] = lambda *key, caller: caller()
    return env
"""


def pages_of(site: Path) -> dict[str, bytes]:
    return {page.relative_to(site).as_posix(): page.read_bytes() for page in sorted(site.rglob("*.html"))}


def test_shared_parts_give_the_pages_drawn_one_by_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content="sample")
    write_corpus(project.docs, 60, vocabularies_from=REPO_ROOT / "docs")
    shared = project.build(site_dir=tmp_path / "shared")
    assert shared.returncode == 0, shared.stderr
    for partial in SHARING_PARTIALS:  # Material's own partials take their place
        (project.root / "overrides" / partial).unlink()
    (project.root / "hooks" / "shared_rendering.py").write_text(DRAWING_EVERY_TIME, "utf-8")
    one_by_one = project.build(site_dir=tmp_path / "one-by-one")
    assert one_by_one.returncode == 0, one_by_one.stderr

    first, second = pages_of(tmp_path / "shared"), pages_of(tmp_path / "one-by-one")
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
