"""/tailieu: the library of study topics. Browse by numbered choices, read section by
section, search without diacritics; secretaries add topics, publish one to the branch
with a "Đã đọc" answer, see who has read it and remind only those who have not."""

from __future__ import annotations

import json
import logging
import re
import secrets
from datetime import datetime

from bot.messages import Button, Reply
from config.i18n import t
from content.loader import ContentError, load_topics, topic_from_file, topic_from_text
from handlers.context import Ctx
from handlers.formatting import fmt_date, fmt_int, fmt_pct
from handlers.roles import Role
from handlers.text import fold, name_key
from scheduler.quiet_hours import deliverable_at
from storage.db import Database
from storage.models import Topic
from storage.repos.outbox import OutboxItem

log = logging.getLogger(__name__)
LABEL_CHARS = 60
_ADD_WORDS = ("them", "add")


async def sync_bundled_topics(db: Database, now: datetime) -> None:
    """At start: the bundled topic files, checked, into the library."""
    topics = load_topics()
    async with db.unit_of_work() as uow:
        changed = await uow.materials.sync_bundled(topics, now)
        await uow.commit()
    if changed:
        log.info("%d bundled study topics added or updated", changed)


def _label(text: str) -> str:
    """At most LABEL_CHARS, cut between words."""
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[: LABEL_CHARS - 1]
    space = cut.rfind(" ")
    if space > LABEL_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def _branch_id(ctx: Ctx) -> int | None:
    return ctx.person.branch_id if ctx.person is not None else None


def _is_secretary(ctx: Ctx) -> bool:
    return Role.SECRETARY in ctx.roles


_COMMON = "hoc tap va lam theo tu tuong, dao duc, phong cach ho chi minh "


def _short(title: str) -> str:
    """Every chuyên đề title opens with the same words: a button shows what differs."""
    if fold(title).startswith(_COMMON) and "  " not in title:
        return "…" + title[len(_COMMON) :]
    return title


def _name(topic: Topic) -> str:
    """A topic as an answer names it: what tells it apart from the others."""
    return _label(_short(topic.title))


def _topic_buttons(topics: list[Topic]) -> list[list[Button]]:
    return [
        [Button(_label(f"{tp.year} — {_short(tp.title)}" if tp.year else _short(tp.title)), f"tl:o:{tp.id}")]
        for tp in topics
    ]


async def materials(ctx: Ctx) -> None:
    args = ctx.args.strip()
    first_line, _, rest = args.partition("\n")
    if ctx.inc.attachment is not None:
        await _add_document(ctx)
        return
    if _is_secretary(ctx) and (rest.strip() or fold(first_line) in _ADD_WORDS):
        text = rest if fold(first_line) in _ADD_WORDS else args
        await _add_text(ctx, text)
        return
    if args:
        await _search(ctx, args)
        return
    topics = await ctx.uow.materials.visible(_branch_id(ctx))
    if not topics:
        ctx.reply(ctx.t("tl.empty"))
    else:
        ctx.reply(ctx.t("tl.list_title", n=fmt_int(len(topics))), _topic_buttons(topics))
    hints = [ctx.t("tl.search_hint")]
    if _is_secretary(ctx):
        hints.append(ctx.t("tl.add_hint"))
    ctx.reply("\n\n".join(hints))


async def _search(ctx: Ctx, query: str) -> None:
    words = [f" {w} " for w in name_key(query).split()]
    found = await ctx.uow.materials.search(words, _branch_id(ctx))
    if not found:
        ctx.reply(ctx.t("tl.not_found", query=query))
    elif len(found) == 1:
        await _open(ctx, found[0])
    else:
        ctx.reply(ctx.t("tl.found", n=fmt_int(len(found)), query=query), _topic_buttons(found))


async def choice(ctx: Ctx) -> None:
    """tl:o:<topic> open, tl:s:<topic>:<n> section, tl:r:<topic> read, tl:p publish,
    tl:w who has read, tl:n remind."""
    parts = ctx.args.split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        ctx.notice = ctx.t("choices.expired")
        return
    action, topic_id = parts[0], int(parts[1])
    if ctx.person is None and action not in ("o", "s"):  # reading is open to anyone
        from handlers.members import how_to_link

        how_to_link(ctx)
        return
    topic = await ctx.uow.materials.get_visible(topic_id, _branch_id(ctx))
    if topic is None:
        ctx.reply(ctx.t("tl.gone"))
        return
    if action == "o":
        await _open(ctx, topic)
    elif action == "s" and len(parts) == 3 and parts[2].isdigit():
        await _section(ctx, topic, int(parts[2]))
    elif action == "r":
        await _mark_read(ctx, topic)
    elif action in ("p", "w", "n"):
        if not _is_secretary(ctx):
            ctx.reply(ctx.t("tl.secretary_only"))
        elif action == "p":
            await _publish(ctx, topic)
        elif action == "w":
            await _who(ctx, topic)
        else:
            await _remind(ctx, topic)
    else:
        ctx.notice = ctx.t("choices.expired")


def _sections(topic: Topic) -> list[dict[str, str]]:
    return list(json.loads(topic.sections))


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
        await ctx.uow.materials.seen(topic.id, [ctx.person.id], ctx.now)


async def _open(ctx: Ctx, topic: Topic) -> None:
    await _seen(ctx, topic)
    sections = _sections(topic)
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
        [Button(_label(f"{i}. {section_title(s['title'])}"), f"tl:s:{topic.id}:{i}")]
        for i, s in enumerate(sections, start=1)
    ]
    buttons.append([Button(ctx.t("tl.btn_read"), f"tl:r:{topic.id}")])
    if _is_secretary(ctx):
        buttons.append(
            [
                Button(ctx.t("tl.btn_publish"), f"tl:p:{topic.id}"),
                Button(ctx.t("tl.btn_who"), f"tl:w:{topic.id}"),
            ]
        )
    ctx.reply("\n".join(lines), buttons)


async def _section(ctx: Ctx, topic: Topic, i: int) -> None:
    sections = _sections(topic)
    if not 1 <= i <= len(sections):
        ctx.notice = ctx.t("choices.expired")
        return
    await _seen(ctx, topic)
    s = sections[i - 1]
    buttons = []
    if i < len(sections):
        buttons.append([Button(ctx.t("tl.btn_next"), f"tl:s:{topic.id}:{i + 1}")])
    buttons.append(
        [
            Button(ctx.t("tl.btn_read"), f"tl:r:{topic.id}"),
            Button(ctx.t("tl.btn_contents"), f"tl:o:{topic.id}"),
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
    ctx.notice = ctx.t("tl.read_thanks" if first else "tl.read_again", title=_name(topic))
    if not ctx.in_group:
        ctx.reply(ctx.notice)


async def read_by_text(ctx: Ctx) -> None:
    """The words "đã đọc" in a private chat: the topic I opened or was sent last (a
    publication, a reminder), or one published to my branch after that; the same answer as
    the «Đã đọc» button."""
    person = ctx.person
    assert person is not None
    seen = await ctx.uow.materials.last_seen(person.id, person.branch_id, ctx.now)
    published = await ctx.uow.materials.latest_published(person.branch_id)
    newest = [c for c in (seen, published) if c is not None]
    if not newest:
        ctx.reply(ctx.t("tl.read_nothing"))
        return
    topic, _ = max(newest, key=lambda c: c[1])  # on a tie, what I opened
    await _mark_read(ctx, topic)


def _post(lang: str, topic: Topic, branch: str) -> Reply:
    return Reply(
        t(lang, "tl.published_post", branch=branch, title=topic.title, summary=topic.summary),
        (
            (Button(t(lang, "tl.btn_open"), f"tl:o:{topic.id}"),),
            (Button(t(lang, "tl.btn_read"), f"tl:r:{topic.id}"),),
        ),
        lang=lang,
    )


async def _publish(ctx: Ctx, topic: Topic) -> None:
    person = ctx.person
    assert person is not None
    earlier = await ctx.uow.materials.publication(topic.id, person.branch_id)
    if earlier is not None:
        ctx.reply(
            ctx.t("tl.already_published", when=fmt_date(earlier.published_at)),
            [
                [
                    Button(ctx.t("tl.btn_who"), f"tl:w:{topic.id}"),
                    Button(ctx.t("tl.btn_remind"), f"tl:n:{topic.id}"),
                ]
            ],
        )
        return
    members = [m for m in await ctx.uow.materials.members([person.branch_id]) if m.person_id != person.id]
    groups = await ctx.uow.materials.groups_of_branches([person.branch_id])
    linked = [m for m in members if m.linked]
    batch_id = await ctx.uow.outbox.create_batch(
        "material",
        ctx.now,
        title=topic.title[:80],
        person_id=person.id,
        report_platform=ctx.inc.platform,
        report_chat_id=ctx.inc.sender.user_id,
    )
    pub = await ctx.uow.materials.publish(topic.id, person.branch_id, batch_id, person.id, ctx.now)
    branch = person.branch.name
    items = [
        OutboxItem(
            g.platform,
            g.chat_id,
            _post(ctx.lang, topic, branch),
            ctx.now,
            is_group=True,
            dedup_key=f"tl:{pub.id}:g:{g.platform}:{g.chat_id}",
            batch_id=batch_id,
        )
        for g in groups
    ]
    at = deliverable_at(ctx.now)
    items += [
        OutboxItem(
            m.platform,
            m.user_id,
            _post(m.language or ctx.lang, topic, branch),
            at,
            person_id=m.person_id,
            dedup_key=f"tl:{pub.id}:{m.person_id}",
            batch_id=batch_id,
        )
        for m in linked
    ]
    await ctx.uow.outbox.enqueue(items)
    await ctx.uow.materials.seen(topic.id, [m.person_id for m in linked], at)
    ctx.reply(
        ctx.t(
            "tl.published",
            title=_name(topic),
            branch=branch,
            linked=fmt_int(len(linked)),
            groups=fmt_int(len(groups)),
            not_linked=fmt_int(len(members) - len(linked)),
        )
    )


async def _who(ctx: Ctx, topic: Topic) -> None:
    person = ctx.person
    assert person is not None
    status = await ctx.uow.materials.read_status(topic.id, person.branch_id)
    read = [m.full_name for m, at in status if at is not None]
    unread = [m.full_name for m, at in status if at is None]
    lines = [
        ctx.t(
            "tl.who_title",
            title=_name(topic),
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
    buttons = [[Button(ctx.t("tl.btn_remind"), f"tl:n:{topic.id}")]] if unread else None
    ctx.reply("\n".join(lines), buttons)


async def _remind(ctx: Ctx, topic: Topic) -> None:
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
            OutboxItem(
                m.platform,
                m.user_id,
                Reply(
                    t(m.language or ctx.lang, "tl.remind_text", title=_name(topic)),
                    ((Button(t(m.language or ctx.lang, "tl.btn_read"), f"tl:r:{topic.id}"),),),
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
        ctx.reply(ctx.t("tl.reminded_unlinked", names=", ".join(unlinked)))


async def _add_text(ctx: Ctx, text: str) -> None:
    person = ctx.person
    assert person is not None
    try:
        data = topic_from_text(text, _upload_slug(ctx))
    except ContentError as exc:
        ctx.reply(
            ctx.t(
                "tl.bad_upload",
                problem=exc.problem_text(ctx.lang),
                where=exc.where_text(ctx.lang),
                hint=ctx.t("tl.add_hint"),
            )
        )
        return
    topic = await ctx.uow.materials.add_upload(data, person.branch_id, person.id, ctx.now)
    await _added(ctx, topic)


async def _add_document(ctx: Ctx) -> None:
    person = ctx.person
    attachment = ctx.inc.attachment
    assert person is not None and attachment is not None
    if not _is_secretary(ctx):
        ctx.reply(ctx.t("tl.secretary_only"))
        return
    if attachment.fetch is None:
        ctx.reply(ctx.t("tl.no_files_here"))
        return
    try:
        content = await attachment.fetch()
    except Exception:
        log.warning("downloading %s failed", attachment.file_name, exc_info=True)
        ctx.reply(ctx.t("tl.fetch_failed"))
        return
    try:
        data = topic_from_file(attachment.file_name, content, _upload_slug(ctx))
    except ContentError as exc:
        ctx.reply(
            ctx.t(
                "tl.bad_upload",
                problem=exc.problem_text(ctx.lang),
                where=f"{exc.source_text(ctx.lang)}: {exc.where_text(ctx.lang)}",
                hint=ctx.t("tl.add_hint"),
            )
        )
        return
    topic = await ctx.uow.materials.add_upload(data, person.branch_id, person.id, ctx.now)
    await _added(ctx, topic)


async def _added(ctx: Ctx, topic: Topic) -> None:
    assert ctx.person is not None
    ctx.reply(
        ctx.t("tl.added", title=_name(topic), n=len(_sections(topic)), branch=ctx.person.branch.name),
        [
            [
                Button(ctx.t("tl.btn_open"), f"tl:o:{topic.id}"),
                Button(ctx.t("tl.btn_publish"), f"tl:p:{topic.id}"),
            ]
        ],
    )


def _upload_slug(ctx: Ctx) -> str:
    assert ctx.person is not None
    return f"up-{ctx.person.branch_id}-{ctx.now:%Y%m%d}-{secrets.token_hex(4)}"
