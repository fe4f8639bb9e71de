"""The installed ``collab-bot`` command works from any directory: the project's packages are
found, and none is shadowed by a package of the same name from a dependency."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_installed_command_runs_a_job_from_another_directory(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "collab-bot"
    assert command.exists(), command
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }
    done = subprocess.run(
        [str(command), "jobs", "run", "digest", "--at", "2026-11-23T09:00+00:00"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "digest: nothing to do" in done.stdout
    assert (tmp_path / "bot.db").exists()
