"""The use cases called directly, against an in-memory Slack gateway (no HTTP): what they
store, what they ask of Slack, and that they never ask it inside a database transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InputError
from services import change_requests, departments, export, measures, thread_replies, workspace_settings
from services.deps import Deps
from storage import measures as measure_store
from storage import prompts as prompt_store
from storage.db import transaction
from tests import factories
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, TEAM
from tests.memory_slack import MemorySlack, transactions_open
from ui.catalogue import error_text


def stored(db: TestDatabase, measure_id: int) -> Any:
    with db.sessions() as session:
        return measure_store.get_measure_by_id(session, team_id=TEAM, measure_id=measure_id)


def measure(db: TestDatabase) -> Any:
    dept = factories.department(db, "Sales")
    project = factories.project(db, depts=[dept])
    problem = factories.problem(db, project)
    return factories.measure(db, problem, dept, due=date(2026, 11, 25))


def test_the_transaction_watch_sees_an_open_transaction(deps: Deps) -> None:
    """The rule the gateway enforces can fail: inside a transaction the count is not zero."""
    with transaction(deps.sessions) as session:
        deps.workspace(session, TEAM)
        assert transactions_open() == 1
    assert transactions_open() == 0


def test_a_slack_call_inside_a_transaction_is_caught(deps: Deps, slack: MemorySlack) -> None:
    with transaction(deps.sessions) as session, pytest.raises(AssertionError, match="inside a database"):
        deps.workspace(session, TEAM)
        slack.join("CSALES")


def test_adding_a_department_asks_slack_whether_the_person_is_an_admin(
    deps: Deps, slack: MemorySlack
) -> None:
    refused = departments.add(deps, team_id=TEAM, user_id=OTHER, name="Sales", head=HEAD, channel="CSALES")
    assert "is for workspace admins" in refused["text"]
    assert [c.args["user"] for c in slack.called("users.info")] == [OTHER]
    assert not slack.called("conversations.join")
    added = departments.add(deps, team_id=TEAM, user_id=ADMIN, name="Sales", head=HEAD, channel="CSALES")
    assert "Department *Sales* added" in added["text"]
    assert [c.args["channel"] for c in slack.called("conversations.join")] == ["CSALES"]


def test_a_private_channel_it_cannot_join_is_said(deps: Deps, slack: MemorySlack) -> None:
    slack.fail["conversations.join"] = "method_not_supported_for_channel_type"
    added = departments.add(deps, team_id=TEAM, user_id=ADMIN, name="Sales", head=HEAD, channel="GPRIV")
    assert "/invite @collab-bot" in added["text"]


def test_a_duplicate_department_is_an_input_error(deps: Deps) -> None:
    departments.add(deps, team_id=TEAM, user_id=ADMIN, name="Sales", head=HEAD, channel="CSALES")
    with pytest.raises(InputError) as caught:
        departments.add(deps, team_id=TEAM, user_id=ADMIN, name=" sales ", head=HEAD, channel="CX")
    assert (
        error_text("en", caught.value) == 'A department called " sales " already exists. Pick another name.'
    )
    assert error_text("zh", caught.value) == "部门“ sales ”已存在，请换一个名称。"


def test_the_owner_changes_a_measure_without_asking_slack(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    m = measure(db)
    reply = measures.update(deps, team_id=TEAM, user_id=OWNER, number=m.number, usage="u", status="doing")
    assert "updated" in reply["text"]
    assert not slack.called("users.info")  # being the owner decides it
    reply = measures.update(deps, team_id=TEAM, user_id=OTHER, number=m.number, usage="u", status="done")
    assert "Nothing was changed" in reply["text"]
    assert [c.args["user"] for c in slack.called("users.info")] == [OTHER]
    assert stored(db, m.id).status == "doing"


def test_an_unknown_measure_is_not_found(deps: Deps) -> None:
    with pytest.raises(InputError) as caught:
        measures.update(deps, team_id=TEAM, user_id=ADMIN, number=99, usage="usage", status="done")
    assert (caught.value.key, caught.value.usage) == ("not_found", "usage")


def test_config_changes_are_for_admins(deps: Deps, slack: MemorySlack) -> None:
    refused = workspace_settings.show_or_change(deps, team_id=TEAM, user_id=OTHER, changes={"lang": "zh"})
    assert "is for workspace admins" in refused["text"]
    saved = workspace_settings.show_or_change(deps, team_id=TEAM, user_id=ADMIN, changes={"lang": "zh"})
    assert saved["text"].startswith(":white_check_mark: 设置已保存。")


def test_the_export_goes_to_a_dm_when_the_channel_refuses_files(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    measure(db)
    slack.fail["files.upload"] = "not_in_channel"
    reply = export.upload(
        deps, team_id=TEAM, user_id=OWNER, channel_id="CGENERAL", project_number=None, fmt="csv"
    )
    assert reply is not None and "could not be uploaded" in reply["text"]
    assert [c.args["channel"] for c in slack.called("files.upload")] == ["CGENERAL", "D" + OWNER]
    del slack.fail["files.upload"]
    assert (
        export.upload(
            deps, team_id=TEAM, user_id=OWNER, channel_id="CGENERAL", project_number=None, fmt="csv"
        )
        is None
    )


def test_a_change_request_is_decided_once_by_the_lead(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    m = measure(db)
    with transaction(db.sessions) as session:
        found = measure_store.get_measure_by_id(session, team_id=TEAM, measure_id=m.id)
        from storage import change_requests as store
        from storage import projects as project_store

        request = store.add_change_request(
            session,
            team_id=TEAM,
            project=project_store.get_project_by_id(session, team_id=TEAM, project_id=found.project_id),
            measure=found,
            requested_by=OWNER,
            proposed_due=date(2026, 12, 20),
            reason="",
            now=FakeClock()(),
        )
    refused = change_requests.decide(deps, team_id=TEAM, user_id=OTHER, request_id=request.id, approved=True)
    assert refused is not None and refused.private and "is for <@ULEAD>" in refused.answer["text"]
    decided = change_requests.decide(deps, team_id=TEAM, user_id=LEAD, request_id=request.id, approved=True)
    assert decided is not None and not decided.private and "now due 2026-12-20" in decided.answer["text"]
    assert slack.called("chat.postMessage") == []  # nobody is told before the press is answered
    change_requests.announce_decision(deps, team_id=TEAM, decision=decided)
    again = change_requests.decide(deps, team_id=TEAM, user_id=LEAD, request_id=request.id, approved=False)
    assert again is not None and again.answer["text"].startswith("CHG-1 was already approved by <@ULEAD> on ")
    assert stored(db, m.id).due == date(2026, 12, 20)
    # the requester is told, and the responsible department's channel
    assert [c.args["channel"] for c in slack.called("chat.postMessage")] == [OWNER, "CSALES"]


def test_a_thread_reply_is_recorded_once_and_acknowledged_after_the_commit(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    m = measure(db)
    with transaction(db.sessions) as session:
        prompt = prompt_store.get_or_create_prompt(
            session,
            team_id=TEAM,
            department_id=m.department_id,
            channel_id="CSALES",
            period="2026-W47",
            now=FakeClock()(),
        )
        prompt_store.add_prompt_message(
            session, team_id=TEAM, prompt=prompt, part=1, ts="111.1", measure_ids=[m.id]
        )
    reply = dict(
        team_id=TEAM,
        event_id="Ev1",
        channel_id="CSALES",
        thread_ts="111.1",
        ts="112.1",
        user_id=OWNER,
        text="已完成",
    )
    outcome = thread_replies.record(deps, **reply)
    assert (outcome.kind, outcome.refs, outcome.statuses) == ("recorded", (m.ref,), ("done",))
    assert thread_replies.record(deps, **reply).kind == "duplicate"
    assert [c.args["name"] for c in slack.called("reactions.add")] == ["white_check_mark"]
    assert stored(db, m.id).status == "done"
