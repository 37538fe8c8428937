"""What the live preview counts as a change: files added, removed or written, never an editor's hidden files."""

from __future__ import annotations

import os
from pathlib import Path

from live_preview.site import compare_stamps, source_stamps


def test_a_save_an_addition_and_a_removal_are_told_apart(tmp_path: Path) -> None:
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    (docs / "guides").mkdir(parents=True)
    (docs / "guides" / "a.md").write_text("un", "utf-8")
    (docs / "guides" / "b.md").write_text("deux", "utf-8")
    config.write_text("site_name: x\n", "utf-8")
    before = source_stamps([docs, config])
    assert set(before) == {str(docs / "guides" / "a.md"), str(docs / "guides" / "b.md"), str(config)}

    (docs / "guides" / "a.md").write_text("un, modifié", "utf-8")
    (docs / "guides" / "b.md").unlink()
    (docs / "guides" / "c.md").write_text("trois", "utf-8")
    changes = compare_stamps(before, source_stamps([docs, config]))
    assert changes.modified == {str(docs / "guides" / "a.md")}
    assert changes.removed == {str(docs / "guides" / "b.md")}
    assert changes.added == {str(docs / "guides" / "c.md")}


def test_a_file_written_again_with_a_new_time_is_a_change(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "a.md"
    page.parent.mkdir()
    page.write_text("même taille", "utf-8")
    before = source_stamps([page.parent])
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert compare_stamps(before, source_stamps([page.parent])).modified == {str(page)}


def test_an_editors_hidden_files_are_no_change(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "guides" / "a.md").write_text("un", "utf-8")
    before = source_stamps([docs])
    (docs / "guides" / ".a.md.swp").write_bytes(b"vim")
    (docs / ".cache").mkdir()
    (docs / ".cache" / "x").write_text("x", "utf-8")
    assert not compare_stamps(before, source_stamps([docs]))
