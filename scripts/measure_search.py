"""Bytes a visitor's browser transfers for one search, beside Material's lunr index (``commons.search_weight``).

Then the same for the two searches without words: a filter value ticked (by
default the costliest one, see ``heaviest_filter``), and « Afficher plus de
résultats » under the latest resources.

python scripts/measure_search.py site/ --query "coopérative"
python scripts/measure_search.py site/ --query design --lunr-config mkdocs.yml
python scripts/measure_search.py site/ --filter "theme=Commande publique"
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from commons.search_browsing import FACETS_FILE
from commons.search_weight import heaviest_filter, lunr_index_size, measure_first_query, measure_wordless
from commons.served_site import CHROMIUM


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (with its pagefind/ folder)")
    parser.add_argument("--query", default="coopérative")
    parser.add_argument("--base-path", default="/centre-de-ressources/")
    parser.add_argument("--no-compress", action="store_true", help="serve every file uncompressed")
    parser.add_argument("--lunr-config", type=Path, help="mkdocs.yml of the same site, to weigh lunr's index")
    parser.add_argument("--filter", metavar="KEY=VALUE", help="the facet value to tick without words")
    args = parser.parse_args(argv)
    if shutil.which(CHROMIUM) is None:
        parser.error(f"{CHROMIUM} is missing: run `make browser`")
    if args.filter:
        facet, _, value = args.filter.partition("=")
    elif (args.site / FACETS_FILE).is_file():
        facet, value = heaviest_filter(args.site)
    else:
        parser.error(f"no {FACETS_FILE} in this site to choose a filter from: give --filter KEY=VALUE")
    measure = measure_first_query(args.site, args.query, base_path=args.base_path, compress=not args.no_compress)
    kb = 1000  # as the README counts them
    print(f"query {measure.query!r}: {measure.results} results shown, {measure.requests} requests")
    print(f"  search page load : {measure.page_load_bytes / kb:8.1f} kB")
    print(f"  the query itself : {measure.query_bytes / kb:8.1f} kB")
    print(f"  pagefind/ files  : {measure.pagefind_bytes / kb:8.1f} kB")
    print(f"  total            : {measure.total_bytes / kb:8.1f} kB")
    for wordless in measure_wordless(args.site, facet, value, base_path=args.base_path, compress=not args.no_compress):
        print(f"without words, {wordless.search}: {wordless.results} results shown, {wordless.requests} requests")
        print(f"  search page load : {wordless.page_load_bytes / kb:8.1f} kB")
        print(f"  the search itself: {wordless.action_bytes / kb:8.1f} kB")
        print(f"  pagefind/index/  : {wordless.index_chunk_bytes / kb:8.1f} kB")
        print(f"  total            : {wordless.total_bytes / kb:8.1f} kB")
    if args.lunr_config:
        lunr = lunr_index_size(args.lunr_config)
        print(f"lunr search_index.json (Material): {lunr.bytes / kb:8.1f} kB, {lunr.gzip_bytes / kb:8.1f} kB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
