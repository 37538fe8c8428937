"""The live preview of ``make serve``: the site built once, then only what each save changes.

    python scripts/preview.py [--port 8000] [--config mkdocs.yml]

Prints the address to open (under the site's path, as on GitHub Pages);
Ctrl-C stops it. See src/live_preview/ for how it works.
"""

from __future__ import annotations

import argparse
import errno
import logging
import socket
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
    if _taken(PREVIEW_HOST, args.port):
        print(
            f"Le port {args.port} est déjà utilisé (un autre « make serve » tourne peut-être) : "
            f"arrêtez-le, ou lancez « make serve PORT={args.port + 1} ».",
            file=sys.stderr,
        )
        return 1
    print("Aperçu sur", preview_url(read_site_config(args.config), port=args.port), flush=True)
    serve(args.config, PREVIEW_HOST, args.port)
    return 0


def _taken(host: str, port: int) -> bool:
    """Whether another process listens on ``host:port``, asked before the preview's first build."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's server binds
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            raise
    return False


if __name__ == "__main__":
    sys.exit(main())
