"""/thongbao: a secretary to the branch, committee staff to all branches or chosen ones; to
the group chats and to each linked member privately, with an optional "Đã nhận" answer.
Also the delivery report of every batch that has a sender to report to."""

from __future__ import annotations

import json
from collections import Counter

from config.formatting import fmt_datetime, fmt_int, fmt_pct
from config.i18n import t
from config.messages import Button, Reply
from config.text import fold, name_key
from handlers.context import Ctx
from handlers.roles import Role
from scheduler.fan_out import fan_out
from scheduler.quiet_hours import deliverable_at
from storage.models import Announcement, OutboxBatch
from storage.repos.materials import Member
from storage.uow import UnitOfWork

MAX_TEXT = 3500  # leaves room for the header inside Telegram's 4.096 and splits cleanly on Zalo
NAMES_SHOWN = 40


async def announce(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    committee_staff = Role.COMMITTEE in ctx.roles
    text = ctx.args.strip()
    if not text:
        await _status(ctx)
        ctx.reply(ctx.t("tb.usage_committee" if committee_staff else "tb.usage"))
        return
    branch_ids = [person.branch_id]
    scope = ctx.t("tb.scope_branch", branch=person.branch.name)
    if committee_staff:
        branches = await ctx.uow.materials.branches_of_committee(person.branch.committee_id)
        head, colon, rest = text.partition(":")
        selector = fold(head)
        if colon and rest.strip() and selector.startswith("chi bo ") and "\n" not in head:
            text = rest.strip()
            chosen = []
            for wanted in (name_key(n) for n in selector.removeprefix("chi bo ").split(",")):
                exact = [b for b in branches if wanted and name_key(b.name).removeprefix("chi bo ") == wanted]
                found = exact or [b for b in branches if wanted and wanted in name_key(b.name)]
                if not found:
                    ctx.reply(
                        ctx.t(
                            "tb.unknown_branch",
                            name=wanted,
                            committee=person.branch.committee.name,
                            names=", ".join(b.name for b in branches),
                        )
                    )
                    return
                chosen += [b for b in found if b not in chosen]
            branch_ids = [b.id for b in chosen]
            scope = ctx.t("tb.scope_some", count=len(chosen), names=", ".join(b.name for b in chosen))
        else:
            branch_ids = [b.id for b in branches]
            scope = ctx.t("tb.scope_all", count=len(branches), committee=person.branch.committee.name)
    if len(text) > MAX_TEXT:
        ctx.reply(ctx.t("tb.too_long", n=fmt_int(len(text)), limit=fmt_int(MAX_TEXT)))
        return
    members = [m for m in await ctx.uow.materials.members(branch_ids) if m.person_id != person.id]
    groups = await ctx.uow.materials.groups_of_branches(branch_ids)
    ann = await ctx.uow.materials.draft(
        person.branch.committee_id, person.id, branch_ids, text, not committee_staff, ctx.lang, ctx.now
    )
    linked = sum(1 for m in members if m.linked)
    preview = ctx.t(
        "tb.preview",
        scope=scope,
        people=fmt_int(len(members)),
        linked=fmt_int(linked),
        groups=fmt_int(len(groups)),
        text=text,
    )
    buttons = [
        [Button(ctx.t("tb.btn_send"), f"tb:s:{ann.id}")],
        [Button(ctx.t("tb.btn_send_ack"), f"tb:a:{ann.id}")],
    ]
    held_until = deliverable_at(ctx.now)
    if held_until > ctx.now:
        # at night private messages wait for the morning, unless the sender says it is urgent
        preview = ctx.t("tb.quiet_hours", at=fmt_datetime(held_until)) + "\n\n" + preview
        buttons.append([Button(ctx.t("tb.btn_send_urgent"), f"tb:u:{ann.id}")])
    buttons.append([Button(ctx.t("tb.btn_cancel"), f"tb:x:{ann.id}")])
    ctx.reply(preview, buttons)


async def choice(ctx: Ctx) -> None:
    """tb:s:<id> send, tb:a:<id> send asking for "đã nhận", tb:u:<id> send at once though it is
    night (urgent, asking for "đã nhận"), tb:x:<id> cancel, tb:k:<id> đã nhận."""
    action, _, raw_id = ctx.args.partition(":")
    if not raw_id.isdigit():
        ctx.notice = ctx.t("choices.expired")
        return
    if action == "k":
        await _ack(ctx, int(raw_id))
        return
    ann = await ctx.uow.materials.announcement(int(raw_id))
    person = ctx.person
    if ann is None or person is None or ann.sender_person_id != person.id or ann.status != "draft":
        ctx.reply(ctx.t("tb.not_yours"))
        return
    if action == "x":
        await ctx.uow.materials.mark_announcement(ann.id, status="cancelled")
        ctx.reply(ctx.t("tb.cancelled"))
        return
    if action in ("s", "a", "u"):
        await _send(ctx, ann, ask_ack=action in ("a", "u"), urgent=action == "u")
        return
    ctx.notice = ctx.t("choices.expired")


async def _send(ctx: Ctx, ann: Announcement, *, ask_ack: bool, urgent: bool) -> None:
    person = ctx.person
    assert person is not None
    branch_ids: list[int] = json.loads(ann.branch_ids)
    members = [m for m in await ctx.uow.materials.members(branch_ids) if m.person_id != person.id]
    groups = await ctx.uow.materials.groups_of_branches(branch_ids)
    linked = [m for m in members if m.linked]
    if not linked and not groups:
        ctx.reply(ctx.t("tb.nobody"))
        return
    batch_id = await ctx.uow.outbox.create_batch(
        "announce",
        ctx.now,
        title=ann.text.splitlines()[0][:80],
        person_id=person.id,
        report_platform=ctx.inc.platform,
        report_chat_id=ctx.inc.sender.user_id,  # privately: the report names people
    )
    if not await ctx.uow.materials.mark_announcement(
        ann.id,
        status="sent",
        ask_ack=ask_ack,
        batch_id=batch_id,
        sent_at=ctx.now,
        not_linked=json.dumps([m.full_name for m in members if not m.linked], ensure_ascii=False),
    ):
        ctx.reply(ctx.t("tb.not_yours"))
        return
    where = person.branch.name if ann.by_secretary else person.branch.committee.name

    def message(lang: str) -> Reply:
        body = t(lang, "tb.message", sender=person.full_name, where=where, text=ann.text)
        if not ask_ack:
            return Reply(body, lang=lang)
        return Reply(
            body + t(lang, "tb.ask_ack"), ((Button(t(lang, "tb.btn_ack"), f"tb:k:{ann.id}"),),), lang=lang
        )

    at = deliverable_at(ctx.now, urgent=urgent)
    items = fan_out(
        f"tb:{ann.id}",
        groups,
        linked,
        message,
        now=ctx.now,
        private_at=at,
        lang=ann.lang,
        batch_id=batch_id,
        urgent=urgent,
    )
    await ctx.uow.outbox.enqueue(items)
    sending = ctx.t(
        "tb.sending",
        linked=fmt_int(len(linked)),
        groups=fmt_int(len(groups)),
        not_linked=fmt_int(len(members) - len(linked)),
    )
    if at > ctx.now:
        sending += " " + ctx.t("tb.sending_morning", at=fmt_datetime(at))
    ctx.reply(sending)


async def _ack(ctx: Ctx, ann_id: int) -> None:
    person = ctx.person
    if person is None:
        from handlers.members import how_to_link

        how_to_link(ctx)
        return
    ann = await ctx.uow.materials.announcement(ann_id)
    if ann is None or not ann.ask_ack or not await ctx.uow.materials.was_sent_to(ann, person.id):
        ctx.notice = ctx.t("tb.ack_nothing")
        return
    first = await ctx.uow.materials.ack(ann.id, person.id, ctx.now)
    ctx.notice = ctx.t("tb.ack_thanks" if first else "tb.ack_again")
    if not ctx.in_group:
        ctx.reply(ctx.notice)


async def ack_by_text(ctx: Ctx) -> None:
    """The words "đã nhận" in a private chat answer the newest announcement asking for them."""
    person = ctx.person
    assert person is not None
    ann = await ctx.uow.materials.latest_ack_wanted_from(person.id)
    if ann is None:
        ctx.reply(ctx.t("tb.ack_nothing"))
        return
    first = await ctx.uow.materials.ack(ann.id, person.id, ctx.now)
    ctx.reply(ctx.t("tb.ack_thanks" if first else "tb.ack_again"))


async def _status(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    ann = await ctx.uow.materials.latest_sent_by(person.id)
    if ann is None or ann.batch_id is None or ann.sent_at is None:
        return
    recipients = await ctx.uow.outbox.batch_recipients(ann.batch_id)
    acked = await ctx.uow.materials.acked(ann.id)
    total = len(recipients)
    lines = [
        ctx.t(
            "tb.status",
            when=fmt_datetime(ann.sent_at),
            title=ann.text.splitlines()[0][:80],
            acks=fmt_int(len(acked)),
            total=fmt_int(total),
            pct=fmt_pct(len(acked), total),
        )
    ]
    if ann.ask_ack and ann.by_secretary:
        missing = [r.full_name for r in recipients if r.person_id not in acked]
        if missing:
            lines.append(ctx.t("tb.status_missing", names=_names(ctx.lang, missing)))
    ctx.reply("\n".join(lines))


def _names(lang: str, names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + t(lang, "report.more", n=fmt_int(len(names) - NAMES_SHOWN))
    return shown


async def batch_report(uow: UnitOfWork, batch: OutboxBatch, counts: dict[str, int], final: bool) -> Reply:
    """The sender's delivery report of a broadcast or publication (the outbox worker calls
    this at each quarter of a large batch and when it is finished)."""
    ann = await uow.materials.announcement_of_batch(batch.id)
    lang = ann.lang if ann is not None else "vi"
    total = sum(counts.values())
    if not final:
        done = total - counts.get("pending", 0) - counts.get("sending", 0)
        return Reply(
            t(
                lang,
                "report.title_progress",
                title=batch.title,
                done=fmt_int(done),
                total=fmt_int(total),
                pct=fmt_pct(done, total),
            ),
            lang=lang,
        )
    recipients = await uow.outbox.batch_recipients(batch.id)
    groups = await uow.outbox.batch_group_counts(batch.id)
    if ann is not None:
        not_linked: list[str] = json.loads(ann.not_linked)
        with_names = ann.by_secretary
    else:
        not_linked = await _not_linked_now(uow, batch, recipients)
        with_names = True
    by_status: dict[str, list[str]] = {}
    for r in recipients:
        by_status.setdefault(r.status, []).append(
            r.full_name if with_names else f"{r.full_name} ({r.branch_name})"
        )
    people = len(recipients) + len(not_linked)
    status_count = Counter(r.status for r in recipients)
    lines = [
        t(lang, "report.title_final", title=batch.title),
        t(
            lang,
            "report.sent",
            sent=fmt_int(status_count["sent"]),
            people=fmt_int(people),
            pct=fmt_pct(status_count["sent"], people),
        ),
    ]
    if groups:
        lines.append(
            t(lang, "report.groups", sent=fmt_int(groups.get("sent", 0)), total=fmt_int(sum(groups.values())))
        )
    for key, names in (
        ("report.not_linked", not_linked),
        ("report.blocked", by_status.get("blocked", [])),
        ("report.failed", by_status.get("failed", [])),
    ):
        lines.append(t(lang, key, n=fmt_int(len(names))))
        if names and (with_names or len(names) <= NAMES_SHOWN):
            lines.append(t(lang, "report.names", names=_names(lang, names)))
    waiting = status_count["pending"] + status_count["sending"]
    if waiting:
        lines.append(t(lang, "report.waiting", n=fmt_int(waiting)))
    return Reply("\n".join(lines), lang=lang)


async def _not_linked_now(uow: UnitOfWork, batch: OutboxBatch, recipients: object) -> list[str]:
    """A publication keeps no list of its own: the branch's people who have no chat account."""
    sender = await uow.people.get(batch.created_by_person_id) if batch.created_by_person_id else None
    if sender is None:
        return []
    members: list[Member] = await uow.materials.members([sender.branch_id])
    return [m.full_name for m in members if not m.linked and m.person_id != sender.id]
