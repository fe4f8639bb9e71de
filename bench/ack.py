"""Slash-command ack latency: our ``collab-bot serve`` stack next to a bare Bolt app.

Measures the time from sending a signed ``/collab dept list`` POST to receiving its HTTP 200
(the ack; our bot answers afterwards through the response_url). Both stacks are served the
same way — ``bot.server.make_server`` (uvicorn) on a loopback port in a thread — and talk to
the same in-process fake Slack. Ours is built exactly like ``tests/harness.py`` does, on a
temporary SQLite database.

    .venv/bin/python bench/ack.py [--requests 300] [--warmup 50]

Requests are sequential and alternate between the two stacks. After each request to our bot
the script waits (untimed) for its answer on the response_url, so background work from one
request does not spill into the next measurement.

    .venv/bin/python bench/ack.py --concurrency 8 [--slow 2.0] [--requests 40] [--think 0.05]

With ``--concurrency`` it measures our stack alone, with that many clients sending commands at
once (each waits for its ack, then ``--think`` seconds, then sends the next; none waits for the
answers), first with Slack answering at once, then with Slack taking ``--slow`` seconds for every
``response_url`` post and Web API call. Target: ack p99 with the slow Slack within 1.5x of the
fast one — the follow-up work (answering through Slack) must never hold an ack up.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import http.client
import logging
import math
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.server import make_server
from slackfake import FakeSlack
from tests.clock import FakeClock
from tests.dbs import create_database, drop_database
from tests.harness import (
    ADMIN,
    CHANNEL,
    SIGNING_SECRET,
    Bot,
    seed_users,
    sign,
    slash_command_form,
    start_bot,
)

TARGET_RATIO = 1.5
COMMAND_TEXT = "dept list"


def bare_bolt_app(fake: FakeSlack) -> App:
    """The baseline: a Bolt App with the same signing secret whose /collab handler only acks."""
    app = App(
        signing_secret=SIGNING_SECRET,
        client=WebClient(token="xoxb-test", base_url=fake.api_url),
    )

    @app.command("/collab")
    def on_collab(ack: Ack) -> None:
        ack()

    return app


class Served:
    """A Bolt app served by our ``make_server`` on 127.0.0.1:<free port> in a thread (as the harness does)."""

    def __init__(self, app: App) -> None:
        self.server = make_server(app, host="127.0.0.1", port=0, log_level="warning")
        self.thread = threading.Thread(target=self.server.run, name="uvicorn-bare", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.port: int = self.server.servers[0].sockets[0].getsockname()[1]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def timed_post(port: int, form: dict[str, str]) -> float:
    """POST one signed slash command; return seconds until the full HTTP 200 response was read."""
    body = urllib.parse.urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    data = body.encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        start = time.perf_counter()
        conn.request("POST", "/slack/events", body=data, headers=headers)
        resp = conn.getresponse()
        resp_body = resp.read()
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status} from port {port}: {resp_body[:200]!r}")
    return elapsed


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def run(requests: int, warmup: int) -> int:
    with tempfile.TemporaryDirectory(prefix="collab-bench-") as tmp, FakeSlack() as fake:
        seed_users(fake)
        db = create_database("sqlite", Path(tmp), "bench")
        ours: Bot = start_bot(fake, db, FakeClock())
        bare = Served(bare_bolt_app(fake))
        try:
            # some departments, so `dept list` has something to list
            for name in ("Sales", "R&D", "Ops"):
                reply = ours.command(f"dept add {name} head=<@{ADMIN}> channel=<#{CHANNEL}|general>")
                if ":white_check_mark:" not in reply.get("text", ""):
                    raise RuntimeError(f"seeding failed: {reply}")

            def hit_ours() -> float:
                form = slash_command_form(fake, COMMAND_TEXT)
                elapsed = timed_post(ours.port, form)
                url = form["response_url"]
                fake.wait_for_response(predicate=lambda r: r["_url"] == url, timeout=10)
                return elapsed

            def hit_bare() -> float:
                return timed_post(bare.port, slash_command_form(fake, COMMAND_TEXT))

            stacks: list[tuple[str, Callable[[], float]]] = [
                ("collab-bot serve", hit_ours),
                ("bare Bolt App", hit_bare),
            ]
            for _ in range(warmup):
                for _name, hit in stacks:
                    hit()
            samples: dict[str, list[float]] = {name: [] for name, _ in stacks}
            for i in range(requests):
                order = stacks if i % 2 == 0 else stacks[::-1]
                for name, hit in order:
                    samples[name].append(hit())
        finally:
            bare.stop()
            ours.stop()
            drop_database(db)
        fake.assert_no_validation_errors()

    results: dict[str, tuple[float, float]] = {
        name: (percentile(s, 50) * 1000, percentile(s, 99) * 1000) for name, s in samples.items()
    }
    print(
        f"/collab {COMMAND_TEXT} ack latency — {requests} sequential requests per stack "
        f"after {warmup} warm-up, loopback"
    )
    print(f"{'stack':<20} {'p50 ms':>8} {'p99 ms':>8}")
    for name, (p50, p99) in results.items():
        print(f"{name:<20} {p50:>8.2f} {p99:>8.2f}")
    ratio = results["collab-bot serve"][1] / results["bare Bolt App"][1]
    verdict = "meets target" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"p99 ratio ours/bare: {ratio:.2f}x (target ≤ {TARGET_RATIO}x) — {verdict}")
    return 0


def run_concurrent(concurrency: int, requests: int, slow: float, think: float) -> int:
    with tempfile.TemporaryDirectory(prefix="collab-bench-") as tmp, FakeSlack() as fake:
        seed_users(fake)
        db = create_database("sqlite", Path(tmp), "bench")
        ours: Bot = start_bot(fake, db, FakeClock())
        results: dict[str, tuple[float, float]] = {}
        try:
            for name in ("Sales", "R&D", "Ops"):
                ours.command(f"dept add {name} head=<@{ADMIN}> channel=<#{CHANNEL}|general>")
            for _ in range(20):  # warm up (Bolt's first auth.test, the database, the pools)
                ours.command(COMMAND_TEXT)
            sent = len(fake.responses)
            for label, delay in (("Slack answers at once", 0.0), (f"Slack answers in {slow:g} s", slow)):
                fake.delay("response_url", delay)
                fake.delay("*", delay)
                samples: list[float] = []
                lock = threading.Lock()

                def client(samples: list[float] = samples, lock: threading.Lock = lock) -> None:
                    for _ in range(requests):
                        elapsed = timed_post(ours.port, slash_command_form(fake, COMMAND_TEXT))
                        with lock:
                            samples.append(elapsed)
                        time.sleep(think)

                clients = [threading.Thread(target=client) for _ in range(concurrency)]
                for c in clients:
                    c.start()
                for c in clients:
                    c.join()
                results[label] = (percentile(samples, 50) * 1000, percentile(samples, 99) * 1000)
                sent += len(samples)
                # the answers all arrive, late or not (untimed)
                fake.wait_for_response(count=sent, timeout=max(60.0, slow * requests * concurrency))
        finally:
            fake.delay("response_url", 0)
            fake.delay("*", 0)
            ours.stop()
            drop_database(db)
        fake.assert_no_validation_errors()
    print(
        f"/collab {COMMAND_TEXT} ack latency — {concurrency} clients at once, {requests} commands each "
        f"({think * 1000:.0f} ms apart), not waiting for the answers"
    )
    print(f"{'':<28} {'p50 ms':>8} {'p99 ms':>8}")
    for label, (p50, p99) in results.items():
        print(f"{label:<28} {p50:>8.2f} {p99:>8.2f}")
    fast, slow_ = results.values()
    ratio = slow_[1] / fast[1]
    verdict = "meets target" if ratio <= TARGET_RATIO else "ABOVE TARGET"
    print(f"p99 ratio slow/fast Slack: {ratio:.2f}x (target ≤ {TARGET_RATIO}x) — {verdict}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="measured requests per stack (default 300)")
    parser.add_argument(
        "--warmup", type=int, default=50, help="untimed requests per stack first (default 50)"
    )
    parser.add_argument("--concurrency", type=int, default=0, help="clients at once (our stack alone)")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds Slack takes in the slow case")
    parser.add_argument("--think", type=float, default=0.05, help="seconds between a client's commands")
    args = parser.parse_args(argv)
    # Only errors: keep framework warnings from the two stacks out of the figures.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be ≥ 1 and --warmup ≥ 0")
    if args.concurrency:
        return run_concurrent(args.concurrency, args.requests, args.slow, args.think)
    return run(args.requests, args.warmup)


if __name__ == "__main__":
    raise SystemExit(main())
