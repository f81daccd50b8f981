"""The secretary's monthly review, in a private chat: the branch's members with a pledge, one
after another (by name), each with what they reported for the month; a rating (the levels of
the annual rating) and a short comment, or skip, back, stop. Each review is a row of its own:
a member reviewed again keeps both, and the latest counts."""

from __future__ import annotations

import secrets
from typing import Any, Literal, cast

from config.i18n import Text
from config.messages import Button
from config.text import shorten
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.pledges.buttons import Review
from handlers.pledges.followup import _note, latest_by_month, latest_reviews, month_key, month_label
from handlers.pledges.registration import DRAFT_KEPT, DRAFT_SLOT

REVIEW_KIND = "cam.review"
COMMENT = "cam.comment"
RATINGS = ("xs", "tot", "ht", "kht")
COMMENT_LIMIT = 300

Act = Literal["xs", "tot", "ht", "kht", "none", "skip", "back", "stop"]


async def start(ctx: Ctx, actor: Actor, year: int, month: int) -> None:
    if ctx.in_group:
        ctx.reply(ctx.t("pl.private_only"))
        return
    if not actor.secretary:
        ctx.reply(Text("pl.secretary_only").render(ctx.lang))
        return
    pledges = await ctx.uow.pledges.of_branch(actor.person.branch_id, year)
    if not pledges:
        ctx.reply(ctx.t("pl.review.nobody", year=year))
        return
    draft: dict[str, Any] = {
        "n": secrets.randbelow(1_000_000),
        "month": month_key(year, month),
        "ids": [r.pledge.id for _, r in pledges],
        "i": 0,
        "rating": "",
        "done": 0,
    }
    ctx.reply(ctx.t("pl.review.intro", month=month_label(draft["month"]), n=len(pledges)))
    await _show(ctx, actor, draft)


async def _keep(ctx: Ctx, draft: dict[str, Any]) -> None:
    inc = ctx.inc
    await ctx.uow.waits.expect(
        inc.platform,
        inc.chat.chat_id,
        inc.sender.user_id,
        REVIEW_KIND,
        draft,
        ctx.now,
        ctx.now + DRAFT_KEPT,
        slot=DRAFT_SLOT,
    )


async def _load(ctx: Ctx, number: int) -> dict[str, Any] | None:
    inc = ctx.inc
    held = await ctx.uow.waits.expected(
        inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now, slot=DRAFT_SLOT
    )
    if held is None or held.expired or held.kind != REVIEW_KIND or held.payload.get("n") != number:
        return None
    return held.payload


async def _show(ctx: Ctx, actor: Actor, draft: dict[str, Any]) -> None:
    """The member at `i`, or the end of the list."""
    ids: list[int] = draft["ids"]
    if draft["i"] >= len(ids):
        inc = ctx.inc
        await ctx.uow.waits.stop_expecting(
            inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT_SLOT
        )
        ctx.reply(ctx.t("pl.review.end", month=month_label(draft["month"]), n=draft["done"]))
        return
    year = int(draft["month"][:4])
    # the branch's pledges again: someone who left the branch since is no longer shown
    pledges = {r.pledge.id: (p, r) for p, r in await ctx.uow.pledges.of_branch(actor.person.branch_id, year)}
    found = pledges.get(ids[draft["i"]])
    if found is None:
        draft["i"] += 1
        await _show(ctx, actor, draft)
        return
    person, registered = found
    month = draft["month"]
    reports = latest_by_month(await ctx.uow.pledges.reports_of([registered.pledge.id])).get(month, {})
    earlier = latest_reviews(await ctx.uow.pledges.reviews_of([registered.pledge.id])).get(month)
    lines = [
        ctx.t("pl.review.who", i=draft["i"] + 1, of=len(ids), name=person.full_name, month=month_label(month))
    ]
    for n, action in enumerate(registered.text.actions, 1):
        r = reports.get(n)
        status = ctx.t(f"pl.status.{r.status}") if r is not None else ctx.t("pl.status.none")
        lines.append(
            ctx.t(
                "pl.month.answer",
                n=n,
                what=shorten(action["what"], 80),
                status=status,
                note=_note(ctx.t, r.note if r else ""),
            )
        )
    if earlier is not None:
        lines.append(
            ctx.t(
                "pl.review.earlier",
                rating=ctx.t(f"pl.rating.{earlier.rating}"),
                comment=earlier.comment or "—",
            )
        )
    lines.append(ctx.t("pl.review.how"))
    n = draft["n"]
    draft["rating"] = ""
    await _keep(ctx, draft)
    ctx.reply(
        "\n".join(lines),
        [
            *[[Button(ctx.t(f"pl.rating.{r}"), Review(n, cast(Act, r)).pack())] for r in RATINGS],
            [
                Button(ctx.t("pl.btn.skip"), Review(n, "skip").pack()),
                Button(ctx.t("pl.btn.back"), Review(n, "back").pack()),
                Button(ctx.t("pl.btn.stop"), Review(n, "stop").pack()),
            ],
        ],
    )


async def pressed(ctx: Ctx, press: Review) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    draft = await _load(ctx, press.draft)
    if draft is None or not actor.secretary:
        ctx.notice = ctx.t("pl.draft_gone")
        return
    if press.act == "stop":
        inc = ctx.inc
        await ctx.uow.waits.stop_expecting(
            inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT_SLOT
        )
        ctx.reply(ctx.t("pl.review.end", month=month_label(draft["month"]), n=draft["done"]))
        return
    if press.act in ("skip", "back"):
        draft["i"] = max(0, draft["i"] + (1 if press.act == "skip" else -1))
        await _show(ctx, actor, draft)
        return
    if press.act == "none":
        if not draft["rating"]:
            ctx.notice = ctx.t("pl.draft_gone")
            return
        await _save(ctx, actor, draft, "")
        return
    draft["rating"] = press.act
    await _keep(ctx, draft)
    ctx.reply(
        ctx.t("pl.review.ask_comment", rating=ctx.t(f"pl.rating.{press.act}")),
        [[Button(ctx.t("pl.btn.no_comment"), Review(draft["n"], "none").pack())]],
    )
    ctx.expect_text(COMMENT, {"n": draft["n"]})


async def comment_typed(ctx: Ctx, awaited: Awaited) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    draft = await _load(ctx, int(awaited.payload.get("n", -1)))
    if draft is None or not draft["rating"] or not actor.secretary:
        ctx.reply(ctx.t("pl.draft_gone"))
        return
    comment = " ".join(ctx.inc.text.split())
    if len(comment) > COMMENT_LIMIT:
        ctx.reply(ctx.t("pl.err.too_long", n=COMMENT_LIMIT))
        ctx.expect_text(COMMENT, {"n": draft["n"]})
        return
    await _save(ctx, actor, draft, comment)


async def _save(ctx: Ctx, actor: Actor, draft: dict[str, Any], comment: str) -> None:
    year = int(draft["month"][:4])
    pledge_id = draft["ids"][draft["i"]]
    mine = {r.pledge.id for _, r in await ctx.uow.pledges.of_branch(actor.person.branch_id, year)}
    if pledge_id not in mine:  # the branch's own members only, whatever the draft says
        ctx.reply(ctx.t("pl.draft_gone"))
        return
    await ctx.uow.pledges.add_review(
        pledge_id, draft["month"], draft["rating"], comment, actor.person.id, ctx.now
    )
    draft["done"] += 1
    draft["i"] += 1
    ctx.reply(ctx.t("pl.review.kept"))
    await _show(ctx, actor, draft)
