"""Problems found in contributors' files, and how they are printed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .characters import visible


class Severity(Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, said in French with its fix.

    ``path`` is relative to the repository root; ``line`` is 1-based, or
    ``None`` when no line can be named (a missing field, an unreadable file).
    """

    path: str
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.field or "")

    def __str__(self) -> str:
        """One line, path first; a character that could hide or break the line is shown as its code."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = self.message if self.field is None else f"{self.field} : {self.message}"
        if self.severity is Severity.WARNING:
            what = f"avertissement : {what}"
        return visible(f"{where}: {what}")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def display_path(path: Path, repo_root: Path) -> str:
    """``path`` as problems print it: from the repository root, with forward slashes."""
    try:
        return path.relative_to(repo_root).as_posix()
    except ValueError:
        return path.as_posix()
