"""storage.workbook.workbook_data on real SQLite and PostgreSQL: the summary's counts are summed by
the database and the burn-up's changes come folded one entry per day, in the workspace's time
zone; change requests name their measures; nothing from another project or workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from storage import change_requests, measures
from storage.db import transaction
from storage.models import Measure
from storage.workbook import workbook_data
from tests import factories
from tests.dbs import TestDatabase
from tests.harness import LEAD, OWNER

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 17:30 UTC on 1 November is already 2 November in Shanghai
CREATED = datetime(2026, 11, 1, 17, 30, tzinfo=UTC)


def set_status(db: TestDatabase, m: Measure, status: str, at: datetime) -> None:
    with transaction(db.sessions) as s:
        measures.update_measure(
            s, team_id=m.team_id, measure=m, actor_user_id=OWNER, source="command", now=at, status=status
        )


def test_counts_and_burnup_per_day_in_the_workspace_zone(db: TestDatabase) -> None:
    sales, rnd = factories.department(db, "Sales"), factories.department(db, "R&D", channel="CRND")
    launch = factories.project(db, depts=[sales, rnd])
    other = factories.project(db, "Other", depts=[sales])
    prb = factories.problem(db, launch)
    first = factories.measure(db, prb, sales, "One", now=CREATED)
    second = factories.measure(db, prb, sales, "Two", now=CREATED)
    factories.measure(db, prb, rnd, "Three", now=CREATED)
    factories.measure(db, factories.problem(db, other), sales, "Elsewhere", now=CREATED)
    set_status(db, first, "done", datetime(2026, 11, 3, 2, 0, tzinfo=UTC))
    set_status(db, second, "done", datetime(2026, 11, 3, 3, 0, tzinfo=UTC))
    set_status(db, second, "doing", datetime(2026, 11, 4, 3, 0, tzinfo=UTC))  # out of done again
    set_status(db, second, "blocked", datetime(2026, 11, 5, 3, 0, tzinfo=UTC))  # no step on the burn-up
    with transaction(db.sessions) as s:
        change_requests.add_change_request(
            s,
            team_id=launch.team_id,
            project=launch,
            requested_by=LEAD,
            now=CREATED,
            measure=second,
            proposed_due=date(2027, 1, 31),
            reason="Vendor late",
        )
    # another workspace's measure on the same days counts nowhere
    theirs = factories.department(db, "Sales", team="T2")
    factories.measure(
        db,
        factories.problem(db, factories.project(db, depts=[theirs], team="T2"), team="T2"),
        theirs,
        team="T2",
        now=CREATED,
    )

    with db.sessions() as s:
        whole = workbook_data(s, team_id=launch.team_id, project_id=None, tz=SHANGHAI)
        one = workbook_data(s, team_id=launch.team_id, project_id=launch.id, tz=SHANGHAI)
        utc = workbook_data(s, team_id=launch.team_id, project_id=launch.id, tz=ZoneInfo("UTC"))

    assert whole.by_status == {
        (sales.id, "todo"): 1,
        (sales.id, "done"): 1,
        (sales.id, "blocked"): 1,
        (rnd.id, "todo"): 1,
    }
    assert whole.changes_over_time == [
        (date(2026, 11, 2), 0, 4),
        (date(2026, 11, 3), 2, 0),
        (date(2026, 11, 4), -1, 0),
    ]
    assert one.by_status == {(sales.id, "done"): 1, (sales.id, "blocked"): 1, (rnd.id, "todo"): 1}
    assert one.changes_over_time == [
        (date(2026, 11, 2), 0, 3),
        (date(2026, 11, 3), 2, 0),
        (date(2026, 11, 4), -1, 0),
    ]
    assert utc.changes_over_time[0] == (date(2026, 11, 1), 0, 3)
    assert whole.measure_refs == {second.id: f"MSR-{second.number}"}
    assert [c.ref for c in one.changes] == ["CHG-1"]
