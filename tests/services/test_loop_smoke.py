from datetime import UTC, date, datetime

from storage import queries
from storage.db import transaction
from tests.harness import HEAD, OWNER, TEAM, Bot


def seed(bot: Bot) -> None:
    with transaction(bot.db.sessions) as s:
        queries.get_workspace(s, team_id=TEAM)
        d = queries.add_department(s, team_id=TEAM, name="Sales", head_user_id=HEAD, channel_id="CSALES", created_by="X")
        p = queries.add_project(s, team_id=TEAM, name="P", goal="g", due=date(2026, 12, 31), lead_user_id="ULEAD", department_ids=[d.id], created_by="X")
        pb = queries.add_problem(s, team_id=TEAM, project=p, category="info", description="d", root_cause="", created_by="X")
        for i in range(3):
            queries.add_measure(s, team_id=TEAM, problem=pb, department=d, owner_user_id=OWNER, due=date(2026, 11, 10 + i), text=f"m{i}", deliverable="", note="", created_by="X", source="command", now=bot.clock())


def test_weekly_sync_once(bot: Bot) -> None:
    bot.fake.add_channel("CSALES", "sales")
    seed(bot)
    jobs = bot.jobs()
    at = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    runs = jobs.run_job("weekly-sync", at=at)
    assert len(runs[0].report.sent) == 1
    runs = jobs.run_job("weekly-sync", at=at)
    assert runs[0].report.already
    assert len(bot.fake.posts_to("CSALES", ok_only=True)) == 1
    runs = jobs.run_job("nudges", at=at)
    assert len(runs[0].report.sent) == 6, runs[0].report
    runs = jobs.run_job("digest", at=at)
    assert len(runs[0].report.sent) == 1
