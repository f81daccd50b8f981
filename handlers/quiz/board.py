"""/bxh: scores and leaderboards. The best go of each person counts: more correct answers
first, less time answering as the tie-break (no speed points). Names go only to private chats
with those who act for the branch (its secretaries, their committee's staff); a member sees
their own record and place; a group sees counts."""

from __future__ import annotations

from config.clock import local
from config.formatting import fmt_date, fmt_int, fmt_pct
from config.i18n import Text, t
from config.messages import Button, Reply
from config.text import fold, shorten
from content.quiz_bank import LETTERS
from handlers.actor import Actor, group_branch
from handlers.context import Ctx
from handlers.quiz import services
from handlers.quiz.asking import duration
from handlers.quiz.buttons import SendSection
from handlers.quiz.export_chat import EXPORT_WORDS, export_command
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.repos.quiz import choices_of

SHOWN = 20
SECTION_CHARS = 1_500  # a Zalo text is 2,000 characters at most, with the heading around it
QUESTIONS_SHOWN = 10
_QUESTIONS_WORDS = {"cau", "cau hoi", "cau sai", "questions", "sai"}
_OWN_WORDS = {"toi", "cua toi", "ca nhan", "me", "mine", "lich su"}


async def leaderboard(ctx: Ctx) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    word = fold(ctx.args)
    if word in EXPORT_WORDS:
        await export_command(ctx, actor, ctx.now)
        return
    if ctx.in_group:
        await _group(ctx)
        return
    scope = services.board_scope(actor)
    if word in _OWN_WORDS or scope is None:
        if word in _QUESTIONS_WORDS:
            ctx.reply(ctx.t("quiz.board_questions_staff"))
            return
        await _own(ctx, actor)
        return
    if word in _QUESTIONS_WORDS:
        await _questions(ctx, scope)
        return
    if word:
        ctx.reply(ctx.t("quiz.board_usage"))
        return
    await _names(ctx, scope)


async def _own(ctx: Ctx, actor: Actor) -> None:
    history = await ctx.uow.quiz.history(actor.person.id)
    if not history:
        ctx.reply(ctx.t("quiz.own_none"))
        return
    lines = [ctx.t("quiz.own_title")]
    lines += [
        ctx.t(
            "quiz.own_line",
            date=fmt_date(a.finished_at or a.started_at),
            bank=title,
            correct=a.correct,
            total=a.total,
            time=duration(ctx, a.elapsed_ms),
        )
        for a, title in history
    ]
    latest = history[0][0]
    place = await services.place_in_branch(ctx.uow, actor, latest.bank_id)
    if place is not None:
        lines.append(ctx.t("quiz.own_place", bank=history[0][1], place=place[0], of=place[1]))
    ctx.reply("\n".join(lines))


async def _names(ctx: Ctx, scope: services.BoardScope) -> None:
    board = await services.board(ctx.uow, scope)
    if board is None:
        ctx.reply(ctx.t("quiz.board_nobody", scope=scope.name))
        return
    lines = [ctx.t("quiz.board_title", bank=board.bank.title, scope=scope.name, took=fmt_int(board.took))]
    for i, s in enumerate(board.top, start=1):
        key = "quiz.board_line_branch" if scope.branch is None else "quiz.board_line"
        lines.append(
            ctx.t(
                key,
                n=i,
                name=s.full_name,
                branch=board.branch_names.get(s.branch_id, ""),
                correct=s.correct,
                total=s.total,
                time=duration(ctx, s.elapsed_ms),
            )
        )
    if board.took > len(board.top):
        lines.append(ctx.t("quiz.board_more", n=fmt_int(board.took - len(board.top))))
    if scope.branch is None:
        lines.append("")
        lines.append(ctx.t("quiz.by_branch_title"))
        for tally in board.branches:
            lines.append(
                ctx.t(
                    "quiz.by_branch_line",
                    branch=tally.branch,
                    took=fmt_int(tally.took),
                    people=fmt_int(tally.people),
                    rate=fmt_pct(tally.took, tally.people),
                    avg=fmt_pct(tally.correct, tally.total),
                )
            )
    lines.append(ctx.t("quiz.board_hint"))
    ctx.reply("\n".join(lines))


async def _questions(ctx: Ctx, scope: services.BoardScope) -> None:
    report = await services.questions_missed(ctx.uow, scope)
    if report is None:
        ctx.reply(ctx.t("quiz.board_nobody", scope=scope.name))
        return
    bank, missed = report
    lines = [ctx.t("quiz.missed_title", bank=bank.title, scope=scope.name)]
    for m in missed[:QUESTIONS_SHOWN]:
        choices = choices_of(m.question)
        picks = sorted(m.chosen.items(), key=lambda kv: -kv[1])
        chosen = "; ".join(
            ctx.t(
                "quiz.missed_choice",
                choice=", ".join(f"{LETTERS[i]}. {choices[i]}" for i in key) or ctx.t("quiz.missed_nothing"),
                n=fmt_int(n),
            )
            for key, n in picks[:3]
        )
        section = ctx.t("quiz.missed_section", n=m.question.section) if m.question.section else ""
        lines.append(
            ctx.t(
                "quiz.missed_line",
                question=m.question.question,
                section=section,
                wrong=fmt_int(m.wrong),
                answered=fmt_int(m.answered),
                pct=fmt_pct(m.wrong, m.answered),
            )
        )
        if chosen:
            lines.append(ctx.t("quiz.missed_chosen", chosen=chosen))
    lines.append(ctx.t("quiz.missed_letters"))
    sendable = [m for m in missed[:QUESTIONS_SHOWN] if m.wrong and m.question.section][:5]
    buttons = [
        [
            Button(
                ctx.t(
                    "quiz.btn_send_section", n=m.question.section, question=shorten(m.question.question, 30)
                ),
                SendSection(m.question.id).pack(),
            )
        ]
        for m in sendable
    ]
    ctx.reply("\n".join(lines), buttons)


async def send_section_pressed(ctx: Ctx, press: SendSection) -> None:
    """Whom a missed question's section would reach, then, on «Gửi», sent to each privately."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        ctx.notice = ctx.t("quiz.board_private")
        return
    if press.answer == "no":
        ctx.reply(ctx.t("quiz.section_not_sent"))
        return
    reading = await services.section_for_missed(ctx.uow, actor, press.question)
    if isinstance(reading, Text):
        ctx.reply(reading.render(ctx.lang))
        return
    if not reading.people:
        ctx.reply(ctx.t("quiz.section_nobody"))
        return
    if press.answer == "ask":
        ctx.reply(
            ctx.t(
                "quiz.section_preview",
                n=reading.number,
                section=reading.title,
                question=reading.question.question,
                people=fmt_int(len(reading.people)),
            ),
            [
                [
                    Button(ctx.t("quiz.btn_send"), SendSection(press.question, "ok").pack()),
                    Button(ctx.t("quiz.btn_cancel"), SendSection(press.question, "no").pack()),
                ]
            ],
        )
        return
    items = [
        outbox_item(
            m.platform,
            m.user_id,
            Reply(section_text(reading, m.language or "vi"), lang=m.language or "vi"),
            deliverable_at(ctx.now),
            person_id=m.person_id,
            dedup_key=f"quiz_section:{reading.question.id}:{local(ctx.now):%Y%m%d}:{m.person_id}",
        )
        for m in reading.people
    ]
    sent = await ctx.uow.outbox.enqueue(items)
    ctx.reply(ctx.t("quiz.section_sent", people=fmt_int(sent), n=reading.number, section=reading.title))


def section_text(reading: services.Reading, lang: str) -> str:
    return t(
        lang,
        "quiz.section_message",
        n=reading.number,
        section=reading.title,
        topic=reading.topic,
        question=reading.question.question,
        text=shorten_text(reading.text, SECTION_CHARS),
    )


def shorten_text(text: str, limit: int) -> str:
    """A section as long as one message allows on every platform, cut at a paragraph."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "…"


async def _group(ctx: Ctx) -> None:
    """A group bound to a branch: how many took it and how they did, no name."""
    branch = await group_branch(ctx)
    if branch is None:
        ctx.reply(ctx.t("quiz.board_group_unbound"))
        return
    tally = await services.branch_tally(ctx.uow, branch)
    if tally is None:
        ctx.reply(ctx.t("quiz.board_nobody", scope=branch.name))
        return
    bank, row, best = tally
    ctx.reply(
        ctx.t(
            "quiz.board_group",
            bank=bank.title,
            branch=branch.name,
            took=fmt_int(row.took),
            people=fmt_int(row.people),
            rate=fmt_pct(row.took, row.people),
            avg=fmt_pct(row.correct, row.total),
            best=best,
        )
    )
