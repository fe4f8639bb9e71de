"""The OAuth tables: Slack's installations, bots and OAuth states, as slack_sdk's SQLAlchemy stores
keep them (``slack_sdk.oauth.installation_store.sqlalchemy``, ``…state_store.sqlalchemy``).

The stores read and write these tables themselves (``slack_api/installations.py`` builds them on the
bot's engine); here they are declared on the models' metadata so that the migrations create them
(``0005_oauth``), the schema-drift test watches them, and ``purge`` and key rotation reach them.
``tests/storage/test_installation_tables.py`` checks that they match what slack_sdk expects. The
token columns are wider than slack_sdk's 200 characters: an encrypted token (Fernet) is longer.

``slack_oauth_states`` is the one table without ``team_id``: a state is issued before anyone has
picked a workspace, and it lives ten minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, func, select, update
from sqlmodel import Session, SQLModel

BOTS = "slack_bots"
INSTALLATIONS = "slack_installations"
STATES = "slack_oauth_states"
TOKEN_LENGTH = 500
TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


def _workspace_columns() -> list[Column[Any]]:
    """Who installed what where: the columns both tables start with."""
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
    ]


def _bot_columns() -> list[Column[Any]]:
    return [
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", String(TOKEN_LENGTH)),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", String(TOKEN_LENGTH)),
        Column("bot_token_expires_at", DateTime),
    ]


def _installed_columns() -> list[Column[Any]]:
    return [
        Column("is_enterprise_install", Boolean, default=False, nullable=False),
        Column("installed_at", DateTime, nullable=False, default=func.now()),
    ]


installations = Table(
    INSTALLATIONS,
    SQLModel.metadata,
    *_workspace_columns(),
    Column("enterprise_url", String(200)),
    *_bot_columns(),
    Column("user_id", String(32), nullable=False),
    Column("user_token", String(TOKEN_LENGTH)),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", String(TOKEN_LENGTH)),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    *_installed_columns(),
    Column("token_type", String(32)),
    Index(f"{INSTALLATIONS}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

bots = Table(
    BOTS,
    SQLModel.metadata,
    *_workspace_columns(),
    *_bot_columns(),
    *_installed_columns(),
    Index(f"{BOTS}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

oauth_states = Table(
    STATES,
    SQLModel.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
)


def enterprise_of(session: Session, *, team_id: str) -> str | None:
    """The Enterprise Grid org a workspace's newest installation belongs to (``None``: none)."""
    stmt = (
        select(bots.c.enterprise_id)
        .where(bots.c.team_id == team_id)
        .order_by(bots.c.installed_at.desc())
        .limit(1)
    )
    value = session.execute(stmt).scalar_one_or_none()
    return str(value) if value is not None else None


def rewrite_tokens(session: Session, transform: Callable[[str], str]) -> int:
    """Replace every stored token by ``transform(token)`` (re-encryption); returns how many changed.

    Key rotation reaches every workspace at once: this is the one query across teams, by design.
    """
    changed = 0
    for table in (bots, installations):
        columns = [table.c[name] for name in TOKEN_COLUMNS if name in table.c]
        for row in session.execute(select(table.c.id, *columns)).all():
            values = {}
            for column in columns:
                old = row._mapping[column.name]
                if old:
                    new = transform(old)
                    if new != old:
                        values[column.name] = new
            if values:
                session.execute(update(table).where(table.c.id == row.id).values(**values))
                changed += len(values)
    return changed
