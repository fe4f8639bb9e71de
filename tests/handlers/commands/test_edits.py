"""Editing and archiving through signed requests: ``dept set``, ``dept archive|restore``,
``problem set``, ``measure set`` with ``text``, ``deliverable``, ``dept``. Permissions and bad
input change nothing; every change is kept with who and when; the sync prompt, ``status`` and
the export show the new values at once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage.models import Department, Problem, RecordChange
from tests import factories
from tests import weekly_factories as lf
from tests.handlers.commands.test_status_export import export, read_csv
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, Bot
from tests.slacktext import body

FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def history(bot: Bot, kind: str) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (c.field, c.from_value, c.to_value, c.actor_user_id)
        for c in factories.all_rows(bot.db, RecordChange)
        if c.record_kind == kind
    ]


def dept(bot: Bot, dept_id: int) -> Department:
    [found] = [d for d in factories.all_rows(bot.db, Department) if d.id == dept_id]
    return found


# ---------------------------------------------------------------- dept set


def test_renaming_a_department_updates_the_prompt_at_once_and_the_next_one(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    lf.run(bot.jobs(), "weekly-sync", FRIDAY, clock=bot.clock)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert prompt.params["text"] == "Weekly sync — Sales (2026-W47)"

    reply = bot.command('dept set Sales name="Sales Ops"')
    assert reply["text"] == ":pencil2: Department *Sales Ops* updated: name Sales → *Sales Ops*"
    [update] = bot.fake.wait_for("chat.update")
    assert (update.params["ts"], update.params["text"]) == (
        prompt.response["ts"],
        "Weekly sync — Sales Ops (2026-W47)",
    )
    assert history(bot, "department") == [("name", "Sales", "Sales Ops", ADMIN)]
    [change] = factories.all_rows(bot.db, RecordChange)
    assert change.at == bot.clock() and change.record_id == world.sales.id
    assert "Sales Ops" in bot.command("status Sales Ops")["text"]

    bot.clock.set(datetime(2026, 11, 27, 17, 0, tzinfo=UTC))
    lf.run(bot.jobs(), "weekly-sync", bot.clock(), clock=bot.clock)
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL)[-1].params["text"] == "Weekly sync — Sales Ops (2026-W48)"


def test_head_and_channel_change_and_the_bot_joins_the_new_channel(bot: Bot) -> None:
    world = lf.loop_world(bot)
    reply = bot.command("dept set Sales head=<@UOTHER|oscar> channel=<#CNEW|new-sales>")
    assert reply["text"] == (
        ":pencil2: Department *Sales* updated: head <@UHEAD> → <@UOTHER> · channel <#CSALES> → <#CNEW>"
    )
    assert [c.params["channel"] for c in bot.fake.calls_to("conversations.join")] == ["CNEW"]
    d = dept(bot, world.sales.id or 0)
    assert (d.head_user_id, d.channel_id) == (OTHER, "CNEW")
    assert history(bot, "department") == [("head", HEAD, OTHER, ADMIN), ("channel", "CSALES", "CNEW", ADMIN)]
    again = bot.command("dept set sales head=<@UOTHER|oscar>")
    assert again["text"] == "Department *Sales* already has those values; nothing changed."


def test_dept_set_refusals_change_nothing(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for user in (OTHER, HEAD, LEAD):
        reply = bot.command('dept set Sales name="Sales Ops"', user=user)
        assert reply["text"].startswith(":no_entry: `/collab dept set` is for workspace admins"), user
    cases = [
        (
            'dept set Sales name="R&D"',
            ':warning: A department called "R&amp;D" already exists. Pick another name.',
        ),
        ('dept set Sales name=" r&d "', ':warning: A department called "r&amp;d" already exists.'),
        ('dept set Sales name=""', ':warning: name= is empty — give the new value in quotes, e.g. name="…"'),
        ("dept set Sales", ":warning: say what to change: name=, head= or channel="),
        ('dept set Marketing name="X"', ':warning: There is no department called "Marketing".'),
        ("dept set Sales head=hank", ':warning: "hank" is not a person'),
    ]
    for text, expected in cases:
        assert bot.command(text)["text"].startswith(expected), text
    assert dept(bot, world.sales.id or 0).name == "Sales"
    assert history(bot, "department") == []


# ---------------------------------------------------------------- archive, restore


def test_archiving_is_refused_while_measures_are_open_and_then_leaves_everything(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)  # MSR-1, open
    lf.measure(bot, world, status="done")  # MSR-2
    lf.measure(bot, world, status="blocked")  # MSR-3
    refused = bot.command("dept archive Sales")
    assert refused["text"] == (
        ":warning: Sales still has 2 open measure(s) (MSR-1, MSR-3); nothing was archived. Move each to "
        "another department with /collab measure set MSR-n dept=&lt;department&gt;, or finish them, then "
        "archive.\nUsage: `/collab measure set MSR-1 dept=&lt;another department&gt;`"
    )
    assert dept(bot, world.sales.id or 0).archived_at is None
    assert bot.command("dept archive Sales", user=HEAD)["text"].startswith(":no_entry:")

    for number in (1, 3):
        assert (
            "department → *R&amp;D*" in bot.command(f"measure set MSR-{number} dept=R&D", user=OWNER)["text"]
        )
    archived = bot.command("dept archive Sales")
    assert archived["text"].startswith(":file_cabinet: Department *Sales* archived")
    assert dept(bot, world.sales.id or 0).archived_at == bot.clock()
    assert (
        bot.command("dept archive sales")["text"]
        == "Department *Sales* is already archived; nothing changed."
    )

    # left out of lists, forms, prompts and digests
    listing = body(bot.command("dept list"))
    assert "*R&amp;D*" in listing and "*Sales*" not in listing
    assert "_Archived: Sales (`/collab dept restore &lt;name&gt;` brings one back)_" in listing
    bot.send_command("project add")
    form = bot.opened_view()
    options = [
        o["text"]["text"] for b in form["blocks"] if b["block_id"] == "depts" for o in b["element"]["options"]
    ]
    assert options == ["R&D"]
    refused = bot.command('measure add PRB-1 owner=<@UOWNER|o> dept=Sales due=2026-12-20 "x"')
    assert 'the department "Sales" is archived' in refused["text"]
    lf.run(bot.jobs(), "weekly-sync", FRIDAY, clock=bot.clock)
    lf.run(bot.jobs(), "digest", datetime(2026, 11, 23, 9, 0, tzinfo=UTC), clock=bot.clock)
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL) == []
    assert len(lf.ok_posts(bot.fake, lf.RND_CHANNEL)) == 2

    restored = bot.command("dept restore Sales")
    assert restored["text"].startswith(":white_check_mark: Department *Sales* restored")
    assert bot.command("dept restore Sales")["text"] == "Department *Sales* is not archived; nothing changed."
    assert "*Sales*" in body(bot.command("dept list"))
    assert history(bot, "department") == [
        ("archived", "no", "yes", ADMIN),
        ("archived", "yes", "no", ADMIN),
    ]


# ---------------------------------------------------------------- problem set


def test_the_lead_changes_a_problem_and_others_may_not(bot: Bot) -> None:
    lf.loop_world(bot)
    reply = bot.command(
        'problem set PRB-1 category=info cause="No owner" text="Approvals take &lt;b&gt; 3 weeks"', user=LEAD
    )
    assert reply["text"] == (
        ":pencil2: *PRB-1* updated: category 流程机制 Process/mechanism → *信息传递 Information flow* · "
        "root cause: No owner · text: Approvals take &lt;b&gt; 3 weeks"
    )
    [problem] = factories.all_rows(bot.db, Problem)
    assert (problem.category, problem.root_cause, problem.description) == (
        "info",
        "No owner",
        "Approvals take <b> 3 weeks",
    )
    assert history(bot, "problem") == [
        ("category", "process", "info", LEAD),
        ("cause", "", "No owner", LEAD),
        ("text", "Approvals take two weeks", "Approvals take <b> 3 weeks", LEAD),
    ]
    assert bot.command('problem set PRB-1 cause="No owner"', user=ADMIN)["text"] == (
        "*PRB-1* already has those values; nothing changed."
    )
    for user in (OWNER, HEAD, OTHER):
        refused = bot.command('problem set PRB-1 text="mine"', user=user)
        assert refused["text"] == (
            ":no_entry: Changing PRB-1 is for its project's lead or an admin. Nothing was changed."
        ), user
    bad = [
        ('problem set PRB-1 text=""', ":warning: text= is empty"),
        ("problem set PRB-1", ":warning: say what to change: category=, cause= or text="),
        ("problem set PRB-1 category=nope", ':warning: unknown category "nope"'),
        ('problem set PRB-9 text="x"', ":warning: There is no PRB-9 in this workspace."),
        ('problem set MSR-1 text="x"', ':warning: "MSR-1" is not a problem reference'),
        ("problem set PRB-1 owner=<@U1|a>", ':warning: unknown option "owner="'),
    ]
    for text, expected in bad:
        assert bot.command(text, user=LEAD)["text"].startswith(expected), text
    assert len(history(bot, "problem")) == 3
    rows = read_csv(export(bot, "export csv").content)
    assert rows[1][2] == "PRB-1 [信息传递 Information flow] Approvals take <b> 3 weeks\nRoot cause: No owner"


# ---------------------------------------------------------------- measure set text, deliverable, dept


def test_measure_text_deliverable_and_department_change_everywhere_at_once(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, "Weekly sync meeting", due=date(2026, 12, 1))
    lf.run(bot.jobs(), "weekly-sync", FRIDAY, clock=bot.clock)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    reply = bot.command(
        'measure set MSR-1 text="Daily stand-up" deliverable="Minutes in the wiki" dept="R&D"', user=OWNER
    )
    assert reply["text"] == (
        ":pencil2: *MSR-1* updated: text: Daily stand-up · deliverable: Minutes in the wiki · "
        "department → *R&amp;D*"
    )
    m = factories.get_measure(bot.db, 1)
    assert (m.text, m.deliverable, m.department_id) == ("Daily stand-up", "Minutes in the wiki", world.rnd.id)
    changes = [(e.kind, e.from_value, e.to_value, e.actor_user_id) for e in lf.events(bot.db, 1)][1:]
    assert changes == [
        ("text", "Weekly sync meeting", "Daily stand-up", OWNER),
        ("deliverable", "", "Minutes in the wiki", OWNER),
        ("dept", "Sales", "R&D", OWNER),
    ]
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["ts"] == prompt.response["ts"]
    assert "*MSR-1* Daily stand-up" in body(update.params) and "R&amp;D" in body(update.params)
    assert "*MSR-1* Daily stand-up" in body(bot.command("status R&D"))
    rows = read_csv(export(bot, "export csv").content)
    assert rows[1][3].startswith("R&D / ") and rows[1][5] == "MSR-1 Daily stand-up"
    assert rows[1][8] == "Deliverable: Minutes in the wiki"

    bad = [
        ('measure set MSR-1 text=""', ":warning: text= is empty"),
        ("measure set MSR-1 dept=Marketing", ':warning: There is no department called "Marketing"'),
        ('measure set MSR-1 text="x"', ":no_entry:"),
    ]
    for text, expected in bad:
        user = OTHER if expected == ":no_entry:" else OWNER
        assert bot.command(text, user=user)["text"].startswith(expected), text
    assert factories.get_measure(bot.db, 1).text == "Daily stand-up"


def test_help_names_the_new_commands(bot: Bot) -> None:
    text = body(bot.command("help", user=OTHER))
    for usage in ("/collab dept set", "/collab dept archive", "/collab problem set PRB-1", "Log as problem"):
        assert usage in text
