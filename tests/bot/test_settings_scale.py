"""Settings for running at scale: OAuth (all three or none, not with SLACK_BOT_TOKEN), the token
key, the log format, the test clock; the OAuth scopes are the manifest's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from bot.oauth import BOT_SCOPES
from bot.settings import DEFAULT_OAUTH_URL, Settings, SettingsError

OAUTH = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "cs", "SLACK_STATE_SECRET": "ss"}
ROOT = Path(__file__).resolve().parents[2]


def test_oauth_settings() -> None:
    s = Settings.from_env({**OAUTH, "SLACK_SIGNING_SECRET": "sig"})
    assert s.oauth and (s.client_id, s.client_secret, s.state_secret) == ("1.2", "cs", "ss")
    assert s.oauth_url == DEFAULT_OAUTH_URL
    assert "cs" not in repr(s) and "ss" not in repr(s)
    s.require_slack(socket_mode=False)  # no SLACK_BOT_TOKEN needed
    assert Settings.from_env({**OAUTH, "SLACK_OAUTH_URL": "http://127.0.0.1:9/oauth"}).oauth_url.endswith(
        "/oauth"
    )
    assert not Settings.from_env({}).oauth


@pytest.mark.parametrize("missing", sorted(OAUTH))
def test_oauth_needs_all_three_and_names_the_missing_one(missing: str) -> None:
    env = {k: v for k, v in OAUTH.items() if k != missing}
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env)
    assert f"but {missing} not" in str(err.value)


def test_oauth_and_a_single_bot_token_do_not_mix() -> None:
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set"):
        Settings.from_env({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"})


def test_oauth_needs_http_and_the_signing_secret() -> None:
    with pytest.raises(SettingsError, match="collab-bot serve"):
        Settings.from_env({**OAUTH, "SLACK_SIGNING_SECRET": "sig"}).require_slack(socket_mode=True)
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET not set"):
        Settings.from_env(OAUTH).require_slack(socket_mode=False)


def test_secret_keys() -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    s = Settings.from_env({"COLLAB_SECRET_KEY": f" {new} , {old} "})
    assert s.secret_keys == (new, old) and new not in repr(s)
    for bad in ("not-a-key", new[:-4], f"{new},short"):
        with pytest.raises(SettingsError, match="COLLAB_SECRET_KEY"):
            Settings.from_env({"COLLAB_SECRET_KEY": bad})


def test_log_format_and_test_clock() -> None:
    assert Settings.from_env({}).log_format == "text"
    assert Settings.from_env({"COLLAB_LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(SettingsError, match="COLLAB_LOG_FORMAT"):
        Settings.from_env({"COLLAB_LOG_FORMAT": "xml"})
    assert Settings.from_env({"COLLAB_TEST_CLOCK_OFFSET": "-90.5"}).test_clock_offset == -90.5
    with pytest.raises(SettingsError, match="COLLAB_TEST_CLOCK_OFFSET"):
        Settings.from_env({"COLLAB_TEST_CLOCK_OFFSET": "soon"})


def test_the_oauth_scopes_are_the_manifests() -> None:
    manifest = yaml.safe_load((ROOT / "slack-manifest.yml").read_text())
    assert tuple(manifest["oauth_config"]["scopes"]["bot"]) == BOT_SCOPES
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
    assert any(u.endswith("/slack/oauth_redirect") for u in manifest["oauth_config"]["redirect_urls"])


def test_env_example_names_every_new_setting() -> None:
    example = (ROOT / ".env.example").read_text()
    for name in (*OAUTH, "SLACK_OAUTH_URL", "COLLAB_SECRET_KEY", "COLLAB_LOG_FORMAT"):
        assert f"\n{name}=" in example, name
