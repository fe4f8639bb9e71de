"""The fake Slack's side of the app's request URL: requests signed with the app's signing
secret and POSTed as Slack does (slash commands and interactivity as forms, events as JSON)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

# Slack gives an app 3 seconds to answer a command, an interaction or an event.
ACK_TIMEOUT = 3.0


def signature_headers(body: str, *, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` (v0, HMAC-SHA256) for ``body``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass(frozen=True)
class AppAnswer:
    """What the app answered: HTTP status and body (``status`` 0: no answer in time)."""

    status: int
    body: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == 200

    def json(self) -> dict[str, Any] | None:
        """The body as a JSON object, or None (empty, or not JSON)."""
        try:
            data = json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None
        return data if isinstance(data, dict) else None


class AppLink:
    """Signed requests to one app's request URL (``http://host:port/path``)."""

    def __init__(self, request_url: str, *, signing_secret: str, timeout: float = ACK_TIMEOUT) -> None:
        self.request_url = request_url
        self.signing_secret = signing_secret
        self.timeout = timeout

    def post_form(self, fields: dict[str, str], **headers: str) -> AppAnswer:
        return self._post(urllib.parse.urlencode(fields), "application/x-www-form-urlencoded", headers)

    def post_payload(self, payload: dict[str, Any]) -> AppAnswer:
        """An interaction (block_actions, view_submission, block_suggestion, …): ``payload=…``."""
        return self.post_form({"payload": json.dumps(payload)})

    def post_event(self, envelope: dict[str, Any], *, retry_num: int | None = None) -> AppAnswer:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self._post(json.dumps(envelope), "application/json", headers)

    def _post(self, body: str, content_type: str, extra: dict[str, str]) -> AppAnswer:
        url = urllib.parse.urlsplit(self.request_url)
        headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **signature_headers(body, secret=self.signing_secret),
            **extra,
        }
        started = time.monotonic()
        conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=self.timeout)
        try:
            conn.request("POST", url.path or "/", body=body.encode("utf-8"), headers=headers)
            resp = conn.getresponse()
            return AppAnswer(resp.status, resp.read().decode("utf-8", "replace"), time.monotonic() - started)
        except (TimeoutError, OSError):
            return AppAnswer(0, "", time.monotonic() - started)
        finally:
            conn.close()
