"""domain.command_text: words, quotes, options and Slack's escaping of a /collab command."""

from __future__ import annotations

import datetime
import pickle

import pytest

from domain.command_text import Args, Token, split_list, tokenize, unescape_slack
from domain.errors import InputError, Term
from domain.listing import Listing
from domain.values import RefKind, parse_date, parse_ref, parse_user
from tests.domain.rendered import en, rejected, zh

FW_EQ = "\uff1d"  # full-width =
FW_COMMA = "\uff0c"  # full-width ,
FW_SPACE = "\u3000"  # ideographic space
NBSP = "\u00a0"


def T(value: str, key: str | None = None, quoted: bool = False) -> Token:
    return Token(key, value, quoted)


# ---------------------------------------------------------------------- InputError


def test_input_error_fields() -> None:
    error = InputError("input.no_people", "do=this")
    assert (error.key, error.usage, error.values) == ("input.no_people", "do=this", {})
    assert InputError("x").usage is None
    assert en(error) == "no people given — mention each one with @"


def test_input_error_pickles() -> None:
    error = InputError("input.bad_date", "use=this", field=Term("due"), value="x")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.key, copy.usage, copy.values) == (
        "input.bad_date",
        "use=this",
        {"field": Term("due"), "value": "x"},
    )
    assert zh(copy) == zh(error) == "截止日期“x”不是有效日期 —— 请写成 YYYY-MM-DD，例如 2026-12-31"


def test_listing_joins_as_each_language_does() -> None:
    listing = Listing(["due=", "status="])
    assert (f"{listing}", f"{listing:、}", str(listing)) == (
        "due=, status=",
        "due=、status=",
        "due=, status=",
    )
    assert listing == ("due=", "status=")
    assert pickle.loads(pickle.dumps(listing)) == listing


# ------------------------------------------------------------------------ tokenize


def test_tokenize_plain_words_and_whitespace_kinds() -> None:
    text = f"  dept\tlist{FW_SPACE}now{NBSP}please\n"
    assert tokenize(text) == [T("dept"), T("list"), T("now"), T("please")]


def test_tokenize_empty() -> None:
    assert tokenize("") == []
    assert tokenize(f"  {FW_SPACE} ") == []


def test_tokenize_project_add_full() -> None:
    text = (
        'project add "New product launch" goal="ship the new product in Q3" '
        "due=2026-09-30 lead=<@U123ABC|alice> depts=Sales,R&amp;D"
    )
    assert tokenize(text) == [
        T("project"),
        T("add"),
        T("New product launch", quoted=True),
        T("ship the new product in Q3", "goal", True),
        T("2026-09-30", "due"),
        T("<@U123ABC|alice>", "lead"),
        T("Sales,R&amp;D", "depts"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“typographic quotes”", "typographic quotes"),
        ("„German style“", "German style"),
        ("”both closing”", "both closing"),
        ('“mixed close"', "mixed close"),
        ('"straight keeps “inner” quotes"', "straight keeps “inner” quotes"),
        ("“don't stop”", "don't stop"),
        ("“don\u2019t stop”", "don\u2019t stop"),
        ('""', ""),
    ],
)
def test_tokenize_quote_styles(text: str, expected: str) -> None:
    assert tokenize(text) == [T(expected, quoted=True)]


def test_tokenize_apostrophes_are_not_quotes() -> None:
    assert tokenize("don't won\u2019t \u2018single\u2019") == [
        T("don't"),
        T("won\u2019t"),
        T("\u2018single\u2019"),
    ]


def test_tokenize_keys_with_typographic_quotes_and_full_width_equals() -> None:
    assert tokenize(f"goal=“lift conversion by 15%” note{FW_EQ}“备注 文本”") == [
        T("lift conversion by 15%", "goal", True),
        T("备注 文本", "note", True),
    ]


def test_tokenize_key_is_lowercased_and_may_be_empty() -> None:
    assert tokenize('Owner=<@U1> note= cause=""') == [
        T("<@U1>", "owner"),
        T("", "note"),
        T("", "cause", True),
    ]


def test_tokenize_non_key_equals_stays_positional() -> None:
    assert tokenize('x1=3 =y "a=b"') == [T("x1=3"), T("=y"), T("a=b", quoted=True)]


def test_tokenize_mention_with_spaces_stays_one_token() -> None:
    assert tokenize("status <@U1|John Smith> owner=<@U2|Mary Ann Lee> x") == [
        T("status"),
        T("<@U1|John Smith>"),
        T("<@U2|Mary Ann Lee>", "owner"),
        T("x"),
    ]


def test_tokenize_mention_inside_quotes_keeps_its_quote_characters() -> None:
    assert tokenize('"ask <@U1|J "JJ" Smith> today" next') == [
        T('ask <@U1|J "JJ" Smith> today', quoted=True),
        T("next"),
    ]


def test_tokenize_lone_angle_bracket_is_literal() -> None:
    assert tokenize("a<b c") == [T("a<b"), T("c")]


def test_tokenize_adjacent_quoted_parts_join() -> None:
    assert tokenize('ab"c d"e') == [T("abc de", quoted=True)]


def test_tokenize_multiline_quoted_text() -> None:
    assert tokenize('"line one\nline two"') == [T("line one\nline two", quoted=True)]


@pytest.mark.parametrize(
    ("text", "usage"),
    [
        ('problem add PRJ-1 info "never closed', '"<text>"'),
        ("goal=“ship it", "“<text>”"),
        ('"a “b” c', '"<text>"'),
        ("„halb", "„<text>“"),
    ],
)
def test_tokenize_unclosed_quote(text: str, usage: str) -> None:
    error = rejected(lambda: tokenize(text))
    assert en(error).startswith("unclosed quote at ")
    assert zh(error).startswith("引号没有闭合：")
    assert error.usage == usage


def test_tokenize_unclosed_quote_message_exact() -> None:
    error = rejected(lambda: tokenize('add "ship it'))
    assert en(error) == 'unclosed quote at "ship it — end the text with "'
    assert zh(error) == '引号没有闭合："ship it —— 请在文字末尾加上 "'


def test_tokenize_unclosed_typographic_quote_message_exact() -> None:
    error = rejected(lambda: tokenize("goal=“ship it"))
    assert en(error) == "unclosed quote at “ship it — end the text with ”"
    assert zh(error) == "引号没有闭合：“ship it —— 请在文字末尾加上 ”"


def test_tokenize_unclosed_quote_shows_at_most_40_characters() -> None:
    error = rejected(lambda: tokenize('"' + "x" * 50))
    assert en(error) == f'unclosed quote at "{"x" * 38}… — end the text with "'


def test_list_value_with_space_after_comma_continues() -> None:
    assert tokenize('"P" depts=Sales, R&amp;D，研发部 goal=x') == [
        Token(None, "P", True),
        Token("depts", "Sales, R&amp;D，研发部", False),
        Token("goal", "x", False),
    ]
    # Without a trailing separator, the next word is a positional again.
    assert tokenize("depts=Sales R&amp;D") == [Token("depts", "Sales", False), Token(None, "R&amp;D", False)]
    # A quoted value is complete as written.
    assert tokenize('note="a," b') == [Token("note", "a,", True), Token(None, "b", False)]


# -------------------------------------------------------------------- unescape_slack


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U123|bob>", "@bob"),
        ("<@U123>", "@U123"),
        ("<@U1|John Smith> please", "@John Smith please"),
        ("<#C1|general>", "#general"),
        ("<#C1|>", "#C1"),
        ("<#C1>", "#C1"),
        ("<!here>", "@here"),
        ("<!channel>", "@channel"),
        ("<!everyone>", "@everyone"),
        ("<!here|here>", "@here"),
        ("<!subteam^S1|@devs>", "@devs"),
        ("<!subteam^S1>", "@S1"),
        ("<!date^1392734382^{date_short}|Feb 18, 2014>", "Feb 18, 2014"),
        ("<http://x|label>", "label (http://x)"),
        ("<http://x>", "http://x"),
        ("<https://example.com|example.com>", "example.com"),
        ("<mailto:a@b.co|a@b.co>", "a@b.co"),
        ("R&amp;D &lt;team&gt;", "R&D <team>"),
        ("&amp;lt;", "&lt;"),
        ("&amp;amp;", "&amp;"),
        ("&lt;!channel&gt;", "<!channel>"),
        ("<https://x.io/?a=1&amp;b=2|q&amp;a>", "q&a (https://x.io/?a=1&b=2)"),
        ("plain text, 中文", "plain text, 中文"),
        ("", ""),
    ],
)
def test_unescape_slack(raw: str, expected: str) -> None:
    assert unescape_slack(raw) == expected


# ------------------------------------------------------------------------ split_list


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sales,R&D", ["Sales", "R&D"]),
        (f"销售{FW_COMMA}研发、市场", ["销售", "研发", "市场"]),
        (" a , ,b,, ", ["a", "b"]),
        (f"{FW_SPACE}x{FW_SPACE},y", ["x", "y"]),
        ("single", ["single"]),
        ("", []),
        (",,", []),
    ],
)
def test_split_list(value: str, expected: list[str]) -> None:
    assert split_list(value) == expected


# -------------------------------------------------------------------------- Args

MEASURE_SET = '/collab measure set <MSR-n> [status=<status>] [due=<YYYY-MM-DD>] [owner=<@user>] [note="…"]'


def test_args_parse_splits_positionals_and_options() -> None:
    args = Args.parse(
        "MSR-3 status=“in progress” owner=<@U1|John Smith> note\uff1d“waiting on R&amp;D”",
        allowed={"status", "due", "owner", "note"},
        usage=MEASURE_SET,
    )
    assert args.positionals == [T("MSR-3")]
    assert args.options == {
        "status": "in progress",
        "owner": "<@U1|John Smith>",
        "note": "waiting on R&amp;D",
    }
    assert args.get("status") == "in progress"
    assert args.get("due") is None
    assert args.require("owner") == "<@U1|John Smith>"
    assert args.usage == MEASURE_SET


def test_args_unknown_key() -> None:
    error = rejected(lambda: Args.parse("MSR-3 colour=red", allowed={"status", "due"}, usage=MEASURE_SET))
    assert en(error) == 'unknown option "colour=" — allowed here: due=, status='
    assert zh(error) == "未知选项“colour=” —— 此处可用：due=、status="
    assert error.usage == MEASURE_SET


def test_args_unknown_key_when_none_allowed() -> None:
    error = rejected(lambda: Args.parse("x=1", allowed=set(), usage="/collab dept list"))
    assert en(error) == 'unknown option "x=" — allowed here: none'
    assert zh(error) == "未知选项“x=” —— 此处可用：无（此命令不接受选项）"
    assert error.usage == "/collab dept list"


def test_args_duplicate_key_even_with_different_case() -> None:
    error = rejected(lambda: Args.parse("due=2026-01-01 DUE=2026-02-01", allowed={"due"}, usage=MEASURE_SET))
    assert en(error) == "due= is given twice — give it once"
    assert zh(error) == "due= 出现了两次 —— 请只写一次"
    assert error.usage == MEASURE_SET


def test_args_require_missing_and_empty() -> None:
    args = Args.parse('note=""', allowed={"owner", "note"}, usage="U")
    missing = rejected(lambda: args.require("owner"))
    assert en(missing) == "missing owner=… — usage: U"
    assert zh(missing) == "缺少 owner=… —— 用法：U"
    assert missing.usage == "U"
    empty = rejected(lambda: args.require("note"))
    assert en(empty) == "note= is empty — usage: U"
    assert zh(empty) == "note= 的值为空 —— 用法：U"
    assert empty.usage == "U"
    assert args.get("note") == ""


def test_args_unclosed_quote_carries_command_usage() -> None:
    error = rejected(lambda: Args.parse('goal="ship it', allowed={"goal"}, usage="/collab project add …"))
    assert en(error) == 'unclosed quote at "ship it — end the text with "'
    assert zh(error) == '引号没有闭合："ship it —— 请在文字末尾加上 "'
    assert error.usage == "/collab project add …"


def test_args_empty_text() -> None:
    args = Args.parse("", allowed={"a"}, usage="u")
    assert args.positionals == []
    assert args.options == {}


def test_full_measure_add_round_trip() -> None:
    text = (
        "PRB-4 owner=<@U7|Li Lei> dept=研发 due=2026/07/01 "
        "“Publish a weekly R&amp;D &lt;&gt; Sales handoff note” deliverable=“doc in #wiki”"
    )
    args = Args.parse(
        text, allowed={"owner", "dept", "due", "deliverable", "note"}, usage="/collab measure add …"
    )
    ref, body = args.positionals
    assert parse_ref(ref.value, kind=RefKind.PROBLEM) == 4
    assert parse_user(args.require("owner")) == "U7"
    assert args.require("dept") == "研发"
    assert parse_date(args.require("due"), field="due date") == datetime.date(2026, 7, 1)
    assert body.quoted is True
    assert unescape_slack(body.value) == "Publish a weekly R&D <> Sales handoff note"
    assert args.get("note") is None
    assert args.get("deliverable") == "doc in #wiki"


def test_args_unquoted_words_after_an_option() -> None:
    args = Args.parse(
        'PRB-1 dept=Sales Ops team due=2026-12-01 "text" note=x y', allowed={"dept", "due", "note"}, usage="U"
    )
    assert args.unquoted_words_after("dept") == ["Ops", "team"]
    assert args.unquoted_words_after("due") == []  # a quoted word ends the run
    assert args.unquoted_words_after("note") == ["y"]
    assert args.unquoted_words_after("owner") == []
    quoted = Args.parse('dept="Sales" Ops', allowed={"dept"}, usage="U")
    assert quoted.unquoted_words_after("dept") == []
