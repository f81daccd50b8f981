"""Secretaries adding a topic for their branch: as text after /tailieu, or as an uploaded
.txt, .md or .yaml document."""

from __future__ import annotations

import logging
import secrets

from config.messages import Button
from content.loader import ContentError, topic_from_file, topic_from_text
from handlers.context import Ctx
from handlers.materials.buttons import OpenTopic, Publish
from handlers.materials.topics import is_secretary, sections_of, topic_name
from storage.models import Topic

log = logging.getLogger(__name__)


async def add_text(ctx: Ctx, text: str) -> None:
    person = ctx.person
    assert person is not None
    try:
        data = topic_from_text(text, _upload_slug(ctx))
    except ContentError as exc:
        _bad_upload(ctx, exc, exc.where_text(ctx.lang))
        return
    topic = await ctx.uow.materials.add_upload(data, person.branch_id, person.id, ctx.now)
    await _added(ctx, topic)


async def add_document(ctx: Ctx) -> None:
    person = ctx.person
    attachment = ctx.inc.attachment
    assert person is not None and attachment is not None
    if not is_secretary(ctx):
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
        _bad_upload(ctx, exc, f"{exc.source_text(ctx.lang)}: {exc.where_text(ctx.lang)}")
        return
    topic = await ctx.uow.materials.add_upload(data, person.branch_id, person.id, ctx.now)
    await _added(ctx, topic)


def _bad_upload(ctx: Ctx, exc: ContentError, where: str) -> None:
    """What is wrong with the topic sent and where, with how to send one."""
    ctx.reply(
        ctx.t(
            "tl.bad_upload",
            problem=exc.problem_text(ctx.lang),
            where=where,
            hint=ctx.t("tl.add_hint"),
        )
    )


async def _added(ctx: Ctx, topic: Topic) -> None:
    assert ctx.person is not None
    ctx.reply(
        ctx.t("tl.added", title=topic_name(topic), n=len(sections_of(topic)), branch=ctx.person.branch.name),
        [
            [
                Button(ctx.t("tl.btn_open"), OpenTopic(topic.id).pack()),
                Button(ctx.t("tl.btn_publish"), Publish(topic.id).pack()),
            ]
        ],
    )


def _upload_slug(ctx: Ctx) -> str:
    assert ctx.person is not None
    return f"up-{ctx.person.branch_id}-{ctx.now:%Y%m%d}-{secrets.token_hex(4)}"
