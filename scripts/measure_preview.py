"""How long a contributor waits for the live preview: from a save to the pages that show it.

    python scripts/measure_preview.py PROJECT_ROOT   # a project with its docs/, e.g. bench.py's corpus

See live_preview.timing for what is measured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from live_preview.timing import measure_preview


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    times = measure_preview(args.root.resolve(), args.repeat)
    print(f"first build and serve    {times.first_build:.2f} s")
    print(f"text edit shown          {times.text_edit:.2f} s")
    print(f"title change shown       {times.title_change:.2f} s on {times.pages_checked} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
