"""The Home tab (App Home): what is mine, what waits for me — published when the person opens
it, and republished after changes that concern them (coalesced per person through
``deps.later``: many changes in a moment, one ``views.publish``).

What waits for a person comes from :data:`WAITING`: one function per kind of thing to do (change
requests to decide today; evaluations, minutes and retrospective input as they come), each one
query. Upcoming meetings come from :func:`upcoming_meetings`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

from services.deps import Deps
from slack_api.gateway import SlackError
from storage import change_requests, home, measures, milestones, retros
from storage.db import Session, transaction
from storage.models import OPEN_STATUSES
from ui.blocks import Payload
from ui.home import HomeData, Waiting, change_request_waiting, home_view
from ui.milestones import evaluation_waiting
from ui.retros import input_waiting

logger = logging.getLogger(__name__)

# What waits for a person: (session, team, user, lang, today) → the items, in one query each.
WaitingSource = Callable[[Session, str, str, str, date], list[Waiting]]


def _change_requests_to_decide(
    session: Session, team_id: str, user_id: str, lang: str, today: date
) -> list[Waiting]:
    found = change_requests.open_for_lead(session, team_id=team_id, user_id=user_id)
    return [change_request_waiting(row, lang=lang, today=today) for row in found]


def _evaluations_to_record(
    session: Session, team_id: str, user_id: str, lang: str, today: date
) -> list[Waiting]:
    found = milestones.to_evaluate(session, team_id=team_id, lead=user_id, today=today)
    return [evaluation_waiting(m, p, lang=lang) for m, p in found]


def _retro_input_to_give(
    session: Session, team_id: str, user_id: str, lang: str, today: date
) -> list[Waiting]:
    found = retros.waiting_for(session, team_id=team_id, user_id=user_id, today=today)
    return [input_waiting(r, p, lang=lang) for r, p in found]


WAITING: list[WaitingSource] = [_change_requests_to_decide, _evaluations_to_record, _retro_input_to_give]


def upcoming_meetings(session: Session, team_id: str, user_id: str, lang: str, today: date) -> list[str]:
    """Upcoming meetings of the person's departments, one line each. The product has no
    meetings yet: nothing to show until they exist."""
    return []


def build(deps: Deps, *, team_id: str, user_id: str, opened: bool = False) -> Payload:
    """The person's Home tab, from a constant number of queries (``opened``: record that they
    have opened it, so later changes republish it)."""
    # a write (who opened it) needs a transaction; a rebuild only reads
    with transaction(deps.sessions) if opened else deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        today = deps.today(ws)
        if opened:
            home.mark_opened(session, team_id=team_id, user_id=user_id, now=deps.clock())
        data = HomeData(
            measures=measures.measure_rows(
                session, team_id=team_id, owner_user_id=user_id, statuses=OPEN_STATUSES, open_projects=True
            ),
            waiting=[
                item for source in WAITING for item in source(session, team_id, user_id, ws.lang, today)
            ],
            led=home.led_projects(session, team_id=team_id, user_id=user_id),
            meetings=upcoming_meetings(session, team_id, user_id, ws.lang, today),
        )
    return home_view(data, lang=ws.lang, today=today)


def publish(deps: Deps, *, team_id: str, user_id: str, opened: bool = False) -> None:
    view = build(deps, team_id=team_id, user_id=user_id, opened=opened)
    try:
        deps.slack_for(team_id).publish_home(user_id, view)
    except SlackError:
        logger.exception("could not publish the Home tab of %s", user_id)


def refresh(deps: Deps, *, team_id: str, user_ids: Iterable[str]) -> None:
    """Republish the Home tab of those of ``user_ids`` who have opened it, a moment later and
    once per person however often this is called meanwhile. Call it after the commit."""
    try:
        with deps.sessions() as session:
            users = home.with_home(session, team_id=team_id, user_ids=user_ids)
    except Exception:
        logger.exception("could not find whose Home tab to republish")
        return
    for user in users:
        deps.later.submit(("home", team_id, user), partial(publish, deps, team_id=team_id, user_id=user))


def measures_changed(
    deps: Deps, *, team_id: str, measure_ids: Iterable[int], also: Iterable[str] = ()
) -> None:
    """Measures changed (after the commit): their owners' and project leads' tabs, and ``also``
    (the person who changed them, a previous owner), are republished."""
    try:
        with deps.sessions() as session:
            concerned = home.concerned_by_measures(session, team_id=team_id, measure_ids=measure_ids)
    except Exception:
        logger.exception("could not find whom the changed measures concern")
        return
    refresh(deps, team_id=team_id, user_ids=[*concerned, *also])
