"""Benchmark: build generated corpora and print figures, side by side in one run.

    python scripts/bench.py                  # the README's figures (2,000, then 1,000 and 4,000)
    python scripts/bench.py --sizes 200 400  # a quick run

Figures, each with its target, in groups (one function each):
- build times at the main size: the full pipeline (scripts/build_site.py:
  strict build, feeds, open data, Pagefind, swap) against a plain Material
  build of the same Markdown (no plugins, no hooks, resources out of the
  nav): full / plain ≤ 2.0; beside it, for scale, the plain build with
  Material's own search plugin, this site's Material configuration
  (navigation, tabs, Markdown extensions) without its hooks, plugins and
  templates, and Pagefind run alone on the built site;
- the live preview at the main size (``live_preview.timing``): a text edit
  shown on its page within 0.10 × the full pipeline, a title change on every
  page that shows it within 0.20 ×;
- the standalone checker on the main size ≤ 3 s;
- a resource page ≤ 12 kB gzip (level 6, as web servers compress), its
  raw HTML beside it;
- growth: the full pipeline at two sizes (1,000 and 4,000), time(largest) /
  time(smallest) ≤ 4 × 1.1, and at the largest size full / plain ≤ 2.0 too;
- bytes the browser transfers for a first search on the main size ≤ 300 kB,
  and for the two searches without words (the costliest filter value ticked,
  « Afficher plus de résultats » under the latest resources), beside the
  lunr index Material would have shipped.
Sizes are in kB (1,000 bytes). Each timing is the best of ``--repeat`` runs,
the builds being compared taking turns: on a shared machine, noise only ever
adds time, and single runs of the same build have differed by a factor 1.8.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from commons.resource_types import resource_folders
from commons.search_index import pagefind_command
from commons.search_weight import (
    heaviest_filter,
    material_only_config,
    measure_first_query,
    measure_wordless,
    weigh_lunr_index,
)
from commons.synthetic_corpus import copy_site_sources, unlink_missing_resources, write_corpus
from live_preview.timing import preview_rows

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
{resources_out_of_nav}
exclude_docs: |
  /themes.yml
  /audiences.yml
nav:
  - index.md
"""


WITH_LUNR = "mkdocs-lunr.yml"
LUNR_SITE = "site-lunr"


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
    copy_site_sources(REPO_ROOT, root, keep_resources=False)
    write_corpus(root / "docs", size, vocabularies_from=REPO_ROOT / "docs")
    unlink_missing_resources(root / "docs")
    return root


def plain_project(root: Path, full: Path) -> Path:
    """The same resources' Markdown under a plain Material configuration, and the same with Material's search."""
    root.mkdir(parents=True)
    config = PLAIN_CONFIG.format(resources_out_of_nav="\n".join(f"  /{folder}/*.md" for folder in resource_folders()))
    (root / "mkdocs.yml").write_text(config, "utf-8")
    (root / WITH_LUNR).write_text(config.replace("plugins: []", "plugins: [search]"), "utf-8")
    for folder in resource_folders():
        shutil.copytree(full / "docs" / folder, root / "docs" / folder)
    (root / "docs" / "index.md").write_text("# Référence\n", "utf-8")
    return root


Row = tuple[str, str, str]  # figure, value, target
PYTHON = sys.executable
MKDOCS = str(Path(PYTHON).with_name("mkdocs"))
BUILD_SITE = [PYTHON, str(REPO_ROOT / "scripts" / "build_site.py"), "--config", "mkdocs.yml"]
PLAIN_BUILD = [MKDOCS, "build", "--site-dir", "site"]


FULL_TO_PLAIN = 2.0  # the full pipeline's time, at most, in plain builds of the same Markdown
PAGE_GZIP_KB = 12  # a resource page, compressed as a web server sends it
GZIP_LEVEL = 6  # zlib's default, which web servers use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main-size", type=int, default=2000)
    parser.add_argument("--sizes", type=int, nargs=2, default=(1000, 4000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best one counts")
    parser.add_argument("--no-search", action="store_true", help="skip the browser measurement")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        full = full_project(work / f"full-{args.main_size}", args.main_size)
        plain = plain_project(work / f"plain-{args.main_size}", full)
        rows, full_time = build_times(work, full, plain, args.main_size, args.repeat)
        rows += preview_rows(full, full_time)
        rows += checker_time(full, args.main_size, args.repeat)
        rows += page_sizes(full / "site")
        rows += growth(work, args.sizes, args.repeat)
        if not args.no_search:
            rows += search_weights(full / "site", plain)
    width = max(len(name) for name, _, _ in rows)
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:>10}  {goal}")
    return 0


def build_times(work: Path, full: Path, plain: Path, size: int, repeat: int) -> tuple[list[Row], float]:
    """The full pipeline against the plain build, with figures for scale beside them; and the full time."""
    # For scale: the plain build with Material's own search (lunr), and this
    # site's Material configuration alone, before any hook, plugin or template.
    lunr_build = [MKDOCS, "build", "--site-dir", LUNR_SITE, "--config-file", WITH_LUNR]
    configuration = material_only_config(full / "mkdocs.yml", work / f"configuration-{size}", plugins=[])
    configuration_build = [MKDOCS, "build", "--site-dir", str(configuration.parent / "site"), "-f", str(configuration)]
    runs = [(PLAIN_BUILD, plain), (lunr_build, plain), (configuration_build, full), (BUILD_SITE, full)]
    plain_time, lunr_time, configuration_time, full_time = best_of_turns(runs, repeat)
    # The search index on its own, on the built site: the part of the
    # pipeline a plain build does not have at all.
    (pagefind,) = best_of_turns([(pagefind_command(full / "site", work / "pagefind-alone"), full)], repeat)
    rows = [
        (f"plain Material build, {size} resources", f"{plain_time:.2f} s", ""),
        (f"plain Material with lunr search, {size} resources", f"{lunr_time:.2f} s", ""),
        (f"this site's Material configuration alone, {size} resources", f"{configuration_time:.2f} s", ""),
        ("configuration alone / plain", f"{configuration_time / plain_time:.2f}", ""),
        (f"full pipeline, {size} resources", f"{full_time:.2f} s", ""),
        (f"full / plain, {size} resources", f"{full_time / plain_time:.2f}", f"≤ {FULL_TO_PLAIN}"),
        ("full / plain with lunr", f"{full_time / lunr_time:.2f}", ""),
        (f"of which Pagefind alone, {size} resources", f"{pagefind:.2f} s", ""),
    ]
    return rows, full_time


def checker_time(full: Path, size: int, repeat: int) -> list[Row]:
    checker_command = [PYTHON, str(REPO_ROOT / "scripts" / "check.py"), "--root", str(full)]
    (checker,) = best_of_turns([(checker_command, full)], repeat)
    return [(f"standalone checker, {size} resources", f"{checker:.2f} s", "≤ 3 s")]


def page_sizes(site: Path) -> list[Row]:
    pages = [page.read_bytes() for page in _resource_pages(site)]
    raw = sorted(len(page) for page in pages)
    compressed = sorted(len(gzip.compress(page, compresslevel=GZIP_LEVEL)) for page in pages)
    return [
        ("resource page HTML, median", f"{statistics.median(raw) / 1000:.1f} kB", ""),
        ("resource page HTML, largest", f"{raw[-1] / 1000:.1f} kB", ""),
        ("resource page gzip, median", f"{statistics.median(compressed) / 1000:.1f} kB", ""),
        ("resource page gzip, largest", f"{compressed[-1] / 1000:.1f} kB", f"≤ {PAGE_GZIP_KB} kB"),
    ]


def growth(work: Path, sizes: tuple[int, int], repeat: int) -> list[Row]:
    """The full pipeline at both sizes, and against the plain build at the larger one."""
    small, large = sizes
    projects = [full_project(work / f"growth-{size}", size) for size in sizes]
    plain = plain_project(work / f"plain-{large}", projects[-1])
    runs = [(BUILD_SITE, project) for project in projects] + [(PLAIN_BUILD, plain)]
    small_time, large_time, plain_time = best_of_turns(runs, repeat)
    return [
        (f"full pipeline, {small} resources", f"{small_time:.2f} s", ""),
        (f"full pipeline, {large} resources", f"{large_time:.2f} s", ""),
        (f"plain Material build, {large} resources", f"{plain_time:.2f} s", ""),
        (f"full / plain, {large} resources", f"{large_time / plain_time:.2f}", f"≤ {FULL_TO_PLAIN}"),
        (f"time({large}) / time({small})", f"{large_time / small_time:.2f}", f"≤ {large / small * 1.1:.1f}"),
    ]


def search_weights(site: Path, plain: Path) -> list[Row]:
    search = measure_first_query(site, "coopérative")
    # Searches without words: the costliest filter value ticked, and more of the latest resources.
    wordless = measure_wordless(site, *heaviest_filter(site))
    # The index of the plain build with lunr, timed in build_times.
    lunr = weigh_lunr_index(plain / LUNR_SITE / "search" / "search_index.json")
    return [
        ("first search: page and Pagefind start-up", f"{search.page_load_bytes / 1000:.0f} kB", ""),
        ("first search: the query's own fetches", f"{search.query_bytes / 1000:.0f} kB", ""),
        ("first search: all bytes on the wire", f"{search.total_bytes / 1000:.0f} kB", "≤ 300 kB"),
        *[
            (f"without words, {measure.search}: all bytes", f"{measure.total_bytes / 1000:.0f} kB", "≤ 300 kB")
            for measure in wordless
        ],
        ("lunr index Material would ship (gzip)", f"{lunr.gzip_bytes / 1000:.0f} kB", ""),
        ("lunr index Material would ship (raw)", f"{lunr.bytes / 1000:.0f} kB", ""),
    ]


def _resource_pages(site: Path) -> list[Path]:
    return [
        page
        for folder in resource_folders()
        for page in (site / folder).glob("*/index.html")
        if page.parent.name not in ("page", "ressources")
    ]


if __name__ == "__main__":
    sys.exit(main())
