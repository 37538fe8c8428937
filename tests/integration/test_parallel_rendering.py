"""Pages rendered by several processes give the very site one process gives, warnings and errors included.

hooks/parallel_rendering.py forks renderers once every page is read; each
writes its share. What must hold: the same bytes in every file; a warning
from a forked renderer printed once and counted by ``--strict``; an error in
one stops the build with its message, without a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

from commons.resource_types import resource_folders
from commons.synthetic_corpus import write_corpus

from tests.conftest import REPO_ROOT, Project, copy_project

IN_A_FORKED_RENDERER = """\
import os
import signal

from commons import build_state
from commons.forked_renderers import ForkedRenderer


def on_post_page(output, *, page, config):
    if isinstance(build_state.current().rendering, ForkedRenderer):
        {fault}
    return output
"""
RAISING = 'raise RuntimeError("panne simulée dans un processus de rendu")'
KILLED = "os.kill(os.getpid(), signal.SIGKILL)"


def site_files(site: Path) -> dict[str, bytes]:
    """Every file but Pagefind's, some of whose names change at every build."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


def indexed_pages(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_three_processes_write_the_site_one_process_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content="sample")
    write_corpus(project.docs, 40, vocabularies_from=REPO_ROOT / "docs")
    # Three on any machine: the forking process and two forked renderers.
    builds = {
        processes: project.build(site_dir=tmp_path / f"site-{processes}", processes=processes) for processes in (1, 3)
    }
    for build in builds.values():
        assert build.returncode == 0, build.stderr
    one, three = site_files(tmp_path / "site-1"), site_files(tmp_path / "site-3")

    assert len([name for name in one if name.endswith(".html")]) > 100
    assert sorted(one) == sorted(three)
    assert [name for name in one if one[name] != three[name]] == []
    assert indexed_pages(tmp_path / "site-3") == indexed_pages(tmp_path / "site-1") > 40


def _break_an_anchor_in_every_resource(project: Project) -> list[str]:
    broken = []
    for path in sorted(project.docs.glob("*/*.md")):
        text = path.read_text("utf-8")
        if path.parent.name in resource_folders() and path.name != "index.md":
            path.write_text(text + "\nVoir [la section absente](#section-absente).\n", "utf-8")
            broken.append(path.relative_to(project.docs).as_posix())
    return broken


def test_a_warning_in_a_forked_renderer_is_printed_once_and_fails_the_strict_build(project: Project) -> None:
    broken = _break_an_anchor_in_every_resource(project)
    assert len(broken) >= 3  # so that every process renders one of them

    build = project.build(processes=3)

    assert build.returncode == 1
    for src_uri in broken:
        assert build.stderr.count(f"'{src_uri}' contains a link '#section-absente'") == 1, build.stderr
    assert f"Aborted with {len(broken)} warnings in strict mode!" in build.stdout + build.stderr
    assert "Traceback" not in build.stderr


def with_fault(project: Project, fault: str) -> Project:
    (project.root / "hooks" / "fault.py").write_text(IN_A_FORKED_RENDERER.format(fault=fault), "utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("hooks:\n", "hooks:\n  - hooks/fault.py\n"), "utf-8")
    return project


def test_an_error_in_a_forked_renderer_stops_the_build_with_its_message(project: Project) -> None:
    build = with_fault(project, RAISING).build(processes=2)

    assert build.returncode == 1
    assert "rendu des pages en parallèle : RuntimeError : panne simulée dans un processus de rendu" in build.stderr
    assert "Traceback" not in build.stderr


def test_a_forked_renderer_that_dies_stops_the_build_and_says_so(project: Project) -> None:
    build = with_fault(project, KILLED).build(processes=2)

    assert build.returncode == 1
    assert "un processus de rendu s'est arrêté par le signal 9 sans rendre compte" in build.stderr
    assert "Traceback" not in build.stderr
