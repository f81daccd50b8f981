"""The monthly follow-up: before each monthly branch meeting chibo asks each member with a
pledge about each of their actions (đã làm / đang làm / chưa làm, and a note if they wish),
one action a message; the answers are kept per month (a later answer is a new row, the
latest counts). Members see their own history with the secretary's comments."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from config.address import addressee
from config.clock import local
from config.formatting import fmt_date
from config.i18n import t
from config.messages import Button, Reply
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.pledges import services
from handlers.pledges.buttons import Progress, ReportStart
from handlers.pledges.registration import DRAFT_KEPT, DRAFT_SLOT
from scheduler.due import Outcome
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from scheduler.ticker import Runtime
from storage.models import PledgeReport, PledgeReview
from storage.repos.pledges import Registered
from storage.repos.schedule import ClaimedJob, NewJob
from storage.uow import UnitOfWork

KIND = "pledge_followup"
REPORT_KIND = "cam.report"
NOTE = "cam.note"
ASK_BEFORE = timedelta(days=2)  # the question comes two days before the branch meeting
LOOK_AHEAD = timedelta(days=3)
TICK_SECONDS = 600
BRANCH_MEETING = "sinh_hoat"
STATUSES = ("done", "doing", "not")

Translate = Callable[..., str]


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_label(key: str) -> str:
    return f"{key[5:7]}/{key[:4]}"


# ── the question before each monthly meeting ────────────────────────────────────────────


async def plan(uow: UnitOfWork, now: datetime) -> int:
    """A question per branch meeting starting in the next days (one statement to plan them all);
    a meeting moved moves its pending question, one asked is never asked again."""
    meetings = [
        m for m in await uow.attendance.meetings_between(now, now + LOOK_AHEAD) if m.kind == BRANCH_MEETING
    ]
    branches = await uow.attendance.branches_of_meetings([m.id for m in meetings])
    jobs = []
    for m in meetings:
        wall = local(m.starts_at)
        for branch_id in branches.get(m.id, []):
            jobs.append(
                NewJob(
                    KIND,
                    f"pledge-ask:{m.id}:{branch_id}",
                    m.starts_at - ASK_BEFORE,
                    {
                        "branch_id": branch_id,
                        "year": wall.year,
                        "month": wall.month,
                        "starts": fmt_date(wall),
                    },
                    ref=f"meeting:{m.id}",
                    not_after=m.starts_at,
                )
            )
    return await uow.schedule.add(jobs, now) if jobs else 0


async def plan_tick(runtime: Runtime) -> int:
    async with runtime.db.unit_of_work() as uow:
        planned = await plan(uow, runtime.clock.now())
        await uow.commit()
    return planned


async def ask(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    branch_id, year, month = (
        int(job.payload["branch_id"]),
        int(job.payload["year"]),
        int(job.payload["month"]),
    )
    pledges = {p.id: r for p, r in await uow.pledges.of_branch(branch_id, year)}
    if not pledges:
        return Outcome.skipped("nobody of the branch has registered a pledge")
    key = month_key(year, month)
    reported = {
        r.pledge_id
        for r in await uow.pledges.reports_of([r.pledge.id for r in pledges.values()])
        if r.month == key
    }
    at = deliverable_at(now)
    items = []
    for m in await uow.people.members([branch_id]):
        registered = pledges.get(m.person_id)
        if not m.linked or registered is None or registered.pledge.id in reported:
            continue
        lang = m.language or "vi"
        lines = [
            t(
                lang,
                "pl.ask.month",
                to=addressee(lang, m.full_name, m.category),
                month=f"{month:02d}/{year}",
                day=job.payload["starts"],
            )
        ]
        lines += [
            t(lang, "pl.month.action", n=n, what=a["what"]) for n, a in enumerate(registered.text.actions, 1)
        ]
        items.append(
            outbox_item(
                m.platform,
                m.user_id,
                Reply(
                    "\n".join(lines),
                    ((Button(t(lang, "pl.btn.report"), ReportStart(year, month).pack()),),),
                    lang=lang,
                ),
                at,
                person_id=m.person_id,
                dedup_key=f"pledge-ask:{key}:{m.person_id}",
            )
        )
    added = await uow.outbox.enqueue(items)
    return Outcome.done(f"{added} asked")


# ── a member's report ───────────────────────────────────────────────────────────────────


async def start(ctx: Ctx, actor: Actor, year: int, month: int) -> None:
    current = await uow_pledge(ctx, actor, year)
    if current is None:
        ctx.reply(ctx.t("pl.month.no_pledge", year=year))
        return
    draft: dict[str, Any] = {
        "n": secrets.randbelow(1_000_000),
        "month": month_key(year, month),
        "answers": [],
        "status": "",
    }
    await _next(ctx, draft, current)


async def uow_pledge(ctx: Ctx, actor: Actor, year: int) -> Registered | None:
    return await ctx.uow.pledges.of(actor.person.id, year)


async def _keep(ctx: Ctx, draft: dict[str, Any]) -> None:
    inc = ctx.inc
    await ctx.uow.waits.expect(
        inc.platform,
        inc.chat.chat_id,
        inc.sender.user_id,
        REPORT_KIND,
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
    if held is None or held.expired or held.kind != REPORT_KIND or held.payload.get("n") != number:
        return None
    return held.payload


async def _next(ctx: Ctx, draft: dict[str, Any], current: Registered) -> None:
    """The next action to answer for, or the answers kept once every action has one."""
    done = len(draft["answers"])
    actions = current.text.actions
    if done >= len(actions):
        await ctx.uow.pledges.add_report(
            current.pledge.id,
            draft["month"],
            current.versions,
            [(n, s, note) for n, s, note in draft["answers"]],
            ctx.now,
        )
        inc = ctx.inc
        await ctx.uow.waits.stop_expecting(
            inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT_SLOT
        )
        lines = [ctx.t("pl.month.kept", month=month_label(draft["month"]))]
        lines += [
            ctx.t(
                "pl.month.answer",
                n=n,
                what=actions[n - 1]["what"],
                status=ctx.t(f"pl.status.{s}"),
                note=_note(ctx.t, note),
            )
            for n, s, note in draft["answers"]
        ]
        ctx.reply("\n".join(lines))
        return
    await _keep(ctx, draft)
    n, action = done + 1, actions[done]
    ctx.reply(
        ctx.t(
            "pl.month.which",
            month=month_label(draft["month"]),
            n=n,
            of=len(actions),
            what=action["what"],
            when=action["when"],
        ),
        [[Button(ctx.t(f"pl.status.{s}"), Progress(draft["n"], n, s).pack()) for s in STATUSES]],  # type: ignore[arg-type]
    )


def _note(tr: Translate, note: str) -> str:
    return tr("pl.month.note", note=note) if note else ""


async def progress_pressed(ctx: Ctx, press: Progress) -> None:
    draft = await _load(ctx, press.draft)
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    current = await uow_pledge(ctx, actor, int(draft["month"][:4])) if draft is not None else None
    if draft is None or current is None:
        ctx.notice = ctx.t("pl.draft_gone")
        return
    expected = len(draft["answers"]) + 1
    if press.status == "skip":
        if not draft["status"] or press.action != expected:
            ctx.notice = ctx.t("pl.draft_gone")
            return
        draft["answers"].append([expected, draft["status"], ""])
        draft["status"] = ""
        await _next(ctx, draft, current)
        return
    if press.action != expected:
        ctx.notice = ctx.t("pl.draft_gone")
        return
    draft["status"] = press.status
    await _keep(ctx, draft)
    ctx.reply(
        ctx.t("pl.month.ask_note", status=ctx.t(f"pl.status.{press.status}")),
        [[Button(ctx.t("pl.btn.no_note"), Progress(draft["n"], expected, "skip").pack())]],
    )
    ctx.expect_text(NOTE, {"n": draft["n"]})


async def note_typed(ctx: Ctx, awaited: Awaited) -> None:
    draft = await _load(ctx, int(awaited.payload.get("n", -1)))
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if draft is None or not draft["status"]:
        ctx.reply(ctx.t("pl.draft_gone"))
        return
    current = await uow_pledge(ctx, actor, int(draft["month"][:4]))
    if current is None:
        ctx.reply(ctx.t("pl.draft_gone"))
        return
    checked = services.check_answer(ctx.inc.text)
    note = checked if isinstance(checked, str) else ctx.inc.text.strip()[: services.TEXT_LIMIT]
    draft["answers"].append([len(draft["answers"]) + 1, draft["status"], note])
    draft["status"] = ""
    await _next(ctx, draft, current)


# ── what a member has reported, and what the secretary said ─────────────────────────────


def latest_by_month(reports: list[PledgeReport]) -> dict[str, dict[int, PledgeReport]]:
    """The latest answer per month and action (rows are oldest first)."""
    found: dict[str, dict[int, PledgeReport]] = {}
    for r in reports:
        found.setdefault(r.month, {})[r.action_no] = r
    return found


def latest_reviews(reviews: list[PledgeReview]) -> dict[str, PledgeReview]:
    return {r.month: r for r in reviews}


def history_lines(
    tr: Translate, current: Registered, reports: list[PledgeReport], reviews: list[PledgeReview]
) -> list[str]:
    by_month = latest_by_month(reports)
    said = latest_reviews(reviews)
    lines = []
    for month in sorted(set(by_month) | set(said)):
        lines.append(tr("pl.history.month", month=month_label(month)))
        for n, r in sorted(by_month.get(month, {}).items()):
            what = current.text.actions[n - 1]["what"] if n <= len(current.text.actions) else ""
            lines.append(
                tr(
                    "pl.month.answer",
                    n=n,
                    what=what,
                    status=tr(f"pl.status.{r.status}"),
                    note=_note(tr, r.note),
                )
            )
        review = said.get(month)
        if review is not None:
            lines.append(
                tr(
                    "pl.history.review",
                    rating=tr(f"pl.rating.{review.rating}"),
                    comment=review.comment or "—",
                )
            )
    return lines


async def show_history(ctx: Ctx, actor: Actor) -> None:
    year = services.year_of(ctx.now)
    current = await uow_pledge(ctx, actor, year)
    if current is None:
        ctx.reply(ctx.t("pl.month.no_pledge", year=year))
        return
    reports = await ctx.uow.pledges.reports_of([current.pledge.id])
    reviews = await ctx.uow.pledges.reviews_of([current.pledge.id])
    lines = history_lines(ctx.t, current, reports, reviews)
    ctx.reply("\n".join([ctx.t("pl.history.title", year=year), *(lines or [ctx.t("pl.history.none")])]))
