"""/camket: the guided registration. Each part is one message: the contents of the study
topic as choices to pick (buttons; numbered lines on Zalo and the console, where a typed number
picks one and "1, 3" picks several), then typed answers (the shortcomings, and for each action
what, by when or how often, how its result will be seen), then the whole pledge to confirm.
The draft is kept for the chat in `chat_waits` (slot "pledge") until it is confirmed."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

from config.formatting import fmt_date
from config.i18n import Text
from config.messages import Button
from config.text import shorten
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.pledges import services
from handlers.pledges.buttons import Step, Toggle
from handlers.pledges.render import pledge_text
from storage.repos.pledges import PledgeText, Registered

DRAFT_SLOT = "pledge"
DRAFT_KIND = "cam.draft"
TYPED = "cam.step"  # the answer typed for the draft's current part
DRAFT_KEPT = timedelta(hours=12)
LABEL = 60
_NUMBERS = re.compile(r"^\s*\d{1,2}(\s*[,;\s]\s*\d{1,2})+\s*$|^\s*\d{1,2}\s*$")
_TEXT_STEPS = ("short", "what", "when", "evidence")


async def _load(ctx: Ctx, number: int | None = None) -> dict[str, Any] | None:
    inc = ctx.inc
    held = await ctx.uow.waits.expected(
        inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now, slot=DRAFT_SLOT
    )
    if held is None or held.expired or held.kind != DRAFT_KIND:
        return None
    if number is not None and held.payload.get("n") != number:
        return None
    return held.payload


async def _keep(ctx: Ctx, draft: dict[str, Any]) -> None:
    inc = ctx.inc
    await ctx.uow.waits.expect(
        inc.platform,
        inc.chat.chat_id,
        inc.sender.user_id,
        DRAFT_KIND,
        draft,
        ctx.now,
        ctx.now + DRAFT_KEPT,
        slot=DRAFT_SLOT,
    )


async def _drop(ctx: Ctx) -> None:
    inc = ctx.inc
    await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT_SLOT)


def _text_of(draft: dict[str, Any]) -> PledgeText:
    offer = draft["offer"]
    chosen = [offer[i - 1] for i in sorted(draft["chosen"]) if 1 <= i <= len(offer)]
    topics = list(dict.fromkeys(topic for topic, _ in chosen))
    return PledgeText(
        " / ".join(topics), [section for _, section in chosen], draft["short"], list(draft["actions"])
    )


async def begin(ctx: Ctx, actor: Actor, current: Registered | None) -> None:
    """A new draft: empty, or the registered pledge to change (shown for review at once)."""
    refused = await services.may_change(ctx.uow, actor, ctx.now)
    if refused is not None:
        ctx.reply(refused.render(ctx.lang))
        return
    offer = await services.study_contents(ctx.uow, actor.person.branch_id, ctx.now)
    if not offer.contents and current is None:
        ctx.reply(ctx.t("pl.no_topic"))
        return
    pairs = [list(p) for p in offer.contents]
    chosen: list[int] = []
    if current is not None:
        # the contents registered before stay chosen, even if the library changed since
        for section in current.text.contents:
            match = next((i for i, (_, s) in enumerate(pairs, 1) if s == section), None)
            if match is None:
                pairs.append([current.text.topic, section])
                match = len(pairs)
            chosen.append(match)
    draft: dict[str, Any] = {
        "n": secrets.randbelow(1_000_000),
        "offer": pairs,
        "chosen": chosen,
        "short": current.text.shortcomings if current is not None else "",
        "actions": list(current.text.actions) if current is not None else [],
        "pending": {},
        "step": "review" if current is not None else "contents",
        "editing": current is not None,
    }
    if current is None:
        ctx.reply(ctx.t("pl.intro", year=services.year_of(ctx.now)))
    await _show(ctx, draft)


async def _show(ctx: Ctx, draft: dict[str, Any]) -> None:
    """The message of the draft's current part, and what the chat now waits for."""
    await _keep(ctx, draft)
    n, step = draft["n"], draft["step"]
    cancel = Button(ctx.t("pl.btn.cancel"), Step(n, "no").pack())
    if step == "contents":
        offer = draft["offer"]
        lines = [ctx.t("pl.ask.contents", topics=", ".join(dict.fromkeys(t for t, _ in offer)))]
        buttons = [
            [Button(("✓ " if i in draft["chosen"] else "") + shorten(section, LABEL), Toggle(n, i).pack())]
            for i, (_, section) in enumerate(offer, 1)
        ]
        if draft["chosen"]:
            lines.append(ctx.t("pl.chosen", n=len(draft["chosen"])))
        buttons.append([Button(ctx.t("pl.btn.next"), Step(n, "next").pack()), cancel])
        ctx.reply("\n".join(lines), buttons)
        ctx.expect_text(TYPED, {"n": n})
        return
    if step in _TEXT_STEPS:
        number = len(draft["actions"]) + 1
        key = f"pl.ask.{step}"
        text = ctx.t(key, n=number, what=draft["pending"].get("what", ""))
        row = [Button(ctx.t("pl.btn.back"), Step(n, "back").pack())]
        if step == "short" and draft["short"]:
            text += "\n" + ctx.t("pl.ask.keep", old=draft["short"])
            row.append(Button(ctx.t("pl.btn.keep"), Step(n, "keep").pack()))
        if step == "what" and draft["actions"]:
            row.append(Button(ctx.t("pl.btn.review"), Step(n, "review").pack()))
        ctx.reply(text, [row, [cancel]])
        ctx.expect_text(TYPED, {"n": n})
        return
    if step == "more":
        ctx.reply(
            ctx.t("pl.action_kept", n=len(draft["actions"])),
            [
                [Button(ctx.t("pl.btn.more"), Step(n, "more").pack())],
                [Button(ctx.t("pl.btn.review"), Step(n, "review").pack())],
                [cancel],
            ],
        )
        return
    person = ctx.person
    assert person is not None
    text = pledge_text(
        ctx.t, person.full_name, person.branch.name, services.year_of(ctx.now), _text_of(draft)
    )
    ctx.reply(
        ctx.t("pl.review_title") + "\n\n" + text + "\n\n" + ctx.t("pl.review_hint"),
        [
            [Button(ctx.t("pl.btn.ok"), Step(n, "ok").pack())],
            [Button(ctx.t("pl.btn.contents"), Step(n, "contents").pack())],
            [Button(ctx.t("pl.btn.short"), Step(n, "short").pack())],
            [Button(ctx.t("pl.btn.actions"), Step(n, "actions").pack())],
            [Button(ctx.t("pl.btn.more"), Step(n, "more").pack())],
            [cancel],
        ],
    )


async def toggled(ctx: Ctx, press: Toggle) -> None:
    draft = await _load(ctx, press.draft)
    if draft is None or draft["step"] != "contents" or press.item > len(draft["offer"]):
        ctx.notice = ctx.t("pl.draft_gone")
        return
    chosen = set(draft["chosen"])
    chosen ^= {press.item}
    draft["chosen"] = sorted(chosen)
    await _show(ctx, draft)


async def stepped(ctx: Ctx, press: Step) -> None:
    draft = await _load(ctx, press.draft)
    if draft is None:
        ctx.notice = ctx.t("pl.draft_gone")
        return
    to, step = press.to, draft["step"]
    if to == "no":
        await _drop(ctx)
        ctx.reply(ctx.t("pl.cancelled"))
        return
    if to == "ok":
        await _confirm(ctx, draft)
        return
    if to == "next":
        if step == "contents" and not draft["chosen"]:
            ctx.reply(ctx.t("pl.err.no_contents"))
            return
        draft["step"] = "review" if draft["editing"] else "short"
    elif to == "keep" and step == "short":
        draft["step"] = "review" if draft["editing"] else ("what" if not draft["actions"] else "more")
    elif to == "back":
        draft["step"] = {"short": "contents", "what": "short", "when": "what", "evidence": "when"}.get(
            step, step
        )
    elif to == "actions":
        draft["actions"], draft["pending"], draft["step"] = [], {}, "what"
    elif to == "more":
        if len(draft["actions"]) >= services.MAX_ACTIONS:
            ctx.reply(Text("pl.err.too_many_actions", {"n": services.MAX_ACTIONS}).render(ctx.lang))
            return
        draft["pending"], draft["step"] = {}, "what"
    elif to == "review":
        draft["step"] = "review"
    else:
        draft["step"] = to  # contents, short
    await _show(ctx, draft)


async def typed(ctx: Ctx, awaited: Awaited) -> None:
    """An answer typed for the draft's current part."""
    draft = await _load(ctx, int(awaited.payload.get("n", -1)))
    if draft is None:
        ctx.reply(ctx.t("pl.draft_gone"))
        return
    step, text = draft["step"], ctx.inc.text.strip()
    if step == "contents":
        if not _NUMBERS.match(text):
            ctx.reply(ctx.t("pl.err.contents_numbers", n=len(draft["offer"])))
            ctx.expect_text(TYPED, {"n": draft["n"]})
            return
        numbers = {int(x) for x in re.findall(r"\d+", text)}
        if not numbers or any(not 1 <= x <= len(draft["offer"]) for x in numbers):
            ctx.reply(ctx.t("pl.err.contents_numbers", n=len(draft["offer"])))
            ctx.expect_text(TYPED, {"n": draft["n"]})
            return
        draft["chosen"] = sorted(numbers)
        draft["step"] = "review" if draft["editing"] else "short"
        await _show(ctx, draft)
        return
    if step not in _TEXT_STEPS:
        ctx.reply(ctx.t("pl.err.use_choices"))
        return
    checked = services.check_deadline(text, ctx.now) if step == "when" else services.check_answer(text)
    if isinstance(checked, Text):
        ctx.reply(
            checked.render(ctx.lang)
            + "\n"
            + ctx.t(f"pl.ask.{step}", n=len(draft["actions"]) + 1, what=draft["pending"].get("what", ""))
        )
        ctx.expect_text(TYPED, {"n": draft["n"]})
        return
    if step == "short":
        draft["short"] = checked
        draft["step"] = "review" if draft["editing"] else ("what" if not draft["actions"] else "more")
    elif step == "what":
        draft["pending"] = {"what": checked}
        draft["step"] = "when"
    elif step == "when":
        draft["pending"]["when"] = checked
        draft["step"] = "evidence"
    else:
        draft["pending"]["evidence"] = checked
        draft["actions"].append(draft["pending"])
        draft["pending"] = {}
        draft["step"] = "more"
    await _show(ctx, draft)


async def _confirm(ctx: Ctx, draft: dict[str, Any]) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    result = await services.register(ctx.uow, actor, _text_of(draft), ctx.now)
    if isinstance(result, Text):
        ctx.reply(result.render(ctx.lang))
        return
    await _drop(ctx)
    key = "pl.registered" if result.versions == 1 else "pl.changed"
    ctx.reply(ctx.t(key, year=result.pledge.year, version=result.versions, date=fmt_date(ctx.now)))
