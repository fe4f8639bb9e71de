"""`/collab dept …` and `/collab config …` through signed HTTP, the fake Slack and a real database."""

from __future__ import annotations

from storage.models import Department, Workspace
from tests import factories
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, TEAM, Bot
from tests.slacktext import body, sections

SALES = "dept add Sales head=<@UHEAD|hank> channel=<#CSALES|sales>"


def departments(bot: Bot) -> list[tuple[str, str, str, str, str]]:
    return [
        (d.team_id, d.name, d.head_user_id, d.channel_id, d.created_by)
        for d in factories.all_rows(bot.db, Department)
    ]


# ---------------------------------------------------------------- dept add


def test_admin_adds_a_department(bot: Bot) -> None:
    reply = bot.command(SALES, user=ADMIN)
    assert reply["text"] == ":white_check_mark: Department *Sales* added — head <@UHEAD>, channel <#CSALES>."
    assert sections(reply) == [reply["text"]]
    assert departments(bot) == [(TEAM, "Sales", HEAD, "CSALES", ADMIN)]
    # the admin check asked Slack who the user is
    assert [c.params["user"] for c in bot.fake.calls_to("users.info")] == [ADMIN]


def test_department_name_with_spaces_and_chinese(bot: Bot) -> None:
    reply = bot.command("dept add  研发部   二组 head=<@UHEAD|hank> channel=<#CRND|rnd>")
    assert "*研发部 二组*" in reply["text"]
    assert departments(bot) == [(TEAM, "研发部 二组", HEAD, "CRND", ADMIN)]


def test_non_admins_are_refused_and_nothing_is_stored(bot: Bot) -> None:
    for user in (OTHER, LEAD, OWNER, HEAD):
        reply = bot.command(SALES, user=user)
        assert reply["text"] == (
            ":no_entry: `/collab dept add` is for workspace admins and the admins set with "
            "`/collab config admins=…`. Nothing was changed."
        ), user
    assert departments(bot) == []


def test_duplicate_name_is_refused_case_insensitively(bot: Bot) -> None:
    bot.command(SALES)
    for again in ("Sales", "sales", "SALES", "  Sales  ", "sAlEs"):
        reply = bot.command(f"dept add {again} head=<@UOTHER|o> channel=<#COTHER|other>")
        assert reply["text"] == (
            f':warning: A department called "{again.strip()}" already exists. Pick another name.'
        ), again
    assert departments(bot) == [(TEAM, "Sales", HEAD, "CSALES", ADMIN)]


BAD_DEPT_ADD = [
    ("dept add Sales channel=<#CSALES|sales>", ":warning: missing head=… — usage: /collab dept add"),
    ("dept add Sales head=<@UHEAD|hank>", ":warning: missing channel=… — usage: /collab dept add"),
    (
        "dept add head=<@UHEAD|hank> channel=<#CSALES|sales>",
        ":warning: missing the department name\nUsage: `",
    ),
    ("dept add Sales head=hank channel=<#CSALES|sales>", ':warning: "hank" is not a person'),
    ("dept add Sales head=<#CSALES|sales> channel=<#CSALES|sales>", ':warning: "#sales" is not a person'),
    ("dept add Sales head=<@UHEAD|hank> channel=sales", ':warning: "sales" is not a channel'),
    ("dept add Sales head=<@UHEAD|hank> channel=<#CSALES|sales> boss=x", ':warning: unknown option "boss="'),
    (
        f"dept add {'x' * 81} head=<@UHEAD|hank> channel=<#CSALES|sales>",
        ":warning: department name is 81 characters; the limit is 80",
    ),
]


def test_bad_dept_add_says_what_is_wrong_and_stores_nothing(bot: Bot) -> None:
    for text, expected in BAD_DEPT_ADD:
        reply = bot.command(text)
        assert reply["text"].startswith(expected), (text, reply["text"])
        assert departments(bot) == [], text


def test_dept_list(bot: Bot) -> None:
    reply = bot.command("dept list", user=OTHER)
    assert reply["text"].startswith("No departments yet.")
    bot.command(SALES)
    bot.command("dept add R&amp;D head=<@UOWNER|olga> channel=<#CRND|rnd>")
    bot.command("dept add admin head=<@ULEAD|lee> channel=<#CADM|adm>")
    reply = bot.command("dept list", user=OTHER)
    assert reply["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Departments", "emoji": True},
    }
    # sorted case-insensitively; user text escaped for mrkdwn
    assert sections(reply) == [
        "• *admin* — <@ULEAD> · <#CADM>\n• *R&amp;D* — <@UOWNER> · <#CRND>\n• *Sales* — <@UHEAD> · <#CSALES>"
    ]
    assert [d.name for d in factories.all_rows(bot.db, Department)] == ["Sales", "R&D", "admin"]


def test_unknown_subcommand(bot: Bot) -> None:
    reply = bot.command("dept remove Sales")
    assert reply["text"].startswith(
        ":warning: `/collab dept` needs one of: dept add, dept archive, dept list, dept restore, dept set"
    )
    reply = bot.command("frobnicate")
    assert reply["text"] == ":warning: I don't know `frobnicate`. Try `/collab help`."


# ---------------------------------------------------------------- config


def workspace(bot: Bot) -> Workspace:
    ws = factories.get_workspace(bot.db)
    assert ws is not None
    return ws


def test_config_show_has_the_defaults(bot: Bot) -> None:
    reply = bot.command("config", user=OTHER)  # anyone may look
    assert reply["text"] == "\n".join(
        [
            "*Workspace settings*",
            "• tz = `UTC`",
            "• lang = `en`",
            '• sync = `"fri 17:00"`',
            '• nudge = `"09:30"` (weekdays)',
            '• digest = `"mon 09:00"`',
            "• escalate_after = `2` days",
            "• agenda_days = `3` days",
            "• holidays = `none`",
            "• admins = —",
        ]
    )


def test_config_show_in_chinese(bot: Bot) -> None:
    bot.command("config lang=zh", user=ADMIN)
    text = bot.command("config", user=OTHER)["text"]
    assert '• nudge = `"09:30"` （工作日）' in text.split("\n")
    assert "• escalate_after = `2` 天" in text.split("\n")
    assert "(weekdays)" not in text and "` days" not in text


def test_config_set_everything(bot: Bot) -> None:
    reply = bot.command(
        'config tz=asia/shanghai sync="thu 16:30" nudge="9:15" digest=“周一 08:00” '
        "escalate_after=3 holidays=cn admins=<@ULEAD|lee>,<@UOWNER|olga>"
    )
    assert reply["text"].startswith(":white_check_mark: Settings saved.\n*Workspace settings*")
    assert "• tz = `Asia/Shanghai`" in reply["text"]
    assert "• admins = <@ULEAD>, <@UOWNER>" in reply["text"]
    assert sections(reply) == [reply["text"]]
    ws = workspace(bot)
    assert (
        ws.timezone,
        ws.lang,
        ws.sync_weekday,
        ws.sync_time,
        ws.nudge_time,
        ws.digest_weekday,
        ws.digest_time,
        ws.escalate_after,
        ws.holidays_country,
        ws.admin_ids,
    ) == ("Asia/Shanghai", "en", 3, "16:30", "09:15", 0, "08:00", 3, "CN", [LEAD, OWNER])
    assert ws.updated_at == bot.clock()


def test_config_holidays_none_and_admins_none(bot: Bot) -> None:
    bot.command("config holidays=CN admins=<@ULEAD|lee>")
    bot.command("config holidays=none admins=none")
    ws = workspace(bot)
    assert (ws.holidays_country, ws.admins) == (None, "")


def test_lang_zh_switches_the_reply_language(bot: Bot) -> None:
    reply = bot.command("config lang=zh")
    assert reply["text"].startswith(":white_check_mark: 设置已保存。\n*工作区设置*")
    assert workspace(bot).lang == "zh"
    reply = bot.command("dept list", user=OTHER)
    assert reply["text"].startswith("还没有部门。")
    reply = bot.command("help", user=OTHER)
    assert "跨部门沟通协作改进" in reply["text"]
    reply = bot.command("config lang=en")
    assert reply["text"].startswith(":white_check_mark: Settings saved.")


def test_named_admins_can_use_admin_commands(bot: Bot) -> None:
    assert bot.command(SALES, user=LEAD)["text"].startswith(":no_entry:")
    bot.command("config admins=<@ULEAD|lee>,<@UOWNER|olga>", user=ADMIN)
    assert bot.command(SALES, user=LEAD)["text"].startswith(":white_check_mark: Department *Sales*")
    reply = bot.command("config escalate_after=5", user=OWNER)
    assert reply["text"].startswith(":white_check_mark: Settings saved.")
    assert workspace(bot).escalate_after == 5
    assert bot.command("config escalate_after=6", user=OTHER)["text"].startswith(":no_entry:")


def test_non_admin_config_is_refused_and_nothing_changes(bot: Bot) -> None:
    factories.workspace(bot.db)
    before = workspace(bot)
    reply = bot.command("config tz=Asia/Tokyo lang=zh admins=<@UOTHER|me>", user=OTHER)
    assert reply["text"] == (
        ":no_entry: `/collab config` is for workspace admins and the admins set with "
        "`/collab config admins=…`. Nothing was changed."
    )
    after = workspace(bot)
    assert after.model_dump() == before.model_dump()


BAD_CONFIG = [
    (
        "config tz=Mars/Olympus",
        ':warning: unknown time zone "Mars/Olympus" — use an IANA name like Asia/Shanghai or '
        "America/New_York\nUsage: `tz=Asia/Shanghai`",
    ),
    ("config lang=fr", ':warning: lang="fr" — write lang=en or lang=zh'),
    ('config sync="someday 17:00"', ':warning: "someday 17:00" is not a weekday and time'),
    ('config nudge="25:00"', ':warning: "25:00" is not a time of day'),
    ("config escalate_after=-1", ':warning: escalate_after "-1" must be a whole number from 0 to 60'),
    ("config holidays=XX", ':warning: holidays="XX" is not a supported country code'),
    ("config admins=bob", ':warning: "bob" is not a person'),
    ("config tz", ':warning: "tz" is not a setting — write key=value'),
    ("config tz=UTC colour=blue", ':warning: unknown option "colour="'),
]


def test_bad_config_names_the_fix_and_changes_nothing(bot: Bot) -> None:
    factories.workspace(bot.db)
    before = workspace(bot).model_dump()
    for text, expected in BAD_CONFIG:
        reply = bot.command(text)
        assert reply["text"].startswith(expected), (text, reply["text"])
        assert workspace(bot).model_dump() == before, text


def test_help(bot: Bot) -> None:
    reply = bot.command("", user=OTHER)
    assert reply == bot.command("help", user=OTHER) | {"_url": reply["_url"]}
    text = body(reply)
    for usage in ("/collab project add", "/collab measure set MSR-1", "/collab export", "/collab config"):
        assert usage in text
