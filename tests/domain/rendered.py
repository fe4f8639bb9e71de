"""What a user sees of an InputError: ``ui.catalogue.error_text`` in English and in Chinese."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.errors import InputError
from ui.catalogue import error_text


def rejected(call: Callable[[], object]) -> InputError:
    """The InputError ``call`` raises."""
    with pytest.raises(InputError) as info:
        call()
    return info.value


def en(error: InputError) -> str:
    return error_text("en", error)


def zh(error: InputError) -> str:
    return error_text("zh", error)
