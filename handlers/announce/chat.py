"""/thongbao in a chat: parse what was typed or tapped, call the services, render."""

from __future__ import annotations

from config.formatting import fmt_datetime, fmt_int, fmt_pct
from config.i18n import Text, t
from config.messages import Button, ChatRef
from config.text import shorten
from handlers.announce import services
from handlers.announce.buttons import Ack, Cancel, Send, SendAskingAck, SendPaid, SendUrgent
from handlers.announce.paid import offer_text, sending_text
from handlers.announce.report import names_shown
from handlers.context import Ctx


def preview_text(lang: str, p: services.Preview) -> str:
    text = t(
        lang,
        "tb.preview",
        scope=p.scope.render(lang),
        people=fmt_int(p.people),
        linked=fmt_int(p.linked),
        groups=fmt_int(p.groups),
        text=p.text,
    )
    if p.held_until is not None:
        text = t(lang, "tb.quiet_hours", at=fmt_datetime(p.held_until)) + "\n\n" + text
    if p.paid is not None:
        text = offer_text(lang, p.paid) + "\n\n" + text
    return text


def sent_text(lang: str, s: services.Sent) -> str:
    text = t(
        lang,
        "tb.sending",
        linked=fmt_int(s.linked),
        groups=fmt_int(s.groups),
        not_linked=fmt_int(s.not_linked),
    )
    if s.private_at is not None:
        text += " " + t(lang, "tb.sending_morning", at=fmt_datetime(s.private_at))
    if s.paid is not None:
        text += " " + sending_text(lang, s.paid)
    return text


async def announce(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    if not ctx.args.strip():
        await _status(ctx)
    result = await services.preview(ctx.uow, person, ctx.args, ctx.now, lang=ctx.lang)
    if isinstance(result, Text):
        ctx.reply(result.render(ctx.lang))
        return
    ann_id = result.announcement_id
    buttons = [
        [Button(ctx.t("tb.btn_send"), Send(ann_id).pack())],
        [Button(ctx.t("tb.btn_send_ack"), SendAskingAck(ann_id).pack())],
    ]
    if result.held_until is not None:
        buttons.append([Button(ctx.t("tb.btn_send_urgent"), SendUrgent(ann_id).pack())])
    if result.paid is not None:
        buttons.append([Button(ctx.t("tb.btn_send_paid"), SendPaid(ann_id).pack())])
    buttons.append([Button(ctx.t("tb.btn_cancel"), Cancel(ann_id).pack())])
    ctx.reply(preview_text(ctx.lang, result), buttons)


async def send_pressed(ctx: Ctx, press: Send | SendAskingAck | SendUrgent | SendPaid) -> None:
    person = ctx.person
    assert person is not None
    sent = await services.send(
        ctx.uow,
        person,
        press.announcement,
        ctx.now,
        ask_ack=isinstance(press, SendAskingAck | SendUrgent),
        urgent=isinstance(press, SendUrgent),
        paid=isinstance(press, SendPaid),
        report_to=(ctx.inc.platform, ctx.inc.sender.user_id),
    )
    ctx.reply(sent.render(ctx.lang) if isinstance(sent, Text) else sent_text(ctx.lang, sent))


async def cancel_pressed(ctx: Ctx, press: Cancel) -> None:
    person = ctx.person
    assert person is not None
    refused = await services.cancel(ctx.uow, person, press.announcement, ctx.now)
    ctx.reply((refused or Text("tb.cancelled")).render(ctx.lang))


async def ack_pressed(ctx: Ctx, press: Ack) -> None:
    person = ctx.person
    assert person is not None
    result = await services.acknowledge(ctx.uow, person, press.announcement, ctx.now)
    if isinstance(result, Text):
        ctx.notice = result.render(ctx.lang)
        return
    ctx.notice = ctx.t("tb.ack_thanks" if result.first else "tb.ack_again")
    if not ctx.in_group:
        ctx.reply(ctx.notice)


async def ack_by_text(ctx: Ctx) -> None:
    """The words "đã nhận" in a private chat answer the newest announcement asking for them."""
    person = ctx.person
    assert person is not None
    result = await services.acknowledge(ctx.uow, person, None, ctx.now)
    if isinstance(result, Text):
        ctx.reply(result.render(ctx.lang))
        return
    ctx.reply(ctx.t("tb.ack_thanks" if result.first else "tb.ack_again"))


async def _status(ctx: Ctx) -> None:
    """How many answered the sender's latest announcement (shown above the usage)."""
    person = ctx.person
    assert person is not None
    ann = await ctx.uow.announcements.latest_sent_by(person.id)
    if ann is None or ann.batch_id is None or ann.sent_at is None:
        return
    recipients = await ctx.uow.outbox.batch_recipients(ann.batch_id)
    acked = await ctx.uow.announcements.acked(ann.id)
    total = len(recipients)
    lines = [
        ctx.t(
            "tb.status",
            when=fmt_datetime(ann.sent_at),
            title=shorten(ann.text.splitlines()[0], 80),
            acks=fmt_int(len(acked)),
            total=fmt_int(total),
            pct=fmt_pct(len(acked), total),
        )
    ]
    if ann.ask_ack and ann.by_secretary:
        missing = [r.full_name for r in recipients if r.person_id not in acked]
        if missing:
            lines.append(ctx.t("tb.status_missing", names=names_shown(ctx.lang, missing)))
    # it may name people: in a group it goes to the sender's private chat
    private = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id)
    ctx.send(private if ctx.in_group else ctx.inc.chat, "\n".join(lines))
