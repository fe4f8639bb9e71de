"""The sandbox page as a person uses it: type in the composer, press buttons by their text,
fill in a modal, move the clock — and wait for what appears."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot.sandbox import Sandbox

T = TypeVar("T")


class Page:
    def __init__(self, driver: Any, sandbox: Sandbox, shots: Path) -> None:
        self.driver = driver
        self.sandbox = sandbox
        self.shots = shots
        self.step = 0

    def open(self, *, user: str = "U0ALICE", channel: str = "C0GENERAL") -> Page:
        self.driver.get(f"{self.sandbox.url}?as={user}&c={channel}")
        self.wait(lambda: self.driver.execute_script("return document.readyState") == "complete")
        return self

    def shot(self, name: str) -> Path:
        self.step += 1
        path = Path(f"{self.shots}-{self.step:02d}-{name}.png")
        self.driver.save_screenshot(str(path))
        return path

    def wait(self, check: Callable[[], T], timeout: float = 10.0, what: str = "") -> T:
        def attempt(_: Any) -> T:
            return check()

        # The page swaps in what changed: an element found a moment ago may be gone; look again.
        wait = WebDriverWait(
            self.driver, timeout, poll_frequency=0.02, ignored_exceptions=(StaleElementReferenceException,)
        )
        return wait.until(attempt, what)  # type: ignore[no-any-return]

    def find(self, css: str, within: Any = None) -> WebElement:
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)  # type: ignore[no-any-return]

    def all(self, css: str, within: Any = None) -> list[WebElement]:
        return list((within or self.driver).find_elements(By.CSS_SELECTOR, css))

    def composer(self) -> WebElement:
        return self.find('textarea[aria-label="Message"]')

    def type(self, text: str, *, box: WebElement | None = None) -> None:
        box = box or self.composer()
        box.click()
        box.send_keys(text)
        box.send_keys(Keys.ENTER)

    def command(self, text: str, *, expect: str = "") -> WebElement:
        """Type a slash command, Enter; the private answer that appears (containing ``expect``)."""
        before = len(self.all("#messages article.msg.ephemeral"))
        self.type(text)

        def answered() -> WebElement | None:
            found = self.all("#messages article.msg.ephemeral")
            if len(found) > before and expect in found[-1].find_element(By.CSS_SELECTOR, ".content").text:
                return found[-1]
            return None

        return self.wait(answered, what=f"the answer to {text!r} with {expect!r}")

    def messages(self) -> list[WebElement]:
        return self.all("#messages article.msg")

    def message_texts(self) -> list[str]:
        return [m.text for m in self.messages()]

    def wait_for_message(
        self, needle: str, *, timeout: float = 10.0, ephemeral: bool | None = None
    ) -> WebElement:
        css = "#messages article.msg" + (".ephemeral" if ephemeral else "")

        def found() -> WebElement | None:
            for m in reversed(self.all(css)):
                if needle in m.find_element(By.CSS_SELECTOR, ".content").text:
                    return m
            return None

        return self.wait(found, timeout, f"a message with {needle!r}")

    def press(self, text: str, within: Callable[[], Any] | None = None) -> None:
        """Click the button whose text starts with ``text`` (found afresh if the page changed)."""

        def click() -> bool:
            self.button(text, within() if within else None).click()
            return True

        self.wait(click, what=f"the button {text!r} to click")

    def button(self, text: str, within: Any = None) -> WebElement:
        """A button whose text starts with ``text`` (Slack buttons carry their Slack text)."""

        def found() -> WebElement | None:
            for b in self.all("button", within):
                if b.is_displayed() and b.text.strip().startswith(text):
                    return b
            return None

        return self.wait(found, what=f"a button {text!r}")

    def go(self, channel_name: str) -> None:
        def click() -> bool:
            link = next((a for a in self.all("#sidebar a") if a.text.strip() == f"# {channel_name}"), None)
            if link is None:
                return False
            link.click()
            return True

        self.wait(click, what=f"#{channel_name} in the sidebar")
        self.wait(lambda: self.find("#header h1").text.strip() == f"# {channel_name}")

    def click(self, css: str) -> None:
        def click() -> bool:
            self.find(css).click()
            return True

        self.wait(click, what=f"{css} to click")

    def act_as(self, label_start: str) -> None:
        """Pick the person in the "Acting as" select, by the start of their label."""
        select = Select(self.find('select[aria-label="Acting as"]'))
        option = next(o for o in select.options if o.text.startswith(label_start))
        value, text = option.get_attribute("value"), option.text
        select.select_by_visible_text(text)
        self.wait(lambda: self.find('select[aria-label="Acting as"]').get_attribute("value") == value)
        self.wait(lambda: f"as={value}" in self.driver.execute_script("return location.search"))

    def modal(self) -> WebElement:
        return self.wait(
            lambda: (
                self.all('form.modal[role="dialog"]')[0] if self.all('form.modal[role="dialog"]') else None
            ),
            what="a modal",
        )

    def field(self, modal: WebElement, label: str) -> WebElement:
        for block in self.all("[data-input-block]", modal):
            if self.find("label", block).text.strip().startswith(label):
                return self.find("[data-action]", block)
        raise AssertionError(f"no field {label!r} in the modal")
