"""Server-side SVG bar charts for the report page: no script and no external file, so they work under the CSP."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup, escape

LABEL_WIDTH = 160
BAR_AREA = 300
VALUE_WIDTH = 60
BAR_HEIGHT = 14
GAP = 10
TOP = 34
MAX_GROUPS = 40
COLOURS = ("#2b6cb0", "#dd8a3e", "#38a169")


@dataclass(frozen=True)
class Series:
    """One kind of bar: the report column it shows, its name in the legend (user's language), its colour."""

    column: str
    name: str
    colour: str


def _label(text: Any, limit: int = 22) -> str:
    """A group name short enough for the label column."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _number(value: Any) -> float:
    """A figure as a float for drawing only (None draws nothing)."""
    return float(value) if isinstance(value, (int, float, Decimal)) else 0.0


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[dict[str, Any]],
    series: Sequence[Series],
    fmt: Callable[[Any], str],
    scale_max: float | None = None,
) -> Markup:
    """Horizontal bars per group (one bar per series) as an inline <svg>; at most MAX_GROUPS groups drawn."""
    shown = list(rows[:MAX_GROUPS])
    per_group = len(series) * BAR_HEIGHT + GAP
    height = TOP + max(len(shown), 1) * per_group + 8
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    top_value = scale_max or max((_number(row[s.column]) for row in shown for s in series), default=0.0)
    top_value = top_value or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="report-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto" '
        f'font-family="sans-serif" font-size="12" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    x = LABEL_WIDTH
    for s in series:  # the legend
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{s.colour}"/>')
        parts.append(f'<text x="{x + 16}" y="18">{escape(s.name)}</text>')
        x += 24 + 7 * len(s.name)
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{height - 4}" stroke="#999"/>'
    )
    if not shown:
        parts.append(f'<text x="{LABEL_WIDTH + 8}" y="{TOP + 12}">{escape(_("Geen gegevens"))}</text>')
    for index, row in enumerate(shown):
        y = TOP + index * per_group
        middle = y + len(series) * BAR_HEIGHT / 2 + 4
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.0f}" text-anchor="end">{escape(_label(row["group"]))}</text>'
        )
        for number, s in enumerate(series):
            value = row[s.column]
            length = BAR_AREA * min(_number(value), top_value) / top_value
            bar_y = y + number * BAR_HEIGHT
            text = escape(fmt(value))
            parts.append(
                f'<rect class="bar" x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT - 2}" fill="{s.colour}"><title>{escape(str(row["group"]))}, '
                f"{escape(s.name)}: {text}</title></rect>"
            )
            parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{bar_y + 11}">{text}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text in the SVG is escaped or a number)


def report_charts(rows: Sequence[dict[str, Any]], count: Callable, percent: Callable) -> list[Markup]:
    """The report page's charts: trajectories opened/closed per group, and work outflow and success rates."""
    flow = bar_chart(
        "chart-flow",
        _("Trajecten geopend en gesloten per groep"),
        rows,
        (
            Series("opened", _("Trajecten geopend"), COLOURS[0]),
            Series("closed", _("Trajecten gesloten"), COLOURS[1]),
        ),
        count,
    )
    rate = bar_chart(
        "chart-outflow-rate",
        _("Arbeidsuitstroom en slagingspercentage per groep"),
        rows,
        (
            Series("work_outflow_rate", _("Aandeel arbeidsuitstroom"), COLOURS[2]),
            Series("success_rate", _("Slagingspercentage"), COLOURS[0]),
        ),
        percent,
        scale_max=1.0,
    )
    return [flow, rate]
