"""Chart inputs shared by the chart tests and ``bench/chart.py``."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ui.charts import burnup_points


def year_of_measures(
    measures: int = 2000, start: date = date(2026, 1, 5), days: int = 365, seed: int = 7
) -> list[tuple[date, int, int]]:
    """A point for every day of a year in which ``measures`` measures are added (most in the
    first months), three in four are done a few days to four months later, and one in twenty
    of those is reopened and done again."""
    rng = random.Random(seed)
    end = start + timedelta(days=days)
    changes: list[tuple[date, int, int]] = [(start + timedelta(days=d), 0, 0) for d in range(days + 1)]
    for i in range(measures):
        added = start + timedelta(days=int(days * 0.8 * (i / measures) ** 1.5))
        changes.append((added, 0, 1))
        if rng.random() < 0.75:
            done = added + timedelta(days=rng.randint(3, 120))
            if done <= end:
                changes.append((done, 1, 0))
                if rng.random() < 0.05:
                    reopened = done + timedelta(days=rng.randint(1, 10))
                    again = reopened + timedelta(days=rng.randint(1, 20))
                    changes += [(min(reopened, end), -1, 0), (min(again, end), 1, 0)]
    return burnup_points(changes)
