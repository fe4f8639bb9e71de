"""What people see: Block Kit builders and every user-facing word (en + zh, one catalogue).
No database, no Slack calls."""
