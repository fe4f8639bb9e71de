"""slackfake.blocks and views.*: invalid blocks, metadata, texts and views are refused and recorded."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackfake import FakeSlack
from tests.slackfake.payloads import api_error, modal, section


def test_invalid_blocks_rejected_and_recorded(fake: FakeSlack, client: WebClient) -> None:
    invalid: list[list[dict[str, Any]]] = [
        [{"type": "divider"}] * 51,
        [section("x" * 3001)],
        [{"type": "no_such_block"}],
        [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
        [{"type": "actions", "elements": [{"type": "no_such_element", "action_id": "a"}]}],
        [section("a") | {"block_id": "dup"}, section("b") | {"block_id": "dup"}],
    ]
    for blocks in invalid:
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel="C1", text="fallback", blocks=blocks)
        assert api_error(exc) == "invalid_blocks"
        assert exc.value.response["errors"]
    assert len(fake.validation_errors) == len(invalid)
    assert "no more than 50" in fake.validation_errors[0]
    assert "3000" in fake.validation_errors[1]
    assert "no_such_block" in fake.validation_errors[2]
    assert fake.messages("C1") == []

    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="x", metadata={"event_type": "t"})
    assert api_error(exc) == "invalid_metadata"
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="x" * 40_001)
    assert api_error(exc) == "msg_too_long"
    ts = client.chat_postMessage(channel="C1", text="ok", blocks=[section("y" * 3000)] * 1)["ts"]
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts=ts, text="t", blocks=[{"type": "bogus"}])
    assert api_error(exc) == "invalid_blocks"
    with pytest.raises(SlackApiError):
        client.chat_postEphemeral(channel="C1", user="U1", blocks=[{"type": "bogus"}], text="t")
    assert len(fake.validation_errors) == len(invalid) + 4
    fake.validation_errors.clear()


def test_views_open_validation_and_triggers(fake: FakeSlack, client: WebClient) -> None:
    opened = client.views_open(trigger_id="1.2.abc", view=modal(private_metadata="x" * 3000))
    view = opened["view"]
    assert view["id"].startswith("V") and view["hash"] and view["callback_id"] == "request_modal"
    assert fake.views[view["id"]]["title"]["text"] == "Request"

    with pytest.raises(SlackApiError) as exc:
        client.api_call("views.open", json={"view": modal()})
    assert api_error(exc) == "invalid_arguments"
    fake.expire_trigger("old.trigger")
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="old.trigger", view=modal())
    assert api_error(exc) == "expired_trigger_id"

    bad_views = [
        modal(title="t" * 25),
        modal(private_metadata="x" * 3001),
        modal(callback_id="c" * 256),
        modal(blocks=[{"type": "divider"}] * 101),
        modal(blocks=[{"type": "no_such_block"}]),
        {k: v for k, v in modal().items() if k != "submit"},  # input blocks need a submit button
    ]
    for bad in bad_views:
        with pytest.raises(SlackApiError) as exc:
            client.views_open(trigger_id="1.2.abc", view=bad)
        assert api_error(exc) == "invalid_blocks"
    assert len(fake.validation_errors) == len(bad_views)
    fake.validation_errors.clear()

    updated = client.views_update(view_id=view["id"], view=modal(title="Updated"), hash=view["hash"])
    assert updated["view"]["id"] == view["id"] and updated["view"]["hash"] != view["hash"]
    with pytest.raises(SlackApiError) as exc:
        client.views_update(view_id=view["id"], view=modal(), hash=view["hash"])
    assert api_error(exc) == "hash_conflict"
    pushed = client.views_push(trigger_id="1.2.abc", view=modal(title="Step 2"))
    assert pushed["view"]["id"] != view["id"]
