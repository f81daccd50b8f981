"""/thi in a private chat: a practice of N questions one at a time, answered by a button
(Telegram) or typed (a letter, a number, the choice's words); feedback with the explanation
after each, the score and the sections to read again at the end; an interrupted practice is
offered to go on or to start again."""

from __future__ import annotations

import re

from config.formatting import fmt_int
from config.i18n import Text
from config.messages import Button
from config.text import fold
from handlers.actor import Actor, group_branch
from handlers.context import Ctx
from handlers.quiz import services
from handlers.quiz.asking import ask
from handlers.quiz.buttons import Practice
from handlers.quiz.contest import contest_command
from handlers.quiz.imports import import_command
from handlers.quiz.round_chat import ROUND_WORDS, offer_rounds, round_command

_SIZE = re.compile(r"^\s*(\d{1,3})\s*(cau)?\s*$")
_PRACTICE_WORDS = ("luyen tap", "luyentap", "practice")
_IMPORT_WORDS = {"nhap", "import", "nhap cau hoi"}


async def quiz_command(ctx: Ctx) -> None:
    """/thi [số câu]: go on with or restart a practice left halfway, else start one."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        branch = await group_branch(ctx)
        if branch is not None and actor.acts_for(branch):
            await contest_command(ctx, actor)
        else:
            ctx.reply(ctx.t("quiz.practice_in_private"))
        return
    size = 0
    args = ctx.args
    practising = fold(args).startswith(_PRACTICE_WORDS)
    if practising:
        args = args.split(maxsplit=1)[1] if len(args.split()) > 1 else ""
    if fold(args) in _IMPORT_WORDS:
        await import_command(ctx, actor)
        return
    if fold(args).startswith(ROUND_WORDS):
        await round_command(ctx, actor, args.split(maxsplit=1)[1] if len(args.split()) > 1 else "")
        return
    if args:
        m = _SIZE.match(args.lower().replace("câu", "cau"))
        if m is None or not 1 <= int(m.group(1)) <= services.MAX_SIZE:
            ctx.reply(ctx.t("quiz.bad_size", max=services.MAX_SIZE))
            return
        size = int(m.group(1))
    if size == 0 and not practising and await offer_rounds(ctx, actor):
        return
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
