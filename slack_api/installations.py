"""Many workspaces: slack_sdk's SQLAlchemy installation and OAuth-state stores on the bot's engine,
wrapped so that bot tokens are encrypted at rest (``COLLAB_SECRET_KEY``) and OAuth states are
signed (``SLACK_STATE_SECRET``); and the per-workspace token lookup the Slack clients use.

Why here and not in storage/: the stores are slack_sdk objects (only slack/ may import slack_sdk)
and they build their SQL themselves, inside slack_sdk; this module hands them the engine and
builds no SQL of its own. The tables they use are declared and migrated by storage/
(``storage/installations.py``, migration ``0005``), never created by the stores' ``create_tables``.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from storage import installations as tables
from storage.db import Engine, SessionFactory, transaction

logger = logging.getLogger(__name__)

STATE_SECONDS = 600
_TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


class SecretKeyError(Exception):
    """A stored token cannot be read with the keys in ``COLLAB_SECRET_KEY``."""


class TokenCipher:
    """Fernet over ``COLLAB_SECRET_KEY``: the first key encrypts, every key decrypts (rotation).

    A value that is not a Fernet token (``xox…``) was stored before a key was set: it is read as
    it is, and ``collab-bot rotate-key`` encrypts it."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one key")
        self._fernet = MultiFernet([Fernet(k.encode("ascii")) for k in keys])

    def encrypt(self, value: str) -> str:
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, value: str) -> str:
        if value.startswith("xox"):
            return value
        try:
            return self._fernet.decrypt(value.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError):
            raise SecretKeyError(
                "a stored Slack token cannot be decrypted with the keys in COLLAB_SECRET_KEY: "
                "add the key it was encrypted with (new key first, old key after it)"
            ) from None

    def rotate(self, value: str) -> str:
        """``value`` encrypted with the first key (plaintext ``xox…`` tokens too)."""
        return self.encrypt(self.decrypt(value))


class EncryptedInstallationStore(InstallationStore):
    """Wraps an installation store: tokens are encrypted on the way in, decrypted on the way out."""

    def __init__(self, inner: InstallationStore, cipher: TokenCipher) -> None:
        self.inner = inner
        self.cipher = cipher

    @property
    def logger(self) -> logging.Logger:
        return logger

    def _sealed(self, item: Any) -> Any:
        sealed = copy.copy(item)
        for name in _TOKEN_FIELDS:
            value = getattr(sealed, name, None)
            if value:
                setattr(sealed, name, self.cipher.encrypt(value))
        return sealed

    def _opened(self, item: Any) -> Any:
        if item is None:
            return None
        for name in _TOKEN_FIELDS:
            value = getattr(item, name, None)
            if value:
                setattr(item, name, self.cipher.decrypt(value))
        return item

    def save(self, installation: Installation) -> None:
        self.inner.save(self._sealed(installation))

    def save_bot(self, bot: Bot) -> None:
        self.inner.save_bot(self._sealed(bot))

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        found = self.inner.find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        opened: Bot | None = self._opened(found)
        return opened

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = self.inner.find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        opened: Installation | None = self._opened(found)
        return opened

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self.inner.delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        self.inner.delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        self.inner.delete_all(enterprise_id=enterprise_id, team_id=team_id)


class SignedStateStore(OAuthStateStore):
    """The database state store, with each state signed by ``SLACK_STATE_SECRET``: a state that
    this deployment did not issue is refused before the database is asked."""

    def __init__(self, inner: OAuthStateStore, secret: str) -> None:
        self.inner = inner
        self._secret = secret.encode("utf-8")

    @property
    def logger(self) -> logging.Logger:
        return logger

    def _signature(self, state: str) -> str:
        return hmac.new(self._secret, state.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = str(self.inner.issue(*args, **kwargs))
        return f"{state}.{self._signature(state)}"

    def consume(self, state: str) -> bool:
        raw, _, signature = (state or "").rpartition(".")
        if not raw or not hmac.compare_digest(signature, self._signature(raw)):
            logger.warning("refused an OAuth state that this deployment did not sign")
            return False
        return bool(self.inner.consume(raw))


@dataclass
class OAuthStores:
    """What Bolt's ``OAuthSettings`` needs, and the token lookup for ``SlackClients``."""

    installation_store: InstallationStore
    state_store: OAuthStateStore
    sessions: SessionFactory
    encrypted: bool

    def __post_init__(self) -> None:
        self._enterprises: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def bot_token(self, team_id: str) -> str | None:
        """The workspace's bot token; ``None`` when the app is not (or no longer) installed there."""
        if not team_id:
            return None
        with self._lock:
            known = team_id in self._enterprises
            enterprise = self._enterprises.get(team_id)
        if not known:
            with transaction(self.sessions) as session:
                enterprise = tables.enterprise_of(session, team_id=team_id)
            if enterprise is not None:  # an Enterprise Grid workspace stays in its org
                with self._lock:
                    self._enterprises[team_id] = enterprise
        bot = self.installation_store.find_bot(enterprise_id=enterprise, team_id=team_id)
        return bot.bot_token if bot is not None else None

    def uninstall(self, team_id: str) -> None:
        """Forget the workspace's tokens (``purge``; Bolt does this itself on ``app_uninstalled``)."""
        with transaction(self.sessions) as session:
            enterprise = tables.enterprise_of(session, team_id=team_id)
        self.installation_store.delete_all(enterprise_id=enterprise, team_id=team_id)


def make_oauth_stores(
    engine: Engine,
    sessions: SessionFactory,
    *,
    client_id: str,
    state_secret: str,
    secret_keys: Sequence[str] = (),
) -> OAuthStores:
    # Imported here: these modules import sqlalchemy's asyncio part (greenlet), needed with OAuth only.
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    store: InstallationStore = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=logger)
    if secret_keys:
        store = EncryptedInstallationStore(store, TokenCipher(secret_keys))
    states = SignedStateStore(
        SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=logger),
        state_secret,
    )
    return OAuthStores(
        installation_store=store, state_store=states, sessions=sessions, encrypted=bool(secret_keys)
    )


def rotate_tokens(sessions: SessionFactory, secret_keys: Sequence[str]) -> int:
    """Re-encrypt every stored token with the first key of ``secret_keys``; returns how many."""
    cipher = TokenCipher(secret_keys)
    with transaction(sessions) as session:
        return tables.rewrite_tokens(session, cipher.rotate)
