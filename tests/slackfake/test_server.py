"""slackfake.server: URLs, auth, request bodies, the upload and response_url endpoints, concurrency,
a Bolt app against the fake — over real HTTP with slack_sdk."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from slackfake import FakeSlack
from tests.slackfake.payloads import TOKEN, api_error, modal, section


def test_urls_auth_and_identity(fake: FakeSlack, client: WebClient) -> None:
    assert fake.base_url == f"http://127.0.0.1:{fake.port}/"
    assert fake.api_url == fake.base_url + "api/"
    fake.team_id = "T42"
    resp = client.auth_test()
    assert resp["team_id"] == "T42"
    assert (resp["user_id"], resp["bot_id"]) == ("UBOT", "BBOT")
    call = fake.calls_to("auth.test")[0]
    assert call.headers["authorization"] == f"Bearer {TOKEN}"

    with pytest.raises(SlackApiError) as exc:
        WebClient(base_url=fake.api_url).auth_test()
    assert api_error(exc) == "not_authed"
    with pytest.raises(SlackApiError) as exc:
        WebClient(token="xoxp-user", base_url=fake.api_url).auth_test()
    assert api_error(exc) == "not_authed"
    assert len(fake.calls_to("auth.test")) == 3  # failed calls are recorded too


def test_form_json_query_and_multipart_params(fake: FakeSlack, client: WebClient) -> None:
    blocks = [section("*hi*")]
    metadata = {"event_type": "t", "event_payload": {"id": 1}}
    client.api_call(  # form-encoded, JSON strings for blocks/metadata
        "chat.postMessage",
        params={
            "channel": "C1",
            "text": "form",
            "blocks": json.dumps(blocks),
            "metadata": json.dumps(metadata),
        },
    )
    client.api_call("chat.postMessage", json={"channel": "C1", "text": "json", "blocks": blocks})
    client.api_call("chat.postMessage", http_verb="GET", params={"channel": "C1", "text": "query"})
    client.api_call("chat.postMessage", data={"channel": "C1", "text": "multi"}, files={"f": b"\x00\x01"})
    calls = fake.wait_for("chat.postMessage", count=4)
    assert calls[0].params["blocks"] == blocks and calls[0].params["metadata"] == metadata
    assert calls[1].params["blocks"] == blocks
    assert calls[3].params["f"] == b"\x00\x01"
    assert [m["text"] for m in fake.messages("C1")] == ["form", "json", "query", "multi"]
    assert fake.messages("C1")[0]["metadata"] == metadata


def test_response_url_recording_and_validation(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    assert url.startswith(fake.base_url + "response/")
    webhook = WebhookClient(url)
    assert webhook.send(text="done", replace_original=True, blocks=[section("done")]).status_code == 200
    got = fake.wait_for_response(predicate=lambda r: r.get("replace_original") is True)
    assert got[0]["text"] == "done" and got[0]["_url"] == url

    bad = webhook.send(text="x", blocks=[{"type": "no_such_block"}])
    assert bad.status_code == 400
    assert len(fake.responses) == 1
    assert fake.validation_errors and "no_such_block" in fake.validation_errors[0]
    fake.validation_errors.clear()
    with pytest.raises(AssertionError, match="response_url"):
        fake.wait_for_response(count=2, timeout=0.1)


def test_concurrent_posts(fake: FakeSlack, client: WebClient) -> None:
    def post(i: int) -> None:
        client.chat_postMessage(channel=f"C{i % 3}", text=str(i))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fake.wait_for("chat.postMessage", count=30)
    all_ts = [m["ts"] for m in fake.messages()]
    assert len(all_ts) == len(set(all_ts)) == 30
    assert all_ts == sorted(all_ts, key=float)


def test_upload_endpoint_and_unknown_paths(fake: FakeSlack) -> None:
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(
            urllib.request.Request(fake.base_url + "upload/FNOPE", data=b"x", method="POST")
        )
    assert err.value.code == 404
    err.value.close()
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(fake.base_url + "nothing-here")
    assert err.value.code == 404
    err.value.close()


def test_bolt_app_against_fake(fake: FakeSlack) -> None:
    app = App(client=WebClient(token=TOKEN, base_url=fake.api_url), signing_secret="secret")

    @app.command("/collab")
    def handle(ack: Any, respond: Any, say: Any, client: WebClient, body: dict[str, Any]) -> None:
        ack()
        respond(text="working on it", blocks=[section("working on it")])
        say("said in channel")
        client.views_open(trigger_id=body["trigger_id"], view=modal())

    body = urlencode(
        {
            "command": "/collab",
            "text": "",
            "channel_id": "C1",
            "user_id": "U1",
            "team_id": fake.team_id,
            "response_url": fake.new_response_url(),
            "trigger_id": fake.new_trigger_id(),
        }
    )
    ts = str(int(time.time()))
    signature = SignatureVerifier("secret").generate_signature(timestamp=ts, body=body)
    assert signature is not None
    headers: dict[str, str | Sequence[str]] = {
        "content-type": ["application/x-www-form-urlencoded"],
        "x-slack-request-timestamp": [ts],
        "x-slack-signature": [signature],
    }
    assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 200
    assert fake.wait_for_response()[0]["text"] == "working on it"
    fake.wait_for("views.open")
    assert fake.messages("C1")[0]["text"] == "said in channel"
    assert [c.method for c in fake.calls] == ["auth.test", "chat.postMessage", "views.open"]
