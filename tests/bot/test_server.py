"""The HTTP seam: signatures, timestamps, /healthz and unknown paths, against the real server."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
import urllib.parse

from storage.models import Department
from tests import factories
from tests.harness import SIGNING_SECRET, Bot

DEPT_ADD = "dept add Sales head=<@UHEAD|hank> channel=<#CSALES|sales>"


def slack_calls(bot: Bot) -> list[str]:
    """Web API calls made while handling requests (Bolt's start-up auth.test aside)."""
    return [c.method for c in bot.fake.calls if c.method != "auth.test"]


def assert_nothing_happened(bot: Bot) -> None:
    assert factories.all_rows(bot.db, Department) == []
    assert factories.get_workspace(bot.db) is None
    assert bot.fake.responses == []
    assert slack_calls(bot) == []


def test_signed_command_is_accepted(bot: Bot) -> None:
    result, form = bot.send_command(DEPT_ADD)
    assert (result.status, result.body) == (200, "")
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == form["response_url"])
    assert reply["text"].startswith(":white_check_mark:")
    assert len(factories.all_rows(bot.db, Department)) == 1


def test_forged_signature_is_refused(bot: Bot) -> None:
    result, _ = bot.send_command(DEPT_ADD, secret="not-the-signing-secret")
    assert result.status == 401
    assert_nothing_happened(bot)


def test_body_changed_after_signing_is_refused(bot: Bot) -> None:
    form = bot.command_form(DEPT_ADD, user="UOTHER", team="T1", channel="C1")
    body = urllib.parse.urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **_sign(body)}
    tampered = body.replace("UOTHER", "UADMIN")
    assert bot.post("/slack/events", tampered, headers).status == 401
    assert (
        bot.post("/slack/events", body, {"Content-Type": "application/x-www-form-urlencoded"}).status == 401
    )
    assert_nothing_happened(bot)


def test_stale_timestamp_is_refused(bot: Bot) -> None:
    result, _ = bot.send_command(DEPT_ADD, timestamp=int(time.time()) - 6 * 60)
    assert result.status == 401
    result, _ = bot.send_command(DEPT_ADD, timestamp=int(time.time()) + 6 * 60)
    assert result.status == 401
    assert_nothing_happened(bot)


def test_forged_interaction_is_refused(bot: Bot) -> None:
    result, response_url = bot.button("status_page_next", "me:UOWNER|2")
    assert result.status == 200
    bot.fake.wait_for_response(predicate=lambda r: r["_url"] == response_url)
    payload = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "UADMIN"}, "actions": []}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    result = bot.post_signed(body, content_type="application/x-www-form-urlencoded", secret="wrong")
    assert result.status == 401


def post_bytes(bot: Bot, body: bytes, headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", bot.port, timeout=10)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def test_body_that_is_not_utf8_is_refused_not_a_server_error(bot: Bot) -> None:
    body = b"command=%2Fcollab&text=\xff\xfe&team_id=T1&user_id=UADMIN"
    ts = str(int(time.time()))
    signature = hmac.new(SIGNING_SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={signature}",
    }
    assert post_bytes(bot, body, headers) == 401
    assert post_bytes(bot, body, {**headers, "X-Slack-Signature": "v0=00"}) == 401
    assert_nothing_happened(bot)


def test_oversized_body_is_refused(bot: Bot) -> None:
    assert post_bytes(bot, b"x" * (1024 * 1024 + 1), {"Content-Type": "text/plain"}) == 413
    assert_nothing_happened(bot)


def test_healthz_and_unknown_paths(bot: Bot) -> None:
    assert (bot.get("/healthz").status, bot.get("/healthz").body) == (200, "ok")
    assert bot.get("/nope").status == 404
    assert bot.post("/slack/other", "x", {}).status == 404
    assert bot.get("/slack/events").status == 405
    assert slack_calls(bot) == []


def test_url_verification_challenge(bot: Bot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    result = bot.post_signed(body, content_type="application/json")
    assert result.status == 200
    assert result.json() == {"challenge": "abc123"}


def _sign(body: str) -> dict[str, str]:
    from tests.harness import sign

    return sign(body, secret=SIGNING_SECRET)
