"""Write N valid synthetic resources, of every type, theme, programme and licence (``commons.synthetic_corpus``).

python scripts/generate.py 2000 /tmp/corpus/docs [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commons.synthetic_corpus import write_corpus

REPO_DOCS = Path(__file__).resolve().parent.parent / "docs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("docs", type=Path, help="the docs/ folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    written = write_corpus(args.docs, args.count, vocabularies_from=REPO_DOCS, seed=args.seed)
    print(f"{len(written)} ressources écrites dans {args.docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
