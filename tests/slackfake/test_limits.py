"""slackfake.limits: injected errors, 429s with Retry-After, posting limits, delays, hooks, reset."""

from __future__ import annotations

import threading
import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from slackfake import Call, FakeSlack
from tests.slackfake.payloads import TOKEN, api_error


def test_fail_next_with_predicate_and_count(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", "channel_not_found", when=lambda p: p.get("channel") == "C2")
    fake.fail_next("users.info", "fatal_error", count=2)
    client.chat_postMessage(channel="C1", text="unaffected")
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C2", text="fails")
    assert api_error(exc) == "channel_not_found"
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


def test_response_urls_can_be_slow(fake: FakeSlack) -> None:
    from slack_sdk.webhook import WebhookClient

    fake.delay("response_url", 0.3)
    url = fake.new_response_url()
    started = time.monotonic()
    assert WebhookClient(url).send(text="late").status_code == 200
    assert time.monotonic() - started >= 0.3
    fake.delay("response_url", 0)
    started = time.monotonic()
    WebhookClient(fake.new_response_url()).send(text="on time")
    assert time.monotonic() - started < 0.3
    assert [r["text"] for r in fake.responses] == ["late", "on time"]
