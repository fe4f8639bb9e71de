"""Editing, archiving and "Log as problem" called directly against the in-memory gateway: who
is asked about what, what is refused, and that Slack is never called inside a transaction."""

from __future__ import annotations

import json

import pytest

from domain.errors import InputError
from services import departments, problems
from services.deps import Deps
from storage.models import Department, Problem
from tests import factories
from tests.dbs import TestDatabase
from tests.harness import ADMIN, LEAD, OTHER, TEAM
from tests.memory_slack import MemorySlack
from ui.catalogue import error_text


def test_archiving_a_department_with_open_measures_is_refused_with_the_count(
    deps: Deps, db: TestDatabase
) -> None:
    world = factories.world(db)  # MSR-1 open in Sales
    factories.measure(db, world["problem"], world["sales"], status="done")
    with pytest.raises(InputError) as caught:
        departments.archive(deps, team_id=TEAM, user_id=ADMIN, name="sales", archived=True, usage="u")
    assert caught.value.key == "edit.dept_has_open"
    assert (caught.value.values["count"], caught.value.values["refs"]) == (1, "MSR-1")
    assert "还有 1 项未完成措施（MSR-1）" in error_text("zh", caught.value)
    assert all(d.archived_at is None for d in factories.all_rows(db, Department))
    # R&D has none: archived
    reply = departments.archive(deps, team_id=TEAM, user_id=ADMIN, name="R&D", archived=True, usage="u")
    assert "archived" in reply["text"]


def test_renaming_onto_another_departments_name_is_refused(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    factories.world(db)
    with pytest.raises(InputError) as caught:
        departments.change(deps, team_id=TEAM, user_id=ADMIN, name="Sales", usage="u", new_name="r&d")
    assert caught.value.key == "dept_exists"
    assert sorted(d.name for d in factories.all_rows(db, Department)) == ["R&D", "Sales"]
    refused = departments.change(deps, team_id=TEAM, user_id=OTHER, name="Sales", usage="u", new_name="X")
    assert "is for workspace admins" in refused["text"]


def test_the_lead_changes_a_problem_without_asking_slack(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    factories.world(db)
    reply = problems.change(deps, team_id=TEAM, user_id=LEAD, number=1, usage="u", cause="No owner")
    assert "updated" in reply["text"] and not slack.called("users.info")
    refused = problems.change(deps, team_id=TEAM, user_id=OTHER, number=1, usage="u", cause="Mine")
    assert "Nothing was changed" in refused["text"]
    assert [c.args["user"] for c in slack.called("users.info")] == [OTHER]
    admin = problems.change(deps, team_id=TEAM, user_id=ADMIN, number=1, usage="u", category="roles")
    assert "updated" in admin["text"]
    [problem] = factories.all_rows(db, Problem)
    assert (problem.root_cause, problem.category) == ("No owner", "roles")


def test_log_as_problem_asks_for_the_permalink_outside_a_transaction(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    factories.world(db)
    answer = problems.open_from_message(
        deps,
        team_id=TEAM,
        trigger_id="t1",
        channel_id="CGEN",
        message_ts="1700000000.000200",
        text="a &amp; b",
    )
    assert answer is None
    [opened] = slack.called("views.open")
    meta = json.loads(opened.args["view"]["private_metadata"])
    assert meta == {"channel": "CGEN", "link": "https://acme.slack.com/archives/CGEN/p1700000000000200"}
    slack.fail["chat.getPermalink"] = "channel_not_found"
    problems.open_from_message(
        deps, team_id=TEAM, trigger_id="t2", channel_id="DX", message_ts="1.2", text="x"
    )
    assert json.loads(slack.called("views.open")[1].args["view"]["private_metadata"])["link"] == ""
