"""The fake Slack's OAuth flow: the authorize page, oauth.v2.access, a token per workspace."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from slackfake import FakeSlack
from tests.oauth_harness import Browser

REDIRECT = "http://127.0.0.1:9/slack/oauth_redirect"


def approve(fake: FakeSlack, team: str, *, decision: str = "allow") -> dict[str, str]:
    browser = Browser()
    query = urllib.parse.urlencode({"client_id": "CID", "scope": "chat:write,commands", "state": "s1"})
    page = browser.request("GET", f"{fake.authorize_url}?{query}")
    assert page.status == 200 and "chat:write" in page.body and "Allow" in page.body
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.body))
    back = browser.request(
        "POST", fake.authorize_url, {**form, "team": team, "user": "U9", "decision": decision}
    )
    assert back.status == 302
    location = back.headers["location"]
    assert location.startswith(REDIRECT + "?")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def test_code_for_a_token_of_the_chosen_workspace() -> None:
    with FakeSlack() as fake:
        fake.register_app("CID", "SECRET", redirect_url=REDIRECT)
        fake.add_team("T2", "Second")
        answer = approve(fake, "T2")
        assert answer["state"] == "s1"
        client = WebClient(base_url=fake.api_url)
        resp = client.oauth_v2_access(client_id="CID", client_secret="SECRET", code=answer["code"])
        token = resp["access_token"]
        assert token.startswith("xoxb-T2-") and resp["team"] == {"id": "T2", "name": "Second"}
        assert resp["scope"] == "chat:write,commands" and resp["authed_user"] == {"id": "U9"}
        assert WebClient(token=token, base_url=fake.api_url).auth_test()["team_id"] == "T2"
        assert fake.token_of("T2") == token
        # a code is good once
        with pytest.raises(SlackApiError) as err:
            client.oauth_v2_access(client_id="CID", client_secret="SECRET", code=answer["code"])
        assert err.value.response["error"] == "invalid_code"
        # uninstalled: the token is revoked
        fake.uninstall("T2")
        with pytest.raises(SlackApiError) as err:
            WebClient(token=token, base_url=fake.api_url).auth_test()
        assert err.value.response["error"] == "token_revoked"
        [call] = [c for c in fake.calls_to("auth.test") if c.ok]
        assert fake.team_of_call(call) == "T2"


def test_wrong_secret_unknown_app_and_cancel() -> None:
    with FakeSlack() as fake:
        fake.register_app("CID", "SECRET", redirect_url=REDIRECT)
        code = approve(fake, "T1")["code"]
        client = WebClient(base_url=fake.api_url)
        for kwargs, error in (
            ({"client_id": "CID", "client_secret": "nope"}, "bad_client_secret"),
            ({"client_id": "OTHER", "client_secret": "SECRET"}, "invalid_client_id"),
        ):
            with pytest.raises(SlackApiError) as err:
                client.oauth_v2_access(code=code, **kwargs)
            assert err.value.response["error"] == error
        assert approve(fake, "T1", decision="cancel") == {"error": "access_denied", "state": "s1"}
        page = Browser().request("GET", f"{fake.authorize_url}?client_id=UNKNOWN&scope=x&state=s")
        assert page.status == 400
