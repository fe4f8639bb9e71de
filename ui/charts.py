"""The evaluation chart: one PNG per project, for a milestone's facts and an evaluation.

Left, the **burn-up**: measures done over time (a step line) against all measures over time
(it grows as measures are added). Right, when the project has a metric, the **goal**: the
baseline → the actual value, against the target (a dashed line), with the unit.

Pure: plain data in (:class:`ChartData`), PNG bytes out; no database, no Slack. Drawn with
matplotlib's object API on the Agg canvas (``Figure`` + ``FigureCanvasAgg``, never pyplot), so
several renders may run at once in different threads. Every word comes from the catalogue
(``ui/words/charts.py``). Chinese renders with Noto Sans CJK SC, shipped by the
``noto-cjk-sans-otc`` package (SIL OFL 1.1) and registered with matplotlib explicitly; a
Debian CJK font is used when that package is missing, and a warning is logged once when no
CJK font is found at all. A Chinese chart is set in the CJK font; an English one in DejaVu
Sans (matplotlib's own), with Chinese names falling back to the CJK font glyph by glyph.
"""

from __future__ import annotations

import io
import logging
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from ui.catalogue import t

log = logging.getLogger(__name__)

WIDTH_PX = 1000
HEIGHT_PX = 560
_DPI = 100

# The CJK families tried in order (the first one matplotlib knows is used), then a Latin one
# for anything the CJK font lacks. Noto Sans CJK SC comes with the ``noto-cjk-sans-otc``
# dependency (Debian's fonts-noto-cjk has it too); the others are other systems' CJK fonts.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
LATIN_FAMILY = "DejaVu Sans"
_PACKAGED_FONT = ("noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc")
_SYSTEM_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)

_DONE = "#2e7d32"
_TOTAL = "#78909c"
_TARGET = "#1565c0"
_BASELINE = "#757575"
_SHORT = "#ef6c00"
_MUTED = "#616161"
_GRID = "#e0e0e0"


@dataclass(frozen=True)
class ChartData:
    """What the chart shows. ``points`` are ``(day, done, total)`` at the end of each listed day,
    in any order; each value holds until the next listed day (add today's point to reach today).
    The goal panel appears when ``metric`` is set; any of its numbers may be missing."""

    title: str
    lang: str
    points: Sequence[tuple[date, int, int]] = ()
    metric: str | None = None
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None


def burnup_points(
    changes: Iterable[tuple[date, int, int]], *, until: date | None = None
) -> list[tuple[date, int, int]]:
    """The burn-up's points from status-history changes ``(day, Δdone, Δtotal)``: +1 total when a
    measure is added, +1 done when it becomes done, −1 done when it leaves done (−1 total
    when one is removed). One point per day with a change, running totals, sorted; with
    ``until`` (e.g. today) a last point on that day carries the last values."""
    per_day: defaultdict[date, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for day, d_done, d_total in changes:
        done, total = per_day[day]
        per_day[day] = (done + d_done, total + d_total)
    points: list[tuple[date, int, int]] = []
    done = total = 0
    for day in sorted(per_day):
        done, total = done + per_day[day][0], total + per_day[day][1]
        points.append((day, done, total))
    if until is not None and (not points or points[-1][0] < until):
        points.append((until, done, total))
    return points


# ------------------------------------------------------------------ fonts

_font_lock = threading.Lock()
_families: tuple[str, ...] | None = None


def _font_files() -> list[Path]:
    files: list[Path] = []
    package, name = _PACKAGED_FONT
    try:
        packaged = resources.files(package) / name
    except ModuleNotFoundError:
        pass
    else:
        if packaged.is_file():
            files.append(Path(str(packaged)))
    files.extend(Path(p) for p in _SYSTEM_FONTS if Path(p).is_file())
    return files


def font_families() -> tuple[str, ...]:
    """The font families every text of the chart is set in: a CJK family first, then a Latin
    fallback. Registers the font files with matplotlib on the first call (thread-safe)."""
    global _families
    with _font_lock:
        if _families is None:
            for path in _font_files():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError) as exc:
                    log.warning("chart font %s could not be loaded: %s", path, exc)
            known = {entry.name for entry in font_manager.fontManager.ttflist}
            cjk = [family for family in CJK_FAMILIES if family in known][:1]
            if not cjk:
                log.warning(
                    "no CJK font found (tried %s): Chinese text in charts will not render; "
                    "install the noto-cjk-sans-otc package",
                    ", ".join(CJK_FAMILIES),
                )
            _families = (*cjk, LATIN_FAMILY)
        return _families


def _families_for(lang: str) -> tuple[str, ...]:
    """Chinese text in the CJK font (its Latin letters too, for one look); other languages in
    the Latin font, whose punctuation (·, …) is not full-width, with CJK glyphs from the CJK font."""
    families = font_families()
    if lang == "zh":
        return families
    return (LATIN_FAMILY, *(family for family in families if family != LATIN_FAMILY))


def _font(families: Sequence[str], size: float) -> FontProperties:
    # Regular weight only: the CJK font ships no bold face (matplotlib would log a fallback).
    return FontProperties(family=list(families), size=size)


# ------------------------------------------------------------------ text helpers


def _clip(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` display columns (a CJK character takes two), with "…"."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > columns:
            return text[:i].rstrip() + "…"
    return text


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _with_unit(value: float, unit: str) -> str:
    if not unit:
        return _number(value)
    glue = " " if unit[0].isascii() and unit[0].isalpha() else ""
    return f"{_number(value)}{glue}{unit}"


# ------------------------------------------------------------------ the panels


def _say_empty(ax: Axes, text: str, families: Sequence[str]) -> None:
    """A panel with nothing to plot: no ticks, a muted sentence in the middle."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        wrap=True,
        color=_MUTED,
        fontproperties=_font(families, 12),
    )


def _burnup(ax: Axes, data: ChartData, families: Sequence[str]) -> None:
    lang = data.lang
    ax.set_title(t(lang, "chart.burnup.title"), loc="left", fontproperties=_font(families, 13))
    points = sorted(data.points)
    if not points:
        _say_empty(ax, t(lang, "chart.burnup.empty"), families)
        return
    days = mdates.date2num([day for day, _, _ in points])  # type: ignore[no-untyped-call]
    done = [d for _, d, _ in points]
    total = [n for _, _, n in points]
    marker = "o" if len(points) == 1 else None
    for values, color, width, key in (
        (total, _TOTAL, 2.0, "chart.burnup.total"),
        (done, _DONE, 2.4, "chart.burnup.done"),
    ):
        label = t(lang, key)
        ax.step(
            days,
            values,
            where="post",
            color=color,
            linewidth=width,
            marker=marker,
            clip_on=False,
            label=label,
        )
    ax.fill_between(days, done, step="post", color=_DONE, alpha=0.12, linewidth=0)

    last_done, last_total = done[-1], total[-1]
    percent = round(100 * last_done / last_total) if last_total else 0
    summary = t(lang, "chart.burnup.summary", done=f"{last_done:,}", total=f"{last_total:,}", percent=percent)
    ax.set_title(summary, loc="right", color=_MUTED, fontproperties=_font(families, 11))

    first, last = float(days[0]), float(days[-1])
    if last - first < 6:  # a short history still gets a readable week of axis
        first, last = first - 3, last + 3
    ax.set_xlim(first, last)
    ax.set_ylim(0, max(max(total), 1) * 1.1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    # Numbers only (no month names): the same in both languages; the year once, bottom right.
    formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator,
        formats=["%Y", "%Y-%m", "%m-%d", "%m-%d", "%m-%d", "%m-%d"],
        zero_formats=["", "%Y", "%m-%d", "%m-%d", "%m-%d", "%m-%d"],
        offset_formats=["", "", "%Y", "%Y", "%Y", "%Y"],
    )
    ax.xaxis.set_major_formatter(formatter)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_ylabel(t(lang, "chart.burnup.axis"), fontproperties=_font(families, 11))
    ax.grid(axis="y", color=_GRID, linewidth=0.8)
    ax.legend(loc="upper left", frameon=False, prop=_font(families, 10.5))
    ax.xaxis.get_offset_text().set_fontproperties(_font(families, 10))


def _reached(actual: float, target: float, baseline: float | None) -> bool:
    """Whether ``actual`` reached ``target``: higher is better unless the target is below the
    baseline (e.g. a defect rate or a lead time)."""
    lower_is_better = baseline is not None and target < baseline
    return actual <= target if lower_is_better else actual >= target


def _goal(ax: Axes, data: ChartData, families: Sequence[str]) -> None:
    lang, unit = data.lang, data.unit
    ax.set_title(
        _clip(t(lang, "chart.metric.title", metric=data.metric), 34),
        loc="left",
        fontproperties=_font(families, 13),
    )
    ax.set_xticks([0, 1], [t(lang, "chart.metric.baseline"), t(lang, "chart.metric.actual")])
    ax.set_xlim(-0.6, 1.6)
    values = [v for v in (data.baseline, data.target, data.actual) if v is not None]
    if not values:
        _say_empty(ax, t(lang, "chart.metric.no_values"), families)
        return
    low, high = min(values), max(values)
    pad = (high - low) * 0.3 or abs(high) * 0.2 or 1.0
    ax.set_ylim(low - pad, high + pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.ticklabel_format(axis="y", style="plain", useOffset=False)
    ax.grid(axis="y", color=_GRID, linewidth=0.8)
    if unit:
        ax.set_ylabel(unit, fontproperties=_font(families, 11))
    value_font = _font(families, 12)
    if data.target is not None:
        ax.axhline(data.target, color=_TARGET, linestyle=(0, (6, 4)), linewidth=1.8)
        ax.annotate(
            t(lang, "chart.metric.target", value=_with_unit(data.target, unit)),
            (1.6, data.target),
            xytext=(-2, 4),
            textcoords="offset points",
            ha="right",
            va="bottom",
            color=_TARGET,
            fontproperties=_font(families, 10.5),
        )
    if data.baseline is not None:
        ax.plot([0], [data.baseline], "o", markersize=11, color=_BASELINE)
        ax.annotate(
            _with_unit(data.baseline, unit),
            (0, data.baseline),
            xytext=(12, 0),
            textcoords="offset points",
            va="center",
            color=_BASELINE,
            fontproperties=value_font,
        )
    if data.actual is None:
        # Below every value: the limits keep them out of the bottom sixth of the panel.
        ax.text(
            1,
            0.04,
            t(lang, "chart.metric.no_actual"),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            color=_MUTED,
            fontproperties=_font(families, 10.5),
        )
        return
    reached = data.target is None or _reached(data.actual, data.target, data.baseline)
    color = _DONE if reached else _SHORT
    if data.baseline is not None:
        ax.annotate(
            "",
            xy=(1, data.actual),
            xytext=(0, data.baseline),
            arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 2, "shrinkA": 9, "shrinkB": 9},
        )
    ax.plot([1], [data.actual], "o", markersize=13, color=color)
    fell = data.baseline is not None and data.actual < data.baseline  # the label goes where the arrow is not
    ax.annotate(
        _with_unit(data.actual, unit),
        (1, data.actual),
        xytext=(0, -12 if fell else 12),
        textcoords="offset points",
        ha="center",
        va="top" if fell else "bottom",
        color=color,
        fontproperties=value_font,
    )


def _style(ax: Axes, families: Sequence[str]) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors="#424242")
    ticks = _font(families, 10.5)
    # New ticks made while drawing copy their label's font from the first ones.
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontproperties(ticks)


def chart_figure(data: ChartData) -> Figure:
    """The chart as a matplotlib ``Figure`` on its own Agg canvas (for tests; see ``render_chart``)."""
    families = _families_for(data.lang)
    layout = ConstrainedLayoutEngine(w_pad=0.12, h_pad=0.1, wspace=0.06)
    figure = Figure(figsize=(WIDTH_PX / _DPI, HEIGHT_PX / _DPI), dpi=_DPI, layout=layout)
    FigureCanvasAgg(figure)
    figure.suptitle(_clip(data.title, 90), fontproperties=_font(families, 16))
    if data.metric:
        burnup_ax, goal_ax = figure.subplots(1, 2, width_ratios=[2.2, 1])
        _goal(goal_ax, data, families)
        _style(goal_ax, families)
    else:
        burnup_ax = figure.subplots()
    _burnup(burnup_ax, data, families)
    _style(burnup_ax, families)
    return figure


def render_chart(data: ChartData) -> bytes:
    """The project's chart as PNG bytes, ``WIDTH_PX`` × ``HEIGHT_PX``. Safe to call from several
    threads at once; takes a few hundred milliseconds, so keep it off the ack path."""
    out = io.BytesIO()
    chart_figure(data).savefig(out, format="png", dpi=_DPI, facecolor="white")
    return out.getvalue()
