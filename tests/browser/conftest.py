"""A real browser on the sandbox: Debian's chromium driven by selenium through chromium-driver
(both from apt; nothing is downloaded). Missing locally, the browser tests are skipped; under CI
(``CI`` set) or with ``COLLAB_REQUIRE_BROWSER=1`` that is a failure. Each step's screenshot goes to
``.artifacts/sandbox/`` (gitignored)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import Sandbox, start_sandbox
from bot.settings import Settings

CHROMIUM = os.environ.get("COLLAB_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COLLAB_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / ".artifacts" / "sandbox"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--lang=en-US",
    "--window-size=1400,900",
)


def _required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("COLLAB_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser_downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def driver(browser_downloads: Path) -> Iterator[Any]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (pip install -e '.[dev]')")
    if missing:
        message = f"no browser for the sandbox tests: {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if _required():
            pytest.fail(message)
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(browser_downloads), "download.prompt_for_download": False}
    )
    # The driver's own path: Selenium Manager (which would download one) is never asked.
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    settings = Settings.from_env({"COLLAB_SCHEDULER": "off"})
    running = start_sandbox(settings, port=0, directory=tmp_path, fresh=True)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Path:
    """Where this test's screenshots go: .artifacts/sandbox/<test name>-<step>.png"""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{request.node.name}-*.png"):
        old.unlink()
    return ARTIFACTS / request.node.name
