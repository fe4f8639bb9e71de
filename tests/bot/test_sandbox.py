"""``collab-bot sandbox``: the bot wired to the local Slack on one port — commands, a modal,
the clock and its jobs, a restart, the demo, and the command itself (ready in under 10 s)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import TEAM_ID, Sandbox, start_sandbox
from bot.sandbox_demo import run_demo
from bot.settings import Settings
from slackfake.interactions import Raw
from storage import departments, measures, problems, projects

ROOT = Path(__file__).resolve().parents[2]
ALICE, OLGA, GENERAL = "U0ALICE", "U0OLGA", "C0GENERAL"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    running = start_sandbox(
        Settings.from_env({"COLLAB_SCHEDULER": "off"}), port=0, directory=tmp_path, fresh=True
    )
    yield running
    running.stop()


def command(sandbox: Sandbox, text: str, *, user: str = ALICE, channel: str = GENERAL) -> str:
    """``/collab <text>`` typed on the page; the bot's private answer (its text and blocks)."""
    outcome = sandbox.client.command(user, channel, f"/collab {text}")
    assert outcome.ok, outcome
    [answer] = sandbox.fake.wait_for_response(predicate=lambda r: r["_url"] == outcome.response_url)
    shown = sandbox.fake.ephemerals_for(user, channel)[-1]
    assert shown["text"] == answer["text"]
    return f"{answer['text']}\n{json.dumps(answer.get('blocks') or [], ensure_ascii=False)}"


def at(sandbox: Sandbox, ts: str) -> datetime:
    return datetime.fromtimestamp(float(ts), tz=UTC)


def test_the_bot_answers_through_its_signed_endpoint(sandbox: Sandbox) -> None:
    assert sandbox.fake.commands["/collab"] == sandbox.url + "slack/events"
    assert "Department *Product* added" in command(sandbox, "dept add Product head=@hana channel=#product")
    product = sandbox.fake.channel_named("product")
    assert product is not None  # "#product" made the channel; the bot joins it when it posts
    assert "Product" in command(sandbox, "dept list")
    # the bot's Web API calls went to the local Slack, with the sandbox's own token
    assert sandbox.fake.calls_to("users.info") or sandbox.fake.calls_to("auth.test")
    assert all(c.ok for c in sandbox.fake.calls)


def test_a_project_through_its_modal(sandbox: Sandbox) -> None:
    command(sandbox, "dept add Product head=@hana channel=#product")
    sandbox.client.command(ALICE, GENERAL, "/collab project add")
    fake = sandbox.fake
    fake.wait_for("views.open")
    view = fake.open_modal(ALICE)
    assert view is not None and view["submit"]["text"] == "Save"
    [dept] = [o["value"] for b in view["blocks"] if b["block_id"] == "depts" for o in b["element"]["options"]]
    due = (sandbox.clock() + timedelta(days=30)).date().isoformat()
    values = {
        "name": {"v": Raw(value="Launch")},
        "goal": {"v": Raw(value="Lift conversion by 15%")},
        "due": {"v": Raw(value="2001-01-01")},
        "lead": {"v": Raw(value="U0LEE")},
        "depts": {"v": Raw(values=[dept])},
    }
    refused = sandbox.client.submit(ALICE, view["id"], values)
    assert "2001-01-01" in refused.errors["due"]  # the bot's own error, under the field
    values["due"] = {"v": Raw(value=due)}
    assert sandbox.client.submit(ALICE, view["id"], values).ok
    assert fake.open_modal(ALICE) is None
    fake.wait_for("chat.postEphemeral")
    assert "PRJ-1" in fake.ephemerals_for(ALICE, GENERAL)[-1]["text"]
    with sandbox.deps.sessions() as session:
        project = projects.get_project(session, team_id=TEAM_ID, number=1)
    assert project is not None and project.name == "Launch" and project.lead_user_id == "U0LEE"


def test_log_as_problem_from_a_message(sandbox: Sandbox) -> None:
    # the sandbox offers the message shortcuts the manifest installs
    manifest = (ROOT / "slack-manifest.yml").read_text(encoding="utf-8")
    declared = dict(re.findall(r"- name: (.+)\n\s+type: message\n\s+callback_id: (\w+)", manifest))
    assert {callback: name for name, callback in declared.items()} == sandbox.fake.message_shortcuts
    command(sandbox, "dept add Product head=@hana channel=#product")
    command(sandbox, 'project add "Launch" goal="Lift it" due=2099-03-01 lead=@lee depts=Product')
    assert sandbox.client.post(OLGA, GENERAL, "Changes reach us late, again").ok
    [msg] = sandbox.fake.messages(GENERAL)
    assert sandbox.client.shortcut(ALICE, GENERAL, msg["ts"], "log_problem").ok
    sandbox.fake.wait_for("views.open")
    view = sandbox.fake.open_modal(ALICE)
    assert view is not None
    [description] = [b for b in view["blocks"] if b.get("block_id") == "description"]
    assert description["element"]["initial_value"].startswith("Changes reach us late, again")


def test_jumping_runs_every_job_due_on_the_way_as_of_its_time(sandbox: Sandbox) -> None:
    # Wednesday 2 Dec 2026, 12:00 UTC
    sandbox.clock.set(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))
    command(sandbox, "dept add Product head=@hana channel=#product")
    command(sandbox, 'project add "Launch" goal="Lift it" due=2027-03-01 lead=@lee depts=Product')
    command(sandbox, 'problem add PRJ-1 info "Late news"')
    command(sandbox, 'measure add PRB-1 owner=@olga dept=Product due=2026-12-03 "Post changes"')
    controls = sandbox.local.clock
    assert controls is not None
    labels = [label for label, _ in controls.jumps()]
    assert labels == [
        "Jump to Fri 17:00 (sync prompt)",
        "Jump to next working-day morning (Thu 09:30)",
        "Jump to Mon 09:00 (digest)",
        "+1 day",
    ]
    controls.jump(datetime(2026, 12, 8, 10, 0, tzinfo=UTC))  # the next Tuesday
    assert abs(sandbox.clock() - datetime(2026, 12, 8, 10, 0, tzinfo=UTC)) < timedelta(seconds=5)
    fake = sandbox.fake
    product = fake.channel_named("product")
    assert product is not None
    posted = [(at(sandbox, m["ts"]), m["text"]) for m in fake.messages(product["id"])]
    assert [(when.strftime("%a %H:%M"), text.split(" (")[0]) for when, text in posted] == [
        ("Fri 17:00", "Weekly sync — Product"),
        ("Mon 09:00", "Collaboration progress — Product"),
    ]
    nudges = [at(sandbox, m["ts"]).strftime("%a %d %H:%M") for m in fake.messages(f"D{OLGA}")]
    assert nudges == ["Fri 04 09:30", "Mon 07 09:30", "Tue 08 09:30"]  # overdue from Friday; no weekend
    escalations = [at(sandbox, m["ts"]).strftime("%a %d") for m in fake.messages("DU0HANA")]
    assert escalations == ["Mon 07", "Tue 08"]  # two days overdue and on


def test_a_restart_finds_the_workspace_as_it_was(tmp_path: Path) -> None:
    settings = Settings.from_env({"COLLAB_SCHEDULER": "off"})
    first = start_sandbox(settings, port=0, directory=tmp_path, fresh=True)
    try:
        first.clock.set(first.clock() + timedelta(days=3))
        command(first, "dept add Product head=@hana channel=#product")
    finally:
        first.stop()
    again = start_sandbox(settings, port=0, directory=tmp_path)
    try:
        assert "Department *Product* added" in again.fake.ephemerals_for(ALICE, GENERAL)[0]["text"]
        assert again.clock() - datetime.now(UTC) > timedelta(days=2, hours=23)
        assert "Product" in command(again, "dept list")  # sandbox.db kept the department
    finally:
        again.stop()
    fresh = start_sandbox(settings, port=0, directory=tmp_path, fresh=True)
    try:
        assert fresh.fake.ephemerals == [] and "No departments" in command(fresh, "dept list")
    finally:
        fresh.stop()


def test_the_demo(sandbox: Sandbox) -> None:
    summary = run_demo(sandbox)
    assert "MSR-2 overdue" in summary
    fake = sandbox.fake
    today = sandbox.deps.today(sandbox.deps.settings_of(TEAM_ID))
    with sandbox.deps.sessions() as session:
        depts = departments.list_departments(session, team_id=TEAM_ID)
        project = projects.get_project(session, team_id=TEAM_ID, number=1)
        found = problems.list_problems(session, team_id=TEAM_ID)
        rows = measures.measure_rows(session, team_id=TEAM_ID)
    assert sorted(d.name for d in depts) == ["Engineering", "Marketing", "Product"]
    assert project is not None and "15%" in project.goal
    assert (project.metric, project.baseline, project.target, project.unit) == (
        "user conversion",
        "10",
        "11.5",
        "%",
    )
    assert sorted(p.category for p in found) == ["info", "process", "resources", "roles"]
    assert all(p.root_cause for p in found)  # root causes, set after the kickoff
    charter = command(sandbox, "project show PRJ-1")
    for part in (
        "RSK-1",
        "RSK-2",
        "MTG-1",
        "Owns the scope",
        "keeps the launch checklist",
        "launch campaign",
    ):
        assert part in charter, part
    agendas = [m for m in fake.messages(fake.channel_named("engineering")["id"]) if "MTG-1" in m["text"]]
    assert agendas and "A frozen scope two weeks before the launch" in json.dumps(agendas[0]["blocks"])
    assert {r.measure.status for r in rows} == {"todo", "doing", "done", "blocked"}
    overdue = [r.measure.ref for r in rows if r.measure.status != "done" and r.measure.due < today]
    assert overdue == ["MSR-2"]
    for channel in ("product", "engineering", "marketing"):
        info = fake.channel_named(channel)
        assert info is not None and info["is_member"]  # the bot joined to post
        texts = [m["text"] for m in fake.messages(info["id"], top_level_only=True)]
        assert any(t.startswith("Weekly sync") for t in texts) and any(
            t.startswith("Collaboration progress") for t in texts
        )
    marketing = fake.channel_named("marketing")
    assert marketing is not None
    threads = [m for m in fake.messages(marketing["id"]) if m.get("thread_ts") and m["thread_ts"] != m["ts"]]
    replies = [m for m in threads if not m.get("bot_id")]
    assert [r["reactions"][0]["name"] for r in replies] == ["white_check_mark"]
    assert any("MTG-1" in m["text"] and m.get("bot_id") for m in threads)  # the minutes, under the agenda
    assert any("MSR-2" in m["text"] for m in fake.messages("DU0OMAR"))  # the nudges
    assert any("MSR-2" in m["text"] for m in fake.messages("DU0HUGO"))  # the escalation
    assert abs(sandbox.clock() - datetime.now(UTC)) < timedelta(minutes=1)  # back to now
    fake.assert_no_validation_errors()


def test_collab_bot_sandbox_demo_is_ready_in_under_10_seconds(tmp_path: Path, record_property: Any) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite:///{tmp_path / 'not-this.db'}", PORT="0")
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--log-level", "WARNING", "sandbox", "--demo"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "is ready" in line:
                break
        ready = time.monotonic() - started
        url = lines[-1].rsplit("open ", 1)[-1].strip()
        measured = f"sandbox: `collab-bot sandbox --demo` ready in {ready:.1f} s (target: under 10 s)"
        print("\n" + measured)
        record_property("measured", measured)
        # the target is 10 s on a warm venv; the test suite's parallel load gets some slack
        assert ready < 15, "".join(lines)
        with urllib.request.urlopen(url) as resp:
            page = resp.read().decode()
        assert resp.status == 200 and "# marketing" in page
        assert (tmp_path / "sandbox.db").exists() and not (tmp_path / "not-this.db").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        out: Any = proc.communicate(timeout=20)[0]
        lines.append(out or "")
    assert proc.returncode == 0, "".join(lines)
    assert (tmp_path / "sandbox-slack.json").exists()
