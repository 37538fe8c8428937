"""Check every resource's front matter without building the site.

The same checker and the same French messages as the build, for pre-commit
and CI. Exit status 0 when no error (warnings are printed), 1 otherwise.

    python scripts/check.py                    # every resource
    python scripts/check.py docs/guides/x.md   # report only these files
    python scripts/check.py --github           # GitHub Actions annotations
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from commons.model import load_content
from commons.problems import Problem, Severity, errors

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
        wanted = {_repo_path(path, root) for path in args.paths}
        problems = [p for p in problems if p.path in wanted]
    for problem in problems:
        print(_github_annotation(problem) if args.github else problem)
    found = errors(problems)
    checked = (
        len(args.paths) if args.paths else len(content.resources) + len({p.path for p in errors(content.problems)})
    )
    if found:
        print(f"{len(found)} erreur(s) dans {len({p.path for p in found})} fichier(s).", file=sys.stderr)
        return 1
    print(f"{checked} ressource(s) vérifiée(s) : aucune erreur.", file=sys.stderr)
    return 0


def _repo_path(path: Path, root: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    return absolute.resolve().relative_to(root).as_posix()


def _github_annotation(problem: Problem) -> str:
    level = "error" if problem.severity is Severity.ERROR else "warning"
    line = f",line={problem.line}" if problem.line else ""
    message = str(problem).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={problem.path}{line},title={problem.field or 'ressource'}::{message}"


if __name__ == "__main__":
    sys.exit(main())
