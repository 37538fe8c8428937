"""The live preview of ``make serve``: the site built once, then only what each save changes.

    python scripts/preview.py [--port 8000] [--config mkdocs.yml]

Prints the address to open (under the site's path, as on GitHub Pages);
Ctrl-C stops it. See src/live_preview/ for how it works.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from commons.site_config import PREVIEW_HOST, PREVIEW_PORT, preview_url, read_site_config
from live_preview.server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PREVIEW_PORT)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    print("Aperçu sur", preview_url(read_site_config(args.config), port=args.port), flush=True)
    serve(args.config, PREVIEW_HOST, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
