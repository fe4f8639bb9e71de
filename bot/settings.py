"""The one settings object. Loaded once, after ``load_dotenv()``, failing fast."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///collab-bot.db"
DEFAULT_OAUTH_URL = "https://slack.com/oauth/v2/authorize"
OAUTH_VARS = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and says how to fix it."""


_HOW = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) from your Slack app's "
    "'OAuth & Permissions' page after installing it to the workspace",
    "SLACK_SIGNING_SECRET": "the Signing Secret from your Slack app's 'Basic Information' page",
    "SLACK_APP_TOKEN": "an App-Level Token (xapp-…) with the connections:write scope, from "
    "'Basic Information' → 'App-Level Tokens' (only for Socket Mode)",
    "SLACK_CLIENT_ID": "the Client ID from your Slack app's 'Basic Information' → App Credentials",
    "SLACK_CLIENT_SECRET": "the Client Secret from your Slack app's 'Basic Information' → App Credentials",
    "SLACK_STATE_SECRET": "a long random string of your own, e.g. from "
    "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`",
}


@dataclass(frozen=True)
class Settings:
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    slack_api_url: str
    database_url: str
    port: int
    timezone: str
    lang: str
    admins: tuple[str, ...] = field(default=())
    run_scheduler: bool = True
    post_rate: float = 20.0
    lease_seconds: float = 30.0
    # Many workspaces (OAuth): all three set, or none (then SLACK_BOT_TOKEN, one workspace).
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    state_secret: str | None = field(default=None, repr=False)
    oauth_url: str = DEFAULT_OAUTH_URL
    # Fernet keys for the bot tokens at rest: the first encrypts, every one decrypts (rotation).
    secret_keys: tuple[str, ...] = field(default=(), repr=False)
    log_format: str = "text"
    # Tests only: the bot's clock runs this many seconds ahead of the real one.
    test_clock_offset: float = 0.0

    @property
    def oauth(self) -> bool:
        """Many workspaces through Slack's OAuth flow (tokens from the installation store)."""
        return self.client_id is not None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        port_text = get("PORT") or "3000"
        try:
            port = int(port_text)
        except ValueError:
            raise SettingsError(f"PORT={port_text!r} is not a number; set PORT to e.g. 3000") from None
        tz = get("COLLAB_TIMEZONE") or "UTC"
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"COLLAB_TIMEZONE={tz!r} is not an IANA time zone; use e.g. Asia/Shanghai or UTC"
            ) from None
        lang = get("COLLAB_LANG") or "en"
        if lang not in ("en", "zh"):
            raise SettingsError(f"COLLAB_LANG={lang!r} must be en or zh")
        api_url = get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
        if not api_url.endswith("/"):
            api_url += "/"
        rate_text = get("COLLAB_POST_RATE") or "20"
        try:
            post_rate = float(rate_text)
            if post_rate <= 0:
                raise ValueError
        except ValueError:
            raise SettingsError(
                f"COLLAB_POST_RATE={rate_text!r} must be a positive number of posts per second, e.g. 20"
            ) from None
        lease_text = get("COLLAB_LEASE_SECONDS") or "30"
        try:
            lease_seconds = float(lease_text)
            if not 1 <= lease_seconds <= 600:
                raise ValueError
        except ValueError:
            raise SettingsError(
                f"COLLAB_LEASE_SECONDS={lease_text!r} must be between 1 and 600 seconds"
            ) from None
        admins = tuple(a.strip() for a in (get("COLLAB_ADMINS") or "").split(",") if a.strip())
        scale = _scale_settings(get)
        if scale["client_id"] and get("SLACK_BOT_TOKEN"):
            raise SettingsError(
                "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: use SLACK_BOT_TOKEN for one workspace, "
                "or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many (OAuth) — not both"
            )
        return cls(
            bot_token=get("SLACK_BOT_TOKEN"),
            signing_secret=get("SLACK_SIGNING_SECRET"),
            app_token=get("SLACK_APP_TOKEN"),
            slack_api_url=api_url,
            database_url=get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            port=port,
            timezone=tz,
            lang=lang,
            admins=admins,
            run_scheduler=(get("COLLAB_SCHEDULER") or "on").lower() not in ("0", "off", "false", "no"),
            post_rate=post_rate,
            lease_seconds=lease_seconds,
            **scale,
        )

    def require_slack(self, *, socket_mode: bool) -> None:
        """Fail fast, naming exactly what is missing and where to get it."""
        if self.oauth:
            if socket_mode:
                raise SettingsError(
                    "With SLACK_CLIENT_ID (many workspaces, OAuth) run `collab-bot serve`: the install "
                    "flow needs HTTP (GET /slack/install, /slack/oauth_redirect); unset SLACK_APP_TOKEN."
                )
            if not self.signing_secret:
                raise SettingsError(
                    "collab-bot cannot start: SLACK_SIGNING_SECRET not set.\n"
                    f"  SLACK_SIGNING_SECRET: {_HOW['SLACK_SIGNING_SECRET']}"
                )
            return
        needed = ["SLACK_BOT_TOKEN"]
        needed.append("SLACK_APP_TOKEN" if socket_mode else "SLACK_SIGNING_SECRET")
        values = {
            "SLACK_BOT_TOKEN": self.bot_token,
            "SLACK_SIGNING_SECRET": self.signing_secret,
            "SLACK_APP_TOKEN": self.app_token,
        }
        missing = [name for name in needed if not values[name]]
        if missing:
            lines = [f"collab-bot cannot start: {', '.join(missing)} not set."]
            lines += [f"  {name}: {_HOW[name]}" for name in missing]
            lines.append(
                "Put them in a .env file in the current directory (see .env.example) or export them."
            )
            if not socket_mode:
                lines.append("For Socket Mode instead of HTTP, set SLACK_APP_TOKEN as well.")
            raise SettingsError("\n".join(lines))


def _scale_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """OAuth, the token key, the log format and the test clock (README, "Running at scale")."""
    oauth = {name: get(name) for name in OAUTH_VARS}
    given = [name for name, value in oauth.items() if value]
    if given and len(given) < len(OAUTH_VARS):
        missing = [name for name in OAUTH_VARS if name not in given]
        lines = [f"{', '.join(given)} set but {', '.join(missing)} not: OAuth needs all three."]
        lines += [f"  {name}: {_HOW[name]}" for name in missing]
        raise SettingsError("\n".join(lines))
    keys = tuple(k.strip() for k in (get("COLLAB_SECRET_KEY") or "").split(",") if k.strip())
    for number, key in enumerate(keys, start=1):
        if not _is_fernet_key(key):
            raise SettingsError(
                f"COLLAB_SECRET_KEY: key {number} is not a Fernet key (32 url-safe base64 bytes); make one "
                "with `python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`"
            )
    log_format = (get("COLLAB_LOG_FORMAT") or "text").lower()
    if log_format not in ("text", "json"):
        raise SettingsError(f"COLLAB_LOG_FORMAT={log_format!r} must be text or json")
    offset_text = get("COLLAB_TEST_CLOCK_OFFSET") or "0"
    try:
        offset = float(offset_text)
    except ValueError:
        raise SettingsError(
            f"COLLAB_TEST_CLOCK_OFFSET={offset_text!r} must be a number of seconds (tests only; leave it unset)"
        ) from None
    return {
        "client_id": oauth["SLACK_CLIENT_ID"],
        "client_secret": oauth["SLACK_CLIENT_SECRET"],
        "state_secret": oauth["SLACK_STATE_SECRET"],
        "oauth_url": get("SLACK_OAUTH_URL") or DEFAULT_OAUTH_URL,
        "secret_keys": keys,
        "log_format": log_format,
        "test_clock_offset": offset,
    }


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
    except (ValueError, UnicodeEncodeError):
        return False


def load_settings() -> Settings:
    from dotenv import find_dotenv, load_dotenv

    # The .env of the current directory (and its parents): without usecwd, python-dotenv
    # searches upwards from this file, i.e. from site-packages once the bot is installed.
    load_dotenv(find_dotenv(usecwd=True))
    return Settings.from_env()
