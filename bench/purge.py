"""``collab-bot purge --team T --yes`` of synthetic workspaces (10k / 100k measures, built through
the import, see ``workspace.py``), each run as a process of its own: time and rows deleted.
Deleting a parent row makes the database find its children by the foreign key; migration 0008
indexes the foreign keys of the tables that grow, without which a 100,000-measure workspace on
PostgreSQL did not purge in 3 minutes.

    .venv/bin/python bench/purge.py [--sizes 10000,100000] [--database-url URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import argparse
import tempfile

from workspace import TEAM, Shape, build, default_open, run_measured

from slackfake import FakeSlack


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file per size")
    args = parser.parse_args()
    rows: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        for size in (int(s) for s in args.sizes.split(",")):
            url = args.database_url or f"sqlite:///{Path(tmp) / f'purge-{size}.db'}"
            build(url, fake, Shape(size, default_open(size)), Path(tmp))
            env = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url}
            result = run_measured(["--log-level", "ERROR", "purge", "--team", TEAM, "--yes"], env)
            if result["status"] != 0:
                raise RuntimeError(f"purge failed: {result}")
            rows.append((size, result["seconds"], result["peak_mb"]))
            print(f"  {size:>9,} measures purged in {result['seconds']:.1f} s", flush=True)
    backend = "postgresql" if (args.database_url or "").startswith("postgresql") else "sqlite"
    print(f"\ncollab-bot purge ({backend}), each in a process of its own")
    print(f"{'measures':>10}{'time':>9}{'peak MB':>9}")
    for size, seconds, peak in rows:
        print(f"{size:>10,}{seconds:>8.1f}s{peak:>9.0f}")
    print("the time grows with the rows deleted (not with their square: no scan of a child table per row)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
