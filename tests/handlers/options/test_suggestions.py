"""Long lists in the forms: past MAX_OPTIONS (100) entries a select becomes an external select, and
the bot answers Slack's ``block_suggestion`` requests with the entries matching what is typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from slackfake import validate_view
from storage.models import Department, Measure, Problem, Project
from tests import factories
from tests.harness import ADMIN, LEAD, OWNER, Bot

T2 = "T2"


def open_form(bot: Bot, text: str, *, user: str = ADMIN) -> dict[str, Any]:
    """Run ``/collab <text>`` and return the modal it opened (matched by trigger_id), checked
    the way Slack checks ``views.open``."""
    result, form = bot.send_command(text, user=user)
    assert result.status == 200
    [call] = bot.fake.wait_for("views.open", predicate=lambda c: c.params["trigger_id"] == form["trigger_id"])
    assert call.ok, call.response
    view: dict[str, Any] = call.params["view"]
    assert validate_view(view) == []
    return view


def element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    [block] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    assert block["type"] == "input"
    el: dict[str, Any] = block["element"]
    return el


def external(action_id: str, placeholder: str, *, multi: bool = False) -> dict[str, Any]:
    return {
        "type": "multi_external_select" if multi else "external_select",
        "action_id": action_id,
        "min_query_length": 0,
        "placeholder": {"type": "plain_text", "text": placeholder, "emoji": True},
    }


def options(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The options of a suggestion answer, checked against Slack's limits."""
    assert set(answer) == {"options"}, answer
    opts: list[dict[str, Any]] = answer["options"]
    assert len(opts) <= 100
    for o in opts:
        assert set(o) == {"text", "value"}, o
        assert o["text"]["type"] == "plain_text"
        assert 1 <= len(o["text"]["text"]) <= 75, o
        assert isinstance(o["value"], str) and 1 <= len(o["value"]) <= 150, o
    return opts


def values(answer: dict[str, Any]) -> list[str]:
    return [o["value"] for o in options(answer)]


def texts(answer: dict[str, Any]) -> list[str]:
    return [o["text"]["text"] for o in options(answer)]


def nums(*numbers: int | range) -> list[str]:
    out: list[str] = []
    for n in numbers:
        out.extend(str(i) for i in (n if isinstance(n, range) else [n]))
    return out


def confirmation(bot: Bot) -> str:
    [call] = bot.fake.wait_for("chat.postEphemeral")
    assert call.ok, call.response
    text: str = call.params["text"]
    return text


# ---------------------------------------------------------------- projects (problem form)

LONG_NAME = "Office move — " + "long name " * 18
PROJECT_NAMES = [
    "Legacy billing MIGRATION",  # PRJ-1: the oldest, beyond the newest 100
    "100% uptime",  # PRJ-2
    "snake_case rollout",  # PRJ-3
    LONG_NAME,  # PRJ-4
    *["Bulk project"] * 100,  # PRJ-5 … PRJ-104
    "Data migration",  # PRJ-105
]


@pytest.fixture
def many_projects(bot: Bot) -> list[Project]:
    sales = factories.department(bot.db, "Sales")
    made = factories.projects(bot.db, PROJECT_NAMES, depts=[sales])
    # another workspace, with names that would match the same searches
    factories.projects(bot.db, ["Migration elsewhere", "50% off", "under_score"], team=T2)
    return made


def test_problem_form_searches_projects_past_a_static_select(bot: Bot, many_projects: list[Project]) -> None:
    view = open_form(bot, "problem add")
    assert element(view, "project") == external("project_search", "Type a name or PRJ-n to search")
    assert element(view, "category")["type"] == "static_select"  # short lists stay as they are


def test_project_suggestions(bot: Bot, many_projects: list[Project]) -> None:
    def suggest(value: str, team: str = "T1") -> dict[str, Any]:
        return bot.suggest("project_search", "project", value, team=team, view=open_view)

    open_view = open_form(bot, "problem add")
    # nothing typed yet (min_query_length 0): the newest 100
    answer = suggest("")
    assert values(answer) == nums(range(105, 5, -1))
    assert texts(answer)[:2] == ["PRJ-105 Data migration", "PRJ-104 Bulk project"]
    # a name fragment, in any case, anywhere in the name
    assert texts(suggest("MiGrAtIoN")) == ["PRJ-105 Data migration", "PRJ-1 Legacy billing MIGRATION"]
    assert values(suggest("ing mig")) == ["1"]
    # the reference, or only its number: the exact one first, then the rest newest first
    assert values(suggest("PRJ-3")) == nums(3, range(39, 29, -1))
    assert values(suggest("prj-3 ")) == nums(3, range(39, 29, -1))
    assert values(suggest("3")) == nums(3, 103, 93, 83, 73, 63, 53, 43, range(39, 29, -1), 23, 13)
    assert values(suggest("J-10")) == nums(range(105, 99, -1), 10)
    # LIKE wildcards typed by the user are plain characters
    assert texts(suggest("%")) == ["PRJ-2 100% uptime"]
    assert texts(suggest("_")) == ["PRJ-3 snake_case rollout"]
    assert values(suggest("0%")) == ["2"]
    assert values(suggest("nothing like it")) == []
    # long names are cut to Slack's 75 characters
    [long] = texts(suggest("office move"))
    assert len(long) == 75 and long.endswith("…") and long.startswith("PRJ-4 Office move — long name")
    # only the workspace's own projects
    assert "elsewhere" not in " ".join(texts(suggest("")) + texts(suggest("migration")))
    assert values(suggest("elsewhere")) == []
    assert texts(suggest("", team=T2)) == ["PRJ-3 under_score", "PRJ-2 50% off", "PRJ-1 Migration elsewhere"]
    assert texts(suggest("migration", team=T2)) == ["PRJ-1 Migration elsewhere"]
    assert values(suggest("", team="T3")) == []


def test_problem_logged_on_an_old_project_picked_by_search(bot: Bot, many_projects: list[Project]) -> None:
    view = open_form(bot, "problem add", user=OWNER)
    [picked] = options(bot.suggest("project_search", "project", "legacy", user=OWNER, view=view))
    result = bot.submit_view(
        view, {"project": picked, "category": "info", "description": "Old invoices"}, user=OWNER
    )
    assert (result.status, result.body) == (200, "")
    assert confirmation(bot) == ":white_check_mark: *PRB-1* logged on PRJ-1: Old invoices"
    [problem] = factories.all_rows(bot.db, Problem)
    assert (problem.project_id, problem.description, problem.team_id) == (
        many_projects[0].id,
        "Old invoices",
        "T1",
    )


# ---------------------------------------------------------------- problems (measure form)

PROBLEM_TEXTS = [
    "Approvals take two weeks",  # PRB-1, on PRJ-1
    "Budget 50% short",  # PRB-2, on PRJ-2 (as all the others but the last)
    "no owner_of specs",  # PRB-3
    *["Bulk problem"] * 101,  # PRB-4 … PRB-104
    "Approvals again",  # PRB-105, on PRJ-1
]


@pytest.fixture
def many_problems(bot: Bot) -> dict[str, Any]:
    sales = factories.department(bot.db, "Sales")
    first, second = factories.projects(bot.db, ["First", "Second"], depts=[sales])
    made = factories.problems(bot.db, first, PROBLEM_TEXTS[:1])
    made += factories.problems(bot.db, second, PROBLEM_TEXTS[1:-1])
    made += factories.problems(bot.db, first, PROBLEM_TEXTS[-1:])
    [other] = factories.projects(bot.db, ["Elsewhere"], team=T2)
    factories.problems(bot.db, other, ["Approvals elsewhere", "Budget 10% over"], team=T2)
    return {"sales": sales, "problems": made}


def test_measure_form_searches_problems_past_a_static_select(bot: Bot, many_problems: dict[str, Any]) -> None:
    view = open_form(bot, "measure add")
    assert element(view, "problem") == external(
        "problem_search", "Type words of the problem or PRB-n to search"
    )
    assert element(view, "dept")["type"] == "static_select"


def test_problem_suggestions(bot: Bot, many_problems: dict[str, Any]) -> None:
    def suggest(value: str, team: str = "T1") -> dict[str, Any]:
        return bot.suggest("problem_search", "problem", value, team=team, view=open_view)

    open_view = open_form(bot, "measure add")
    answer = suggest("")
    assert values(answer) == nums(range(105, 5, -1))
    assert texts(answer)[:2] == ["PRB-105 (PRJ-1) Approvals again", "PRB-104 (PRJ-2) Bulk problem"]
    assert texts(suggest("APPROVALS")) == [
        "PRB-105 (PRJ-1) Approvals again",
        "PRB-1 (PRJ-1) Approvals take two weeks",
    ]
    assert values(suggest("PRB-1")) == nums(1, range(105, 99, -1), range(19, 9, -1))
    with_1 = [n for n in range(105, 1, -1) if "1" in str(n)]  # 105 … 100, 91, 81, …, 21, 19 … 10
    assert len(with_1) == 24
    assert values(suggest("1")) == nums(1, *with_1)
    # the project's reference, shown in every option, finds its problems
    assert values(suggest("prj-1")) == ["105", "1"]
    assert texts(suggest("%")) == ["PRB-2 (PRJ-2) Budget 50% short"]
    assert texts(suggest("_")) == ["PRB-3 (PRJ-2) no owner_of specs"]
    assert values(suggest("elsewhere")) == []
    assert texts(suggest("", team=T2)) == [
        "PRB-2 (PRJ-1) Budget 10% over",
        "PRB-1 (PRJ-1) Approvals elsewhere",
    ]


def test_measure_added_to_an_old_problem_picked_by_search(bot: Bot, many_problems: dict[str, Any]) -> None:
    view = open_form(bot, "measure add", user=LEAD)
    answer = bot.suggest("problem_search", "problem", "PRB-1", user=LEAD, view=view)
    picked = options(answer)[0]
    assert picked == {
        "text": {"type": "plain_text", "text": "PRB-1 (PRJ-1) Approvals take two weeks", "emoji": True},
        "value": "1",
    }
    good = {
        "problem": picked,
        "text": "Weekly approvals slot",
        "owner": OWNER,
        "dept": str(many_problems["sales"].id),
        "due": "2026-12-01",
    }
    result = bot.submit_view(view, good, user=LEAD)
    assert (result.status, result.body) == (200, "")
    assert confirmation(bot) == (
        ":white_check_mark: *MSR-1* added to PRB-1 — owner <@UOWNER>, due 2026-12-01."
    )
    [measure] = factories.all_rows(bot.db, Measure)
    assert measure.problem_id == many_problems["problems"][0].id


# ---------------------------------------------------------------- departments (project and measure forms)

DEPT_NAMES = [
    "Sales",  # the oldest, beyond the newest 100
    "R&D 研发部",
    "Marketing 100%",
    "field_ops",
    "Sales Ops",
    *[f"Dept {i:03d}" for i in range(1, 97)],  # the newest: Dept 096
]


@pytest.fixture
def many_depts(bot: Bot) -> list[Department]:
    made = factories.departments(bot.db, DEPT_NAMES)
    factories.departments(bot.db, ["Sales East", "ops_2"], team=T2)
    return made


def test_forms_search_departments_past_a_static_select(bot: Bot, many_depts: list[Department]) -> None:
    hint = "Type a department name to search"
    view = open_form(bot, "project add")
    assert element(view, "depts") == external("dept_search", hint, multi=True)
    [prj] = factories.projects(bot.db, ["P"])
    factories.problem(bot.db, prj)
    view = open_form(bot, "measure add")
    assert element(view, "dept") == external("dept_search", hint)
    assert element(view, "problem")["type"] == "static_select"


@pytest.mark.parametrize("block_id", ["depts", "dept"])
def test_department_suggestions(bot: Bot, many_depts: list[Department], block_id: str) -> None:
    def suggest(value: str, team: str = "T1") -> dict[str, Any]:
        return bot.suggest("dept_search", block_id, value, team=team)

    by_name = {d.name: str(d.id) for d in many_depts}
    answer = suggest("")
    assert values(answer) == [str(d.id) for d in reversed(many_depts)][:100]
    assert texts(answer)[0] == "Dept 096" and "Sales" not in texts(answer)
    assert texts(suggest("sales")) == ["Sales Ops", "Sales"]
    assert values(suggest("研发")) == [by_name["R&D 研发部"]]
    assert texts(suggest("r&d")) == ["R&D 研发部"]
    assert texts(suggest("%")) == ["Marketing 100%"]
    assert texts(suggest("_")) == ["field_ops"]
    assert texts(suggest("dept 01")) == [f"Dept {i:03d}" for i in range(19, 9, -1)]
    assert values(suggest("east")) == []
    assert texts(suggest("", team=T2)) == ["ops_2", "Sales East"]


def test_project_created_with_departments_picked_by_search(bot: Bot, many_depts: list[Department]) -> None:
    view = open_form(bot, "project add", user=LEAD)
    [sales_ops, sales] = options(bot.suggest("dept_search", "depts", "sales", user=LEAD, view=view))
    [rnd] = options(bot.suggest("dept_search", "depts", "研发", user=LEAD, view=view))
    values = {"name": "Launch", "goal": "Q3", "due": "2026-12-31", "lead": LEAD, "depts": [sales, rnd]}
    result = bot.submit_view(view, values, user=LEAD)
    assert (result.status, result.body) == (200, "")
    assert confirmation(bot) == ":white_check_mark: *PRJ-1* created: Launch"
    assert factories.project_dept_names(bot.db, 1) == ["R&D 研发部", "Sales"]
    assert sales_ops["text"]["text"] == "Sales Ops"


def test_measure_filed_under_a_department_picked_by_search(bot: Bot, many_depts: list[Department]) -> None:
    [prj] = factories.projects(bot.db, ["P"])
    factories.problem(bot.db, prj)
    view = open_form(bot, "measure add", user=LEAD)
    [picked] = options(bot.suggest("dept_search", "dept", "field", user=LEAD, view=view))
    good = {"problem": "1", "text": "T", "owner": OWNER, "dept": picked, "due": "2026-12-01"}
    result = bot.submit_view(view, good, user=LEAD)
    assert (result.status, result.body) == (200, "")
    [measure] = factories.all_rows(bot.db, Measure)
    assert measure.department_id == many_depts[3].id


# ---------------------------------------------------------------- the boundary


def _projects(db: Any, n: int) -> None:
    factories.projects(db, ["Project"] * n)


def _problems(db: Any, n: int) -> None:
    if not factories.all_rows(db, Project):
        factories.department(db, "Sales")
        factories.project(db)
    [prj] = factories.all_rows(db, Project)
    factories.problems(db, prj, ["Problem"] * n)


def _depts(db: Any, n: int) -> None:
    start = len(factories.all_rows(db, Department))
    factories.departments(db, [f"D{start + i:04d}" for i in range(n)])


def _depts_with_a_problem(db: Any, n: int) -> None:
    if not factories.all_rows(db, Project):
        factories.problem(db, factories.project(db))
    _depts(db, n)


BOUNDARY: dict[str, tuple[str, str, Callable[[Any, int], None]]] = {
    "problem form, projects": ("problem add", "project", _projects),
    "measure form, problems": ("measure add", "problem", _problems),
    "project form, departments": ("project add", "depts", _depts),
    "measure form, departments": ("measure add", "dept", _depts_with_a_problem),
}


@pytest.mark.parametrize("case", list(BOUNDARY))
def test_up_to_100_entries_the_select_stays_static(bot: Bot, case: str) -> None:
    command, block_id, add = BOUNDARY[case]
    add(bot.db, 100)
    static = element(open_form(bot, command), block_id)
    assert static["type"] in ("static_select", "multi_static_select")
    assert static["action_id"] == "v" and len(static["options"]) == 100
    add(bot.db, 1)
    searched = element(open_form(bot, command), block_id)
    assert searched["type"] == static["type"].replace("static", "external")
    assert "options" not in searched and searched["min_query_length"] == 0


def test_manifest_sends_menu_options_to_the_events_url() -> None:
    """Slack sends ``block_suggestion`` to the interactivity's options load URL, not its request
    URL: the manifest names it, the same ``/slack/events``."""
    manifest = (Path(__file__).parents[3] / "slack-manifest.yml").read_text()
    interactivity = manifest.split("\n  interactivity:\n", 1)[1].split("\n  org_deploy_enabled:", 1)[0]
    settings = dict(
        line.strip().split(": ", 1)
        for line in interactivity.splitlines()
        if line.strip() and not line.strip().startswith("#")
    )
    assert settings == {
        "is_enabled": "true",
        "request_url": "https://YOUR-HOST/slack/events",
        "message_menu_options_url": "https://YOUR-HOST/slack/events",
    }
