"""Bot tokens at rest: with COLLAB_SECRET_KEY a dump of the database holds no usable token, the
bot still posts with it, and `collab-bot rotate-key` moves the tokens to a new key; without a key
they are stored as slack_sdk's stores keep them (plain), as the README says."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, make_url, select, text

from bot import cli
from slack_api.installations import EncryptedInstallationStore, SecretKeyError, TokenCipher
from slackfake import FakeSlack
from storage.installations import bots, installations
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN
from tests.oauth_harness import OAuthBot, install, start_oauth_bot

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def dump(db: TestDatabase) -> str:
    """What a backup of the database holds: ``pg_dump`` / SQLite's ``.dump`` (``iterdump``)."""
    if db.backend == "sqlite":
        # Through SQLite only: opening the live file with open() would drop this process's locks
        # on it (POSIX), and other connections could then corrupt it.
        import sqlite3
        import tempfile

        path = make_url(db.url).database
        assert path
        with tempfile.TemporaryDirectory() as tmp:
            source, copy = sqlite3.connect(path), sqlite3.connect(Path(tmp) / "backup.db")
            try:
                source.backup(copy)
                lines = "\n".join(source.iterdump())
            finally:
                source.close()
                copy.close()
            return lines + (Path(tmp) / "backup.db").read_bytes().decode("latin-1")  # a backup file too
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:  # every row of every table, as text
        with db.engine.connect() as conn:
            return "\n".join(
                f"{name} {tuple(row)}"
                for name in inspect(conn).get_table_names()
                for row in conn.execute(text(f'SELECT * FROM "{name}"'))
            )
    url = make_url(db.url)
    out = subprocess.run(
        [
            pg_dump,
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            url.username or "postgres",
            url.database or "",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def stored_tokens(db: TestDatabase) -> list[str]:
    with db.engine.connect() as conn:
        found = list(conn.execute(select(bots.c.bot_token)).scalars())
        found += list(conn.execute(select(installations.c.bot_token)).scalars())
    return [str(t) for t in found if t]


def install_without_a_key(fake: FakeSlack, db: TestDatabase, clock: FakeClock) -> str:
    bot = start_oauth_bot(fake, db, clock)
    try:
        return install(bot, "T1")
    finally:
        bot.stop()


@pytest.fixture
def encrypted_bot(fake: FakeSlack, db: TestDatabase, clock: FakeClock) -> Iterator[OAuthBot]:
    b = start_oauth_bot(fake, db, clock, secret_keys=(OLD_KEY,))
    yield b
    b.stop()


def test_with_a_key_a_dump_holds_no_usable_token(
    encrypted_bot: OAuthBot, fake: FakeSlack, db: TestDatabase, clock: FakeClock
) -> None:
    token = install(encrypted_bot, "T1", user=ADMIN)
    assert len(stored_tokens(db)) == 2
    assert all(t != token and t.startswith("gAAAAA") for t in stored_tokens(db))
    text = dump(db)
    assert "slack_bots" in text
    assert token not in text
    assert token.split("-", 2)[2] not in text  # not even its random part
    # The bot reads it back: a command and a scheduled post go out with the real token.
    encrypted_bot.command("dept add Sales head=<@UHEAD|h> channel=<#CSALES|sales>")
    encrypted_bot.command('project add "P" goal="G" due=2026-12-31 lead=<@ULEAD|l> depts=Sales')
    encrypted_bot.command('problem add PRJ-1 info "Late specs"')
    encrypted_bot.command('measure add PRB-1 owner=<@UOWNER|o> dept=Sales due=2026-12-15 "Review"')
    friday = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    clock.set(friday)
    encrypted_bot.jobs().run_job("weekly-sync", at=friday)
    [prompt] = [c for c in fake.calls_to("chat.postMessage") if c.params.get("channel") == "CSALES"]
    assert prompt.ok and prompt.headers["authorization"] == f"Bearer {token}"


def test_without_a_key_tokens_are_stored_as_slack_stores_keep_them(
    fake: FakeSlack, db: TestDatabase, clock: FakeClock
) -> None:
    token = install_without_a_key(fake, db, clock)
    assert stored_tokens(db) == [token, token]
    assert token in dump(db)


def test_rotate_key_moves_every_token_to_the_new_key(
    encrypted_bot: OAuthBot,
    fake: FakeSlack,
    db: TestDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = install(encrypted_bot, "T1", user=ADMIN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("COLLAB_SECRET_KEY", f"{NEW_KEY},{OLD_KEY}")
    assert cli.main(["rotate-key"]) == 0
    new_only, old_only = TokenCipher([NEW_KEY]), TokenCipher([OLD_KEY])
    assert [new_only.decrypt(t) for t in stored_tokens(db)] == [token, token]
    with pytest.raises(SecretKeyError):
        old_only.decrypt(stored_tokens(db)[0])
    # The old key can now be dropped: a bot with the new key alone reads the token.
    store = EncryptedInstallationStore(encrypted_bot.oauth.installation_store.inner, new_only)  # type: ignore[union-attr]
    bot_row = store.find_bot(enterprise_id=None, team_id="T1")
    assert bot_row is not None and bot_row.bot_token == token
    # Without the key it was encrypted with, rotation refuses and changes nothing.
    monkeypatch.setenv("COLLAB_SECRET_KEY", Fernet.generate_key().decode())
    before = stored_tokens(db)
    assert cli.main(["rotate-key"]) == 1
    assert stored_tokens(db) == before


def test_rotate_key_encrypts_tokens_stored_before_a_key_was_set(
    fake: FakeSlack, db: TestDatabase, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = install_without_a_key(fake, db, clock)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("COLLAB_SECRET_KEY", NEW_KEY)
    assert cli.main(["rotate-key"]) == 0
    assert token not in dump(db)
    assert [TokenCipher([NEW_KEY]).decrypt(t) for t in stored_tokens(db)] == [token, token]


def test_rotate_key_without_a_key_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLLAB_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert cli.main(["rotate-key"]) == 2
    assert "COLLAB_SECRET_KEY" in capsys.readouterr().err
