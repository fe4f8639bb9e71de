"""Settings from the environment (and .env), and `collab-bot` refusing to start without Slack settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.settings import DEFAULT_DATABASE_URL, DEFAULT_SLACK_API_URL, Settings, SettingsError

SETTINGS_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "PORT",
    "COLLAB_TIMEZONE",
    "COLLAB_LANG",
    "COLLAB_ADMINS",
    "COLLAB_SCHEDULER",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No settings in the environment, and an empty current directory (no .env)."""
    for name in SETTINGS_VARS:
        monkeypatch.setenv(name, "x")  # recorded, so whatever .env loading sets is undone afterwards
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s == Settings(
        bot_token=None,
        signing_secret=None,
        app_token=None,
        slack_api_url=DEFAULT_SLACK_API_URL,
        database_url=DEFAULT_DATABASE_URL,
        port=3000,
        timezone="UTC",
        lang="en",
        admins=(),
        run_scheduler=True,
    )


def test_values_from_the_environment() -> None:
    s = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": " xoxb-1 ",
            "SLACK_SIGNING_SECRET": "sec",
            "SLACK_APP_TOKEN": "",
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "DATABASE_URL": "postgresql+psycopg://u@h/db",
            "PORT": "8080",
            "COLLAB_TIMEZONE": "Asia/Shanghai",
            "COLLAB_LANG": "zh",
            "COLLAB_ADMINS": "U1, U2,,",
            "COLLAB_SCHEDULER": "off",
        }
    )
    assert (s.bot_token, s.signing_secret, s.app_token) == ("xoxb-1", "sec", None)
    assert s.slack_api_url == "http://127.0.0.1:9/api/"
    assert (s.database_url, s.port, s.timezone, s.lang) == (
        "postgresql+psycopg://u@h/db",
        8080,
        "Asia/Shanghai",
        "zh",
    )
    assert (s.admins, s.run_scheduler) == (("U1", "U2"), False)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "http"}, "PORT='http' is not a number; set PORT to e.g. 3000"),
        (
            {"COLLAB_TIMEZONE": "Beijing"},
            "COLLAB_TIMEZONE='Beijing' is not an IANA time zone; use e.g. Asia/Shanghai or UTC",
        ),
        ({"COLLAB_LANG": "fr"}, "COLLAB_LANG='fr' must be en or zh"),
    ],
)
def test_malformed_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env)
    assert str(err.value) == message


def _first_line(settings: Settings, *, socket_mode: bool) -> str:
    with pytest.raises(SettingsError) as err:
        settings.require_slack(socket_mode=socket_mode)
    return str(err.value).splitlines()[0]


@pytest.mark.parametrize(
    ("env", "socket_mode", "missing"),
    [
        ({}, False, "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, False, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s", "SLACK_APP_TOKEN": "xapp-1"}, False, "SLACK_BOT_TOKEN"),
        ({}, True, "SLACK_BOT_TOKEN, SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, True, "SLACK_APP_TOKEN"),
    ],
)
def test_require_slack_names_exactly_what_is_missing(
    env: dict[str, str], socket_mode: bool, missing: str
) -> None:
    settings = Settings.from_env(env)
    assert _first_line(settings, socket_mode=socket_mode) == f"collab-bot cannot start: {missing} not set."
    with pytest.raises(SettingsError) as err:
        settings.require_slack(socket_mode=socket_mode)
    explained = [
        line.split(":")[0].strip() for line in str(err.value).splitlines()[1:] if line.startswith("  ")
    ]
    assert explained == missing.split(", ")


def test_require_slack_passes_when_complete() -> None:
    Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}).require_slack(
        socket_mode=False
    )
    Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).require_slack(
        socket_mode=True
    )


def test_collab_bot_without_slack_settings_exits_2(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("collab-bot cannot start: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET not set.\n")
    assert "Signing Secret from your Slack app's 'Basic Information' page" in err
    assert "Put them in a .env file in the current directory" in err
    assert not (clean_env / "collab-bot.db").exists()  # failed before touching the database

    assert cli.main(["serve", "--port", "0"]) == 2
    assert capsys.readouterr().err.startswith(
        "collab-bot cannot start: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"
    )


def test_installed_command_with_an_empty_environment(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("collab-bot")
    assert exe.exists(), "the console script is installed with the project"
    result = subprocess.run(
        [str(exe)], cwd=tmp_path, env={"PATH": os.defpath}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.startswith("collab-bot cannot start: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET not set.")
    assert result.stdout == ""


def test_settings_come_from_dot_env_in_the_current_directory(tmp_path: Path) -> None:
    # A fresh process: inside pytest-xdist workers python-dotenv looks in the cwd anyway.
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\nCOLLAB_LANG=zh\n")
    exe = Path(sys.executable).with_name("collab-bot")
    result = subprocess.run(
        [str(exe), "serve"],
        cwd=tmp_path,
        env={"PATH": os.defpath},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("collab-bot cannot start: SLACK_SIGNING_SECRET not set.\n"), result.stderr
