"""The catalogue's entries, by area: each module holds ``WORDS: dict[key, {"en": …, "zh": …}]``."""
