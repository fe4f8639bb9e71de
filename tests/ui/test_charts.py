"""The evaluation chart (ui/charts.py): PNG bytes, both panels, Chinese without tofu, speed."""

from __future__ import annotations

import logging
import re
import string
import struct
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from matplotlib import dates as mdates
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from tests.ui.chart_data import year_of_measures
from ui import charts
from ui.catalogue import CATALOGUE
from ui.charts import ChartData, burnup_points, chart_figure, render_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SMALL = burnup_points(
    [
        (date(2026, 3, 2), 0, 2),
        (date(2026, 3, 4), 0, 1),
        (date(2026, 3, 9), 1, 0),
        (date(2026, 3, 16), 1, 0),
        (date(2026, 3, 23), -1, 0),
        (date(2026, 3, 25), 1, 0),
    ],
    until=date(2026, 3, 31),
)
EN = ChartData("PRJ-3 Checkout revamp", "en", SMALL, "user conversion", "%", 10, 11.5, 11.2)
ZH = ChartData("PRJ-7 跨部门结算流程改进", "zh", SMALL, "用户转化率", "%", 10, 11.5, 12.1)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def render_noting_problems(data: ChartData, caplog: pytest.LogCaptureFixture) -> tuple[bytes, list[str]]:
    """The PNG and every warning (Python warnings and WARNING log records) raised making it."""
    caplog.clear()
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        png = render_chart(data)
    return png, [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]


def texts(figure: Figure) -> list[str]:
    figure.canvas.draw()  # tick labels exist once drawn
    return [text.get_text() for text in figure.findobj(lambda a: hasattr(a, "get_text")) if text.get_text()]


def panels(figure: Figure) -> list[Axes]:
    return list(figure.axes)


def lines_of(ax: Axes) -> list[Line2D]:
    return [line for line in ax.get_lines() if len(line.get_xdata()) > 0]


# ------------------------------------------------------------------ the PNG


EN_WITH_CHINESE_NAMES = replace(EN, title="PRJ-7 · 跨部门结算流程改进", metric="平均交付周期", unit="天")


@pytest.mark.parametrize(
    "data", [EN, ZH, EN_WITH_CHINESE_NAMES, replace(EN, metric=None), replace(ZH, points=[])]
)
def test_a_png_of_the_size_for_slack(data: ChartData, caplog: pytest.LogCaptureFixture) -> None:
    png, problems = render_noting_problems(data, caplog)
    assert problems == []
    assert png_size(png) == (charts.WIDTH_PX, charts.HEIGHT_PX) == (1000, 560)
    assert png.endswith(b"IEND\xaeB`\x82")


def test_renders_in_parallel_threads_like_one_at_a_time() -> None:
    cases = [EN, ZH, replace(EN, metric=None), replace(ZH, actual=None)]
    alone = [render_chart(c) for c in cases]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(render_chart, cases))
    assert together == alone


# ------------------------------------------------------------------ Chinese


def test_chinese_renders_with_a_cjk_font_and_no_missing_glyph(caplog: pytest.LogCaptureFixture) -> None:
    families = charts.font_families()
    assert families[0] == "Noto Sans CJK SC", families
    found = font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False)
    assert Path(found).name == "NotoSansCJK-Regular.ttc"

    data = replace(ZH, title="PRJ-7 跨部门结算流程改进：客服、研发与财务", unit="天", actual=None)
    png, problems = render_noting_problems(data, caplog)
    assert png_size(png) == (1000, 560)
    assert problems == []


def test_chinese_charts_are_set_in_the_cjk_font_others_in_the_latin_one_with_cjk_fallback() -> None:
    def families(data: ChartData) -> set[tuple[str, ...]]:
        figure = chart_figure(data)
        figure.canvas.draw()  # ticks made while drawing count too
        return {tuple(t.get_fontfamily()) for t in figure.findobj(Text) if t.get_visible() and t.get_text()}

    assert families(ZH) == {("Noto Sans CJK SC", "DejaVu Sans")}
    assert families(EN_WITH_CHINESE_NAMES) == {("DejaVu Sans", "Noto Sans CJK SC")}


def test_the_glyph_check_fails_with_a_latin_only_font(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Proof that the test above can fail: without the CJK font, matplotlib reports the tofu."""
    monkeypatch.setattr(charts, "font_families", lambda: ("DejaVu Sans",))
    _, problems = render_noting_problems(ZH, caplog)
    missing = [p for p in problems if re.match(r"Glyph \d+ .* missing from font\(s\) DejaVu Sans", p)]
    assert missing, problems
    _, english_problems = render_noting_problems(EN, caplog)
    assert english_problems == []


def test_no_cjk_font_is_said_once_in_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(charts, "_families", None)
    monkeypatch.setattr(charts, "_font_files", list)
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such CJK Font",))
    with caplog.at_level(logging.WARNING, logger="ui.charts"):
        assert charts.font_families() == ("DejaVu Sans",)
        assert charts.font_families() == ("DejaVu Sans",)
    said = [r.getMessage() for r in caplog.records if r.name == "ui.charts"]
    assert len(said) == 1 and "no CJK font" in said[0], said


def test_a_chinese_chart_has_no_english_words() -> None:
    """Every word comes from the catalogue: the zh chart's texts hold no Latin letters besides
    the project reference given in the title."""
    latin = [s for s in texts(chart_figure(ZH)) if set(s.replace("PRJ-7", "")) & set(string.ascii_letters)]
    assert latin == []


def test_chart_words_exist_in_both_languages_with_the_same_placeholders() -> None:
    keys = [k for k in CATALOGUE if k.startswith("chart.")]
    assert len(keys) >= 10
    for key in keys:
        en, zh = CATALOGUE[key]["en"], CATALOGUE[key]["zh"]
        assert sorted(re.findall(r"{(\w+)}", en)) == sorted(re.findall(r"{(\w+)}", zh)), key


# ------------------------------------------------------------------ the burn-up


def test_burnup_with_no_history_says_so() -> None:
    figure = chart_figure(replace(EN, points=[], metric=None))
    (ax,) = panels(figure)
    assert lines_of(ax) == []
    assert "No measures yet" in texts(figure)


def test_burnup_with_one_point_shows_it_on_a_week_of_axis(caplog: pytest.LogCaptureFixture) -> None:
    data = replace(EN, points=[(date(2026, 5, 1), 0, 1)], metric=None)
    figure = chart_figure(data)
    (ax,) = panels(figure)
    assert [line.get_marker() for line in lines_of(ax)] == ["o", "o"]
    assert ax.get_xlim() == (mdates.date2num(date(2026, 4, 28)), mdates.date2num(date(2026, 5, 4)))
    assert "0 of 1 done (0%)" in texts(figure)
    _, problems = render_noting_problems(data, caplog)
    assert problems == []


def test_burnup_steps_through_done_and_total() -> None:
    figure = chart_figure(replace(EN, metric=None))
    (ax,) = panels(figure)
    total, done = lines_of(ax)
    assert total.get_drawstyle() == done.get_drawstyle() == "steps-post"
    assert list(total.get_ydata()) == [n for _, _, n in SMALL]
    assert list(done.get_ydata()) == [d for _, d, _ in SMALL]
    assert "2 of 3 done (67%)" in texts(figure)
    assert {"All measures", "Done", "Measures", "Measures done over time"} <= set(texts(figure))


def test_burnup_points_accumulate_changes_per_day() -> None:
    assert [
        (date(2026, 3, 2), 0, 2),
        (date(2026, 3, 4), 0, 3),
        (date(2026, 3, 9), 1, 3),
        (date(2026, 3, 16), 2, 3),
        (date(2026, 3, 23), 1, 3),
        (date(2026, 3, 25), 2, 3),
        (date(2026, 3, 31), 2, 3),
    ] == SMALL
    assert burnup_points([], until=date(2026, 1, 1)) == [(date(2026, 1, 1), 0, 0)]
    assert burnup_points([(date(2026, 1, 2), 0, 1)], until=date(2026, 1, 2)) == [(date(2026, 1, 2), 0, 1)]


@pytest.fixture(scope="module")
def year() -> list[tuple[date, int, int]]:
    return year_of_measures()


def test_burnup_of_2000_measures_over_a_year_renders_well_under_a_second(
    year: list[tuple[date, int, int]],
) -> None:
    assert len(year) == 366 and year[-1][2] == 2000
    data = ChartData("PRJ-1 Checkout revamp", "en", year, "user conversion", "%", 10, 11.5, 11.2)
    render_chart(data)  # the first render of a process loads the fonts
    best = min(timed(lambda: render_chart(data)) for _ in range(3))
    assert best < 1.0, f"{best:.2f} s"
    figure = chart_figure(data)
    done = year[-1][1]
    assert f"{done:,} of 2,000 done ({round(done / 20)}%)" in texts(figure)
    assert figure.axes[0].get_ylim()[1] >= 2000


def timed(render: Callable[[], object]) -> float:
    started = time.perf_counter()
    render()
    return time.perf_counter() - started


# ------------------------------------------------------------------ the goal


def test_no_metric_no_goal_panel() -> None:
    assert len(panels(chart_figure(replace(EN, metric=None)))) == 1
    assert len(panels(chart_figure(EN))) == 2


def goal_markers(data: ChartData) -> Iterator[tuple[float, float, str]]:
    goal = panels(chart_figure(data))[1]
    for line in lines_of(goal):
        if line.get_marker() == "o":
            yield float(line.get_xdata()[0]), float(line.get_ydata()[0]), to_hex(line.get_color())


def test_metric_with_actual_shows_baseline_to_actual_against_target() -> None:
    figure = chart_figure(EN)
    words = texts(figure)
    assert {"Goal: user conversion", "Baseline", "Actual", "10%", "11.2%", "Target 11.5%"} <= set(words)
    goal = panels(figure)[1]
    (target,) = [line for line in goal.get_lines() if line.get_linestyle() == "--"]
    assert list(target.get_ydata()) == [11.5, 11.5]
    assert list(goal_markers(EN)) == [(0, 10, charts._BASELINE), (1, 11.2, charts._SHORT)]
    assert list(goal_markers(ZH)) == [(0, 10, charts._BASELINE), (1, 12.1, charts._DONE)]


def test_a_target_below_the_baseline_is_reached_by_going_down() -> None:
    defects = ChartData("PRJ-5", "en", SMALL, "defect rate", "%", 4.2, 2.0, 1.8)
    assert list(goal_markers(defects))[-1] == (1, 1.8, charts._DONE)
    assert list(goal_markers(replace(defects, actual=3.1)))[-1] == (1, 3.1, charts._SHORT)


def test_metric_without_actual_shows_baseline_and_target() -> None:
    data = replace(ZH, unit="天", baseline=30, target=21, actual=None)
    words = texts(chart_figure(data))
    assert {"30天", "目标 21天", "尚无实际值"} <= set(words)
    assert list(goal_markers(data)) == [(0, 30, charts._BASELINE)]


def test_metric_with_a_unit_in_letters_and_no_numbers_yet() -> None:
    assert "Target 48 h" in texts(chart_figure(replace(EN, unit="h", baseline=None, target=48, actual=None)))
    empty = replace(EN, baseline=None, target=None, actual=None)
    assert "No baseline, target or actual value yet" in texts(chart_figure(empty))
    assert png_size(render_chart(empty)) == (1000, 560)


def test_long_titles_are_cut_to_fit() -> None:
    long_name = "跨部门" * 40
    words = texts(chart_figure(replace(ZH, title=long_name, metric=long_name)))
    cut = [w for w in words if w.endswith("…")]
    assert len(cut) == 2 and all(len(w) < 50 for w in cut)
