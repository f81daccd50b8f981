"""Chart images: attendance rate by branch (lowest first) or by month, with the 85% line.
Only drawn when something was held: the caller says why there is no chart otherwise."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from handlers.reports.tally import LOW_RATE

MAX_BARS = 60  # a district has ~70 branches: the lowest 60 stay readable


def percent(value: float) -> str:
    """98,3% / 100% / 60%, as the reports write them."""
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def rate_chart(title: str, bars: list[tuple[str, float]], threshold_label: str) -> bytes:
    """The chart as a PNG."""
    fig = rate_figure(title, bars, threshold_label)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def rate_figure(title: str, bars: list[tuple[str, float]], threshold_label: str) -> Figure:
    """A horizontal bar per label (rates in percent), lowest first as given, each with its
    value in percent; the 85% line in the legend. `bars` is never empty (an empty chart only
    draws a meaningless axis)."""
    assert bars, "no chart without a meeting held"
    bars = bars[:MAX_BARS]
    height = max(2.8, 0.32 * len(bars) + 1.5)
    # a Figure of its own on the Agg canvas: no pyplot global state, safe in a server
    fig = Figure(figsize=(8, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    labels = [label for label, _ in bars][::-1]
    values = [value for _, value in bars][::-1]
    colors = ["#c0392b" if v < LOW_RATE else "#2e86c1" for v in values]
    ax.barh(labels, values, color=colors)
    ax.axvline(LOW_RATE, color="#7f8c8d", linestyle="--", linewidth=1, label=threshold_label)
    ax.set_xlim(0, 112)
    ax.set_ylim(-0.6, len(bars) - 0.4)
    ax.set_xticks(range(0, 101, 20), [percent(x) for x in range(0, 101, 20)])
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    for y, v in enumerate(values):
        ax.text(v + 1, y, percent(v), va="center", fontsize=8)
    fig.tight_layout()
    return fig
