"""Check every file of docs/ without building the site.

The same rules, from the same code (``commons.model.load_content``), and the
same French messages as the build, for pre-commit and CI. The build is strict
(``--strict``), so a warning fails it: exit status 0 only when there is
neither error nor warning, 1 otherwise.

    python scripts/check.py                    # every resource
    python scripts/check.py docs/guides/x.md   # report only these files
    python scripts/check.py --github           # GitHub Actions annotations
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from commons.model import load_content
from commons.problems import Problem, Severity, errors, warnings

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie l'en-tête de chaque ressource de docs/.")
    parser.add_argument("paths", nargs="*", type=Path, help="ne signaler que les problèmes de ces fichiers")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="racine du dépôt (par défaut : ce dépôt)")
    parser.add_argument("--github", action="store_true", help="annotations pour GitHub Actions")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    content = load_content(root / "docs", root, publisher="", today=datetime.date.today())
    problems = content.problems
    if args.paths:
        if outside := [str(path) for path in args.paths if _repo_path(path, root) is None]:
            print(f"{', '.join(outside)} : hors du dépôt ({root}), rien à vérifier.", file=sys.stderr)
            return 1
        wanted = {_repo_path(path, root) for path in args.paths}
        problems = [p for p in problems if p.path in wanted]
    for problem in problems:
        print(_github_annotation(problem) if args.github else problem)
    found, cautions = errors(problems), warnings(problems)
    checked = (
        len(args.paths) if args.paths else len(content.resources) + len({p.path for p in errors(content.problems)})
    )
    refused = " ; la publication refuse aussi les avertissements." if cautions else "."
    if found:
        also = f" et {len(cautions)} avertissement(s)" if cautions else ""
        files = len({p.path for p in problems})
        print(f"{len(found)} erreur(s){also} dans {files} fichier(s){refused}", file=sys.stderr)
        return 1
    if cautions:
        files = len({p.path for p in cautions})
        print(f"{len(cautions)} avertissement(s) dans {files} fichier(s){refused}", file=sys.stderr)
        return 1
    print(f"{checked} ressource(s) vérifiée(s) : aucune erreur.", file=sys.stderr)
    return 0


def _repo_path(path: Path, root: Path) -> str | None:
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        # Not resolve(): a symbolic link is reported under its own name.
        return Path(os.path.normpath(absolute)).relative_to(root).as_posix()
    except ValueError:
        return None


def _github_annotation(problem: Problem) -> str:
    """A workflow command, with everything it quotes escaped as the Actions toolkit does.

    Unescaped, a crafted key or file name could end the annotation and start
    a command of its own (``::add-mask::``, ``::stop-commands::``).
    """
    level = "error" if problem.severity is Severity.ERROR else "warning"
    line = f",line={problem.line}" if problem.line else ""
    file, title = _escape_property(problem.path), _escape_property(problem.field or "ressource")
    return f"::{level} file={file}{line},title={title}::{_escape_data(str(problem))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


if __name__ == "__main__":
    sys.exit(main())
