"""How long input may be: one limit for the same kind of text, whether it comes from a command
or from a form.

``TEXT_LIMIT`` is for free text (a problem's description and root cause, a measure's text,
deliverable and note, a project's goal …). Commands used to cap it at 2,000 characters and forms
at 3,000; 2,000 wins everywhere: shown in a message, the text still leaves room for its
reference and labels inside Slack's 3,000-character section.
"""

from __future__ import annotations

from typing import Final

TEXT_LIMIT: Final = 2000
"""Free text in commands and forms: descriptions, causes, measures, deliverables, notes, goals."""

NAME_LIMIT: Final = 200
"""A project's name (and other record names)."""

DEPT_NAME_LIMIT: Final = 80
"""A department's name."""

REASON_LIMIT: Final = 1000
"""The reason given with a change request (a new deadline) or a rejection."""

SHOWN_LIMIT: Final = 60
"""How much of a rejected input an error message repeats back (longer input is cut with …)."""

SHOWN_QUOTE_LIMIT: Final = 40
"""How much of the text after an unclosed quote the error message repeats back."""

REF_NUMBER_DIGITS: Final = 9
"""The most digits of the number in a reference (``MSR-123456789``)."""

INT_DIGITS: Final = 9
"""The most digits of a whole number setting (``escalate_after=2``)."""

NUMBER_CHARS: Final = 30
"""The longest decimal number accepted (``baseline=``, ``target=``), sign and point included."""
