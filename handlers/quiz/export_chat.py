"""The organisers' workbook in the chat: `/bxh xuat` or «Tải bảng .xlsx» under a contest's
results, in a private chat only (it names everyone); and the file that goes with a round's
results at its deadline."""

from __future__ import annotations

from datetime import datetime

from config.formatting import fmt_int
from config.i18n import Text, t
from config.messages import Document, Reply
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.quiz import export
from handlers.quiz.buttons import ExportAnswers

EXPORT_WORDS = {"xuat", "excel", "xlsx", "tai", "export"}


def attachment(found: export.Export, lang: str) -> Reply:
    """The workbook as a reply of its own (its caption says what it holds)."""
    from handlers.quiz.workbook import answers_workbook  # openpyxl loads when a workbook is made

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    caption = tr(
        "quiz.export_caption",
        title=found.title,
        answers=fmt_int(len(found.answers)),
        people=fmt_int(found.people),
    )
    return Reply(caption, document=Document(found.file_name, answers_workbook(tr, found)), lang=lang)


def _send(ctx: Ctx, found: export.Export) -> None:
    reply = attachment(found, ctx.lang)
    ctx.send(ctx.inc.chat, reply.text, document=reply.document)


async def export_command(ctx: Ctx, actor: Actor, now: datetime) -> None:
    if ctx.in_group:
        ctx.reply(ctx.t("quiz.export_private"))
        return
    found = await export.latest(ctx.uow, actor, now)
    if isinstance(found, Text):
        ctx.reply(found.render(ctx.lang))
        return
    _send(ctx, found)


async def export_pressed(ctx: Ctx, press: ExportAnswers) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if ctx.in_group:
        ctx.notice = ctx.t("quiz.export_private")
        return
    found = await export.export(ctx.uow, actor, press.kind, press.id, ctx.now)
    if isinstance(found, Text):
        ctx.reply(found.render(ctx.lang))
        return
    _send(ctx, found)
