"""Property tests: whatever a contribution holds, the content model answers with path-first problems.

Hypothesis writes front matter (as YAML of any shape, or as raw text),
file names and vocabularies; the content model must either accept them or
report problems whose every line starts with the path of a file it read,
fits on one line, and never raise.
"""

from __future__ import annotations

import datetime
import shutil
import string
import tempfile
from pathlib import Path

import yaml
from commons.model import load_content
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES

TODAY = datetime.date(2026, 11, 29)
PROPERTY_SETTINGS = settings(
    max_examples=80, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

FIELDS = ["title", "description", "type", "date", "updated", "authors", "licence", "themes", "audience",
          "programme", "event", "period", "draft", "changes", "source", "hide", "2024", "", "title "]  # fmt: skip
HOSTILE_CHARACTERS = ["é", "«", "»", "\x00", "\x1b", "\x0b", "\u202e", "\u200b", "\ufeff", "\u2028", "\U0001f600"]
# Text with the characters contributions get wrong: controls, bidirectional and zero-width ones, YAML syntax.
TEXT = st.text(
    alphabet=st.sampled_from([*(string.ascii_letters + string.digits + " -:#&*!|>'\"[]{},\n\t"), *HOSTILE_CHARACTERS]),
    max_size=40,
)
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.dates())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                      max_leaves=12)  # fmt: skip
FRONT_MATTER_DATA = st.dictionaries(st.sampled_from(FIELDS) | TEXT, VALUES, max_size=8)


def _front_matter_text(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


FRONT_MATTER = st.one_of(FRONT_MATTER_DATA.map(_front_matter_text), TEXT)
# Longer names are refused by the file system itself (255 bytes), before any check.
NAME_MAX_BYTES = 250
FILE_NAMES = st.one_of(
    st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    st.text(alphabet=st.sampled_from(list("aZ09-_. é'")), min_size=1, max_size=20),
).filter(lambda name: name not in {".", ".."} and "/" not in name and len(name.encode()) < NAME_MAX_BYTES)


def _judged(docs: Path, root: Path) -> list[str]:
    content = load_content(docs, root, publisher="Éditeur", today=TODAY)
    lines = [str(problem) for problem in content.problems]
    for line in lines:
        path = line.split(":", 1)[0]
        assert (root / path).exists() or path.endswith((".yml", ".md")), line
        assert "\n" not in line and "\r" not in line, line
    return lines


def _docs(root: Path) -> Path:
    docs = root / "docs"
    shutil.copytree(FIXTURES / "base", docs)
    return docs


@PROPERTY_SETTINGS
@given(front_matter=FRONT_MATTER, body=TEXT, folder=st.sampled_from(["guides", "webinaires", "programmes", ""]))
@example(front_matter="type: []\n", body="", folder="guides")  # found by Hypothesis: a list as the type
@example(front_matter="type: []\n", body="", folder="")
@example(front_matter="authors: 5\n", body="", folder="guides")
def test_any_front_matter_gives_problems_or_a_resource(front_matter: str, body: str, folder: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        docs = _docs(root)
        path = docs / folder / "au-hasard.md"
        path.write_text(f"---\n{front_matter}\n---\n{body}", "utf-8")
        lines = _judged(docs, root)
        display = path.relative_to(root).as_posix()
        assert all(line.startswith(display) for line in lines), lines


@PROPERTY_SETTINGS
@given(name=FILE_NAMES, suffix=st.sampled_from([".md", ".MD", ".png", ".html", ".svg", ".txt", ""]))
def test_any_file_name_gives_problems_or_a_file(name: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        docs = _docs(root)
        valid = (docs / "guides" / "guide-valide.md").read_text("utf-8")
        target = docs / "guides" / f"{name}{suffix}"
        if target.exists():
            return
        target.write_text(valid if suffix.lower() == ".md" else "<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
        lines = _judged(docs, root)
        if name.startswith("."):
            return  # hidden: never published (MkDocs always leaves out ".*")
        if not name.replace("-", "").isalnum() or name != name.lower() or suffix not in {".md", ".png", ".svg"}:
            assert lines, f"{name}{suffix} must be refused"


TERMS = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"slug": st.one_of(TEXT, st.from_regex(r"[a-z]+(-[a-z]+)*", fullmatch=True)), "label": TEXT},
            optional={"description": TEXT, "entry": TEXT, "autre": VALUES},
        ),
        VALUES,
    ),
    max_size=6,
)


@PROPERTY_SETTINGS
@given(themes=st.one_of(TERMS.map(lambda terms: yaml.safe_dump(terms, allow_unicode=True)), TEXT))
def test_any_vocabulary_gives_problems_or_terms(themes: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        docs = _docs(root)
        (docs / "themes.yml").write_text(themes, "utf-8")
        content = load_content(docs, root, publisher="Éditeur", today=TODAY)
        assert all(str(problem).startswith("docs/") for problem in content.problems)
        assert all(theme.slug and "/" not in theme.slug for theme in content.vocabularies.themes.values())
