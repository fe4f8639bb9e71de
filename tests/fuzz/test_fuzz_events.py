"""Events, buttons and raw bodies with anything in them (random fields, missing ones, malformed
JSON): never a 500, an answer within 3 seconds, nothing logged as an error, and a reply that
cannot be attached stores nothing."""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storage.models import MeasureEvent, ProcessedEvent
from tests import factories
from tests.fuzz.conftest import ANSWER_WITHIN, Errors
from tests.harness import ADMIN, OWNER, Bot

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.text(max_size=40)
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=8,
)
ts = st.one_of(
    st.sampled_from(["1700000000.000100", "1700000001.000200", "", "0", "abc"]), st.text(max_size=20)
)
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(["MSR-1 done", "done", "MSR-999999999 blocked", "<!channel> MSR-1", "x" * 40000]),
)


@st.composite
def message_events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "message"}
    for key, values in (
        ("channel", st.sampled_from(["CSALES", "CGENERAL", "", "C"])),
        ("user", st.sampled_from([OWNER, ADMIN, "", "UNOBODY"])),
        ("text", texts),
        ("ts", ts),
        ("thread_ts", ts),
        (
            "subtype",
            st.sampled_from(["message_changed", "thread_broadcast", "file_share", "bot_message", "x"]),
        ),
        ("message", anything),
        ("bot_id", st.just("B1")),
    ):
        if draw(st.booleans()):
            event[key] = draw(st.one_of(values, anything))
    return event


def stored(bot: Bot) -> int:
    return len(factories.all_rows(bot.db, MeasureEvent))


@given(event=message_events(), event_id=st.text(max_size=80))
def test_any_message_event_is_handled(
    world: Bot, errors: Errors, event: dict[str, Any], event_id: str
) -> None:
    bot = world
    before = stored(bot)
    started = time.monotonic()
    result = bot.event(event, event_id=event_id)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert result.status in (200, 400), result  # 400: a payload Bolt cannot read (not Slack's)
    time.sleep(0.05)  # the event is handled after the ack
    assert errors.take() == [], event
    # nothing here is a reply under a sync prompt (there is none), so nothing is kept
    assert stored(bot) == before
    assert len(factories.all_rows(bot.db, ProcessedEvent)) == 0


ACTIONS = [
    "sync_status:1:done",
    "sync_more",
    "sync_more:next",
    "nudge_done",
    "nudge_new_date",
    "cr_approve",
    "cr_reject",
    "status_page_next",
    "unknown_action",
]


@given(
    action_id=st.sampled_from(ACTIONS),
    value=st.one_of(st.text(max_size=60), st.sampled_from(["1:done", "1", "x:y", "me:UADMIN|2", "99:1", ""])),
    block_id=st.one_of(st.text(max_size=40), st.sampled_from(["msr-1|1:2", "msr-1|x:y", "b"])),
    container=st.one_of(
        st.none(),
        st.dictionaries(st.sampled_from(["type", "message_ts", "channel_id", "is_ephemeral"]), scalars),
    ),
)
def test_any_button_press_is_answered(
    world: Bot, errors: Errors, action_id: str, value: str, block_id: str, container: dict[str, Any] | None
) -> None:
    bot = world
    before = factories.counts(bot.db)
    response_url = bot.fake.new_response_url()
    payload = {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": OWNER, "username": "owner", "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy-token",
        "trigger_id": bot.fake.new_trigger_id(),
        "container": container,
        "channel": {"id": "CGENERAL"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "action_ts": "1.2",
            }
        ],
    }
    started = time.monotonic()
    result = bot.interact(payload)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert result.status in (200, 404), result
    time.sleep(0.05)
    assert errors.take() == [], (action_id, value, block_id)
    if not (action_id.startswith("sync_status:1:") or action_id == "nudge_done") or value not in (
        "1:done",
        "1",
    ):
        assert factories.counts(bot.db) == before


raw_bodies = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(str.encode),
    st.builds(lambda d: json.dumps(d).encode(), anything),
    st.builds(lambda d: urllib.parse.urlencode({"payload": json.dumps(d)}).encode(), anything),
    st.sampled_from(
        [b"{", b'{"type": "event_callback"}', b'{"type": "url_verification"}', b"payload=%7B", b""]
    ),
)


@given(
    body=raw_bodies,
    content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
)
def test_any_signed_body_is_answered_without_a_500(
    world: Bot, errors: Errors, body: bytes, content_type: str
) -> None:
    bot = world
    text = body.decode("utf-8", errors="replace")
    started = time.monotonic()
    result = bot.post_signed(text, content_type=content_type)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert result.status < 500, (body, result)
    time.sleep(0.02)
    assert [e for e in errors.take() if "unhandled" in e or "Traceback" in e] == [], body
