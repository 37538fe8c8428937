"""Property test on real builds: the checker and the strict build give the same verdict and the same lines.

Hypothesis starts from a valid guide and changes one field to a value of any
shape, or removes it; both judges then run through their command lines. A
green check never precedes a red build, and neither prints a traceback.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO_ROOT, Project, copy_project, run
from tests.integration.test_hostile_contributions import problem_lines
from tests.unit.test_never_a_traceback import VALUES

CHECK = [sys.executable, str(REPO_ROOT / "scripts" / "check.py")]
VALID_GUIDE = yaml.safe_load((FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8").split("---")[1])


@pytest.fixture(scope="module")
def judged_project() -> Iterator[Project]:
    with tempfile.TemporaryDirectory() as temporary:
        yield copy_project(Path(temporary) / "project")


@settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(field=st.sampled_from(sorted(VALID_GUIDE)), value=st.one_of(st.just(None), VALUES), remove=st.booleans())
def test_the_checker_and_the_build_agree(judged_project: Project, field: str, value: object, remove: bool) -> None:
    data = dict(VALID_GUIDE)
    if remove:
        data.pop(field)
    else:
        data[field] = value
    front_matter = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    judged_project.write("guides/au-hasard.md", f"---\n{front_matter}---\n\nTexte.\n")
    shutil.rmtree(judged_project.root / "site", ignore_errors=True)
    checked = run([*CHECK, "--root", str(judged_project.root)], judged_project.root)
    built = judged_project.build()
    assert "Traceback" not in checked.stdout + checked.stderr + built.stdout + built.stderr
    assert (checked.returncode == 0) == (built.returncode == 0), checked.stdout + built.stderr
    assert sorted(problem_lines(checked.stdout)) == sorted(problem_lines(built.stdout + built.stderr))
