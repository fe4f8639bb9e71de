"""An empty database of each backend, for the migration tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.dbs import DEFAULT_PG, backends, postgres_required


@pytest.fixture(params=backends())
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    base = make_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_PG))
    name = f"collab_migrate_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:  # pragma: no cover - depends on the machine
        admin.dispose()
        if postgres_required():
            pytest.fail(f"PostgreSQL is not reachable: {e}", pytrace=False)
        pytest.skip(f"PostgreSQL is not reachable: {e}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
