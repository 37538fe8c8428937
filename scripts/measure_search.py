"""Bytes a visitor's browser transfers for one search, beside Material's lunr index (``commons.search_weight``).

python scripts/measure_search.py site/ --query "coopérative"
python scripts/measure_search.py site/ --query design --lunr-config mkdocs.yml
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from commons.search_weight import lunr_index_size, measure_first_query
from commons.served_site import CHROMIUM


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (with its pagefind/ folder)")
    parser.add_argument("--query", default="coopérative")
    parser.add_argument("--base-path", default="/centre-de-ressources/")
    parser.add_argument("--no-compress", action="store_true", help="serve every file uncompressed")
    parser.add_argument("--lunr-config", type=Path, help="mkdocs.yml of the same site, to weigh lunr's index")
    args = parser.parse_args(argv)
    if shutil.which(CHROMIUM) is None:
        parser.error(f"{CHROMIUM} is missing: run `make browser`")
    measure = measure_first_query(args.site, args.query, base_path=args.base_path, compress=not args.no_compress)
    kb = 1024
    print(f"query {measure.query!r}: {measure.results} results shown, {measure.requests} requests")
    print(f"  search page load : {measure.page_load_bytes / kb:8.1f} KiB")
    print(f"  the query itself : {measure.query_bytes / kb:8.1f} KiB")
    print(f"  pagefind/ files  : {measure.pagefind_bytes / kb:8.1f} KiB")
    print(f"  total            : {measure.total_bytes / kb:8.1f} KiB")
    if args.lunr_config:
        lunr = lunr_index_size(args.lunr_config)
        print(f"lunr search_index.json (Material): {lunr.bytes / kb:8.1f} KiB, {lunr.gzip_bytes / kb:8.1f} KiB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
