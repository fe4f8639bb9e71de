"""The export of big workspaces: ``collab-bot export`` (CSV and XLSX) of synthetic workspaces of
1k / 10k / 100k measures (built through the import, see ``workspace.py``), each run as a process
of its own: time, rows a second (linear: the same at every size) and peak memory. Targets:
100,000 rows in under 60 s and under 200 MB, on both databases.

    .venv/bin/python bench/export.py [--sizes 1000,10000,100000] [--database-url URL]
    .venv/bin/python bench/export.py --reuse --database-url URL   # a database already filled
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import argparse
import tempfile

from workspace import TEAM, Shape, add_people, build, default_open, run_measured

from slackfake import FakeSlack


def export(url: str, fake: FakeSlack, fmt: str, out: Path) -> dict[str, float]:
    env = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url}
    return run_measured(
        ["--log-level", "ERROR", "export", "--team", TEAM, "--format", fmt, "-o", str(out)], env
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file per size")
    parser.add_argument("--reuse", action="store_true", help="export the database at --database-url as it is")
    parser.add_argument("--formats", default="csv,xlsx")
    args = parser.parse_args()
    formats = args.formats.split(",")
    rows: list[tuple[str, str, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        if args.reuse:
            if not args.database_url:
                parser.error("--reuse needs --database-url")
            add_people(fake, Shape(0, 0))
            sizes = [("as it is", args.database_url)]
        else:
            sizes = []
            for size in (int(s) for s in args.sizes.split(",")):
                url = args.database_url or f"sqlite:///{Path(tmp) / f'export-{size}.db'}"
                build(url, fake, Shape(size, default_open(size)), Path(tmp))
                sizes.append((f"{size:,}", url))
                for fmt in formats:
                    result = export(url, fake, fmt, Path(tmp) / f"table.{fmt}")
                    rows.append(
                        (f"{size:,}", fmt, result["seconds"], size / result["seconds"], result["peak_mb"])
                    )
                    print(f"  {size:>9,} {fmt:<5} {result['seconds']:8.1f} s", flush=True)
        if args.reuse:
            for fmt in formats:
                result = export(args.database_url, fake, fmt, Path(tmp) / f"table.{fmt}")
                rows.append(("as it is", fmt, result["seconds"], 0.0, result["peak_mb"]))
    backend = "postgresql" if (args.database_url or "").startswith("postgresql") else "sqlite"
    print(f"\ncollab-bot export ({backend}), each in a process of its own")
    print(f"{'measures':>10} {'format':<7}{'time':>9}{'rows/s':>10}{'peak MB':>9}")
    for size, fmt, seconds, rate, peak in rows:
        print(f"{size:>10} {fmt:<7}{seconds:>8.1f}s{rate:>10,.0f}{peak:>9.0f}")
    print("targets: 100,000 rows in under 60 s and 200 MB; rows/s about the same at every size")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
