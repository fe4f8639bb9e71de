"""The only place that calls Slack's Web API: a small gateway per workspace (``gateway``), the
clients behind it (``clients``) and the people directory (``users``)."""
