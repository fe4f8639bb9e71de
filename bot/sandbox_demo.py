"""``collab-bot sandbox --demo``: the worked example of the source document, made through the
bot's own commands, buttons and thread replies — signed requests from the local Slack, as people
would send them — so it stays true as the commands change.

The story starts twelve days ago: three departments, a project with a measurable goal, problems
in all four categories, measures; then the clock runs to the Friday sync prompt, owners answer it
(a button, thread replies), and runs on to now — the nudges, the escalation and the digest on the
way. At the end there are measures in every status, and one overdue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from domain.schedule import is_working_day, local_at, parse_hhmm
from slackfake.interactions import Raw
from slackfake.user_actions import Where

if TYPE_CHECKING:
    from bot.sandbox import Sandbox

logger = logging.getLogger(__name__)

STORY_DAYS = 12
WAIT = 15.0  # seconds for the bot to answer one step


class DemoError(Exception):
    """A step of the demo did not get the answer it expects (a command changed?)."""


@dataclass
class Demo:
    sandbox: Sandbox

    def uid(self, name: str) -> str:
        from bot.sandbox import PEOPLE

        return next(p.user_id for p in PEOPLE if p.name == name)

    def channel(self, name: str) -> str:
        found = self.sandbox.fake.channel_named(name)
        if found is None:
            raise DemoError(f"there is no #{name}")
        return str(found["id"])

    def command(self, who: str, text: str, *, expect: str, channel: str = "general") -> str:
        """``/collab <text>`` typed by ``who``; the answer must contain ``expect``."""
        fake = self.sandbox.fake
        outcome = self.sandbox.client.command(self.uid(who), self.channel(channel), f"/collab {text}")
        if not outcome.ok:
            raise DemoError(f"/collab {text}: {outcome.error}")
        [answer] = fake.wait_for_response(predicate=lambda r: r["_url"] == outcome.response_url, timeout=WAIT)
        said = str(answer.get("text") or "")
        if expect not in said:
            raise DemoError(f"/collab {text} answered {said!r}, not {expect!r}")
        return said

    def jump(self, to: datetime) -> None:
        controls = self.sandbox.local.clock
        assert controls is not None
        controls.jump(to)

    def prompt(self, channel: str) -> dict[str, Any]:
        """The newest sync prompt in a department channel."""
        for msg in reversed(self.sandbox.fake.messages(self.channel(channel), top_level_only=True)):
            if msg.get("blocks") and msg.get("metadata"):
                found: dict[str, Any] = msg
                return found
        raise DemoError(f"no sync prompt in #{channel}")

    def message_with(self, channel: str, action_id: str) -> dict[str, Any]:
        """The newest message in a channel with a button ``action_id``."""
        found: dict[str, Any]
        for found in reversed(self.sandbox.fake.messages(self.channel(channel), top_level_only=True)):
            for block in found.get("blocks") or []:
                if any(e.get("action_id") == action_id for e in block.get("elements") or []):
                    return found
        raise DemoError(f"no message with {action_id} in #{channel}")

    def press(self, who: str, channel: str, msg: dict[str, Any], action_id: str, *, then: str) -> None:
        """Press a button of a message; wait for the bot's ``then`` call (chat.update, views.open)."""
        fake = self.sandbox.fake
        before = len(fake.calls_to(then))
        for block in msg.get("blocks") or []:
            for element in block.get("elements") or []:
                if element.get("action_id") == action_id:
                    where = Where(channel=self.channel(channel), message_ts=msg["ts"])
                    outcome = self.sandbox.client.act(
                        self.uid(who), where, block_id=block["block_id"], action_id=action_id, raw=Raw()
                    )
                    if not outcome.ok:
                        raise DemoError(f"pressing {action_id}: {outcome.error}")
                    fake.wait_for(then, count=before + 1, timeout=WAIT)
                    return
        raise DemoError(f"no button {action_id} in #{channel}")

    def form(self, who: str) -> dict[str, Any]:
        """The form (modal) the bot just opened for ``who``."""
        view = self.sandbox.fake.open_modal(self.uid(who))
        if view is None:
            raise DemoError(f"no form open for {who}")
        return view

    def submit(self, who: str, view: dict[str, Any], values: dict[str, Raw]) -> None:
        """Fill in a form's fields (by block id) and submit it; the bot must accept it."""
        raw = {
            block["block_id"]: {block["element"]["action_id"]: values[block["block_id"]]}
            for block in view["blocks"]
            if block.get("type") == "input" and block["block_id"] in values
        }
        outcome = self.sandbox.client.submit(self.uid(who), view["id"], raw)
        if not outcome.ok:
            raise DemoError(
                f"the form {view.get('callback_id')} was refused: {outcome.errors or outcome.error}"
            )

    def option(self, view: dict[str, Any], block_id: str, text: str) -> str:
        """The value of the option shown as ``text`` in a form's select."""
        for block in view["blocks"]:
            if block.get("block_id") == block_id:
                for opt in block["element"].get("options") or []:
                    if opt["text"]["text"] == text:
                        return str(opt["value"])
        raise DemoError(f"no option {text!r} in {block_id}")

    def reply(self, who: str, channel: str, msg: dict[str, Any], text: str) -> None:
        fake = self.sandbox.fake
        reactions = len(fake.calls_to("reactions.add"))
        outcome = self.sandbox.client.post(self.uid(who), self.channel(channel), text, thread_ts=msg["ts"])
        if not outcome.ok:
            raise DemoError(f"replying {text!r}: {outcome.error}")
        fake.wait_for("reactions.add", count=reactions + 1, timeout=WAIT)


def story_start(now: datetime, tz: ZoneInfo) -> datetime:
    """A working-day morning STORY_DAYS ago."""
    day: date = now.astimezone(tz).date() - timedelta(days=STORY_DAYS)
    while not is_working_day(day, country=None):
        day -= timedelta(days=1)
    return local_at(day, parse_hhmm("10:00"), tz)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day, country=None):
        day += timedelta(days=1)
    return day


def next_weekly(start: datetime, *, weekday: int, at: str, tz: ZoneInfo) -> datetime:
    day = start.astimezone(tz).date()
    while day.weekday() != weekday or local_at(day, parse_hhmm(at), tz) <= start:
        day += timedelta(days=1)
    return local_at(day, parse_hhmm(at), tz)


PROBLEMS = (  # raised at the kickoff: the minutes' problem lines (category: description)
    ("info", "Requirement changes reach Engineering late, by word of mouth",
     "No single place for changes; decisions stay in meeting notes"),
    ("roles", "Nobody owns the launch checklist between Product and Marketing",
     "Responsibilities were never written down"),
    ("process", "Release approvals wait for the weekly management meeting", "An approval needs a meeting slot"),
    ("resources", "Marketing has no designer for the launch assets", "Design time is allocated per quarter"),
)  # fmt: skip

MEASURES = (  # problem, owner, department, due (days after the kickoff), text, options
    ("PRB-1", "olga", "Product", 17, "Post every requirement change in #product with its impact",
     'deliverable="Change log in use for all Q3 scope changes" note="Start with the Q3 scope"'),
    ("PRB-2", "omar", "Engineering", 2, "Write a RACI for the launch checklist",
     'deliverable="RACI signed off by the three heads"'),
    ("PRB-3", "oscar", "Marketing", 19, "Approve releases asynchronously in the channel",
     'deliverable="Approval rule in the team handbook"'),
    ("PRB-4", "oscar", "Marketing", 29, "Borrow a designer from the brand team for six weeks",
     'deliverable="A designer assigned to the launch"'),
    ("PRB-1", "omar", "Engineering", 39, "Add a change-impact field to engineering tickets",
     'deliverable="Field live in the tracker"'),
)  # fmt: skip


def run_demo(sandbox: Sandbox) -> str:
    """Fill the (fresh) sandbox with the worked example; returns a one-line summary."""
    demo = Demo(sandbox)
    fake = sandbox.fake
    ws = sandbox.deps.settings_of(fake.team_id)
    tz = ZoneInfo(ws.timezone)
    now = sandbox.clock()
    start = story_start(now, tz)
    kickoff_day = next_working_day(start.astimezone(tz).date())
    sandbox.clock.set(start)

    def after_kickoff(days: int) -> str:
        return (kickoff_day + timedelta(days=days)).isoformat()

    # 1. Preparation (前期准备): the departments, the project with its measurable goal, each
    # department's responsibility, the foreseeable risks with their plans.
    demo.command("alice", "dept add Product head=@hana channel=#product", expect=":white_check_mark:")
    demo.command("alice", "dept add Engineering head=@hugo channel=#engineering", expect=":white_check_mark:")
    demo.command("alice", "dept add Marketing head=@heidi channel=#marketing", expect=":white_check_mark:")
    demo.command(
        "lee",
        'project add "New product launch" goal="Ship the new product this quarter and lift user conversion '
        f'by 15%" due={after_kickoff(90)} lead=@lee depts=Product,Engineering,Marketing '
        'metric="user conversion" baseline=10 target=11.5 unit=%',
        expect="PRJ-1",
    )
    for dept, duty in (
        ("Product", "Owns the scope; posts every change with its impact"),
        ("Engineering", "Builds the release; keeps the launch checklist"),
        ("Marketing", "Prepares the launch campaign and its assets"),
    ):
        demo.command("lee", f'duty PRJ-1 {dept} "{duty}"', expect=dept)
    demo.command(
        "lee",
        'risk add PRJ-1 "Launch assets are late" plan="Borrow a designer from the brand team" owner=@heidi',
        expect="RSK-1",
    )
    demo.command(
        "lee",
        'risk add PRJ-1 "Late requirement changes break the release" plan="Scope freeze two weeks before '
        'launch" owner=@hana',
        expect="RSK-2",
    )

    # 2. The alignment meeting (沟通会议): the kickoff, its agenda in each department's channel at
    # once (it is less than three days away), a department's need, and its minutes, whose problem
    # lines become the problem list (问题清单).
    demo.command(
        "lee",
        f'meeting add PRJ-1 kickoff at="{kickoff_day.isoformat()} 14:00" "Launch kickoff" '
        'topics="Goal and metric; Each department\'s needs; Pain points"',
        expect="MTG-1",
    )
    fake.wait_for("chat.postMessage", count=3, predicate=lambda c: "MTG-1" in str(c.params.get("text")))
    demo.press(
        "hugo", "engineering", demo.message_with("engineering", "mtg_need"), "mtg_need", then="views.open"
    )
    need = demo.form("hugo")
    demo.submit(
        "hugo",
        need,
        {
            "dept": Raw(value=demo.option(need, "dept", "Engineering")),
            "text": Raw(value="A frozen scope two weeks before the launch"),
        },
    )
    demo.jump(local_at(kickoff_day, parse_hhmm("15:30"), tz))
    opened = len(fake.calls_to("views.open"))
    sandbox.client.command(demo.uid("lee"), demo.channel("general"), "/collab meeting minutes MTG-1")
    fake.wait_for("views.open", count=opened + 1, timeout=WAIT)
    demo.submit(
        "lee",
        demo.form("lee"),
        {
            "attendees": Raw(values=[demo.uid(n) for n in ("lee", "hana", "hugo", "heidi")]),
            "decisions": Raw(value="Changes are posted in #product; releases are approved in the channel."),
            "problems": Raw(value="\n".join(f"{category}: {text}" for category, text, _ in PROBLEMS)),
        },
    )

    # 3. Analysis and plan (问题分析与方案制定): root causes, and the improvement measures.
    for n, (_, _, cause) in enumerate(PROBLEMS, start=1):
        demo.command("lee", f'problem set PRB-{n} cause="{cause}"', expect=f"PRB-{n}")
    for n, (problem, owner, dept, days, text, extra) in enumerate(MEASURES, start=1):
        demo.command(
            "lee",
            f'measure add {problem} owner=@{owner} dept={dept} due={after_kickoff(days)} "{text}" {extra}',
            expect=f"MSR-{n}",
        )

    # 4. Tracking (执行跟踪): an owner starts, the Friday sync prompt goes out, owners answer it.
    demo.command("olga", 'measure set MSR-1 status=doing note="Change log drafted"', expect="MSR-1")
    demo.jump(next_weekly(sandbox.clock(), weekday=ws.sync_weekday, at=ws.sync_time, tz=tz))
    marketing = demo.prompt("marketing")
    demo.press("oscar", "marketing", marketing, "sync_status:3:done", then="chat.update")
    demo.reply(
        "oscar", "marketing", marketing, "MSR-4 blocked: the brand team has no designer free this month"
    )
    demo.reply(
        "omar",
        "engineering",
        demo.prompt("engineering"),
        "MSR-2 in progress, the RACI draft covers half the checklist",
    )

    # …and the clock runs on to now: nudges for the overdue MSR-2, the escalation, the digest.
    demo.jump(now)
    return (
        "3 departments (#product, #engineering, #marketing); PRJ-1 with a measurable goal (user "
        "conversion 10% → 11.5%), duties, 2 risks, the kickoff MTG-1 (agenda, a need, minutes), "
        "4 problems (one per category) and 5 measures — todo, doing, done, blocked, MSR-2 overdue; the "
        f"clock ran from {start:%a %d %b} to now: agendas, sync prompts, nudges, the escalation and "
        "the digest are on the page."
    )
