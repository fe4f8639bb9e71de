"""Tests for the fake Slack Web API server (slackfake/fake.py), over real HTTP with slack_sdk."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlencode

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from slackfake import Call, FakeSlack

TOKEN = "xoxb-test"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
        server.assert_no_validation_errors()


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=TOKEN, base_url=fake.api_url)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _modal(title: str = "Request", **extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "request_modal",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Submit"},
        "blocks": [
            {
                "type": "input",
                "block_id": "topic",
                "label": {"type": "plain_text", "text": "Topic"},
                "element": {"type": "plain_text_input", "action_id": "value"},
            }
        ],
        **extra,
    }


def _api_error(exc: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(exc.value.response["error"])


# -- basics ----------------------------------------------------------------------------------------


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
    assert _api_error(exc) == "not_authed"
    with pytest.raises(SlackApiError) as exc:
        WebClient(token="xoxp-user", base_url=fake.api_url).auth_test()
    assert _api_error(exc) == "not_authed"
    assert len(fake.calls_to("auth.test")) == 3  # failed calls are recorded too


def test_users_and_conversations_open(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1", name="alice", is_admin=True, tz="Asia/Shanghai")
    user = client.users_info(user="U1")["user"]
    assert (user["name"], user["is_admin"], user["tz"], user["tz_offset"]) == (
        "alice",
        True,
        "Asia/Shanghai",
        28800,
    )
    with pytest.raises(SlackApiError) as exc:
        client.users_info(user="U404")
    assert _api_error(exc) == "user_not_found"

    assert client.conversations_open(users="U1")["channel"]["id"] == "DU1"
    assert client.conversations_open(users=["U1"])["channel"]["id"] == "DU1"
    # posting to a user id lands in the DM
    resp = client.chat_postMessage(channel="U1", text="hello")
    assert resp["channel"] == "DU1"
    assert [m["text"] for m in fake.messages("U1")] == ["hello"]
    assert len(fake.posts_to("U1")) == len(fake.posts_to("DU1")) == 1


def test_form_json_query_and_multipart_params(fake: FakeSlack, client: WebClient) -> None:
    blocks = [_section("*hi*")]
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


# -- messages ---------------------------------------------------------------------------------------


def test_post_history_metadata_threads_and_pagination(fake: FakeSlack, client: WebClient) -> None:
    metadata = {"event_type": "request_created", "event_payload": {"request_id": 7}}
    first = client.chat_postMessage(channel="C1", text="one", metadata=metadata)
    assert first["message"]["user"] == "UBOT" and first["message"]["bot_id"] == "BBOT"
    reply = client.chat_postMessage(channel="C1", text="in thread", thread_ts=first["ts"])
    nested = client.chat_postMessage(channel="C1", text="reply to reply", thread_ts=reply["ts"])
    later = [client.chat_postMessage(channel="C1", text=f"m{i}")["ts"] for i in range(4)]
    all_ts = [first["ts"], reply["ts"], nested["ts"], *later]
    assert all_ts == sorted(all_ts, key=float) and len(set(all_ts)) == len(all_ts)

    history = client.conversations_history(channel="C1")
    texts = [m["text"] for m in history["messages"]]
    assert texts == ["m3", "m2", "m1", "m0", "one"]  # newest first, top-level only
    assert all("metadata" not in m for m in history["messages"])
    parent = history["messages"][-1]
    assert parent["reply_count"] == 2 and parent["thread_ts"] == first["ts"]

    with_md = client.conversations_history(
        channel="C1", include_all_metadata=True, oldest=later[1], inclusive=True
    )
    assert [m["text"] for m in with_md["messages"]] == ["m3", "m2", "m1"]
    full = client.conversations_history(channel="C1", include_all_metadata=True)["messages"]
    assert full[-1]["metadata"] == metadata
    window = client.conversations_history(channel="C1", oldest=first["ts"], latest=later[2])
    assert [m["text"] for m in window["messages"]] == ["m1", "m0"]  # exclusive bounds by default

    pages = []
    cursor = None
    while True:
        page = client.conversations_history(channel="C1", limit=2, cursor=cursor)
        pages.append([m["text"] for m in page["messages"]])
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            assert page["has_more"] is False
            break
    assert pages == [["m3", "m2"], ["m1", "m0"], ["one"]]

    replies = client.conversations_replies(channel="C1", ts=first["ts"])["messages"]
    assert [m["text"] for m in replies] == ["one", "in thread", "reply to reply"]
    assert fake.messages("C1", thread_ts=first["ts"])[-1]["thread_ts"] == first["ts"]
    assert len(fake.messages("C1", top_level_only=True)) == 5


def test_update_delete_reactions_ephemeral(fake: FakeSlack, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C1", text="v1")["ts"]
    client.chat_update(channel="C1", ts=ts, text="v2", blocks=[_section("v2")])
    assert fake.message("C1", ts) is not None
    assert fake.messages("C1")[0]["text"] == "v2" and fake.messages("C1")[0]["blocks"][0]["type"] == "section"
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts="1.000001", text="x")
    assert _api_error(exc) == "message_not_found"

    client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    with pytest.raises(SlackApiError) as exc:
        client.reactions_add(channel="C1", timestamp=ts, name="eyes")
    assert _api_error(exc) == "already_reacted"
    assert fake.messages("C1")[0]["reactions"] == [{"name": "eyes", "users": ["UBOT"], "count": 1}]

    eph = client.chat_postEphemeral(channel="C1", user="U1", text="only you")
    assert eph["message_ts"] and fake.ephemerals[0]["text"] == "only you"

    client.chat_delete(channel="C1", ts=ts)
    assert fake.messages("C1") == []
    human_ts = fake.add_message("C1", "from a human", user="U1")["ts"]
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts=human_ts, text="edit")
    assert _api_error(exc) == "cant_update_message"

    client.api_call("apps.somethingNew", params={"a": "1"})
    assert fake.unknown_methods == ["apps.somethingNew"]


def test_strict_channels(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="CAUTO", text="auto-created")  # default: lenient
    fake.strict_channels = True
    fake.add_channel("CPUB", "general", is_member=False)
    fake.add_channel("CARC", "old", is_archived=True)
    fake.add_channel("GPRIV", "secret", is_member=False, is_private=True)
    cases = [("CNOPE", "channel_not_found"), ("CPUB", "not_in_channel"), ("CARC", "is_archived")]
    for channel, error in cases:
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel=channel, text="x")
        assert _api_error(exc) == error
    for channel, error in [("GPRIV", "method_not_supported_for_channel_type"), ("CARC", "is_archived")]:
        with pytest.raises(SlackApiError) as exc:
            client.conversations_join(channel=channel)
        assert _api_error(exc) == error
    assert client.conversations_join(channel="CPUB")["channel"]["is_member"] is True
    client.chat_postMessage(channel="CPUB", text="now a member")
    client.chat_postMessage(channel="D123", text="DMs are always fine")
    assert client.conversations_info(channel="CARC")["channel"]["is_archived"] is True
    assert [c.ok for c in fake.posts_to("CPUB")] == [False, True]
    assert len(fake.posts_to("CPUB", ok_only=True)) == 1


# -- validation -------------------------------------------------------------------------------------


def test_invalid_blocks_rejected_and_recorded(fake: FakeSlack, client: WebClient) -> None:
    invalid: list[list[dict[str, Any]]] = [
        [{"type": "divider"}] * 51,
        [_section("x" * 3001)],
        [{"type": "no_such_block"}],
        [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
        [{"type": "actions", "elements": [{"type": "no_such_element", "action_id": "a"}]}],
        [_section("a") | {"block_id": "dup"}, _section("b") | {"block_id": "dup"}],
    ]
    for blocks in invalid:
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel="C1", text="fallback", blocks=blocks)
        assert _api_error(exc) == "invalid_blocks"
        assert exc.value.response["errors"]
    assert len(fake.validation_errors) == len(invalid)
    assert "no more than 50" in fake.validation_errors[0]
    assert "3000" in fake.validation_errors[1]
    assert "no_such_block" in fake.validation_errors[2]
    assert fake.messages("C1") == []

    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="x", metadata={"event_type": "t"})
    assert _api_error(exc) == "invalid_metadata"
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="x" * 40_001)
    assert _api_error(exc) == "msg_too_long"
    ts = client.chat_postMessage(channel="C1", text="ok", blocks=[_section("y" * 3000)] * 1)["ts"]
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="C1", ts=ts, text="t", blocks=[{"type": "bogus"}])
    assert _api_error(exc) == "invalid_blocks"
    with pytest.raises(SlackApiError):
        client.chat_postEphemeral(channel="C1", user="U1", blocks=[{"type": "bogus"}], text="t")
    assert len(fake.validation_errors) == len(invalid) + 4
    fake.validation_errors.clear()


def test_views_open_validation_and_triggers(fake: FakeSlack, client: WebClient) -> None:
    opened = client.views_open(trigger_id="1.2.abc", view=_modal(private_metadata="x" * 3000))
    view = opened["view"]
    assert view["id"].startswith("V") and view["hash"] and view["callback_id"] == "request_modal"
    assert fake.views[view["id"]]["title"]["text"] == "Request"

    with pytest.raises(SlackApiError) as exc:
        client.api_call("views.open", json={"view": _modal()})
    assert _api_error(exc) == "invalid_arguments"
    fake.expire_trigger("old.trigger")
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="old.trigger", view=_modal())
    assert _api_error(exc) == "expired_trigger_id"

    bad_views = [
        _modal(title="t" * 25),
        _modal(private_metadata="x" * 3001),
        _modal(callback_id="c" * 256),
        _modal(blocks=[{"type": "divider"}] * 101),
        _modal(blocks=[{"type": "no_such_block"}]),
        {k: v for k, v in _modal().items() if k != "submit"},  # input blocks need a submit button
    ]
    for bad in bad_views:
        with pytest.raises(SlackApiError) as exc:
            client.views_open(trigger_id="1.2.abc", view=bad)
        assert _api_error(exc) == "invalid_blocks"
    assert len(fake.validation_errors) == len(bad_views)
    fake.validation_errors.clear()

    updated = client.views_update(view_id=view["id"], view=_modal(title="Updated"), hash=view["hash"])
    assert updated["view"]["id"] == view["id"] and updated["view"]["hash"] != view["hash"]
    with pytest.raises(SlackApiError) as exc:
        client.views_update(view_id=view["id"], view=_modal(), hash=view["hash"])
    assert _api_error(exc) == "hash_conflict"
    pushed = client.views_push(trigger_id="1.2.abc", view=_modal(title="Step 2"))
    assert pushed["view"]["id"] != view["id"]


def test_files_upload_v2_round_trip(fake: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.api_url)
    content = b"name,count\r\n\xe4\xb8\xad,1\n"
    resp = client.files_upload_v2(
        channel="C1", filename="t.csv", content=content, title="Report", initial_comment="weekly report"
    )
    file_id = resp["file"]["id"]
    uploaded = fake.files[file_id]
    assert (uploaded.filename, uploaded.title, uploaded.content) == ("t.csv", "Report", content)
    assert (uploaded.channel_id, uploaded.initial_comment) == ("C1", "weekly report")
    assert fake.messages("C1")[-1]["files"][0]["id"] == file_id  # the file share message

    # completing an upload whose bytes never arrived fails
    url = client.files_getUploadURLExternal(filename="x.txt", length=3)
    assert url["upload_url"] == f"{fake.base_url}upload/{url['file_id']}"
    with pytest.raises(SlackApiError) as exc:
        client.files_completeUploadExternal(files=[{"id": url["file_id"], "title": "x"}], channel_id="C1")
    assert _api_error(exc) == "file_not_found"


def test_response_url_recording_and_validation(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    assert url.startswith(fake.base_url + "response/")
    webhook = WebhookClient(url)
    assert webhook.send(text="done", replace_original=True, blocks=[_section("done")]).status_code == 200
    got = fake.wait_for_response(predicate=lambda r: r.get("replace_original") is True)
    assert got[0]["text"] == "done" and got[0]["_url"] == url

    bad = webhook.send(text="x", blocks=[{"type": "no_such_block"}])
    assert bad.status_code == 400
    assert len(fake.responses) == 1
    assert fake.validation_errors and "no_such_block" in fake.validation_errors[0]
    fake.validation_errors.clear()
    with pytest.raises(AssertionError, match="response_url"):
        fake.wait_for_response(count=2, timeout=0.1)


# -- faults -----------------------------------------------------------------------------------------


def test_fail_next_with_predicate_and_count(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", "channel_not_found", when=lambda p: p.get("channel") == "C2")
    fake.fail_next("users.info", "fatal_error", count=2)
    client.chat_postMessage(channel="C1", text="unaffected")
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C2", text="fails")
    assert _api_error(exc) == "channel_not_found"
    client.chat_postMessage(channel="C2", text="works now")
    fake.add_user("U1")
    for _ in range(2):
        with pytest.raises(SlackApiError):
            client.users_info(user="U1")
    assert client.users_info(user="U1")["ok"]
    assert [m["text"] for m in fake.messages("C2")] == ["works now"]


def test_rate_limit_next_with_retry_handler(fake: FakeSlack) -> None:
    fake.rate_limit_next("chat.postMessage", retry_after=1)
    client = WebClient(
        token=TOKEN, base_url=fake.api_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)]
    )
    started = time.monotonic()
    resp = client.chat_postMessage(channel="C1", text="eventually")
    assert resp["ok"] and time.monotonic() - started >= 1.0
    assert [(c.status, c.error) for c in fake.calls_to("chat.postMessage")] == [
        (429, "ratelimited"),
        (200, None),
    ]
    assert fake.rate_limited_count == 1
    assert len(fake.messages("C1")) == 1


def test_rate_limit_next_without_retry_handler(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit_next("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="x")
    assert exc.value.response.status_code == 429
    assert exc.value.response.headers["Retry-After"] == "7"


def test_enforce_rate_limits(fake: FakeSlack, client: WebClient) -> None:
    fake.enforce_rate_limits(per_channel_per_sec=0.1)  # a 10 s window: no stall gets past it
    client.chat_postMessage(channel="C1", text="first")
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C1", text="too fast")
    assert exc.value.response.status_code == 429
    assert int(exc.value.response.headers["Retry-After"]) >= 1
    client.chat_postMessage(channel="C2", text="other channel is fine")
    assert fake.rate_limited_count == 1
    assert [m["text"] for m in fake.messages("C1")] == ["first"]

    fake.enforce_rate_limits(per_channel_per_sec=None, workspace_per_sec=2)
    client.chat_postMessage(channel="C3", text="a")
    client.chat_postMessage(channel="C4", text="b")
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C5", text="c")
    assert exc.value.response.status_code == 429
    assert fake.rate_limited_count == 2

    fake.enforce_rate_limits(per_channel_per_sec=50)  # 50 per second: a short burst fits
    for i in range(10):
        client.chat_postMessage(channel="C6", text=str(i))
    assert len(fake.messages("C6")) == 10


def test_delay_hooks_wait_for_and_reset(fake: FakeSlack, client: WebClient) -> None:
    seen: list[Call] = []
    fake.on_call("chat.postMessage", seen.append)
    fake.delay("auth.test", 0.2)
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.2

    thread = threading.Thread(target=lambda: client.chat_postMessage(channel="C1", text="bg"))
    thread.start()
    calls = fake.wait_for("chat.postMessage", predicate=lambda c: c.params.get("text") == "bg")
    thread.join()
    assert calls[0].ok and fake.messages("C1")[0]["text"] == "bg"
    deadline = time.monotonic() + 2
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen and seen[0].response["ts"] == calls[0].response["ts"]

    with pytest.raises(AssertionError) as err:
        fake.wait_for("views.open", timeout=0.1)
    assert "views.open" in str(err.value) and "chat.postMessage" in str(err.value)

    fake.fail_next("auth.test", "invalid_auth")
    fake.reset()
    assert fake.calls == [] and fake.messages() == []
    assert client.auth_test()["ok"]  # fault and delay were cleared


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
        respond(text="working on it", blocks=[_section("working on it")])
        say("said in channel")
        client.views_open(trigger_id=body["trigger_id"], view=_modal())

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
