"""Recording progress on measures from buttons and thread replies, and keeping the sync
prompt messages current (``chat.update``) when a status changes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers.blocks import sync_prompt_part
from handlers.deps import Deps
from handlers.texts import t
from storage import departments, measures, prompts, slack_events
from storage.db import transaction
from storage.models import Measure

logger = logging.getLogger(__name__)

REFRESH_WINDOW = timedelta(days=21)
_REF = re.compile(r"\bMSR[-－‐–—]?\s?(\d{1,9})\b", re.IGNORECASE)
_STATUS_WORDS = [
    (re.compile(r"(?<![未没])(已完成|完成了|完成)"), "done"),
    (re.compile(r"\b(done|finished|completed)\b", re.IGNORECASE), "done"),
    (re.compile(r"进行中|在做|推进中"), "doing"),
    (re.compile(r"\b(doing|in progress|wip|started)\b", re.IGNORECASE), "doing"),
    (re.compile(r"受阻|阻塞|卡住"), "blocked"),
    (re.compile(r"\b(blocked|stuck)\b", re.IGNORECASE), "blocked"),
]
# "not done yet", "isn't finished", "还没有完成", "尚未完成": status words that say the opposite.
_NEGATED = re.compile(
    r"\b(not|(is|are|has|have|had)n['’]?t|never|no\s+longer)\s+(yet\s+|been\s+|quite\s+)*"
    r"(done|finished|completed|blocked|stuck)\b"
    r"|(没有|尚未|还未|未|没|不再|不)\s*(已)?(完成|受阻)",
    re.IGNORECASE,
)


def references(text: str) -> list[int]:
    return list(dict.fromkeys(int(m.group(1)) for m in _REF.finditer(text)))


def status_in(text: str) -> str | None:
    """The status a reply states (the last status word wins), or ``None``."""
    cleaned = _NEGATED.sub(" ", text)
    best: tuple[int, str] | None = None
    for pattern, status in _STATUS_WORDS:
        for m in pattern.finditer(cleaned):
            if best is None or m.start() > best[0]:
                best = (m.start(), status)
    return best[1] if best else None


@dataclass(frozen=True)
class Applied:
    measure: Measure
    changed: bool
    allowed: bool


def set_status(
    deps: Deps, client: WebClient, *, team_id: str, number: int, status: str, user_id: str, source: str
) -> Applied | None:
    """Set a measure's status for a person, if they may. ``None``: no such measure."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            return None
        # Lock the row (PostgreSQL; SQLite serialises writers anyway): a double click's two
        # requests then change the status once, and the second sees the first's result.
        session.refresh(measure, with_for_update=True)
        if not deps.can_change_measure(client, session, ws, measure, user_id):
            return Applied(measure, changed=False, allowed=False)
        changes = measures.update_measure(
            session,
            team_id=team_id,
            measure=measure,
            actor_user_id=user_id,
            source=source,
            now=deps.clock(),
            status=status,
        )
    if changes:
        refresh_prompts(deps, client, team_id=team_id, measure_ids=[measure.id or 0])
    return Applied(measure, changed=bool(changes), allowed=True)


def refresh_prompts(deps: Deps, client: WebClient, *, team_id: str, measure_ids: list[int]) -> None:
    """Re-render (``chat.update``) the recent prompt messages that list these measures."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        today = deps.today(ws)
        since = deps.clock() - REFRESH_WINDOW
        messages = {
            m.id: m
            for measure_id in measure_ids
            for m in prompts.messages_listing(session, team_id=team_id, measure_id=measure_id, since=since)
        }
        updates = []
        for message in messages.values():
            assert message.id is not None
            prompt = prompts.get_prompt(session, team_id=team_id, prompt_id=message.prompt_id)
            if prompt is None:
                continue
            dept = departments.get_department(session, team_id=team_id, department_id=prompt.department_id)
            parts = len(prompts.prompt_messages(session, team_id=team_id, prompt_id=prompt.id or 0))
            payload = sync_prompt_part(
                prompts.message_measure_rows(session, team_id=team_id, message_id=message.id),
                dept=dept.name if dept else "",
                period=prompt.period,
                part=message.part,
                parts=max(parts, message.part),
                lang=lang,
                today=today,
            )
            updates.append((message.channel_id, message.ts, payload))
    for channel, ts, payload in updates:
        try:
            client.chat_update(channel=channel, ts=ts, **payload)
        except SlackApiError:
            logger.exception("could not update the sync prompt %s/%s", channel, ts)


@dataclass(frozen=True)
class ReplyOutcome:
    """What a thread reply under a sync prompt did."""

    kind: str  # duplicate | not_a_prompt | unattached | recorded | edited | ignored
    refs: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


def record_thread_reply(
    deps: Deps,
    client: WebClient,
    *,
    team_id: str,
    event_id: str,
    channel_id: str,
    thread_ts: str,
    ts: str,
    user_id: str,
    text: str,
) -> ReplyOutcome:
    """Record a reply under a sync prompt as progress (or a comment) on the measure it is about.

    The event id is stored in the same transaction, so Slack's retries of the event change
    nothing; the acknowledgement (a reaction, or one question) is sent after the commit.
    """
    now = deps.clock()
    changed_ids: list[int] = []
    refs: list[str] = []
    statuses: list[str] = []
    with transaction(deps.sessions) as session:
        prompt = prompts.prompt_by_thread(
            session, team_id=team_id, channel_id=channel_id, thread_ts=thread_ts
        )
        if prompt is None:
            return ReplyOutcome("not_a_prompt")
        if not slack_events.mark_event_processed(session, team_id=team_id, event_id=event_id, now=now):
            return ReplyOutcome("duplicate")
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        in_prompt = prompts.prompt_measure_rows(session, team_id=team_id, prompt_id=prompt.id or 0)
        named = references(text)
        if named:
            targets = [
                m
                for n in named
                if (m := measures.get_measure(session, team_id=team_id, number=n)) is not None
            ]
        else:
            mine = [r.measure for r in in_prompt if r.measure.owner_user_id == user_id]
            targets = mine if len(mine) == 1 else []
        if not targets:
            example = in_prompt[0].measure.ref if in_prompt else "MSR-1"
            unattached = True
        else:
            unattached = False
            progress = False  # a reply only kept as a comment gets 💬, not ✅
            status = status_in(text)
            for measure in targets:
                allowed = deps.can_change_measure(client, session, ws, measure, user_id)
                measures.add_reply_event(
                    session,
                    team_id=team_id,
                    measure=measure,
                    actor_user_id=user_id,
                    kind="progress" if allowed else "comment",
                    note=text,
                    channel_id=channel_id,
                    message_ts=ts,
                    now=now,
                )
                refs.append(measure.ref)
                if not allowed:
                    continue
                progress = True
                new_status = status or ("doing" if measure.status == "todo" else None)
                if new_status is not None:
                    changes = measures.update_measure(
                        session,
                        team_id=team_id,
                        measure=measure,
                        actor_user_id=user_id,
                        source="thread",
                        now=now,
                        status=new_status,
                    )
                    if changes:
                        changed_ids.append(measure.id or 0)
                        statuses.append(new_status)
    if unattached:
        try:
            client.chat_postMessage(
                channel=channel_id, thread_ts=thread_ts, text=t(lang, "reply_which", example=example)
            )
        except SlackApiError:
            logger.exception("could not ask for the reference in %s", channel_id)
        return ReplyOutcome("unattached")
    try:
        client.reactions_add(
            channel=channel_id, timestamp=ts, name="white_check_mark" if progress else "speech_balloon"
        )
    except SlackApiError as e:
        if e.response.get("error") != "already_reacted":
            logger.exception("could not acknowledge the reply %s", ts)
    if changed_ids:
        refresh_prompts(deps, client, team_id=team_id, measure_ids=changed_ids)
    return ReplyOutcome("recorded", tuple(refs), tuple(statuses))


def record_reply_edit(deps: Deps, *, team_id: str, channel_id: str, ts: str, text: str) -> ReplyOutcome:
    """An edited reply (``message_changed``) updates the note it left."""
    with transaction(deps.sessions) as session:
        events = measures.events_for_message(session, team_id=team_id, channel_id=channel_id, message_ts=ts)
        for event in events:
            if event.kind in ("progress", "comment") and event.note != text:
                event.note = text
                session.add(event)
    return ReplyOutcome("edited" if events else "ignored")
