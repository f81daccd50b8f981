"""A question bank sent in a private chat (Excel or CSV, Aiken .txt, YAML): checked whole,
shown, and added on «Nhập»; the same checks as `chibo quiz import`."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from config.formatting import fmt_int
from config.i18n import Text, t
from config.messages import Button
from content.quiz_bank import BankData, BankError, bank_of, bank_payload, looks_like_aiken
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.quiz import services
from handlers.quiz.buttons import ImportBank
from storage.repos.waits import DRAFT

log = logging.getLogger(__name__)
DRAFT_KIND = "quiz.bank"
BANK_TEXT = "quiz.bank_text"  # a bank pasted after /thi nhap
DRAFT_KEPT = timedelta(hours=2)
SHOWN = 3


def preview_lines(lang: str, scope: services.Scope, file_name: str, bank: BankData) -> list[str]:
    """What a bank file holds, as the chat and the command line show it before it is added."""
    whom = scope.name or t(lang, "quiz.for_everyone")
    lines = [t(lang, "quiz.preview_title", file=file_name, n=fmt_int(len(bank.questions)), scope=whom)]
    if bank.topic:
        lines.append(t(lang, "quiz.preview_topic", topic=bank.topic))
    multiple = sum(1 for q in bank.questions if len(q.answer) > 1)
    if multiple:
        lines.append(t(lang, "quiz.preview_multiple", n=fmt_int(multiple)))
    for i, q in enumerate(bank.questions[:SHOWN], start=1):
        lines.append(t(lang, "quiz.preview_question", n=i, question=q.question, answer=q.answer_letters()))
    if len(bank.questions) > SHOWN:
        lines.append(t(lang, "quiz.preview_more", n=fmt_int(len(bank.questions) - SHOWN)))
    return lines


async def bank_sent(ctx: Ctx) -> None:
    attachment = ctx.inc.attachment
    assert attachment is not None
    if attachment.fetch is None:
        ctx.reply(ctx.t("quiz.no_files_here"))
        return
    try:
        content = await attachment.fetch()
    except Exception:
        log.warning("downloading %s failed", attachment.file_name, exc_info=True)
        ctx.reply(ctx.t("quiz.fetch_failed"))
        return
    await _preview(ctx, attachment.file_name, content)


async def import_command(ctx: Ctx, actor: Actor) -> None:
    """/thi nhap: how to send a bank; where files cannot be sent (Zalo), its text pasted."""
    scope = services.scope_of(actor)
    if isinstance(scope, Text):
        ctx.reply(scope.render(ctx.lang))
        return
    ctx.reply(ctx.t("quiz.how_to_send", scope=scope.name))
    ctx.expect_text(BANK_TEXT, {})


async def bank_typed(ctx: Ctx, awaited: Awaited) -> None:
    """A bank pasted as text: Aiken, or rows copied from Excel (tabs) or CSV."""
    text = ctx.inc.text
    name = "cau-hoi.txt" if looks_like_aiken(text) else "cau-hoi.csv"
    await _preview(ctx, name, text.encode())


async def _preview(ctx: Ctx, file_name: str, content: bytes) -> None:
    checked = await services.check_file(ctx.uow, Actor.from_ctx(ctx), file_name, content)
    if isinstance(checked, Text):
        ctx.reply(checked.render(ctx.lang))
        return
    if isinstance(checked, BankError):
        ctx.reply(checked.text(ctx.lang))
        return
    scope, bank = checked
    number = secrets.randbelow(1_000_000)
    inc = ctx.inc
    await ctx.uow.waits.expect(
        inc.platform,
        inc.chat.chat_id,
        inc.sender.user_id,
        DRAFT_KIND,
        {"draft": number, "bank": bank_payload(bank)},
        ctx.now,
        ctx.now + DRAFT_KEPT,
        slot=DRAFT,
    )
    ctx.reply(
        "\n".join([*preview_lines(ctx.lang, scope, file_name, bank), ctx.t("quiz.confirm_hint")]),
        [
            [
                Button(ctx.t("quiz.btn_import"), ImportBank(number, "ok").pack()),
                Button(ctx.t("quiz.btn_cancel"), ImportBank(number, "no").pack()),
            ]
        ],
    )


async def import_pressed(ctx: Ctx, press: ImportBank) -> None:
    inc = ctx.inc
    held = await ctx.uow.waits.expected(
        inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now, slot=DRAFT
    )
    if held is None or held.expired or held.kind != DRAFT_KIND or held.payload.get("draft") != press.draft:
        ctx.reply(ctx.t("quiz.draft_gone"))
        return
    await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT)
    if press.answer == "no":
        ctx.reply(ctx.t("quiz.import_cancelled"))
        return
    actor = Actor.from_ctx(ctx)
    bank = await services.add_bank(ctx.uow, actor, bank_of(held.payload["bank"]), ctx.now)
    if isinstance(bank, Text):
        ctx.reply(bank.render(ctx.lang))
        return
    log.info("quiz bank %s added in chat by person %s", bank.id, actor.person.id if actor else None)
    ctx.reply(ctx.t("quiz.imported", title=bank.title, n=fmt_int(len(held.payload["bank"]["questions"]))))
