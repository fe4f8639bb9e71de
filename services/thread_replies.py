"""Replies in the thread of a sync prompt: progress (or a comment) on the measure they are
about. A reply that names ``MSR-n``, or comes from the owner of exactly one measure in that
prompt, is recorded; status words in it set the status (``domain.vocabulary``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from domain.policy import may_change_measure
from domain.vocabulary import references, status_in
from services import home as home_service
from services import prompts as prompt_service
from services.deps import Deps
from services.permissions import admin_if_needed, measure_facts
from slack_api.gateway import SlackError
from storage import measures, prompts, slack_events
from storage.db import transaction
from storage.models import Measure
from ui.catalogue import t

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplyOutcome:
    """What a thread reply under a sync prompt did."""

    kind: str  # duplicate | not_a_prompt | unattached | recorded | edited | ignored
    refs: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


def _targets(
    deps: Deps, *, team_id: str, prompt_id: int, user_id: str, text: str
) -> tuple[list[Measure], str]:
    """The measures a reply is about, and an example reference for asking."""
    with deps.sessions() as session:
        in_prompt = prompts.prompt_measure_rows(session, team_id=team_id, prompt_id=prompt_id)
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
    return targets, (in_prompt[0].measure.ref if in_prompt else "MSR-1")


def record(
    deps: Deps,
    *,
    team_id: str,
    event_id: str,
    channel_id: str,
    thread_ts: str,
    ts: str,
    user_id: str,
    text: str,
) -> ReplyOutcome:
    """Record a reply as progress (or a comment). The event id is stored in the transaction
    that records it, so Slack's retries change nothing; the acknowledgement (a reaction, or one
    question) is sent after the commit, and Slack is never asked anything inside it."""
    now = deps.clock()
    with deps.sessions() as session:
        prompt = prompts.prompt_by_thread(
            session, team_id=team_id, channel_id=channel_id, thread_ts=thread_ts
        )
        ws = deps.workspace(session, team_id)
    if prompt is None:
        return ReplyOutcome("not_a_prompt")
    lang = ws.lang
    slack = deps.slack_for(team_id)
    targets, example = _targets(deps, team_id=team_id, prompt_id=prompt.id or 0, user_id=user_id, text=text)
    allowed: dict[int, bool] = {}
    for measure in targets:
        with deps.sessions() as session:
            facts = measure_facts(session, measure)
        admin = admin_if_needed(deps, slack, ws, user_id, facts)
        allowed[measure.id or 0] = may_change_measure(user_id, facts, admin=admin) or admin
    changed_ids: list[int] = []
    refs: list[str] = []
    statuses: list[str] = []
    progress = False  # a reply only kept as a comment gets 💬, not ✅
    with transaction(deps.sessions) as session:
        if not slack_events.mark_event_processed(session, team_id=team_id, event_id=event_id, now=now):
            return ReplyOutcome("duplicate")
        status = status_in(text)
        for target in targets:
            found = measures.get_measure_by_id(session, team_id=team_id, measure_id=target.id or 0)
            if found is None:
                continue
            measure = found
            may = allowed.get(measure.id or 0, False)
            measures.add_reply_event(
                session,
                team_id=team_id,
                measure=measure,
                actor_user_id=user_id,
                kind="progress" if may else "comment",
                note=text,
                channel_id=channel_id,
                message_ts=ts,
                now=now,
            )
            refs.append(measure.ref)
            if not may:
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
    if not targets:
        try:
            slack.post(channel_id, {"text": t(lang, "reply_which", example=example)}, thread_ts=thread_ts)
        except SlackError:
            logger.exception("could not ask for the reference in %s", channel_id)
        return ReplyOutcome("unattached")
    try:
        slack.react(channel_id, ts, "white_check_mark" if progress else "speech_balloon")
    except SlackError as e:
        if e.error != "already_reacted":
            logger.exception("could not acknowledge the reply %s", ts)
    if changed_ids:
        prompt_service.refresh(deps, team_id=team_id, measure_ids=changed_ids)
        home_service.measures_changed(deps, team_id=team_id, measure_ids=changed_ids, also=[user_id])
    return ReplyOutcome("recorded", tuple(refs), tuple(statuses))


def record_edit(deps: Deps, *, team_id: str, channel_id: str, ts: str, text: str) -> ReplyOutcome:
    """An edited reply (``message_changed``) updates the note it left."""
    with transaction(deps.sessions) as session:
        found = measures.edit_reply_notes(
            session, team_id=team_id, channel_id=channel_id, message_ts=ts, text=text
        )
    return ReplyOutcome("edited" if found else "ignored")
