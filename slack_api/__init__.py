"""The only place that calls Slack's Web API: a small gateway per workspace (``gateway``), the
clients behind it (``clients``) and the people directory (``users``).

Named ``slack_api``, not ``slack``: slack_sdk installs a top-level ``slack`` package of its own
(the old slackclient shim), which an installed ``collab-bot`` would import instead.
"""
