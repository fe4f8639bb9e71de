"""Render time of the evaluation chart for a large project: 2,000 measures, a point for every
day of a year, a metric with baseline, target and actual (``ui.charts.render_chart``).

    .venv/bin/python bench/chart.py [--runs 10]

Prints the first render (it registers the CJK font) and the median and worst of the next ones,
for English and Chinese labels. The target is well under 1 s per render.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import statistics
import time

from tests.ui.chart_data import year_of_measures
from ui.charts import ChartData, render_chart

TARGET_S = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10, help="timed renders per language after the first")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    points = year_of_measures()
    prepared = time.perf_counter() - started
    day, done, total = points[-1]
    print(f"chart: {total:,} measures, {done:,} done, {len(points)} daily points up to {day}")
    print(f"  {'burnup_points (input)':<28}{prepared * 1000:8.1f} ms")

    worst = 0.0
    for lang, title, metric in (
        ("en", "PRJ-1 Checkout revamp", "user conversion"),
        ("zh", "PRJ-2 结算流程改进", "用户转化率"),
    ):
        data = ChartData(title, lang, points, metric, "%", 10, 11.5, 11.2)
        started = time.perf_counter()
        png = render_chart(data)
        first = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            render_chart(data)
            times.append(time.perf_counter() - started)
        worst = max(worst, first, *times)
        print(
            f"  {lang} render{'':<21}first {first * 1000:6.1f} ms   median {statistics.median(times) * 1000:6.1f} ms"
            f"   max {max(times) * 1000:6.1f} ms   ({len(png):,} bytes)"
        )
    verdict = "ok" if worst < TARGET_S else "TOO SLOW"
    print(f"  worst render {worst * 1000:.0f} ms (target < {TARGET_S * 1000:.0f} ms) — {verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
