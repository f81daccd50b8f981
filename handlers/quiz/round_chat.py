"""Hội thi in the chat: `/thi hoithi …` by committee staff (a preview, opened on «Mở hội
thi» with a message to every member taking part), «Làm bài hội thi» for members, the two
reminders to those who have not taken it and the results to the organiser at the deadline."""

from __future__ import annotations

import json
from datetime import datetime

from config.formatting import fmt_int, fmt_pct
from config.i18n import Text, t
from config.messages import Button, Reply
from handlers.actor import Actor
from handlers.attendance.wording import moment_of
from handlers.context import Ctx
from handlers.quiz import export, rounds
from handlers.quiz.asking import ask, duration_text
from handlers.quiz.buttons import OpenRound, TakeRound
from handlers.quiz.export_chat import attachment
from scheduler.due import Outcome
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.models.quiz import QuizRound
from storage.repos.outbox import OutboxItem
from storage.repos.people import Member
from storage.repos.schedule import ClaimedJob
from storage.uow import UnitOfWork

ROUND_WORDS = ("hoi thi", "hoithi", "round")
NAMES_SHOWN = 10


async def round_command(ctx: Ctx, actor: Actor, args: str) -> None:
    """/thi hoithi 20 câu, hạn 15/12 17:00, 2 lượt, tính điểm tốc độ, chi bộ Khu phố 1, Khu phố 2."""
    if not actor.committee_staff:
        ctx.reply(ctx.t("quiz.round_staff_only"))
        return
    if not args.strip():
        ctx.reply(ctx.t("quiz.round_usage"))
        return
    request = rounds.read_request(args, ctx.now)
    if isinstance(request, Text):
        ctx.reply(request.render(ctx.lang))
        return
    plan = await rounds.plan_round(ctx.uow, actor, request, ctx.now)
    if isinstance(plan, Text):
        ctx.reply(plan.render(ctx.lang))
        return
    r = plan.round
    names = ", ".join(b.name for b in plan.branches[:NAMES_SHOWN])
    if len(plan.branches) > NAMES_SHOWN:
        names += ctx.t("quiz.and_more", n=fmt_int(len(plan.branches) - NAMES_SHOWN))
    ctx.reply(
        ctx.t(
            "quiz.round_preview",
            bank=plan.bank.title,
            size=r.size,
            deadline=moment_of(r.deadline_at).render(ctx.lang),
            attempts=r.attempts,
            scoring=ctx.t("quiz.round_scoring_speed" if r.speed_points else "quiz.round_scoring_plain"),
            branches=fmt_int(len(plan.branches)),
            names=names,
            people=fmt_int(plan.people),
            linked=fmt_int(plan.linked),
        ),
        [
            [
                Button(ctx.t("quiz.btn_open_round"), OpenRound(r.id, "ok").pack()),
                Button(ctx.t("quiz.btn_cancel"), OpenRound(r.id, "no").pack()),
            ]
        ],
    )


def invitation(round_: QuizRound, lang: str, *, reminder: int = 0) -> Reply:
    key = "quiz.round_reminder" if reminder else "quiz.round_invitation"
    text = t(
        lang,
        key,
        title=round_.title,
        size=round_.size,
        deadline=moment_of(round_.deadline_at).render(lang),
        attempts=round_.attempts,
    )
    if round_.speed_points:
        text += "\n" + t(lang, "quiz.round_speed_note")
    return Reply(text, ((Button(t(lang, "quiz.btn_take_round"), TakeRound(round_.id).pack()),),), lang=lang)


def _to_members(
    round_: QuizRound, members: list[Member], now: datetime, key: str, reminder: int = 0
) -> list[OutboxItem]:
    at = deliverable_at(now)
    return [
        outbox_item(
            m.platform,
            m.user_id,
            invitation(round_, m.language or "vi", reminder=reminder),
            at,
            person_id=m.person_id,
            dedup_key=f"{key}:{m.person_id}",
        )
        for m in members
        if m.linked
    ]


async def open_pressed(ctx: Ctx, press: OpenRound) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if press.answer == "no":
        refused = await rounds.drop_draft(ctx.uow, actor, press.round)
        ctx.reply(refused.render(ctx.lang) if refused else ctx.t("quiz.round_dropped"))
        return
    opened = await rounds.open_round(ctx.uow, actor, press.round, ctx.now)
    if isinstance(opened, Text):
        ctx.reply(opened.render(ctx.lang))
        return
    members = await ctx.uow.people.members(json.loads(opened.branch_ids))
    items = _to_members(opened, members, ctx.now, f"quiz_round:{opened.id}:open")
    await ctx.uow.outbox.enqueue(items)
    ctx.reply(
        ctx.t(
            "quiz.round_opened",
            title=opened.title,
            sent=fmt_int(len(items)),
            unlinked=fmt_int(len(members) - len(items)),
            deadline=moment_of(opened.deadline_at).render(ctx.lang),
        )
    )


async def offer_rounds(ctx: Ctx, actor: Actor) -> bool:
    """/thi with a round open to the member: offered first (practice stays a word away)."""
    found = [
        o for o in await rounds.open_to(ctx.uow, actor, ctx.now) if o.left_open or o.used < o.round.attempts
    ]
    if not found:
        return False
    lines = [
        ctx.t(
            "quiz.round_open_line",
            title=o.round.title,
            deadline=moment_of(o.round.deadline_at).render(ctx.lang),
            left=o.round.attempts - o.used,
        )
        for o in found
    ]
    lines.append(ctx.t("quiz.round_practice_hint"))
    ctx.reply(
        "\n".join(lines),
        [
            [
                Button(
                    ctx.t("quiz.btn_take_round_named", title=o.round.title[:40]), TakeRound(o.round.id).pack()
                )
            ]
            for o in found
        ],
    )
    return True


async def take_pressed(ctx: Ctx, press: TakeRound) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        ctx.notice = ctx.t("quiz.practice_in_private")
        return
    asked = await rounds.take(ctx.uow, actor, press.round, ctx.now)
    if isinstance(asked, Text):
        ctx.reply(asked.render(ctx.lang))
        return
    if asked.position == 0:
        ctx.reply(ctx.t("quiz.round_starting", title=asked.bank.title, n=asked.attempt.total))
    await ask(ctx, asked)


async def remind_round(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    round_ = await uow.quiz.round(int(job.payload["round"]))
    if round_ is None or round_.status != "open" or round_.deadline_at <= now:
        return Outcome.skipped("round not open")
    n = int(job.payload["n"])
    members = await uow.quiz.not_taken(round_)
    items = _to_members(round_, members, now, f"quiz_round:{round_.id}:remind:{n}", reminder=n)
    added = await uow.outbox.enqueue(items)
    return Outcome.done(f"reminder {n}: {added} members who have not taken it")


async def close_round(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    """At the deadline: the round closes and its results go to the organiser, privately."""
    round_ = await uow.quiz.round(int(job.payload["round"]))
    if round_ is None or round_.status != "open":
        return Outcome.skipped("round not open")
    round_.status, round_.closed_at = "closed", now
    organiser = await uow.people.get(round_.created_by_person_id)
    if organiser is None:
        return Outcome.done("closed; organiser gone")
    found = await rounds.results(uow, round_)
    chats = [
        m for m in await uow.people.members([organiser.branch_id]) if m.person_id == organiser.id and m.linked
    ]
    workbook = await export.of_round(uow, round_, now) if chats else None
    items = []
    for m in chats:
        lang = m.language or "vi"
        key = f"quiz_round:{round_.id}:results:{m.person_id}"
        items.append(
            outbox_item(
                m.platform,
                m.user_id,
                Reply(results_text(found, lang), lang=lang),
                now,
                person_id=m.person_id,
                dedup_key=key,
            )
        )
        assert workbook is not None
        items.append(
            outbox_item(
                m.platform,
                m.user_id,
                attachment(workbook, lang),
                now,
                person_id=m.person_id,
                dedup_key=f"{key}:xlsx",
            )
        )
    await uow.outbox.enqueue(items)
    return Outcome.done(f"closed; results to {len(items)} chat(s)")


def results_text(found: rounds.Results, lang: str) -> str:
    r = found.round
    people = sum(b.people for b in found.branches)
    lines = [
        t(
            lang,
            "quiz.round_results_title_speed" if r.speed_points else "quiz.round_results_title",
            title=r.title,
            took=fmt_int(found.took),
            people=fmt_int(people),
            rate=fmt_pct(found.took, people),
        )
    ]
    lines += [
        t(
            lang,
            "quiz.board_line_points" if r.speed_points else "quiz.board_line_branch",
            n=i,
            name=s.full_name,
            branch=found.branch_names.get(s.branch_id, ""),
            points=fmt_int(s.points),
            correct=s.correct,
            total=s.total,
            time=duration_text(lang, s.elapsed_ms),
        )
        for i, s in enumerate(found.top, start=1)
    ]
    lines.append(t(lang, "quiz.by_branch_title"))
    lines += [
        t(
            lang,
            "quiz.by_branch_line",
            branch=b.branch,
            took=fmt_int(b.took),
            people=fmt_int(b.people),
            rate=fmt_pct(b.took, b.people),
            avg=fmt_pct(b.correct, b.total),
        )
        for b in found.branches
    ]
    return "\n".join(lines)
