"""The one settings object. Loaded once, after ``load_dotenv()``, failing fast."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///collab-bot.db"


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and says how to fix it."""


_HOW = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) from your Slack app's "
    "'OAuth & Permissions' page after installing it to the workspace",
    "SLACK_SIGNING_SECRET": "the Signing Secret from your Slack app's 'Basic Information' page",
    "SLACK_APP_TOKEN": "an App-Level Token (xapp-…) with the connections:write scope, from "
    "'Basic Information' → 'App-Level Tokens' (only for Socket Mode)",
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
        )

    def require_slack(self, *, socket_mode: bool) -> None:
        """Fail fast, naming exactly what is missing and where to get it."""
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


def load_settings() -> Settings:
    from dotenv import find_dotenv, load_dotenv

    # The .env of the current directory (and its parents): without usecwd, python-dotenv
    # searches upwards from this file, i.e. from site-packages once the bot is installed.
    load_dotenv(find_dotenv(usecwd=True))
    return Settings.from_env()
