"""/thi in a private chat: a practice of N questions one at a time, answered by a button
(Telegram) or typed (a letter, a number, the choice's words); feedback with the explanation
after each, the score and the sections to read again at the end; an interrupted practice is
offered to go on or to start again."""

from __future__ import annotations

import re

from config.formatting import fmt_int, fmt_pct
from config.i18n import Text
from config.messages import Button
from content.quiz_bank import LETTERS
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.quiz import services
from handlers.quiz.buttons import Answer, Practice
from handlers.quiz.typed import understood
from storage.repos.waits import CHOICES, Offer

ANSWER = "quiz.answer"  # the awaited text: an answer typed to the question being asked
_SIZE = re.compile(r"^\s*(\d{1,3})\s*(cau)?\s*$")


def duration(ctx: Ctx, ms: int) -> str:
    seconds = round(ms / 1000)
    if seconds < 60:
        return ctx.t("quiz.seconds", s=seconds)
    return ctx.t("quiz.minutes", m=seconds // 60, s=f"{seconds % 60:02d}")


async def quiz_command(ctx: Ctx) -> None:
    """/thi [số câu]: go on with or restart a practice left halfway, else start one."""
    if ctx.in_group:
        ctx.reply(ctx.t("quiz.practice_in_private"))
        return
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    size = 0
    if ctx.args:
        m = _SIZE.match(ctx.args.lower().replace("câu", "cau"))
        if m is None or not 1 <= int(m.group(1)) <= services.MAX_SIZE:
            ctx.reply(ctx.t("quiz.bad_size", max=services.MAX_SIZE))
            return
        size = int(m.group(1))
    left = await services.left_open(ctx.uow, actor)
    if left is not None:
        attempt, bank = left
        ctx.reply(
            ctx.t(
                "quiz.left_open",
                bank=bank.title,
                done=attempt.position,
                total=attempt.total,
            ),
            [
                [
                    Button(ctx.t("quiz.btn_go_on"), Practice(bank.id, "go").pack()),
                    Button(ctx.t("quiz.btn_again"), Practice(bank.id, "new", size or attempt.total).pack()),
                ]
            ],
        )
        return
    banks = await services.banks_of(ctx.uow, actor)
    if not banks:
        ctx.reply(ctx.t("quiz.no_banks"))
        return
    if len(banks) == 1:
        await _start(ctx, actor, banks[0][0].id, size)
        return
    ctx.reply(
        ctx.t("quiz.choose_bank"),
        [
            [
                Button(
                    ctx.t("quiz.bank_label", title=bank.title[:60], n=fmt_int(n)),
                    Practice(bank.id, "new", size).pack(),
                )
            ]
            for bank, n in banks[:10]
        ],
    )


async def practice_pressed(ctx: Ctx, press: Practice) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        ctx.notice = ctx.t("quiz.practice_in_private")
        return
    if press.answer == "go":
        asked = await services.resume(ctx.uow, actor, press.bank, ctx.now)
        if isinstance(asked, Text):
            ctx.reply(asked.render(ctx.lang))
            return
        await ask(ctx, asked)
        return
    await _start(ctx, actor, press.bank, press.size)


async def _start(ctx: Ctx, actor: Actor, bank_id: int, size: int) -> None:
    asked = await services.start(ctx.uow, actor, bank_id, size, ctx.now)
    if isinstance(asked, Text):
        ctx.reply(asked.render(ctx.lang))
        return
    ctx.reply(ctx.t("quiz.starting", bank=asked.bank.title, n=asked.attempt.total))
    await ask(ctx, asked)


async def ask(ctx: Ctx, asked: services.Asked) -> None:
    """The question with its choices lettered; Telegram gets a button per letter, the others
    type (a number typed presses the choice as a button would)."""
    attempt = asked.attempt
    lines = [
        ctx.t("quiz.question_head", n=asked.position + 1, total=attempt.total),
        asked.question.question,
        "",
        *(f"{LETTERS[i]}. {choice}" for i, choice in enumerate(asked.shown)),
        "",
    ]
    letters = ", ".join(LETTERS[: len(asked.shown)])
    data = [Answer(attempt.id, asked.position, i).pack() for i in range(len(asked.shown))]
    inc = ctx.inc
    if asked.multiple:
        lines.append(ctx.t("quiz.type_many", letters=letters))
        ctx.reply("\n".join(lines))
        # a number typed now is this answer's, not a press of the last question's buttons
        await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=CHOICES)
    elif inc.platform == "telegram":
        lines.append(ctx.t("quiz.tap_or_type"))
        ctx.reply("\n".join(lines), [[Button(LETTERS[i], d) for i, d in enumerate(data)]])
    else:
        lines.append(ctx.t("quiz.type_one", letters=letters, last=len(asked.shown)))
        ctx.reply("\n".join(lines))
        await ctx.uow.waits.offer(
            [Offer(inc.platform, inc.chat.chat_id, inc.sender.user_id, data)],
            ctx.now,
            ctx.now + services.ANSWER_KEPT,
        )
    ctx.expect_text(ANSWER, {"attempt": attempt.id, "position": asked.position})


async def answer_pressed(ctx: Ctx, press: Answer) -> None:
    await _answer(ctx, press.attempt, press.position, [press.choice])


async def answer_typed(ctx: Ctx, awaited: Awaited) -> None:
    attempt_id, position = int(awaited.payload["attempt"]), int(awaited.payload["position"])
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    left = await services.left_open(ctx.uow, actor)
    if left is None or left[0].id != attempt_id or left[0].position != position:
        ctx.reply(ctx.t("quiz.attempt_over"))
        return
    asked = await services.current(ctx.uow, left[0], left[1])
    picked = understood(ctx.inc.text, asked.shown)
    if picked is None or (len(picked) > 1 and not asked.multiple):
        letters = ", ".join(LETTERS[: len(asked.shown)])
        key = "quiz.not_understood_many" if asked.multiple else "quiz.not_understood"
        ctx.reply(ctx.t(key, letters=letters, last=len(asked.shown)))
        ctx.expect_text(ANSWER, dict(awaited.payload))
        return
    await _answer(ctx, attempt_id, position, picked)


async def _answer(ctx: Ctx, attempt_id: int, position: int, picked: list[int]) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    verdict = await services.answer(ctx.uow, actor, attempt_id, position, picked, ctx.now)
    if isinstance(verdict, Text):
        if ctx.inc.callback_data is not None:
            ctx.notice = verdict.render(ctx.lang)
        else:
            ctx.reply(verdict.render(ctx.lang))
        return
    if verdict.correct:
        lines = [ctx.t("quiz.right")]
    else:
        lines = [ctx.t("quiz.wrong", right="; ".join(verdict.right))]
    if verdict.explanation:
        lines.append(ctx.t("quiz.explanation", text=verdict.explanation))
    ctx.reply("\n".join(lines))
    if verdict.next is not None:
        await ask(ctx, verdict.next)
    elif verdict.result is not None:
        show_result(ctx, verdict.result)


def show_result(ctx: Ctx, result: services.Result) -> None:
    attempt = result.attempt
    lines = [
        ctx.t(
            "quiz.result",
            bank=result.bank.title,
            correct=fmt_int(attempt.correct),
            total=fmt_int(attempt.total),
            pct=fmt_pct(attempt.correct, attempt.total),
            time=duration(ctx, attempt.elapsed_ms),
        )
    ]
    if result.reread:
        lines.append(ctx.t("quiz.reread"))
        lines += [
            ctx.t("quiz.reread_line", n=r.number, section=r.title, topic=r.topic) for r in result.reread
        ]
        lines.append(ctx.t("quiz.reread_how"))
    elif attempt.correct == attempt.total:
        lines.append(ctx.t("quiz.all_right"))
    lines.append(ctx.t("quiz.after_result"))
    ctx.reply(
        "\n".join(lines),
        [[Button(ctx.t("quiz.btn_again"), Practice(result.bank.id, "new", attempt.total).pack())]],
    )
