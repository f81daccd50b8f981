"""A question of a practice or a round as its person sees it, the answer given by a button
(Telegram) or typed (a letter, a number, the choice's words), the feedback with the
explanation, and the score at the end with the sections to read again."""

from __future__ import annotations

from config.formatting import fmt_int, fmt_pct
from config.i18n import Text, t
from config.messages import Button
from content.quiz_bank import LETTERS
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.quiz import services
from handlers.quiz.buttons import Answer, Practice
from handlers.quiz.typed import understood
from storage.repos.waits import CHOICES

ANSWER = "quiz.answer"  # the awaited text: an answer typed to the question being asked


def duration_text(lang: str, ms: int) -> str:
    seconds = round(ms / 1000)
    if seconds < 60:
        return t(lang, "quiz.seconds", s=seconds)
    return t(lang, "quiz.minutes", m=seconds // 60, s=f"{seconds % 60:02d}")


def duration(ctx: Ctx, ms: int) -> str:
    return duration_text(ctx.lang, ms)


async def ask(ctx: Ctx, asked: services.Asked) -> None:
    """The question with its choices lettered; Telegram gets a button per letter; elsewhere,
    and for a question with several right answers, the answer is typed (a letter, a number,
    the choice's words)."""
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
    if inc.platform == "telegram" and not asked.multiple:
        lines.append(ctx.t("quiz.tap_or_type"))
        ctx.reply("\n".join(lines), [[Button(LETTERS[i], d) for i, d in enumerate(data)]])
    else:
        if asked.multiple:
            lines.append(ctx.t("quiz.type_many", letters=letters))
        else:
            lines.append(ctx.t("quiz.type_one", letters=letters, last=len(asked.shown)))
        ctx.reply("\n".join(lines))
        # the answer is typed, a number too: it is not a press of an older message's choices
        await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=CHOICES)
    ctx.expect_text(ANSWER, {"attempt": attempt.id, "position": asked.position})


async def answer_pressed(ctx: Ctx, press: Answer) -> None:
    await _answer(ctx, press.attempt, press.position, [press.choice])


async def answer_typed(ctx: Ctx, awaited: Awaited) -> None:
    attempt_id, position = int(awaited.payload["attempt"]), int(awaited.payload["position"])
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    attempt = await ctx.uow.quiz.attempt(attempt_id)
    bank = await ctx.uow.quiz.bank(attempt.bank_id) if attempt is not None else None
    if (
        attempt is None
        or bank is None
        or attempt.person_id != actor.person.id
        or attempt.status != "open"
        or attempt.position != position
    ):
        ctx.reply(ctx.t("quiz.attempt_over"))
        return
    asked = await services.current(ctx.uow, attempt, bank)
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
    await tell(ctx, await services.answer(ctx.uow, actor, attempt_id, position, picked, ctx.now))


async def tell(ctx: Ctx, verdict: services.Verdict | Text) -> None:
    """Right or wrong with the explanation, then the next question or the score."""
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
        inc = ctx.inc
        # a number typed after the end is not an answer to the last question's choices
        await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=CHOICES)
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
    if attempt.round_id is not None:
        lines.append(ctx.t("quiz.round_after_result"))
        ctx.reply("\n".join(lines))
        return
    lines.append(ctx.t("quiz.after_result"))
    ctx.reply(
        "\n".join(lines),
        [[Button(ctx.t("quiz.btn_again"), Practice(result.bank.id, "new", attempt.total).pack())]],
    )
