"""The sandbox in a real browser, step by step as a person uses it; every step's screenshot is
saved under .artifacts/sandbox/."""

from __future__ import annotations

import csv
import io
import statistics
import urllib.request
from pathlib import Path
from typing import Any

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from bot.sandbox import Sandbox
from tests.browser.page import Page

OLGA = "U0OLGA"


def setup_measure(page: Page) -> None:
    """A department, a project, a problem and a measure owned by olga, due in two weeks."""
    sandbox = page.sandbox
    today = sandbox.clock().date()
    due = today.fromordinal(today.toordinal() + 14).isoformat()
    for text, expect in (
        ("dept add Product head=@hana channel=#product", "Product"),
        (f'project add "Launch" goal="Lift conversion by 15%" due={due} lead=@lee depts=Product', "PRJ-1"),
        ('problem add PRJ-1 info "Changes reach us late"', "PRB-1"),
        (f'measure add PRB-1 owner=@olga dept=Product due={due} "Post every change in #product"', "MSR-1"),
    ):
        page.command(f"/collab {text}", expect=expect)


def test_a_command_and_its_answer(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    assert page.find('select[aria-label="Acting as"]').get_attribute("value") == "U0ALICE"
    page.shot("empty")
    added = page.command(
        "/collab dept add Product head=@hana channel=#product", expect="Department Product added"
    )
    # @hana and #product went to the bot escaped, and come back as a mention and a channel link
    assert "@hana" in added.find_element(By.CSS_SELECTOR, ".mention").text
    assert added.find_element(By.CSS_SELECTOR, ".channel-link").text == "#product"
    assert "Only visible to you" in added.text
    answer = page.command("/collab dept list", expect="Product")
    assert answer.find_element(By.CSS_SELECTOR, ".origin").text.endswith("/collab dept list")
    assert "# product" in page.find("#sidebar").text  # the department's channel appeared
    page.shot("dept-list")
    # the raw JSON of the answer, as the bot sent it
    answer.find_element(By.CSS_SELECTOR, "details.raw summary").click()
    raw = answer.find_element(By.CSS_SELECTOR, "details.raw pre").text
    # the bot sent <@U0HANA>; the page shows it as Slack does: @display name
    assert '"blocks"' in raw and "<@U0HANA>" in raw
    assert "@hana" in answer.find_element(By.CSS_SELECTOR, ".content").text
    page.shot("raw-json")


def test_add_a_project_through_its_modal(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    page.command("/collab dept add Product head=@hana channel=#product", expect="Department Product added")
    page.type("/collab project add")
    modal = page.modal()
    assert "New project" in modal.find_element(By.ID, "modal-title").text
    submit = page.button("Save", modal)  # the submit button carries the view's submit text
    submit.click()
    page.wait(lambda: "required" in modal.text, what="the required-field errors")
    page.shot("modal-required")
    page.field(modal, "Project name").send_keys("Launch")
    page.field(modal, "Goal").send_keys("Lift conversion from 10% to 11.5%")
    driver.execute_script("arguments[0].value = '2020-01-15'", page.field(modal, "Deadline"))
    Select(page.field(modal, "Departments")).select_by_visible_text("Product")
    submit.click()
    # the bot refuses a deadline in the past: its error shows under the field
    page.wait(lambda: "2020-01-15" in modal.text, what="the bot's error under the deadline")
    page.shot("modal-bot-error")
    driver.execute_script("arguments[0].value = '2099-01-15'", page.field(modal, "Deadline"))
    submit.click()
    page.wait(lambda: not page.all('form.modal[role="dialog"]'), what="the modal to close")
    created = page.wait_for_message("PRJ-1", ephemeral=True)
    assert "Launch" in created.text
    page.shot("project-created")


def test_friday_sync_prompt_button_and_thread_reply(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    setup_measure(page)
    page.press("Jump to Fri 17:00")
    page.wait(lambda: "Fri" in page.find("#clock time").text and "17:00" in page.find("#clock time").text)
    page.go("product")
    prompt = page.wait_for_message("Weekly sync — Product")
    assert "MSR-1" in prompt.text and "17:00" in prompt.find_element(By.CSS_SELECTOR, "time").text
    page.shot("sync-prompt")

    page.act_as("olga")
    prompt = page.wait_for_message("Weekly sync — Product")
    assert "Not started" in prompt.text
    page.button("In progress", prompt).click()
    prompt = page.wait(
        lambda: next(
            (
                m
                for m in page.messages()
                if "Weekly sync" in m.text
                and "In progress" in m.find_element(By.CSS_SELECTOR, ".bk-main").text
            ),
            None,
        ),
        what="the prompt updated to In progress",
    )
    assert "(edited)" in prompt.text
    page.shot("status-button")

    page.button("Reply in thread", prompt).click()
    reply_box = page.wait(lambda: page.find('textarea[aria-label="Reply in thread"]'))
    page.type("done, the change log is live", box=reply_box)
    page.wait(
        lambda: any("✅" in r.text for r in page.all("#thread .reactions")), what="the ✅ on the thread reply"
    )
    prompt = page.wait(
        lambda: next(
            (
                m
                for m in page.messages()
                if "Weekly sync" in m.text and "Done" in m.find_element(By.CSS_SELECTOR, ".bk-main").text
            ),
            None,
        ),
        what="the prompt updated to Done",
    )
    assert "1 reply" in prompt.text
    page.shot("thread-reply")


def test_nudge_after_a_deadline_and_the_digest(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    setup_measure(page)
    target = (sandbox.clock() + __import__("datetime").timedelta(days=16)).strftime("%Y-%m-%dT09:45")
    driver.execute_script("arguments[0].value = arguments[1]", page.find("#jump-at"), target)
    page.press("Jump to this time")
    page.wait(lambda: "09:45" in page.find("#clock time").text, timeout=20)
    page.act_as("olga")
    page.click('#sidebar a[data-nav-channel="DU0OLGA"]:not([data-tab])')
    nudge = page.wait_for_message("past its deadline")
    assert "MSR-1" in nudge.text
    page.shot("nudge")
    page.go("product")
    digest = page.wait_for_message("Collaboration progress")
    assert "MSR-1" in digest.text
    page.shot("digest")


def test_export_downloads(driver: Any, sandbox: Sandbox, shots: Path, browser_downloads: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    setup_measure(page)
    page.type("/collab export csv")
    upload = page.wait_for_message("rows")
    link = upload.find_element(By.CSS_SELECTOR, "a.file-link")
    page.shot("export")
    name = link.get_attribute("download") or ""
    assert name.endswith(".csv")
    link.click()
    path = browser_downloads / name
    page.wait(lambda: path.exists() and path.stat().st_size > 0, what=f"{path} downloaded")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert (
        rows[0][0].startswith("项目名称") and "MSR-1" in " ".join(rows[1])
    ) or "Post every change" in " ".join(rows[1])
    with urllib.request.urlopen(link.get_attribute("href")) as resp:
        assert resp.read() == path.read_bytes()


def test_log_a_message_as_a_problem(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    setup_measure(page)
    page.type("Changes from Product reach us a week late, again")
    said = page.wait_for_message("reach us a week late")
    ActionChains(driver).move_to_element(said).perform()  # its tools show on hover, as in Slack
    page.press("Log as problem", lambda: page.wait_for_message("reach us a week late"))
    modal = page.modal()
    assert (
        page.field(modal, "Problem")
        .get_attribute("value")
        .startswith("Changes from Product reach us a week late, again")
    )
    page.shot("log-as-problem")
    Select(page.field(modal, "Project")).select_by_index(1)
    Select(page.field(modal, "Category")).select_by_index(1)
    page.press("Save", lambda: page.modal())
    page.wait(lambda: not page.all('form.modal[role="dialog"]'), what="the modal to close")
    page.wait_for_message("PRB-2", ephemeral=True)
    page.shot("problem-logged")


def test_app_home_tab(driver: Any, sandbox: Sandbox, shots: Path) -> None:
    page = Page(driver, sandbox, shots).open()
    setup_measure(page)
    page.act_as("olga")
    page.click('#sidebar a[data-tab="home"]')  # app_home_opened: the bot publishes her Home tab
    home = page.wait(
        lambda: next((h for h in page.all("section.home") if "MSR-1" in h.text), None),
        what="the bot's Home tab",
    )
    assert "Your improvement work" in home.text and "Post every change in #product" in home.text
    assert not page.composer().is_displayed()  # a Home tab has no message box
    page.shot("app-home")
    page.press("New problem", lambda: page.find("section.home"))  # block_actions from a view
    modal = page.modal()
    assert "problem" in modal.find_element(By.ID, "modal-title").text.lower()
    page.shot("app-home-new-problem")
    page.press("Cancel", lambda: page.modal())
    page.wait(lambda: not page.all('form.modal[role="dialog"]'), what="the modal to close")

    # a select whose options the app sends as one types (block_suggestion, signed), here in a
    # view published with the bot's own Web API client, answered by the bot's project search
    search = {"type": "external_select", "action_id": "project_search", "min_query_length": 0}
    view = {
        "type": "home",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "*MSR-1* is _due_ ~soon~ :warning:"}},
            {
                "type": "input",
                "block_id": "project",
                "label": {"type": "plain_text", "text": "Project"},
                "element": {**search, "placeholder": {"type": "plain_text", "text": "Type to search"}},
            },
        ],
    }
    sandbox.deps.slack_for(sandbox.fake.team_id).client.views_publish(user_id="U0OLGA", view=view)
    home = page.wait(
        lambda: next((h for h in page.all("section.home") if "⚠️" in h.text), None), what="the new view"
    )
    assert home.find_element(By.CSS_SELECTOR, "b").text == "MSR-1"
    home.find_element(By.CSS_SELECTOR, "input.bk-search").send_keys("Laun")
    menu = home.find_element(By.CSS_SELECTOR, "select[data-action=project_search]")
    page.wait(lambda: "PRJ-1 Launch" in [o.text for o in Select(menu).options], what="the bot's suggestion")
    page.shot("external-select")


def test_answer_within_300_ms(driver: Any, sandbox: Sandbox, shots: Path, record_property: Any) -> None:
    """From Enter in the composer to the answer on the page, 50 times: p95 printed (target 300 ms)."""
    page = Page(driver, sandbox, shots).open()
    page.command("/collab dept add Product head=@hana channel=#product", expect="Department Product added")
    driver.execute_script(
        """window.answers = [];
        new MutationObserver(() => {
          const n = document.querySelectorAll('#messages article.msg.ephemeral').length;
          if (n > (window.answers.at(-1)?.n ?? 0)) window.answers.push({n, at: performance.now()});
        }).observe(document.getElementById('messages'), {childList: true, subtree: true});"""
    )
    box = page.composer()
    times = []
    for _ in range(50):
        before = len(page.all("#messages article.msg.ephemeral"))
        box.send_keys("/collab dept list\n")
        page.wait(lambda n=before: len(page.all("#messages article.msg.ephemeral")) > n, what="the answer")
        # from the Enter keydown (the page notes it) to the answer in the DOM (the observer notes it)
        appeared = driver.execute_script(
            "return window.answers.filter(a => a.n > arguments[0])[0].at - window.sandboxTimings.enter.at(-1)",
            before,
        )
        times.append(float(appeared))
    page.shot("fifty-answers")
    p95 = statistics.quantiles(times, n=20)[-1]
    measured = (
        f"sandbox: Enter → answer on the page, 50 commands: p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {max(times):.0f} ms (target: p95 under 300 ms)"
    )
    print("\n" + measured)
    record_property("measured", measured)
    assert p95 < 1000, times  # the target is 300 ms; a busy CI machine gets some slack
