"""A fake Slack: the Web API and Socket Mode, served locally over real HTTP and WebSocket.

Start it, point a ``slack_sdk.WebClient`` (or a Bolt app's client) at ``fake.api_url`` and
the bot talks real HTTP to an in-process server that keeps channel/message state, answers
with Slack-shaped JSON, validates Block Kit payloads the way Slack does, and lets a test
inject failures (``fail_next``), HTTP 429s (``rate_limit_next`` / ``enforce_rate_limits``),
latency (``delay``) and hooks (``on_call``).

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.api_url)
        client.chat_postMessage(channel="C1", text="hi")
        fake.wait_for("chat.postMessage")
        assert fake.messages("C1")[0]["text"] == "hi"
        assert fake.validation_errors == []

Socket Mode is ``slackfake.socket_mode.FakeSocketMode`` (it needs the ``websockets`` package).
Tests, benchmarks and the sandbox share this package. It uses only the standard library and
slack_sdk (for Block Kit validation); it imports nothing of the bot.

Modules: ``server`` (``FakeSlack``, the HTTP server), ``state`` (what it holds and records),
``workspace`` (users, channels, messages), ``queries`` (what a test asks), ``limits`` (faults
and rate limits), ``methods_team`` / ``methods_conversations`` / ``methods_chat`` /
``methods_views`` (the Web API methods), ``files`` (uploads), ``blocks`` (Block Kit
validation), ``params`` and ``wire`` (arguments and HTTP bodies), ``socket_mode``.

It plays the Slack client too (the sandbox, ``collab-bot sandbox``): ``user_actions`` (with
``client_base``, ``modal_actions``, ``interactions``, ``escaping``) is what people do, sent to the
app signed (``app_link``) as Slack sends it; ``responses`` applies the app's response_url answers;
``web`` serves the page (``render_page``, ``render_blocks``, ``mrkdwn``, ``emoji``, ``static/``)
and the fake on one port; ``clock`` is the sandbox's clock; ``snapshot`` saves the workspace.
"""

from slackfake.blocks import validate_blocks, validate_metadata, validate_view
from slackfake.server import FakeSlack
from slackfake.state import Call, UploadedFile

__all__ = ["Call", "FakeSlack", "UploadedFile", "validate_blocks", "validate_metadata", "validate_view"]
