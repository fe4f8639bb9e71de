"""slackfake.web: the local Slack on one port — the page, its long-poll, what it sends, the
fake's Web API mounted beside it, downloads — with an app attached for every other path."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from slackfake import FakeSlack
from slackfake.user_actions import SlackClient
from slackfake.web import LocalSlack
from tests.slackfake.app_double import AppDouble


@pytest.fixture
def local(fake: FakeSlack, people: SlackClient) -> Iterator[tuple[str, LocalSlack]]:
    web = LocalSlack(fake, people, default_user="UANA", default_channel="CGEN")
    server = uvicorn.Server(uvicorn.Config(web, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/"
    yield url, web
    server.should_exit = True
    thread.join(timeout=5)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def post(url: str, data: dict[str, Any]) -> dict[str, Any]:
    req = urllib.request.Request(
        url, data=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req) as resp:
        answer: dict[str, Any] = json.loads(resp.read())
        return answer


def test_the_page(local: tuple[str, LocalSlack]) -> None:
    url, _ = local
    status, headers, body = get(url + "?as=UBEN")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert '<textarea id="composer" aria-label="Message"' in page
    assert (
        '<select id="acting-as" aria-label="Acting as"><option value="UANA">ana</option><option value="UBEN" selected>'
        in page
    )
    assert "# general" in page and '"user": "UBEN"' in page
    for name in ("sandbox.js", "sandbox.css"):
        assert get(url + "sandbox/static/" + name)[0] == 200
    assert get(url + "sandbox/static/other.txt")[0] == 404


def test_the_long_poll_answers_when_something_changes(fake: FakeSlack, local: tuple[str, LocalSlack]) -> None:
    url, _ = local
    first = json.loads(get(url + "sandbox/state?as=UANA&c=CGEN&since=-1")[2])
    assert "No messages here yet" in first["parts"]["messages"]
    result: dict[str, Any] = {}

    def wait() -> None:
        started = time.monotonic()
        result.update(json.loads(get(f"{url}sandbox/state?as=UANA&c=CGEN&since={first['version']}")[2]))
        result["waited"] = time.monotonic() - started

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.3)
    assert not result  # nothing changed yet: it waits
    # the app posts through the fake's Web API, mounted on the same port
    fake.mount(url)
    fake.client().chat_postMessage(channel="CGEN", text="*hello*")
    waiter.join(timeout=5)
    assert result["version"] > first["version"] and 0.3 <= result["waited"] < 2
    assert "<b>hello</b>" in result["parts"]["messages"]


def test_what_the_page_sends(fake: FakeSlack, app: AppDouble, local: tuple[str, LocalSlack]) -> None:
    url, _ = local
    assert post(url + "sandbox/send", {"as": "UANA", "channel": "CGEN", "text": "/collab dept list"})["ok"]
    assert app.last().form["text"] == "dept list"
    assert post(url + "sandbox/send", {"as": "UANA", "channel": "CGEN", "text": "hello there"})["ok"]
    assert app.last().payload["event"]["text"] == "hello there"
    answer = post(url + "sandbox/jump", {"as": "UANA", "at": "2030-01-01T09:00"})
    assert answer == {"ok": False, "error": "this Slack has no clock to move", "errors": {}, "options": []}


def test_files_and_the_web_api_on_one_port(fake: FakeSlack, local: tuple[str, LocalSlack]) -> None:
    url, _ = local
    fake.mount(url)
    client = fake.client()
    client.files_upload_v2(channel="CGEN", filename="table.csv", content=b"a,b\n1,2\n", title="table")
    [uploaded] = fake.messages("CGEN")[-1]["files"]
    status, headers, body = get(f"{url}sandbox/files/{uploaded['id']}/table.csv")
    assert (status, body) == (200, b"a,b\n1,2\n")
    assert headers["content-disposition"] == "attachment; filename*=UTF-8''table.csv"
    # url_private wants the bot token, as Slack's does
    assert uploaded["url_private"].startswith(url + "files/")
    assert get(uploaded["url_private"])[0] == 403
    assert get(uploaded["url_private"], {"Authorization": f"Bearer {fake.token}"})[2] == b"a,b\n1,2\n"
    assert get(url + "slack/events")[0] == 503  # no app attached yet
    # a permalink leads to the channel on the page
    link = client.chat_getPermalink(channel="CGEN", message_ts=fake.messages("CGEN")[-1]["ts"])["permalink"]
    assert link.startswith(url + "archives/CGEN/p")
    with urllib.request.urlopen(link) as resp:
        assert resp.url == url + "?c=CGEN" and b'aria-label="Message"' in resp.read()
