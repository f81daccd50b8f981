"""The one "Đã điểm danh 35/40" message per meeting per group, refreshed every few seconds by
the ticker when check-ins made it dirty: sent once, then edited."""

from __future__ import annotations

import logging

from config.i18n import t
from config.messages import Reply
from scheduler.ticker import Runtime

log = logging.getLogger(__name__)
EVERY_SECONDS = 3


async def refresh_summaries(runtime: Runtime) -> int:
    """Sends or edits every dirty summary; returns how many were refreshed."""
    # inline: short statements (at most 200 summaries), taken every few seconds in the midst
    # of a check-in burst, whose batches wait for the write lock meanwhile
    async with runtime.db.unit_of_work(inline=True) as uow:
        dirty = await uow.attendance.take_dirty_summaries()
        if not dirty:
            return 0
        counts = await uow.attendance.checkin_counts([(d.meeting_id, d.branch_id) for d in dirty])
        meetings = await uow.attendance.meetings_by_id([d.meeting_id for d in dirty])
        await uow.commit()
    sent: list[tuple[int, str, str, str]] = []
    for d in dirty:
        transport = runtime.delivery.transport(d.platform)
        meeting = meetings.get(d.meeting_id)
        if transport is None or meeting is None:
            continue
        done, total = counts[(d.meeting_id, d.branch_id)]
        reply = Reply(t("vi", "att.summary", done=done, total=total, title=meeting.title))
        if d.message_id:
            await transport.edit(d.chat_id, d.message_id, reply)
            continue
        result = await transport.send(d.chat_id, reply)
        if result.ok and result.message_id:
            sent.append((d.meeting_id, d.platform, d.chat_id, result.message_id))
        else:
            log.warning("attendance summary to %s/%s: %s", d.platform, d.chat_id, result)
    if sent:
        now = runtime.clock.now()
        async with runtime.db.unit_of_work() as uow:
            for meeting_id, platform, chat_id, message_id in sent:
                await uow.attendance.set_summary_message(meeting_id, platform, chat_id, message_id, now)
            await uow.commit()
    return len(dirty)
