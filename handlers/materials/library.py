"""The library behind /tailieu and its buttons: the bundled topics, browsing, search,
reading section by section, and read receipts (the button and a typed "đã đọc")."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta

from config.formatting import fmt_int
from config.messages import Button
from config.text import fold, name_key
from content.loader import load_topics
from handlers.context import Ctx
from handlers.materials.buttons import MarkRead, OpenTopic, Publish, RemindUnread, Section, WhoHasRead
from handlers.materials.publishing import publish, remind, who_has_read
from handlers.materials.topics import branch_id, is_secretary, label, sections_of, topic_label, topic_name
from handlers.materials.uploads import add_document, add_text
from storage.db import Database
from storage.models import Topic

log = logging.getLogger(__name__)
_ADD_WORDS = ("them", "add")
NEW_FOR = timedelta(days=30)  # a topic published to the branch is "mới" this long
# "đã đọc" typed after opening one topic while another arrived: which was being read is asked
READING = timedelta(hours=3)


async def sync_bundled_topics(db: Database, now: datetime) -> None:
    """At start: the bundled topic files, checked, into the library."""
    topics = load_topics()
    async with db.unit_of_work() as uow:
        changed = await uow.materials.sync_bundled(topics, now)
        await uow.commit()
    if changed:
        log.info("%d bundled study topics added or updated", changed)


def _topic_buttons(ctx: Ctx, topics: list[Topic], new: Topic | None = None) -> list[list[Button]]:
    """One button per topic, by its beginning; the topic just published to the branch first,
    marked "mới"."""
    if new is not None:
        topics = [new, *(tp for tp in topics if tp.id != new.id)]
    return [
        [
            Button(
                ctx.t("tl.new_label", label=topic_label(tp))
                if new is not None and tp.id == new.id
                else topic_label(tp),
                OpenTopic(tp.id).pack(),
            )
        ]
        for tp in topics
    ]


async def _just_published(ctx: Ctx) -> Topic | None:
    if ctx.person is None:
        return None
    published = await ctx.uow.materials.latest_published(ctx.person.branch_id)
    if published is None or ctx.now - published[1] > NEW_FOR:
        return None
    return published[0]


async def materials(ctx: Ctx) -> None:
    args = ctx.args.strip()
    first_line, _, rest = args.partition("\n")
    if ctx.inc.attachment is not None:
        await add_document(ctx)
        return
    if is_secretary(ctx) and (rest.strip() or fold(first_line) in _ADD_WORDS):
        text = rest if fold(first_line) in _ADD_WORDS else args
        await add_text(ctx, text)
        return
    if args:
        await _search(ctx, args)
        return
    topics = await ctx.uow.materials.visible(branch_id(ctx))
    if not topics:
        ctx.reply(ctx.t("tl.empty"))
    else:
        new = await _just_published(ctx)
        ctx.reply(ctx.t("tl.list_title", n=fmt_int(len(topics))), _topic_buttons(ctx, topics, new))
    hints = [ctx.t("tl.search_hint")]
    if is_secretary(ctx) and not ctx.in_group:
        hints.append(ctx.t("tl.add_hint"))
    ctx.reply("\n\n".join(hints))


async def _search(ctx: Ctx, query: str) -> None:
    words = [f" {w} " for w in name_key(query).split()]
    found = await ctx.uow.materials.search(words, branch_id(ctx))
    if not found:
        ctx.reply(ctx.t("tl.not_found", query=query))
    elif len(found) == 1:
        await _open(ctx, found[0])
    else:
        ctx.reply(ctx.t("tl.found", n=fmt_int(len(found)), query=query), _topic_buttons(ctx, found))


async def _topic(ctx: Ctx, topic_id: int) -> Topic | None:
    topic = await ctx.uow.materials.get_visible(topic_id, branch_id(ctx))
    if topic is None:
        ctx.reply(ctx.t("tl.gone"))
    return topic


async def open_pressed(ctx: Ctx, press: OpenTopic) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await _open(ctx, topic)


async def section_pressed(ctx: Ctx, press: Section) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await _section(ctx, topic, press.section)


async def read_pressed(ctx: Ctx, press: MarkRead) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await _mark_read(ctx, topic)


async def publish_pressed(ctx: Ctx, press: Publish) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await publish(ctx, topic)


async def who_pressed(ctx: Ctx, press: WhoHasRead) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await who_has_read(ctx, topic)


async def remind_pressed(ctx: Ctx, press: RemindUnread) -> None:
    if (topic := await _topic(ctx, press.topic)) is not None:
        await remind(ctx, topic)


# A section title as authors write it: "1. …", "2) …", "3 - …", "Phần 4: …", "II. …". The
# contents number the sections themselves, so the author's number is shown once, not twice.
_NUMBERED = re.compile(
    r"^\s*(?:(?i:phần|phan|mục|muc|part|section)\s+)?(?:\d{1,3}|[IVX]{1,5})(?:\s*[.):](?!\d)|\s+[-–—])\s*"
)


def section_title(title: str) -> str:
    """A section's title without the number its author gave it."""
    bare = _NUMBERED.sub("", title, count=1).strip()
    return bare or title.strip()


async def _seen(ctx: Ctx, topic: Topic) -> None:
    if ctx.person is not None:
        await ctx.uow.materials.opened(topic.id, ctx.person.id, ctx.now)


async def _open(ctx: Ctx, topic: Topic) -> None:
    await _seen(ctx, topic)
    sections = sections_of(topic)
    year = f" {topic.year}" if topic.year else ""
    lines = [
        ctx.t(
            "tl.header",
            title=topic.title,
            kind=ctx.t(f"tl.kind.{topic.kind}"),
            year=year,
            summary=topic.summary,
        )
    ]
    attachments = json.loads(topic.attachments)
    if attachments:
        lines += ["", ctx.t("tl.attachments"), *(f"- {a['title']}: {a['url']}" for a in attachments)]
    lines += ["", ctx.t("tl.sections", n=len(sections))]
    # numbered here, once: a text-only chat shows "1. …" as its choice 1 (bot/render.py)
    buttons = [
        [Button(label(f"{i}. {section_title(s['title'])}"), Section(topic.id, i).pack())]
        for i, s in enumerate(sections, start=1)
    ]
    buttons.append([Button(ctx.t("tl.btn_read"), MarkRead(topic.id).pack())])
    if is_secretary(ctx):
        buttons.append(
            [
                Button(ctx.t("tl.btn_publish"), Publish(topic.id).pack()),
                Button(ctx.t("tl.btn_who"), WhoHasRead(topic.id).pack()),
            ]
        )
    ctx.reply("\n".join(lines), buttons)


async def _section(ctx: Ctx, topic: Topic, i: int) -> None:
    sections = sections_of(topic)
    if not 1 <= i <= len(sections):
        ctx.notice = ctx.t("choices.expired")
        return
    await _seen(ctx, topic)
    s = sections[i - 1]
    buttons = []
    if i < len(sections):
        buttons.append([Button(ctx.t("tl.btn_next"), Section(topic.id, i + 1).pack())])
    buttons.append(
        [
            Button(ctx.t("tl.btn_read"), MarkRead(topic.id).pack()),
            Button(ctx.t("tl.btn_contents"), OpenTopic(topic.id).pack()),
        ]
    )
    # the transport splits a long section within its platform's limit
    ctx.reply(
        ctx.t(
            "tl.section",
            title=topic.title,
            i=i,
            n=len(sections),
            section=section_title(s["title"]),
            text=s["text"],
        ),
        buttons,
    )


async def _mark_read(ctx: Ctx, topic: Topic) -> None:
    assert ctx.person is not None
    first = await ctx.uow.materials.mark_read(topic.id, ctx.person.id, ctx.now)
    ctx.notice = ctx.t("tl.read_thanks" if first else "tl.read_again", title=topic_name(topic))
    if not ctx.in_group:
        ctx.reply(ctx.notice)


async def read_by_text(ctx: Ctx) -> None:
    """The words "đã đọc" in a private chat: the topic I was reading (opened myself, and
    nothing else sent since); else the one sent to me or published to my branch last. When I
    opened one lately, have not said I read it, and another arrived after, chibo asks which,
    with the «Đã đọc» of each."""
    person = ctx.person
    assert person is not None
    opened = await ctx.uow.materials.last_opened(person.id, person.branch_id, ctx.now)
    seen = await ctx.uow.materials.last_seen(person.id, person.branch_id, ctx.now)
    published = await ctx.uow.materials.latest_published(person.branch_id)
    sent = max((c for c in (seen, published) if c is not None), key=lambda c: c[1], default=None)
    if opened is None and sent is None:
        ctx.reply(ctx.t("tl.read_nothing"))
        return
    if opened is None or sent is None or sent[0].id == opened[0].id or opened[1] >= sent[1]:
        reading = opened or sent
        assert reading is not None
        await _mark_read(ctx, reading[0])
        return
    # another topic arrived after I opened mine: mine, if I already said I read it or opened
    # it long ago, is not what I mean now
    if ctx.now - opened[1] > READING or await ctx.uow.materials.has_read(opened[0].id, person.id):
        await _mark_read(ctx, sent[0])
        return
    ctx.reply(
        ctx.t("tl.read_which"),
        [[Button(topic_label(tp), MarkRead(tp.id).pack())] for tp in (opened[0], sent[0])],
    )
