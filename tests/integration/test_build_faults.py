"""Faults around the build: two builds at once, a crash at any point of the swap, leftovers, Ctrl-C.

site/ must always be a whole site, the old one or the new one; an
interruption prints one French line and leaves no MkDocs or Pagefind behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_site import SiteFolders, remove, repair, swap

from tests.conftest import REPO_ROOT, Project, run

BUILD_SITE = [sys.executable, str(REPO_ROOT / "scripts" / "build_site.py"), "--config", "mkdocs.yml"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def file_names(site: Path) -> tuple[set[str], int]:
    """The site's file names, Pagefind's index counted only: some of its names change at every build."""
    names = set(tree(site))
    index = {name for name in names if name.startswith("pagefind/")}
    return names - index, len(index)


def whole_site(name: str, base: Path) -> Path:
    """A stand-in for a complete build: a folder whose one file says which build it is."""
    folder = base / name
    folder.mkdir()
    (folder / "index.html").write_text(name, "utf-8")
    return folder


# ---------------------------------------------------------------------------
# The swap, crashed at every step, then repaired.


def _swap_crashing_at(step: int, folders: SiteFolders, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the swap, with the process "dying" just before its ``step``-th change of the file system."""
    done = []
    real_rename, real_remove = Path.rename, remove

    def counted(action):  # type: ignore[no-untyped-def]
        def wrapper(*args):  # type: ignore[no-untyped-def]
            if len(done) == step:
                raise SystemExit("crash")
            done.append(action)
            return action(*args)

        return wrapper

    monkeypatch.setattr(Path, "rename", counted(real_rename))
    monkeypatch.setattr("build_site.remove", counted(real_remove))
    with pytest.raises(SystemExit):
        swap(folders)
    monkeypatch.undo()


@pytest.mark.parametrize("step", [0, 1, 2])
def test_a_crash_at_any_step_of_the_swap_is_repaired_without_losing_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    folders = SiteFolders(tmp_path / "site")
    whole_site("site", tmp_path)
    whole_site(".site-ready", tmp_path)
    _swap_crashing_at(step, folders, monkeypatch)
    on_disk = {p.name for p in tmp_path.iterdir()}
    assert on_disk & {"site", ".site-ready", ".site-old"}, "a whole site is always somewhere"
    repair(folders)
    assert {p.name for p in tmp_path.iterdir()} == {"site"}
    assert (tmp_path / "site" / "index.html").read_text("utf-8") in {"site", ".site-ready"}


@pytest.mark.parametrize(
    ("leftovers", "expected"),
    [
        ({".site-old"}, ".site-old"),  # a crash between the two renames of the old code: the only good copy
        ({".site-ready", ".site-old"}, ".site-ready"),  # the newest whole site wins
        ({"site", ".site-old"}, "site"),
        ({"site", ".site-ready"}, "site"),
    ],
)
def test_leftovers_are_repaired_and_the_only_good_copy_is_kept(
    tmp_path: Path, leftovers: set[str], expected: str
) -> None:
    for name in leftovers:
        whole_site(name, tmp_path)
    (tmp_path / ".site-new").write_text("a half-written build, as a file", "utf-8")
    repair(SiteFolders(tmp_path / "site"))
    assert {p.name for p in tmp_path.iterdir()} == {"site"}
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == expected


# ---------------------------------------------------------------------------
# Real builds.


def test_a_leftover_file_in_the_way_does_not_block_the_build(project: Project) -> None:
    (project.root / ".site-new").write_text("not a folder", "utf-8")
    (project.root / ".site-old").symlink_to("/etc")
    result = run(BUILD_SITE, cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.root / "site" / "index.html").is_file()
    assert not (project.root / ".site-new").exists() and not (project.root / ".site-old").is_symlink()
    assert Path("/etc/passwd").is_file(), "a link's target is never touched"


def test_two_builds_at_once_take_turns_and_publish_a_whole_site(project: Project) -> None:
    assert run(BUILD_SITE, cwd=project.root).returncode == 0
    reference = file_names(project.root / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.Popen(BUILD_SITE, cwd=project.root, env=env, stderr=subprocess.PIPE, text=True)
    _wait_for((project.root / ".site-new").exists)
    second = subprocess.Popen(BUILD_SITE, cwd=project.root, env=env, stderr=subprocess.PIPE, text=True)
    _, first_err = first.communicate(timeout=120)
    _, second_err = second.communicate(timeout=120)
    assert first.returncode == second.returncode == 0, first_err + second_err
    assert "Une autre construction du site est en cours" in second_err
    assert file_names(project.root / "site") == reference
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_an_interruption_prints_one_french_line_and_stops_everything(project: Project) -> None:
    assert run(BUILD_SITE, cwd=project.root).returncode == 0
    before = tree(project.root / "site")
    build = subprocess.Popen(
        BUILD_SITE, cwd=project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.PIPE, text=True
    )
    _wait_for((project.root / ".site-new").exists)
    build.send_signal(signal.SIGINT)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == (
        f"Construction interrompue : le site précédent est intact ({project.root / 'site'})."
    )
    assert tree(project.root / "site") == before
    assert not (project.root / ".site-new").exists()
    assert _processes_mentioning(str(project.root)) == [], "MkDocs and Pagefind are stopped"


def _wait_for(condition, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes that name ``text`` (read from /proc, nothing is signalled)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(command)
    return found
