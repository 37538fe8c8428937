"""The benchmark script runs end to end and prints every figure with its target.

Its timings are not asserted here (performance goals are met in the
benchmark itself, not in tests); what is checked is that it still builds the
generated corpora and measures what README › Performance reports.
"""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import REPO_ROOT, run

FIGURE = re.compile(r"^(?P<name>.+?)\s{2,}(?P<value>[\d.]+)(?: (?P<unit>s|kB))?(?:\s{2,}(?P<target>≤ .+?))?\s*$")


def test_the_benchmark_prints_every_figure_on_small_corpora() -> None:
    command = [sys.executable, str(REPO_ROOT / "scripts" / "bench.py"), "--main-size", "30"]
    command += ["--sizes", "20", "40", "--repeat", "1", "--no-search"]
    result = run(command, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    printed = result.stdout
    figures = {match["name"]: match for line in printed.splitlines() if (match := FIGURE.match(line))}

    assert set(figures) == {
        "plain Material build, 30 resources",
        "full pipeline, 30 resources",
        "plain Material with lunr search, 30 resources",
        "this site's Material configuration alone, 30 resources",
        "configuration alone / plain",
        "full / plain, 30 resources",
        "full / plain with lunr",
        "of which Pagefind alone, 30 resources",
        "standalone checker, 30 resources",
        "resource page HTML, median",
        "resource page HTML, largest",
        "resource page gzip, median",
        "resource page gzip, largest",
        "full pipeline, 20 resources",
        "full pipeline, 40 resources",
        "plain Material build, 40 resources",
        "full / plain, 40 resources",
        "time(40) / time(20)",
        "preview: a text edit shown",
        "preview: text edit / full pipeline",
        "preview: a title change shown on every page",
        "preview: title change / full pipeline",
    }
    assert {name: figures[name]["target"] for name in figures if figures[name]["target"]} == {
        "full / plain, 30 resources": "≤ 2.0",
        "full / plain, 40 resources": "≤ 2.0",
        "standalone checker, 30 resources": "≤ 3 s",
        "resource page gzip, largest": "≤ 12 kB",
        "time(40) / time(20)": "≤ 2.2",
        "preview: text edit / full pipeline": "≤ 0.10",
        "preview: title change / full pipeline": "≤ 0.20",
    }
    for size in (30, 40):  # the main size, and the larger one of the growth figures
        plain, full = (
            float(figures[f"{kind}, {size} resources"]["value"]) for kind in ("plain Material build", "full pipeline")
        )
        ratio = float(figures[f"full / plain, {size} resources"]["value"])
        assert ratio == pytest.approx(full / plain, rel=0.05)  # seconds print rounded
    full = float(figures["full pipeline, 30 resources"]["value"])
    for edit, shown in (("text edit", "a text edit shown"), ("title change", "a title change shown on every page")):
        ratio = float(figures[f"preview: {edit} / full pipeline"]["value"])
        # Seconds print to 0.01 and ratios to 0.001: a time of 0.08 s may be 0.085 s, the full build's too.
        rounding = (0.005 + ratio * 0.005) / full + 0.0005
        assert ratio == pytest.approx(float(figures[f"preview: {shown}"]["value"]) / full, abs=rounding)
    for measure in ("HTML", "gzip"):
        assert (
            0
            < float(figures[f"resource page {measure}, median"]["value"])
            <= float(figures[f"resource page {measure}, largest"]["value"])
        )
    assert float(figures["resource page gzip, largest"]["value"]) < float(
        figures["resource page HTML, largest"]["value"]
    )
