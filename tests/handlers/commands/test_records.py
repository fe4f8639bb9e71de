"""Projects, problems and measures typed inline: `/collab project|problem|measure …`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from storage.models import Measure, MeasureEvent, Problem, Project, ProjectDepartment
from tests import factories
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, TEAM, Bot
from tests.slacktext import body, sections

PROJECT = (
    "project add “新产品上线” goal=“第三季度上线，转化率提升 15%” due=2026-12-31 "
    "lead=<@ULEAD|lee> depts=销售部，研发部"
)


@pytest.fixture
def depts(bot: Bot) -> dict[str, Any]:
    return {
        "sales": factories.department(bot.db, "销售部", head=HEAD, channel="CSALES"),
        "rnd": factories.department(bot.db, "研发部", head="URNDHEAD", channel="CRND"),
        "ops": factories.department(bot.db, "Ops", head="UOPSHEAD", channel="COPS"),
    }


def projects(bot: Bot, team: str = TEAM) -> list[tuple[int, str, str, date, str]]:
    return [
        (p.number, p.name, p.goal, p.due, p.lead_user_id)
        for p in factories.all_rows(bot.db, Project, team=team)
    ]


# ---------------------------------------------------------------- projects


def test_project_add_inline(bot: Bot, depts: dict[str, Any]) -> None:
    reply = bot.command(PROJECT, user=OTHER)
    assert reply["text"] == ":white_check_mark: *PRJ-1* created: 新产品上线"
    assert projects(bot) == [(1, "新产品上线", "第三季度上线，转化率提升 15%", date(2026, 12, 31), LEAD)]
    assert factories.project_dept_names(bot.db, 1) == ["研发部", "销售部"]
    [p] = factories.all_rows(bot.db, Project)
    assert p.created_by == OTHER

    reply = bot.command(
        'project add "CRM &amp; billing" goal="one invoice flow" due=2027-01-15 lead=<@UOWNER|olga> depts=ops,销售部'
    )
    assert reply["text"] == ":white_check_mark: *PRJ-2* created: CRM &amp; billing"
    assert [n for n, *_ in projects(bot)] == [1, 2]
    assert factories.project_dept_names(bot.db, 2) == ["Ops", "销售部"]


BAD_PROJECT_FIELDS = [
    (
        "depts=销售部，财务部",
        ':warning: There is no department called "财务部". Known departments: Ops, 研发部, 销售部.',
    ),
    (
        "due=2026-11-19",
        ":warning: due=2026-11-19 is in the past (today is 2026-11-20) — give a date from today on",
    ),
    (
        "due=2026-02-30",
        ':warning: due "2026-02-30" is not a valid date — write it as YYYY-MM-DD, e.g. 2026-12-31',
    ),
    ("due=next-friday", ':warning: due "next-friday" is not a valid date'),
    ("goal=", ":warning: goal= is empty"),
    ("goal=DROP", ":warning: missing goal=… — usage: /collab project add"),
    ("depts=DROP", ":warning: missing depts=…"),
    ("lead=lee", ':warning: "lee" is not a person'),
    ("name=", ":warning: missing the project name (in quotes)"),
    (f"name=“{'名' * 201}”", ":warning: project name is 201 characters; the limit is 200"),
]


def test_bad_project_add_changes_nothing(bot: Bot, depts: dict[str, Any]) -> None:
    for args, expected in BAD_PROJECT_FIELDS:
        fields = {
            "name": "“新产品上线”",
            "goal": "goal=“上线”",
            "due": "due=2026-12-31",
            "lead": "lead=<@ULEAD|lee>",
            "depts": "depts=销售部",
        }
        key, _, value = args.partition("=")
        if value == "DROP":
            del fields[key]
        else:
            fields[key] = value if key == "name" else args
        reply = bot.command("project add " + " ".join(fields.values()))
        assert reply["text"].startswith(expected), (args, reply["text"])
        assert projects(bot) == [], args
        assert factories.all_rows(bot.db, ProjectDepartment) == [], args
    # the reference counter did not move: the next project is still PRJ-1
    assert "*PRJ-1*" in bot.command(PROJECT)["text"]


def test_project_list(bot: Bot, depts: dict[str, Any]) -> None:
    reply = bot.command("project list")
    assert reply["text"] == "No projects yet. Add one with `/collab project add` (opens a form)."
    bot.command(PROJECT)
    bot.command('project add "Late one" goal="x" due=2026-11-20 lead=<@UOWNER|o> depts=Ops')
    prb = factories.problem(bot.db, factories.all_rows(bot.db, Project)[0])
    factories.measure(bot.db, prb, depts["sales"])
    factories.measure(bot.db, prb, depts["sales"], status="done")
    bot.clock.advance(days=1)  # PRJ-2 is now overdue
    reply = bot.command("project list", user=OTHER)
    assert reply["blocks"][0]["text"]["text"] == "Projects"
    assert sections(reply) == [
        "*PRJ-1* 新产品上线 — <@ULEAD> · Due 2026-12-31\n"
        "    第三季度上线，转化率提升 15%\n"
        "    研发部、销售部 · 1 PRB · 1/2 MSR open\n"
        "*PRJ-2* Late one — <@UOWNER> · Due 2026-11-20 *(overdue)*\n"
        "    x\n"
        "    Ops · 0 PRB · 0/0 MSR open"
    ]


# ---------------------------------------------------------------- problems


@pytest.fixture
def project(bot: Bot, depts: dict[str, Any]) -> Project:
    return factories.project(bot.db, depts=[depts["sales"], depts["rnd"]])


def test_problem_add_inline_with_chinese_category(bot: Bot, project: Project) -> None:
    reply = bot.command(
        "problem add PRJ-1 流程机制 “审批链太长，平均要两周” cause=“没有明确的审批负责人”", user=OWNER
    )
    assert reply["text"] == ":white_check_mark: *PRB-1* logged on PRJ-1: 审批链太长，平均要两周"
    reply = bot.command('problem add prj1 info "Specs arrive late" ')
    assert reply["text"] == ":white_check_mark: *PRB-2* logged on PRJ-1: Specs arrive late"
    rows = [
        (p.number, p.project_id, p.category, p.description, p.root_cause, p.created_by)
        for p in factories.all_rows(bot.db, Problem)
    ]
    assert rows == [
        (1, project.id, "process", "审批链太长，平均要两周", "没有明确的审批负责人", OWNER),
        (2, project.id, "info", "Specs arrive late", "", ADMIN),
    ]


BAD_PROBLEM_ADD = [
    (
        'problem add PRJ-9 process "x"',
        ":warning: There is no PRJ-9 in this workspace.\nUsage: `/collab project list`",
    ),
    (
        'problem add PRJ-1 misc "x"',
        ':warning: unknown category "misc" — use one of: info (信息传递), roles (责任分工), '
        "process (流程机制), resources (资源支持)",
    ),
    (
        'problem add PRB-1 process "x"',
        ':warning: "PRB-1" is not a project reference — write PRJ-&lt;number&gt;',
    ),
    ("problem add PRJ-1 process", ":warning: give the project, the category and the description"),
    ('problem add PRJ-1 process "x" owner=<@U1>', ':warning: unknown option "owner="'),
    ('problem add PRJ-1 process "unclosed', ":warning: unclosed quote"),
]


def test_bad_problem_add_changes_nothing(bot: Bot, project: Project) -> None:
    for text, expected in BAD_PROBLEM_ADD:
        reply = bot.command(text)
        assert reply["text"].startswith(expected), (text, reply["text"])
    assert factories.all_rows(bot.db, Problem) == []
    assert bot.command('problem add PRJ-1 process "x"')["text"].startswith(":white_check_mark: *PRB-1*")


def test_text_over_the_limit_is_rejected(bot: Bot, project: Project) -> None:
    reply = bot.command(f'problem add PRJ-1 process "{"长" * 2001}"')
    assert reply["text"] == ":warning: description is 2001 characters; the limit is 2000"
    reply = bot.command(f'problem add PRJ-1 process "ok" cause="{"x" * 2001}"')
    assert reply["text"] == ":warning: cause is 2001 characters; the limit is 2000"
    assert factories.all_rows(bot.db, Problem) == []
    reply = bot.command(f'problem add PRJ-1 process "{"长" * 2000}"')
    assert reply["text"].startswith(":white_check_mark: *PRB-1*")


# ---------------------------------------------------------------- measures


MEASURE = (
    "measure add PRB-1 owner=<@UOWNER|olga> dept=销售部 due=2026-12-15 “每周一次跨部门例会” "
    "deliverable=“会议纪要发到 wiki” note=“从下周一开始”"
)


@pytest.fixture
def problem(bot: Bot, project: Project) -> Problem:
    return factories.problem(bot.db, project)


def test_measure_add_inline_records_history(bot: Bot, problem: Problem, depts: dict[str, Any]) -> None:
    reply = bot.command(MEASURE, user=LEAD)
    assert reply["text"] == ":white_check_mark: *MSR-1* added to PRB-1 — owner <@UOWNER>, due 2026-12-15."
    [m] = factories.all_rows(bot.db, Measure)
    assert (m.number, m.problem_id, m.project_id, m.department_id, m.owner_user_id) == (
        1,
        problem.id,
        problem.project_id,
        depts["sales"].id,
        OWNER,
    )
    assert (m.due, m.text, m.deliverable, m.note, m.status, m.created_by, m.created_at, m.done_at) == (
        date(2026, 12, 15),
        "每周一次跨部门例会",
        "会议纪要发到 wiki",
        "从下周一开始",
        "todo",
        LEAD,
        bot.clock(),
        None,
    )
    [event] = factories.history(bot.db, 1)
    assert (
        event.kind,
        event.actor_user_id,
        event.at,
        event.from_value,
        event.to_value,
        event.note,
        event.source,
    ) == (
        "created",
        LEAD,
        bot.clock(),
        None,
        "todo",
        "从下周一开始",
        "command",
    )
    reply = bot.command('measure add PRB-1 owner=<@UHEAD|h> dept=ops due=2026-11-20 "Second"')
    assert reply["text"].startswith(":white_check_mark: *MSR-2* added to PRB-1")


BAD_MEASURE_CHANGES = [
    (
        "dept=财务部",
        ':warning: There is no department called "财务部". Known departments: Ops, 研发部, 销售部.',
    ),
    ("due=2026-11-01", ":warning: due=2026-11-01 is in the past"),
    ("owner=olga", ':warning: "olga" is not a person'),
    ("PRB-1=PRB-7", ":warning: There is no PRB-7 in this workspace."),
    ("PRB-1=PRJ-1", ':warning: "PRJ-1" is not a problem reference'),
    ("text=", ':warning: missing the measure text (in quotes, e.g. "weekly sync meeting")'),
    ("deliverable=" + "x" * 2001, ":warning: deliverable is 2001 characters; the limit is 2000"),
]


def test_bad_measure_add_changes_nothing(bot: Bot, problem: Problem) -> None:
    for change, expected in BAD_MEASURE_CHANGES:
        key, _, value = change.partition("=")
        text = MEASURE
        if key == "PRB-1":
            text = text.replace("PRB-1", value)
        elif key == "text":
            text = text.replace("“每周一次跨部门例会” ", "")
        elif key == "deliverable":
            text = text.replace("“会议纪要发到 wiki”", f'"{value}"')
        else:
            text = " ".join(f"{key}={value}" if w.startswith(f"{key}=") else w for w in text.split(" "))
        reply = bot.command(text)
        assert reply["text"].startswith(expected), (change, reply["text"])
        assert factories.all_rows(bot.db, Measure) == [], change
        assert factories.all_rows(bot.db, MeasureEvent) == [], change


def test_an_unquoted_department_name_with_spaces_is_caught(bot: Bot, problem: Problem) -> None:
    # "Sales" and "Sales Ops" both exist: dept=Sales Ops reads as dept=Sales + the word "Ops"
    sales = factories.department(bot.db, "Sales", head=HEAD, channel="CS1")
    sales_ops = factories.department(bot.db, "Sales Ops", head=HEAD, channel="CS2")
    unquoted = "measure add PRB-1 owner=<@UOWNER|olga> dept=Sales Ops due=2026-12-15 “Weekly sync”"
    reply = bot.command(unquoted)
    assert reply["text"].startswith(
        ':warning: dept=Sales is followed by "Ops": did you mean the department "Sales Ops"? '
        'Put a name with spaces in quotes: dept="Sales Ops". Nothing was saved.'
    ), reply["text"]
    assert factories.all_rows(bot.db, Measure) == []
    # the same when only "Sales Ops" exists (no silent "Sales"), and for a project's list
    project = bot.command(
        'project add "CRM" goal="one flow" due=2027-01-15 lead=<@ULEAD|l> depts=销售部,Sales Ops, 研发部'
    )
    assert project["text"].startswith(':warning: depts=Sales is followed by "Ops": did you mean'), project
    assert len(factories.all_rows(bot.db, Project)) == 1
    # quoted, the name is the department; a quoted text right after an unquoted name is text
    bot.command(unquoted.replace("dept=Sales Ops", 'dept="Sales Ops"'))
    bot.command("measure add PRB-1 owner=<@UOWNER|olga> dept=Sales “Ops review” due=2026-12-15")
    measures = factories.all_rows(bot.db, Measure)
    assert [(m.text, m.department_id) for m in measures] == [
        ("Weekly sync", sales_ops.id),
        ("Ops review", sales.id),
    ]


# ---------------------------------------------------------------- measure set


@pytest.fixture
def msr(bot: Bot, problem: Problem, depts: dict[str, Any]) -> Measure:
    # owner OWNER, department 销售部 (head HEAD), project lead LEAD
    return factories.measure(bot.db, problem, depts["sales"], note="first note")


def events(bot: Bot, number: int = 1) -> list[tuple[str, str, Any, str | None, str | None, str, str]]:
    return [
        (e.kind, e.actor_user_id, e.at, e.from_value, e.to_value, e.note, e.source)
        for e in factories.history(bot.db, number)
    ]


def test_measure_set_by_allowed_people(bot: Bot, msr: Measure) -> None:
    # the owner, the head of the measure's department, the project lead, a Slack admin
    steps = [
        (OWNER, "doing", "Not started → *In progress*"),
        (HEAD, "blocked", "In progress → *Blocked*"),
        (LEAD, "done", "Blocked → *Done*"),
        (ADMIN, "todo", "Done → *Not started*"),
    ]
    previous = "todo"
    for user, status, change in steps:
        reply = bot.command(f"measure set MSR-1 status={status}", user=user)
        assert reply["text"] == f":pencil2: *MSR-1* updated: {change}", user
        assert factories.get_measure(bot.db, 1).status == status
        assert events(bot)[-1] == ("status", user, bot.clock(), previous, status, "", "command")
        previous = status
    assert len(events(bot)) == 5


def test_measure_set_by_someone_else_is_refused(bot: Bot, msr: Measure) -> None:
    before = factories.get_measure(bot.db, 1).model_dump()
    reply = bot.command('measure set MSR-1 status=done owner=<@UOTHER|me> note="mine now"', user=OTHER)
    assert reply["text"] == (
        ":no_entry: Changing MSR-1 is for the measure's owner, their department head, the project lead "
        "or an admin. Nothing was changed."
    )
    assert factories.get_measure(bot.db, 1).model_dump() == before
    assert [e[0] for e in events(bot)] == ["created"]


def test_change_summary_in_a_chinese_workspace(bot: Bot, msr: Measure) -> None:
    bot.command("config lang=zh", user=ADMIN)
    reply = bot.command('measure set MSR-1 status=进行中 due=2027-01-10 note="已启动"', user=OWNER)
    assert reply["text"] == (
        ":pencil2: *MSR-1* 已更新：未开始 → *进行中* · 截止日期 2026-12-31 → *2027-01-10* · 备注：已启动"
    )


def test_every_change_is_kept_as_history(bot: Bot, msr: Measure) -> None:
    t0 = bot.clock()
    reply = bot.command('measure set MSR-1 status=进行中 note="kicked off"', user=OWNER)
    assert reply["text"] == ":pencil2: *MSR-1* updated: Not started → *In progress* · note: kicked off"
    bot.clock.advance(days=2)
    t1 = bot.clock()
    reply = bot.command("measure set MSR-1 due=2027-01-10 owner=<@UHEAD|hank>", user=HEAD)
    assert reply["text"] == ":pencil2: *MSR-1* updated: due 2026-12-31 → *2027-01-10* · <@UOWNER> → <@UHEAD>"
    bot.clock.advance(hours=3)
    t2 = bot.clock()
    reply = bot.command("measure set MSR-1 status=已完成", user=LEAD)
    assert reply["text"] == ":pencil2: *MSR-1* updated: In progress → *Done*"
    reply = bot.command("measure set MSR-1 status=done", user=LEAD)
    assert reply["text"] == "*MSR-1* already has those values; nothing changed."

    assert events(bot) == [
        ("created", "ULEAD", t0, None, "todo", "first note", "command"),
        ("status", OWNER, t0, "todo", "doing", "kicked off", "command"),
        ("note", OWNER, t0, "first note", "kicked off", "kicked off", "command"),
        ("due", HEAD, t1, "2026-12-31", "2027-01-10", "", "command"),
        ("owner", HEAD, t1, OWNER, HEAD, "", "command"),
        ("status", LEAD, t2, "doing", "done", "", "command"),
    ]
    m = factories.get_measure(bot.db, 1)
    assert (m.status, m.due, m.owner_user_id, m.note, m.updated_at, m.done_at) == (
        "done",
        date(2027, 1, 10),
        HEAD,
        "kicked off",
        t2,
        t2,
    )
    # the old owner may no longer change it; the new one may
    assert bot.command("measure set MSR-1 status=doing", user=OWNER)["text"].startswith(":no_entry:")
    assert bot.command("measure set MSR-1 status=doing", user=HEAD)["text"].startswith(":pencil2:")
    assert factories.get_measure(bot.db, 1).done_at is None


BAD_MEASURE_SET = [
    ("measure set MSR-99 status=done", ":warning: There is no MSR-99 in this workspace."),
    ("measure set MSR-1 status=finito", ':warning: unknown status "finito" — use one of: todo (未开始)'),
    (
        "measure set MSR-1",
        ":warning: say what to change: status=, due=, owner=, note=, text=, deliverable= or dept=",
    ),
    ("measure set status=done", ":warning: give exactly one measure reference, e.g. MSR-1"),
    ("measure set MSR-1 due=2026-11-19", ":warning: due=2026-11-19 is in the past"),
    ("measure set MSR-1 due=2026-13-01", ':warning: due "2026-13-01" is not a valid date'),
    (f'measure set MSR-1 note="{"x" * 2001}"', ":warning: note is 2001 characters; the limit is 2000"),
    ("measure set PRJ-1 status=done", ':warning: "PRJ-1" is not a measure reference'),
    ("measure set MSR-1 status=done status=todo", ":warning: status= is given twice"),
]


def test_bad_measure_set_changes_nothing(bot: Bot, msr: Measure) -> None:
    before = factories.get_measure(bot.db, 1).model_dump()
    for text, expected in BAD_MEASURE_SET:
        reply = bot.command(text, user=OWNER)
        assert reply["text"].startswith(expected), (text, reply["text"])
        assert factories.get_measure(bot.db, 1).model_dump() == before, text
    assert len(events(bot)) == 1


# ---------------------------------------------------------------- workspaces


def test_references_count_per_workspace_and_workspaces_are_isolated(bot: Bot) -> None:
    factories.world(bot.db)  # T1: PRJ-1, PRB-1, MSR-1
    factories.project(bot.db, "T1 second", depts=[])
    t1_before = factories.counts(bot.db)

    assert bot.command("dept add Marketing head=<@UHEAD|h> channel=<#CMKT|m>", team="T2")["text"].startswith(
        ":white_check_mark:"
    )
    reply = bot.command(
        'project add "T2 launch" goal="g" due=2026-12-31 lead=<@ULEAD|l> depts=Marketing', team="T2"
    )
    assert reply["text"] == ":white_check_mark: *PRJ-1* created: T2 launch"
    reply = bot.command('problem add PRJ-1 roles "T2 problem"', team="T2")
    assert reply["text"] == ":white_check_mark: *PRB-1* logged on PRJ-1: T2 problem"
    reply = bot.command(
        'measure add PRB-1 owner=<@UOWNER|o> dept=Marketing due=2026-12-01 "T2 measure"', team="T2"
    )
    assert reply["text"].startswith(":white_check_mark: *MSR-1* added to PRB-1")
    # T1's departments are unknown in T2
    reply = bot.command('measure add PRB-1 owner=<@UOWNER|o> dept=Sales due=2026-12-01 "x"', team="T2")
    assert reply["text"] == ':warning: There is no department called "Sales". Known departments: Marketing.'

    listing = body(bot.command("project list", team="T2"))
    assert "T2 launch" in listing and "New product launch" not in listing and "T1 second" not in listing
    assert "PRJ-2" not in listing
    depts = body(bot.command("dept list", team="T2"))
    assert "Marketing" in depts and "Sales" not in depts
    status = body(bot.command("status me", user=OWNER, team="T2"))
    assert "T2 measure" in status and "Weekly sync meeting" not in status
    status = body(bot.command("status PRJ-1", team="T2"))
    assert "T2 measure" in status and "Weekly sync meeting" not in status
    assert bot.command("status PRJ-2", team="T2")["text"].startswith(
        ":warning: There is no PRJ-2 in this workspace."
    )
    assert bot.command("status Sales", team="T2")["text"].startswith(
        ':warning: There is no department called "Sales"'
    )

    # changing T2's MSR-1 leaves T1's MSR-1 alone
    bot.command("measure set MSR-1 status=done", user=OWNER, team="T2")
    assert factories.get_measure(bot.db, 1, team="T2").status == "done"
    assert factories.get_measure(bot.db, 1, team=TEAM).status == "todo"
    assert bot.command("measure set MSR-2 status=done", team="T2")["text"].startswith(
        ":warning: There is no MSR-2"
    )

    # T1 sees nothing of T2
    assert "T2" not in body(bot.command("project list"))
    assert "Marketing" not in body(bot.command("dept list"))
    after = factories.counts(bot.db)
    assert {k: after[k] - t1_before[k] for k in after} == {
        "department": 1,
        "project": 1,
        "problem": 1,
        "measure": 1,
        "measure_event": 2,
    }
    assert projects(bot, team="T2") == [(1, "T2 launch", "g", date(2026, 12, 31), LEAD)]


def test_today_is_the_workspace_date(bot: Bot, depts: dict[str, Any]) -> None:
    """Deadlines are checked against today in the workspace's time zone, not UTC."""
    from datetime import UTC, datetime

    bot.command("config tz=Asia/Shanghai")
    bot.clock.set(datetime(2026, 11, 20, 18, 0, tzinfo=UTC))  # 2026-11-21 02:00 in Shanghai
    reply = bot.command('project add "P" goal="g" due=2026-11-20 lead=<@ULEAD|l> depts=Ops')
    assert reply["text"].startswith(":warning: due=2026-11-20 is in the past (today is 2026-11-21)")
    reply = bot.command('project add "P" goal="g" due=2026-11-21 lead=<@ULEAD|l> depts=Ops')
    assert reply["text"] == ":white_check_mark: *PRJ-1* created: P"
    prb = factories.problem(bot.db, factories.all_rows(bot.db, Project)[0])
    factories.measure(bot.db, prb, depts["ops"], "due yesterday in Shanghai", due=date(2026, 11, 20))
    [line] = sections(bot.command("status Ops"))
    assert "*Due 2026-11-20 (overdue)*" in line


def test_concurrent_commands_get_distinct_references(bot: Bot, depts: dict[str, Any]) -> None:
    import threading

    replies: list[str] = []
    lock = threading.Lock()

    def add(i: int) -> None:
        reply = bot.command(
            f'project add "P{i}" goal="g" due=2026-12-31 lead=<@ULEAD|l> depts=Ops', timeout=20
        )
        with lock:
            replies.append(reply["text"])

    threads = [threading.Thread(target=add, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    refs = sorted(int(r.split("*PRJ-")[1].split("*")[0]) for r in replies)
    assert refs == list(range(1, 11))
    stored = {(n, name) for n, name, *_ in projects(bot)}
    assert {name for _, name in stored} == {f"P{i}" for i in range(10)}
    assert {n for n, _ in stored} == set(range(1, 11))
