"""/danhsach in a chat: link codes to hand out, and a roster file (or rows pasted on a
text-only chat) previewed, then imported on «Nhập danh sách»."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from config.formatting import fmt_int
from config.i18n import Text
from config.messages import Button, Document
from config.text import fold, name_key
from handlers.actor import Actor
from handlers.context import Ctx
from handlers.feature import Awaited
from handlers.people import services
from handlers.people.buttons import ImportRoster
from handlers.people.workbook import codes_workbook
from handlers.roster import RosterFileError, problems_text, read_table_bytes
from storage.repos.roster import RosterChanges
from storage.repos.waits import DRAFT

log = logging.getLogger(__name__)

ROWS = "people.rows"  # the rows of a roster, pasted after /danhsach nhap
DRAFT_KIND = "people.roster"
DRAFT_KEPT = timedelta(hours=2)
NAMES_SHOWN = 15
_IMPORT_WORDS = {"nhap", "import", "gui", "cap nhat"}


async def roster(ctx: Ctx) -> None:
    """/danhsach: the link codes; /danhsach nhap: how to send the roster; staff may name a branch."""
    if ctx.in_group:
        ctx.reply(ctx.t("people.private_only"))
        return
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if fold(ctx.args) in _IMPORT_WORDS:
        scope = services.scope_of(actor)
        if isinstance(scope, Text):
            ctx.reply(scope.render(ctx.lang))
            return
        hint = ctx.t("people.how_to_send", scope=scope.name)
        if ctx.inc.platform == "console":  # a terminal reads a paste line by line: send the file
            hint += "\n" + ctx.t("people.console_file")
        ctx.reply(hint)
        ctx.expect_text(ROWS, {})
        return
    codes = await services.link_codes(ctx.uow, actor, ctx.args)
    if isinstance(codes, Text):
        ctx.reply(codes.render(ctx.lang))
        return
    _show_codes(ctx, codes)


def _show_codes(ctx: Ctx, codes: services.Codes) -> None:
    total = len(codes.people)
    unlinked = [(m, code) for m, _, code in codes.people if not m.linked]
    lines = [
        ctx.t(
            "people.codes_title",
            scope=codes.scope.name,
            linked=fmt_int(total - len(unlinked)),
            total=fmt_int(total),
        )
    ]
    if codes.scope.branch is None:
        # a Đảng bộ: a line per branch here, every name and code in the workbook
        by_branch: dict[int, list[int]] = {}
        for m, _, _ in codes.people:
            by_branch.setdefault(m.branch_id, [0, 0])[m.linked] += 1
        for branch_id, name in codes.branches.items():
            waiting, linked = by_branch.get(branch_id, [0, 0])
            lines.append(
                ctx.t(
                    "people.branch_line", branch=name, linked=fmt_int(linked), total=fmt_int(waiting + linked)
                )
            )
        lines.append(ctx.t("people.branch_hint"))
    elif unlinked:
        lines.append(ctx.t("people.unlinked_title", n=fmt_int(len(unlinked))))
        lines += [
            ctx.t("people.code_line", n=n, name=m.full_name, code=code)
            for n, (m, code) in enumerate(unlinked, 1)
        ]
        lines.append(ctx.t("people.codes_how"))
    else:
        lines.append(ctx.t("people.all_linked"))
    ctx.reply("\n".join(lines))
    if total:
        content = codes_workbook(codes, ctx.env.telegram_bot_username)
        file_name = f"ma-lien-ket-{name_key(codes.scope.name).replace(' ', '-')}.xlsx"
        ctx.send(ctx.inc.chat, ctx.t("people.workbook_caption"), document=Document(file_name, content))


async def roster_sent(ctx: Ctx) -> None:
    """A .xlsx or .csv sent in a private chat: checked whole, then previewed."""
    attachment = ctx.inc.attachment
    assert attachment is not None
    if attachment.fetch is None:
        ctx.reply(ctx.t("people.no_files_here"))
        return
    try:
        content = await attachment.fetch()
    except Exception:
        log.warning("downloading %s failed", attachment.file_name, exc_info=True)
        ctx.reply(ctx.t("people.fetch_failed"))
        return
    await _preview(ctx, attachment.file_name, content)


async def rows_typed(ctx: Ctx, awaited: Awaited) -> None:
    """Rows pasted on a chat that cannot send files (Zalo): read as a CSV, tabs or commas."""
    await _preview(ctx, "danh-sach.csv", ctx.inc.text.encode())


async def _preview(ctx: Ctx, file_name: str, content: bytes) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    try:
        rows = read_table_bytes(file_name, content)
    except RosterFileError as exc:
        ctx.reply(exc.text(ctx.lang))
        return
    checked = services.check_rows(actor, rows)
    if isinstance(checked, Text):
        ctx.reply(checked.render(ctx.lang))
        return
    scope, check = checked
    if not check.ok:
        ctx.reply(problems_text(check, ctx.lang))
        return
    draft = await services.preview(ctx.uow, scope, check, ctx.now)
    changes = draft.changes
    text = "\n".join(
        [
            ctx.t("people.preview_title", scope=scope.name, file=file_name, n=fmt_int(len(draft.entries))),
            *_change_lines(ctx, changes),
        ]
    )
    if not (changes.added or changes.updated or changes.deactivated):
        ctx.reply(text + "\n" + ctx.t("people.nothing_to_do"))
        return
    number = secrets.randbelow(1_000_000)
    inc = ctx.inc
    await ctx.uow.waits.expect(
        inc.platform,
        inc.chat.chat_id,
        inc.sender.user_id,
        DRAFT_KIND,
        {"draft": number, "entries": services.entries_payload(draft.entries)},
        ctx.now,
        ctx.now + DRAFT_KEPT,
        slot=DRAFT,
    )
    ctx.reply(
        text + "\n" + ctx.t("people.confirm_hint"),
        [
            [
                Button(ctx.t("people.btn_import"), ImportRoster(number, "ok").pack()),
                Button(ctx.t("people.btn_cancel"), ImportRoster(number, "no").pack()),
            ]
        ],
    )


def _change_lines(ctx: Ctx, changes: RosterChanges) -> list[str]:
    lines = []
    for key, names in (
        ("people.added", changes.added),
        ("people.updated", changes.updated),
        ("people.deactivated", changes.deactivated),
    ):
        if names:
            shown = ", ".join(names[:NAMES_SHOWN])
            if len(names) > NAMES_SHOWN:
                shown += ctx.t("people.and_more", n=fmt_int(len(names) - NAMES_SHOWN))
            lines.append(ctx.t(key, n=fmt_int(len(names)), names=shown))
    lines.append(ctx.t("people.unchanged", n=fmt_int(changes.unchanged)))
    return lines


async def import_pressed(ctx: Ctx, press: ImportRoster) -> None:
    inc = ctx.inc
    held = await ctx.uow.waits.expected(
        inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now, slot=DRAFT
    )
    if held is None or held.expired or held.kind != DRAFT_KIND or held.payload.get("draft") != press.draft:
        ctx.reply(ctx.t("people.draft_gone"))
        return
    await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=DRAFT)
    if press.answer == "no":
        ctx.reply(ctx.t("people.cancelled"))
        return
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    changes = await services.import_entries(
        ctx.uow, actor, services.entries_of(held.payload["entries"]), ctx.now
    )
    if isinstance(changes, Text):
        ctx.reply(changes.render(ctx.lang))
        return
    log.info(
        "roster imported in chat by person %s: %d added, %d updated, %d no longer on the roster",
        actor.person.id,
        len(changes.added),
        len(changes.updated),
        len(changes.deactivated),
    )
    ctx.reply(
        "\n".join([ctx.t("people.imported"), *_change_lines(ctx, changes), ctx.t("people.after_import")])
    )
