"""Slack's OAuth install flow for many workspaces: Bolt's ``OAuthSettings`` over the stores of
``slack_api/installations.py`` (same database as everything else)."""

from __future__ import annotations

from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.settings import Settings
from slack_api.installations import STATE_SECONDS, OAuthStores

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes of slack-manifest.yml (tests/bot/test_oauth_settings.py keeps them equal).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "channels:history",
    "groups:history",
    "channels:join",
    "channels:read",
    "groups:read",
    "users:read",
    "im:write",
    "im:history",
    "files:write",
    "reactions:write",
)


def oauth_settings(settings: Settings, stores: OAuthStores) -> OAuthSettings:
    assert settings.client_id and settings.client_secret
    return OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=settings.oauth_url,
        installation_store=stores.installation_store,
        installation_store_bot_only=True,
        state_store=stores.state_store,
        state_expiration_seconds=STATE_SECONDS,
    )
