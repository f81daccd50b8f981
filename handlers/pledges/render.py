"""A pledge as chibo shows it: the same text in the review before confirming, in /camket, in
the secretary's list and in the year-end summary."""

from __future__ import annotations

from collections.abc import Callable

from storage.repos.pledges import PledgeText

Translate = Callable[..., str]


def action_line(t: Translate, n: int, action: dict[str, str]) -> str:
    return t(
        "pl.view.action",
        n=n,
        what=action.get("what", ""),
        when=action.get("when", ""),
        evidence=action.get("evidence", ""),
    )


def pledge_text(t: Translate, name: str, branch: str, year: int, text: PledgeText) -> str:
    lines = [t("pl.view.title", year=year), t("pl.view.who", name=name, branch=branch)]
    if text.topic:
        lines.append(t("pl.view.topic", topic=text.topic))
    lines.append(t("pl.view.contents"))
    lines += [f"• {c}" for c in text.contents] or [t("pl.view.none")]
    lines.append(t("pl.view.short", text=text.shortcomings or t("pl.view.none")))
    lines.append(t("pl.view.actions"))
    lines += [action_line(t, n, a) for n, a in enumerate(text.actions, 1)] or [t("pl.view.none")]
    return "\n".join(lines)
