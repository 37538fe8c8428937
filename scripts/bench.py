"""Benchmark: build generated corpora and print figures, side by side in one run.

    python scripts/bench.py                  # the README's figures (2,000 and 1,000/4,000)
    python scripts/bench.py --sizes 200 400  # a quick run

Figures, each with its target:
- full pipeline (scripts/build_site.py: strict build, feeds, open data,
  Pagefind, swap) against a plain Material build of the same Markdown (no
  plugins, no hooks, resources out of the nav): ratio at the main size ≤ 1.5;
  beside it, for scale, the plain build with Material's own search plugin
  and Pagefind run alone on the built site;
- linear growth: time(largest) / time(smallest) ≤ 4 × 1.1 for sizes 1,000 and 4,000;
- HTML of a resource page ≤ 35 KB;
- the standalone checker on the main size ≤ 3 s;
- bytes the browser transfers for a first search on the main size ≤ 300 KB,
  beside the lunr index Material would have shipped.
Sizes are in kB (1,000 bytes). Each timing is the best of ``--repeat`` runs,
the builds being compared taking turns: on a shared machine, noise only ever
adds time, and single runs of the same build have differed by a factor 1.8.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import measure_search
from search import pagefind_command

REPO_ROOT = Path(__file__).resolve().parent.parent
PLAIN_CONFIG = """\
site_name: Build de référence
site_url: https://example.org/centre-de-ressources/
theme:
  name: material
  language: fr
  font: false
plugins: []
not_in_nav: |
  /guides/*.md
  /webinaires/*.md
  /programmes/*.md
exclude_docs: |
  /themes.yml
  /audiences.yml
nav:
  - index.md
"""


WITH_LUNR = "mkdocs-lunr.yml"


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def best_of_turns(runs: list[tuple[list[str], Path]], repeat: int) -> list[float]:
    """The best time of each command, over ``repeat`` rounds in which they take turns."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for index, (command, cwd) in enumerate(runs):
            best[index] = min(best[index], timed(command, cwd))
    return best


def full_project(root: Path, size: int) -> Path:
    """This project with ``size`` generated resources instead of the sample ones."""
    generate.copy_site_sources(root, keep_resources=False)
    generate.write_corpus(root / "docs", size)
    generate.unlink_missing_resources(root / "docs")
    return root


def plain_project(root: Path, full: Path) -> Path:
    """The same resources' Markdown under a plain Material configuration, and the same with Material's search."""
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG, "utf-8")
    (root / WITH_LUNR).write_text(PLAIN_CONFIG.replace("plugins: []", "plugins: [search]"), "utf-8")
    for folder in ("guides", "webinaires", "programmes"):
        shutil.copytree(full / "docs" / folder, root / "docs" / folder)
    (root / "docs" / "index.md").write_text("# Référence\n", "utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main-size", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs=2, default=(1000, 4000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best one counts")
    parser.add_argument("--no-search", action="store_true", help="skip the browser measurement")
    args = parser.parse_args(argv)
    python = sys.executable
    mkdocs = str(Path(python).with_name("mkdocs"))
    build_site = [python, str(REPO_ROOT / "scripts" / "build_site.py"), "--config", "mkdocs.yml"]
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        main_full = full_project(work / f"full-{args.main_size}", args.main_size)
        main_plain = plain_project(work / f"plain-{args.main_size}", main_full)
        checker_command = [python, str(REPO_ROOT / "scripts" / "check.py"), "--root", str(main_full)]
        (checker,) = best_of_turns([(checker_command, main_full)], args.repeat)
        plain_command = [mkdocs, "build", "--site-dir", "site"]
        # For scale: the same plain build with Material's own search (lunr).
        lunr_command = [mkdocs, "build", "--site-dir", "site-lunr", "--config-file", WITH_LUNR]
        runs = [(plain_command, main_plain), (lunr_command, main_plain), (build_site, main_full)]
        plain, with_lunr, full = best_of_turns(runs, args.repeat)
        rows.append((f"plain Material build, {args.main_size} resources", f"{plain:.2f} s", ""))
        rows.append((f"plain Material with lunr search, {args.main_size} resources", f"{with_lunr:.2f} s", ""))
        rows.append((f"full pipeline, {args.main_size} resources", f"{full:.2f} s", ""))
        rows.append(("full / plain", f"{full / plain:.2f}", "≤ 1.5"))
        rows.append(("full / plain with lunr", f"{full / with_lunr:.2f}", ""))
        # The search index on its own, on the built site: the part of the
        # pipeline a plain build does not have at all.
        pagefind_alone = pagefind_command(main_full / "site", work / "pagefind-alone")
        (pagefind,) = best_of_turns([(pagefind_alone, main_full)], args.repeat)
        rows.append((f"of which Pagefind alone, {args.main_size} resources", f"{pagefind:.2f} s", ""))
        rows.append((f"standalone checker, {args.main_size} resources", f"{checker:.2f} s", "≤ 3 s"))

        sizes = sorted(p.stat().st_size for p in _resource_pages(main_full / "site"))
        rows.append(("resource page HTML, median", f"{statistics.median(sizes) / 1000:.1f} kB", ""))
        rows.append(("resource page HTML, largest", f"{sizes[-1] / 1000:.1f} kB", "≤ 35 kB"))

        small, large = args.sizes
        projects = [full_project(work / f"growth-{size}", size) for size in (small, large)]
        times = dict(zip((small, large), best_of_turns([(build_site, p) for p in projects], args.repeat), strict=True))
        for size, seconds in times.items():
            rows.append((f"full pipeline, {size} resources", f"{seconds:.2f} s", ""))
        growth = times[large] / times[small]
        target = large / small * 1.1
        rows.append((f"time({large}) / time({small})", f"{growth:.2f}", f"≤ {target:.1f}"))

        if not args.no_search:
            search = measure_search.measure_first_query(main_full / "site", "coopérative")
            lunr = measure_search.lunr_index_size(main_plain / "mkdocs.yml")
            rows.append(("first search: page and Pagefind start-up", f"{search.page_load_bytes / 1000:.0f} kB", ""))
            rows.append(("first search: the query's own fetches", f"{search.query_bytes / 1000:.0f} kB", ""))
            rows.append(("first search: all bytes on the wire", f"{search.total_bytes / 1000:.0f} kB", "≤ 300 kB"))
            rows.append(("lunr index Material would ship (gzip)", f"{lunr.gzip_bytes / 1000:.0f} kB", ""))
            rows.append(("lunr index Material would ship (raw)", f"{lunr.bytes / 1000:.0f} kB", ""))
    width = max(len(name) for name, _, _ in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:>10}  {goal}")
    return 0


def _resource_pages(site: Path) -> list[Path]:
    return [
        page
        for folder in ("guides", "webinaires", "programmes")
        for page in (site / folder).glob("*/index.html")
        if page.parent.name not in ("page", "ressources")
    ]


if __name__ == "__main__":
    sys.exit(main())
