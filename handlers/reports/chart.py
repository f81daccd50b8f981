"""Chart images: attendance rate by branch (lowest first) or by month, with the 85% line."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from handlers.reports.tally import LOW_RATE

MAX_BARS = 60  # a district has ~70 branches: the lowest 60 stay readable


def rate_chart(title: str, bars: list[tuple[str, float]]) -> bytes:
    """A horizontal bar per label (rates in percent), lowest first as given."""
    bars = bars[:MAX_BARS]
    height = max(2.5, 0.32 * len(bars) + 1.2)
    # a Figure of its own on the Agg canvas: no pyplot global state, safe in a server
    fig = Figure(figsize=(8, height), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    labels = [label for label, _ in bars][::-1]
    values = [value for _, value in bars][::-1]
    colors = ["#c0392b" if v < LOW_RATE else "#2e86c1" for v in values]
    ax.barh(labels, values, color=colors)
    ax.axvline(LOW_RATE, color="#7f8c8d", linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_title(title, fontsize=11)
    for y, v in enumerate(values):
        ax.text(min(v + 1, 92), y, f"{v:.1f}".replace(".", ","), va="center", fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
