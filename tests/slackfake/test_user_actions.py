"""slackfake.user_actions: the Slack client — what people do, sent to an app as Slack sends it
(signed), and the app's answers applied as Slack applies them."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from slackfake import FakeSlack
from slackfake.interactions import REQUIRED_MESSAGE, Raw
from slackfake.user_actions import SlackClient, Where
from tests.slackfake.app_double import AppDouble
from tests.slackfake.payloads import TOKEN, modal, section


def answer_at(url: str, payload: dict[str, Any]) -> None:
    """What Bolt's respond() does: POST JSON to the response_url."""
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req) as resp:
        assert resp.status == 200


def bot_message(fake: FakeSlack, channel: str, blocks: list[dict[str, Any]]) -> str:
    resp = fake.client(TOKEN).chat_postMessage(channel=channel, text="fallback", blocks=blocks)
    return str(resp["ts"])


BUTTONS = [
    section("*MSR-1* Post changes"),
    {
        "type": "actions",
        "block_id": "msr-1",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": "Done"},
                "action_id": "done",
                "value": "1:done",
            },
            {
                "type": "static_select",
                "action_id": "pick",
                "options": [
                    {"text": {"type": "plain_text", "text": "One"}, "value": "1"},
                    {"text": {"type": "plain_text", "text": "Two"}, "value": "2"},
                ],
            },
        ],
    },
]


def test_a_slash_command_is_signed_escaped_and_answered_privately(
    fake: FakeSlack, app: AppDouble, people: SlackClient
) -> None:
    outcome = people.command(
        "UANA", "CGEN", "/collab dept add R&D head=@ben channel=#general @here #nowhere-yet @nobody"
    )
    assert outcome.ok
    got = app.last()
    assert got.signed  # X-Slack-Signature checks out with the app's signing secret
    form = got.form
    assert form["command"] == "/collab" and form["user_id"] == "UANA" and form["channel_id"] == "CGEN"
    created = fake.channel_named("nowhere-yet")  # a #name nobody made yet is made (the sandbox's way)
    assert created is not None and not created["is_member"]
    assert form["text"] == (
        f"dept add R&amp;D head=<@UBEN|ben> channel=<#CGEN|general> <!here> <#{created['id']}|nowhere-yet> @nobody"
    )
    assert fake.trigger_users[form["trigger_id"]] == "UANA"
    answer_at(form["response_url"], {"text": "*Added*", "response_type": "ephemeral"})
    [shown] = fake.ephemerals_for("UANA", "CGEN")
    assert (
        shown["text"] == "*Added*"
        and shown["origin"] == "/collab dept add R&D head=@ben channel=#general @here #nowhere-yet @nobody"
    )
    assert fake.ephemerals_for("UBEN", "CGEN") == []
    # in_channel: everybody sees it, from the app
    answer_at(form["response_url"], {"text": "For all", "response_type": "in_channel"})
    assert fake.messages("CGEN")[-1]["text"] == "For all" and fake.messages("CGEN")[-1]["bot_id"]


def test_what_slack_says_when_a_command_fails(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    assert not people.command("UANA", "CGEN", "/nope hi").ok
    app.answer(500, "boom")
    assert people.command("UANA", "CGEN", "/collab help").error == "dispatch_failed"
    app.answer(200, {"text": "right away"})  # an answer in the HTTP response is shown at once
    assert people.command("UANA", "CGEN", "/collab help").ok
    texts = [e["text"] for e in fake.ephemerals_for("UANA", "CGEN")]
    assert texts[0].startswith("/nope is not a valid command")
    assert texts[1] == '/collab failed with the error "dispatch_failed"'
    assert texts[2] == "right away"
    assert len(app.received) == 2  # the unknown command never left the client


def test_a_thread_reply_is_an_event(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    parent = bot_message(fake, "CGEN", [section("prompt")])
    assert people.post("UBEN", "CGEN", "MSR-1 done @ana", thread_ts=parent).ok
    envelope = app.last().payload
    assert (
        app.last().signed and envelope["type"] == "event_callback" and envelope["event_id"].startswith("Ev")
    )
    event = envelope["event"]
    assert event["type"] == "message" and event["channel_type"] == "channel"
    assert event["thread_ts"] == parent and event["parent_user_id"] == "UBOT"
    assert event["text"] == "MSR-1 done <@UANA|ana>" and event["user"] == "UBEN"
    [_, reply] = fake.messages("CGEN", thread_ts=parent)
    assert reply["ts"] == event["ts"] and reply["user"] == "UBEN"
    # a channel the app is not in sends it nothing
    fake.add_channel("COTHER", "other", is_member=False)
    people.post("UBEN", "COTHER", "hello")
    assert len(app.received) == 1


def test_a_button_and_a_menu_in_a_message(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    ts = bot_message(fake, "CGEN", BUTTONS)
    where = Where(channel="CGEN", message_ts=ts)
    assert people.act("UANA", where, block_id="msr-1", action_id="done", raw=Raw()).ok
    payload = app.last().payload
    assert payload["type"] == "block_actions" and payload["container"]["message_ts"] == ts
    assert payload["message"]["blocks"][1]["block_id"] == "msr-1"
    [action] = payload["actions"]
    assert (action["action_id"], action["value"], action["text"]["text"]) == ("done", "1:done", "Done")
    assert fake.trigger_users[payload["trigger_id"]] == "UANA"
    answer_at(
        payload["response_url"],
        {"replace_original": True, "text": "Set to done", "blocks": [section("*Done*")]},
    )
    replaced = fake.message("CGEN", ts)
    assert replaced is not None and replaced["blocks"] == [section("*Done*")] and "edited" in replaced

    # the replaced message has no menu any more; a new one has
    assert people.act("UANA", where, block_id="msr-1", action_id="pick", raw=Raw(value="2")).error
    ts = bot_message(fake, "CGEN", BUTTONS)
    where = Where(channel="CGEN", message_ts=ts)
    assert people.act("UANA", where, block_id="msr-1", action_id="pick", raw=Raw(value="2")).ok
    [picked] = app.last().payload["actions"]
    assert picked["selected_option"] == {"text": {"type": "plain_text", "text": "Two"}, "value": "2"}
    answer_at(app.last().payload["response_url"], {"delete_original": True})
    assert fake.message("CGEN", ts) is None


def test_a_button_in_an_ephemeral_message(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    shown = fake.add_ephemeral("CGEN", "UANA", {"text": "page 1", "blocks": BUTTONS})
    where = Where(channel="CGEN", message_ts=shown["message_ts"], ephemeral=True)
    people.act("UANA", where, block_id="msr-1", action_id="done", raw=Raw())
    payload = app.last().payload
    assert payload["container"]["is_ephemeral"] and "message" not in payload
    answer_at(payload["response_url"], {"replace_original": True, "text": "page 2"})
    [now] = fake.ephemerals_for("UANA", "CGEN")
    assert now["text"] == "page 2" and "blocks" not in now


def test_a_modal_checked_submitted_and_answered(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    people.command("UANA", "CGEN", "/collab project add")
    trigger = app.last().form["trigger_id"]
    view = fake.client(TOKEN).views_open(trigger_id=trigger, view=modal("New project"))["view"]
    assert fake.open_modal("UANA")["id"] == view["id"] and fake.open_modal("UBEN") is None

    # the Slack client itself refuses an empty required field: nothing is sent
    sent = len(app.received)
    assert people.submit("UANA", view["id"], {}).errors == {"topic": REQUIRED_MESSAGE}
    assert len(app.received) == sent

    app.answer(200, {"response_action": "errors", "errors": {"topic": "Too vague"}})
    assert people.submit("UANA", view["id"], {"topic": {"value": Raw(value="it")}}).errors == {
        "topic": "Too vague"
    }
    submitted = app.last().payload
    assert submitted["type"] == "view_submission" and submitted["view"]["id"] == view["id"]
    assert submitted["view"]["state"]["values"] == {
        "topic": {"value": {"type": "plain_text_input", "value": "it"}}
    }

    app.answer(200, {"response_action": "push", "view": modal("Step 2")})
    assert people.submit("UANA", view["id"], {"topic": {"value": Raw(value="launch")}}).ok
    top = fake.open_modal("UANA")
    assert top["title"]["text"] == "Step 2" and len(fake.modal_stacks["UANA"]) == 2
    app.answer(200, {"response_action": "update", "view": modal("Step 2b")})
    people.submit("UANA", top["id"], {"topic": {"value": Raw(value="x")}})
    assert fake.open_modal("UANA")["title"]["text"] == "Step 2b" and len(fake.modal_stacks["UANA"]) == 2
    people.submit("UANA", top["id"], {"topic": {"value": Raw(value="x")}})  # empty answer: this view closes
    assert fake.open_modal("UANA")["id"] == view["id"]
    people.close("UANA", view["id"])
    assert fake.open_modal("UANA") is None


def test_suggestions_and_the_home_tab(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    people.command("UANA", "CGEN", "/collab problem add")
    trigger = app.last().form["trigger_id"]
    view = fake.client(TOKEN).views_open(trigger_id=trigger, view=modal())["view"]
    option = {"text": {"type": "plain_text", "text": "PRJ-3 Launch"}, "value": "3"}
    app.answer(200, {"options": [option]})
    found = people.suggest("UANA", view["id"], block_id="project", action_id="project_search", value="3")
    assert found.options == [option]
    asked = app.last().payload
    assert (asked["type"], asked["value"], asked["action_id"]) == ("block_suggestion", "3", "project_search")

    assert people.open_home("UANA").ok
    event = app.last().payload["event"]
    assert (event["type"], event["user"], event["tab"]) == ("app_home_opened", "UANA", "home")


def test_a_message_shortcut(fake: FakeSlack, app: AppDouble, people: SlackClient) -> None:
    fake.message_shortcuts["log_problem"] = "Log as problem"
    said = people.post("UBEN", "CGEN", "Changes reach us late")
    assert said.ok
    [msg] = fake.messages("CGEN")
    assert people.shortcut("UANA", "CGEN", msg["ts"], "log_problem").ok
    payload = app.last().payload
    assert (payload["type"], payload["callback_id"], payload["message_ts"]) == (
        "message_action",
        "log_problem",
        msg["ts"],
    )
    assert payload["message"]["text"] == "Changes reach us late" and payload["channel"]["id"] == "CGEN"
    assert fake.trigger_users[payload["trigger_id"]] == "UANA" and payload["response_url"]
    assert people.shortcut("UANA", "CGEN", "1.000001", "log_problem").error == "this message is gone"
