"""The forms with any values (random text, malformed or missing fields, wrong types): an answer
within 3 seconds (the ack, with errors under the fields or none), nothing logged as an error, and
nothing stored when the form is refused."""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.fuzz.conftest import ANSWER_WITHIN, Errors
from tests.harness import ADMIN, OWNER, Bot, view_submission

COMMANDS = ["project add", "problem add", "measure add"]
anything = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=50)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)
text_value = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(
        ["", " ", "<!channel>", '"', "2026-12-31", "2026-02-30", "=1+1", "x" * 5000, "中" * 3001]
    ),
)


def element_state(kind: str, draw: st.DrawFn) -> dict[str, Any]:
    """A value for an element of the form: well formed, malformed, or of another kind."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return {"type": kind}  # nothing picked or typed
    if choice == 1:
        return {"type": draw(st.text(max_size=12)), "value": draw(anything)}
    value = draw(text_value)
    return {
        "type": kind,
        "value": value,
        "selected_date": value,
        "selected_user": draw(st.sampled_from([OWNER, "", value])),
        "selected_option": {"value": value, "text": {"type": "plain_text", "text": "x"}},
        "selected_options": [{"value": value}, {"value": draw(st.text(max_size=10))}],
    }


@st.composite
def states(draw: st.DrawFn, view: dict[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input" or draw(st.integers(0, 5)) == 0:
            continue  # a field left out altogether
        element = block["element"]
        state[block["block_id"]] = {element["action_id"]: element_state(element["type"], draw)}
    return state


@given(data=st.data(), command=st.sampled_from(COMMANDS))
def test_any_form_values_are_answered(world: Bot, errors: Errors, data: st.DataObject, command: str) -> None:
    bot = world
    before = factories.counts(bot.db)
    bot.command_form(command, user=ADMIN, team="T1", channel="CGENERAL")  # (for its trigger id)
    result, _ = bot.send_command(command)
    assert result.status == 200
    view = bot.opened_view()
    state = data.draw(states(view))
    payload = view_submission(bot.fake, view, state)
    if data.draw(st.booleans()):
        payload["view"]["private_metadata"] = data.draw(st.one_of(st.text(max_size=40), st.just("{]")))
    started = time.monotonic()
    answer = bot.interact(payload)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert answer.status == 200, answer
    refused = bool(answer.body) and json.loads(answer.body).get("response_action") == "errors"
    if refused:
        errors_shown = json.loads(answer.body)["errors"]
        assert errors_shown and all(isinstance(v, str) and len(v) <= 150 for v in errors_shown.values())
        assert factories.counts(bot.db) == before, state
    assert errors.take() == [], state
