"""Build the site strictly into a fresh folder, then swap it in for site/.

A failed build (a contributor's mistake, a broken template, a failed search
index) leaves the previous site/ exactly as it was.

    python scripts/build_site.py [--config mkdocs.yml] [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=REPO_ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=None, help="default: site/ beside the config file")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    site = (args.site_dir or config.parent / "site").resolve()
    fresh, old = site.with_name(f".{site.name}-new"), site.with_name(f".{site.name}-old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [str(mkdocs), "build", "--strict", "--config-file", str(config), "--site-dir", str(fresh)],
        env=environment,
        check=False,
    )
    if built.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        kept = "Le site précédent est intact" if site.exists() else "Aucun site n'a été écrit"
        print(f"La construction a échoué : {kept} ({site}).", file=sys.stderr)
        return 1
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
