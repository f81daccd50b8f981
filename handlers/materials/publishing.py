"""A topic sent to the branch: publishing it with a "Đã đọc" answer, who has read it, and
reminding only those who have not."""

from __future__ import annotations

from config.formatting import fmt_date, fmt_int, fmt_pct
from config.i18n import t
from config.messages import Button, ChatRef, Reply
from handlers.context import Ctx
from handlers.materials.buttons import MarkRead, OpenTopic, RemindUnread, WhoHasRead
from handlers.materials.topics import topic_name
from scheduler.fan_out import fan_out
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.models import Topic


def _post(lang: str, topic: Topic, branch: str) -> Reply:
    return Reply(
        t(lang, "tl.published_post", branch=branch, title=topic.title, summary=topic.summary),
        (
            (Button(t(lang, "tl.btn_open"), OpenTopic(topic.id).pack()),),
            (Button(t(lang, "tl.btn_read"), MarkRead(topic.id).pack()),),
        ),
        lang=lang,
    )


async def publish(ctx: Ctx, topic: Topic) -> None:
    person = ctx.person
    assert person is not None
    earlier = await ctx.uow.materials.publication(topic.id, person.branch_id)
    if earlier is not None:
        ctx.reply(
            ctx.t("tl.already_published", when=fmt_date(earlier.published_at)),
            [
                [
                    Button(ctx.t("tl.btn_who"), WhoHasRead(topic.id).pack()),
                    Button(ctx.t("tl.btn_remind"), RemindUnread(topic.id).pack()),
                ]
            ],
        )
        return
    members = [m for m in await ctx.uow.people.members([person.branch_id]) if m.person_id != person.id]
    groups = await ctx.uow.chats.groups_of_branches([person.branch_id])
    linked = [m for m in members if m.linked]
    batch_id = await ctx.uow.outbox.create_batch(
        "material",
        ctx.now,
        title=topic_name(topic),
        person_id=person.id,
        report_platform=ctx.inc.platform,
        report_chat_id=ctx.inc.sender.user_id,
    )
    pub = await ctx.uow.materials.publish(topic.id, person.branch_id, batch_id, person.id, ctx.now)
    branch = person.branch.name
    at = deliverable_at(ctx.now)
    items = fan_out(
        f"tl:{pub.id}",
        groups,
        linked,
        lambda lang: _post(lang, topic, branch),
        now=ctx.now,
        private_at=at,
        lang=ctx.lang,
        batch_id=batch_id,
    )
    await ctx.uow.outbox.enqueue(items)
    await ctx.uow.materials.seen(topic.id, [m.person_id for m in linked], at)
    ctx.reply(
        ctx.t(
            "tl.published",
            title=topic_name(topic),
            branch=branch,
            linked=fmt_int(len(linked)),
            groups=fmt_int(len(groups)),
            not_linked=fmt_int(len(members) - len(linked)),
        )
    )


async def who_has_read(ctx: Ctx, topic: Topic) -> None:
    person = ctx.person
    assert person is not None
    status = await ctx.uow.materials.read_status(topic.id, person.branch_id)
    read = [m.full_name for m, at in status if at is not None]
    unread = [m.full_name for m, at in status if at is None]
    lines = [
        ctx.t(
            "tl.who_title",
            title=topic_name(topic),
            branch=person.branch.name,
            read=fmt_int(len(read)),
            total=fmt_int(len(status)),
            pct=fmt_pct(len(read), len(status)),
        )
    ]
    if read:
        lines.append(ctx.t("tl.who_read", names=", ".join(read)))
    if unread:
        lines.append(ctx.t("tl.who_unread", names=", ".join(unread)))
    buttons = [[Button(ctx.t("tl.btn_remind"), RemindUnread(topic.id).pack())]] if unread else None
    _privately(ctx, "\n".join(lines), buttons)


async def remind(ctx: Ctx, topic: Topic) -> None:
    person = ctx.person
    assert person is not None
    status = await ctx.uow.materials.read_status(topic.id, person.branch_id)
    unread = [m for m, at in status if at is None and m.person_id != person.id]
    to_remind = [m for m in unread if m.linked]
    unlinked = [m.full_name for m in unread if not m.linked]
    if not to_remind:
        ctx.reply(ctx.t("tl.nobody_to_remind"))
    else:
        at = deliverable_at(ctx.now)
        day = fmt_date(ctx.now).replace("/", "")
        items = [
            outbox_item(
                m.platform,
                m.user_id,
                Reply(
                    t(m.language or ctx.lang, "tl.remind_text", title=topic_name(topic)),
                    ((Button(t(m.language or ctx.lang, "tl.btn_read"), MarkRead(topic.id).pack()),),),
                    lang=m.language or ctx.lang,
                ),
                at,
                person_id=m.person_id,
                # one reminder a day per person, however often the secretary taps
                dedup_key=f"tl-nhac:{topic.id}:{m.person_id}:{day}",
            )
            for m in to_remind
        ]
        added = await ctx.uow.outbox.enqueue(items)
        if added:
            await ctx.uow.materials.seen(topic.id, [m.person_id for m in to_remind], at)
        ctx.reply(ctx.t("tl.reminded", n=fmt_int(added)))
    if unlinked:
        _privately(ctx, ctx.t("tl.reminded_unlinked", names=", ".join(unlinked)))


def _privately(ctx: Ctx, text: str, buttons: list[list[Button]] | None = None) -> None:
    """Names of people go to the secretary's private chat; a group hears only that they did."""
    if not ctx.in_group:
        ctx.reply(text, buttons)
        return
    ctx.send(ChatRef(ctx.inc.platform, ctx.inc.sender.user_id), text, buttons)
    ctx.notice = ctx.t("act.sent_privately")
