"""Two workspaces installed through the OAuth flow against the fake Slack (SQLite and PostgreSQL):
each sees only its own data and gets its own prompts with its own token; uninstalling stops all
posting there (its data stays); ``collab-bot purge`` deletes one workspace and leaves the other whole."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from bot import cli, table_cli
from slackfake import Call, FakeSlack
from storage.installations import bots
from storage.models import Measure
from tests.bot.test_import import HEADER, write_csv
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN
from tests.oauth_harness import OAuthBot, install, start_oauth_bot
from tests.weekly_factories import quiet_for, wait_until

FRIDAY = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
T2_ADMIN, T2_OWNER, T2_HEAD, T2_LEAD = "U2ADMIN", "U2OWNER", "U2HEAD", "U2LEAD"
SALES, OPS = "CSALES", "C2OPS"


@pytest.fixture
def bot(fake: FakeSlack, db: TestDatabase, clock: FakeClock) -> Iterator[OAuthBot]:
    fake.add_team("T2", "Second Team")
    for user, name in ((T2_ADMIN, "zoe-admin"), (T2_OWNER, "omar-owner"), (T2_HEAD, "hua-head")):
        fake.add_user(user, name, is_admin=user == T2_ADMIN, team_id="T2")
    fake.add_user(T2_LEAD, "li-lead", team_id="T2")
    fake.add_channel(SALES, "sales")
    fake.add_channel(OPS, "ops", context_team_id="T2")
    b = start_oauth_bot(fake, db, clock)
    yield b
    b.stop()


def build_workspace(bot: OAuthBot, team: str) -> None:
    """One department, project, problem and open measure, through /collab commands."""
    if team == "T1":
        admin, dept, channel, head, lead, owner = ADMIN, "Sales", SALES, "UHEAD", "ULEAD", "UOWNER"
    else:
        admin, dept, channel, head, lead, owner = T2_ADMIN, "Ops", OPS, T2_HEAD, T2_LEAD, T2_OWNER
    for text in (
        f"dept add {dept} head=<@{head}|h> channel=<#{channel}|{dept.lower()}>",
        f'project add "{dept} launch" goal="Ship it" due=2026-12-31 lead=<@{lead}|l> depts={dept}',
        'problem add PRJ-1 info "Specs arrive late"',
        f'measure add PRB-1 owner=<@{owner}|o> dept={dept} due=2026-12-15 "{dept} weekly review"',
    ):
        reply = bot.command(text, team=team, user=admin)
        assert ":white_check_mark:" in reply["text"], (team, text, reply)


def posts_to(fake: FakeSlack, channel: str, since: int = 0) -> list[Call]:
    return [
        c for c in fake.calls[since:] if c.method == "chat.postMessage" and c.params.get("channel") == channel
    ]


def team_rows(db: TestDatabase, team: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the workspace, table by table (the purge must leave the other one exactly so)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if "team_id" in table.c:
                rows = conn.execute(select(table).where(table.c.team_id == team)).all()
                if rows:
                    out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def installed_teams(db: TestDatabase) -> set[str]:
    with db.engine.connect() as conn:
        return {str(t) for t in conn.execute(select(bots.c.team_id)).scalars()}


def test_two_workspaces_over_oauth_each_with_its_own_data_prompts_and_token(
    bot: OAuthBot,
    fake: FakeSlack,
    db: TestDatabase,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    t1, t2 = install(bot, "T1", user=ADMIN), install(bot, "T2", user=T2_ADMIN)
    assert t1 != t2 and installed_teams(db) == {"T1", "T2"}
    build_workspace(bot, "T1")
    build_workspace(bot, "T2")

    # Each sees only its own: the same references (PRJ-1, MSR-1) name different records.
    t1_depts = str(bot.command("dept list", team="T1"))
    t2_depts = str(bot.command("dept list", team="T2", user=T2_ADMIN))
    assert "Sales" in t1_depts and "Ops" not in t1_depts
    assert "Ops" in t2_depts and "Sales" not in t2_depts
    assert "Ops launch" in str(bot.command("status PRJ-1", team="T2", user=T2_ADMIN))
    assert "Ops launch" not in str(bot.command("status PRJ-1", team="T1"))

    # The Friday prompt: each channel once, each with its workspace's token.
    clock.set(FRIDAY)
    runs = bot.jobs().run_job("weekly-sync", at=FRIDAY)
    assert sorted((r.team_id, len(r.report.sent)) for r in runs) == [("T1", 1), ("T2", 1)]
    [sales_prompt], [ops_prompt] = posts_to(fake, SALES), posts_to(fake, OPS)
    assert fake.team_of_call(sales_prompt) == "T1" and fake.team_of_call(ops_prompt) == "T2"
    assert "Sales weekly review" in str(sales_prompt.params) and "Ops" not in str(sales_prompt.params)
    assert "Ops weekly review" in str(ops_prompt.params) and "Sales" not in str(ops_prompt.params)
    # Every Web API call spoke with an installed workspace's token, the right one for its channel.
    quiet_for(fake)
    for call in fake.calls:
        if call.method != "oauth.v2.access":
            assert fake.team_of_call(call) in ("T1", "T2"), call

    # T2 uninstalls the app: Slack revokes the token and sends app_uninstalled.
    fake.uninstall("T2")
    assert bot.event({"type": "app_uninstalled"}, event_id="EvUninstall", team="T2").status == 200
    wait_until(lambda: installed_teams(db) == {"T1"}, what="T2's installation deleted")
    mark = len(fake.calls)
    next_friday = FRIDAY + timedelta(days=7)
    clock.set(next_friday)
    runs = bot.jobs().run_job("weekly-sync", at=next_friday)
    assert [(r.team_id, len(r.report.sent)) for r in runs] == [("T1", 1)]
    clock.set(datetime(2026, 12, 16, 9, 30, tzinfo=UTC))  # both measures overdue now
    bot.jobs().run_job("nudges", at=datetime(2026, 12, 16, 9, 30, tzinfo=UTC))
    quiet_for(fake)
    assert [fake.team_of_call(c) for c in fake.calls[mark:] if fake.team_of_call(c) != "T1"] == []
    assert posts_to(fake, OPS, since=mark) == [] and posts_to(fake, "D" + T2_OWNER, since=mark) == []
    assert posts_to(fake, SALES, since=mark) and posts_to(fake, "DUOWNER", since=mark)
    # Its data stays until purged.
    assert {"department", "project", "problem", "measure"} <= set(team_rows(db, "T2"))

    # purge: a dry run first, then T2's rows go and T1's stay exactly as they were.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    before_t1, before_t2 = team_rows(db, "T1"), team_rows(db, "T2")
    assert cli.main(["purge", "--team", "T2"]) == 0
    assert team_rows(db, "T2") == before_t2
    assert cli.main(["purge", "--team", "T2", "--yes"]) == 0
    assert team_rows(db, "T2") == {}
    assert team_rows(db, "T1") == before_t1
    assert cli.main(["purge", "--team", "T2", "--yes"]) == 1  # nothing left of it


def test_tokens_revoked_stops_posting_to_that_workspace(
    bot: OAuthBot, fake: FakeSlack, db: TestDatabase, clock: FakeClock
) -> None:
    install(bot, "T1", user=ADMIN)
    install(bot, "T2", user=T2_ADMIN)
    build_workspace(bot, "T1")
    build_workspace(bot, "T2")
    fake.uninstall("T2")  # the bot token is revoked (e.g. by an admin)
    event = {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}}
    assert bot.event(event, event_id="EvRevoked", team="T2").status == 200
    wait_until(lambda: installed_teams(db) == {"T1"}, what="T2's bot token deleted")
    mark = len(fake.calls)
    clock.set(FRIDAY)
    runs = bot.jobs().run_job("weekly-sync", at=FRIDAY)
    assert [(r.team_id, len(r.report.sent)) for r in runs] == [("T1", 1)]
    assert [c for c in fake.calls[mark:] if fake.team_of_call(c) != "T1"] == []


def test_reinstall_after_uninstall_posts_again_with_the_new_token(
    bot: OAuthBot, fake: FakeSlack, db: TestDatabase, clock: FakeClock
) -> None:
    install(bot, "T2", user=T2_ADMIN)
    build_workspace(bot, "T2")
    fake.uninstall("T2")
    bot.event({"type": "app_uninstalled"}, event_id="EvGone", team="T2")
    wait_until(lambda: installed_teams(db) == set(), what="T2's installation deleted")
    new_token = install(bot, "T2", user=T2_ADMIN)
    clock.set(FRIDAY)
    bot.jobs().run_job("weekly-sync", at=FRIDAY)
    [prompt] = posts_to(fake, OPS)
    assert prompt.ok and prompt.headers["authorization"] == f"Bearer {new_token}"


def test_the_install_flow_refuses_forged_reused_and_foreign_states(
    bot: OAuthBot, fake: FakeSlack, db: TestDatabase
) -> None:
    from tests.oauth_harness import Browser

    browser = Browser()
    install(bot, "T1", browser=browser)
    # The redirect cannot be replayed: the state was consumed.
    [grant_call] = fake.calls_to("oauth.v2.access")
    again = browser.request("GET", f"{bot.url}/slack/oauth_redirect?code=x&state=whatever")
    assert again.status in (400, 401) and len(fake.calls_to("oauth.v2.access")) == 1
    # A state this deployment did not sign is refused, even with a matching cookie.
    forged = Browser(cookies={"slack-app-oauth-state": "abc.def"})
    page = forged.request("GET", f"{bot.url}/slack/oauth_redirect?code=x&state=abc.def")
    assert page.status == 401 and len(fake.calls_to("oauth.v2.access")) == 1
    # Without the install page's cookie (another browser), the callback is refused.
    stranger = Browser()
    start = Browser().request("GET", f"{bot.url}/slack/install")
    state = start.headers["set-cookie"].split("=", 1)[1].split(";")[0]
    page = stranger.request("GET", f"{bot.url}/slack/oauth_redirect?code=x&state={state}")
    assert page.status == 400 and installed_teams(db) == {"T1"}
    assert grant_call.ok


def test_the_import_matches_owners_with_the_workspaces_own_token(
    bot: OAuthBot, fake: FakeSlack, db: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With OAuth there is no SLACK_BOT_TOKEN: ``collab-bot import`` asks Slack with the token the
    workspace installed, and matches an owner written by display name."""
    install(bot, "T2", user=T2_ADMIN)
    table = write_csv(
        tmp_path / "t2.csv",
        [
            HEADER,
            [
                "Ops launch",
                "Ops",
                "info: late specs",
                "Ops / omar-owner",
                "g",
                "Review",
                "2026-12-15",
                "doing",
                "",
            ],
        ],
    )
    assert bot.settings.bot_token is None
    assert table_cli.run_import(bot.settings, path=table, team="T2", apply=True) == 0
    assert "owners: 1 matched to Slack users, 0 not matched" in capsys.readouterr().out
    with db.engine.connect() as conn:
        owners = conn.execute(select(Measure.owner_user_id).where(Measure.team_id == "T2")).scalars().all()
    assert owners == [T2_OWNER]
    assert [fake.team_of_call(c) for c in fake.calls_to("users.list")] == ["T2"]
