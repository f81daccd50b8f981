"""Announcements (/thongbao): drafts, what became of them, and the "Đã nhận" answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.materials import Announcement, AnnouncementAck
from storage.models.outbox import OutboxMessage
from storage.repos.dialect import insert_for


class AnnouncementRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def draft(
        self,
        committee_id: int,
        sender_id: int,
        branch_ids: Sequence[int],
        text: str,
        by_secretary: bool,
        lang: str,
        now: datetime,
    ) -> Announcement:
        ann = Announcement(
            committee_id=committee_id,
            sender_person_id=sender_id,
            branch_ids=json.dumps(list(branch_ids)),
            text=text,
            by_secretary=by_secretary,
            lang=lang,
            status="draft",
            not_linked="[]",
            created_at=now,
        )
        self.session.add(ann)
        await self.session.flush()
        return ann

    async def get(self, ann_id: int) -> Announcement | None:
        return await self.session.get(Announcement, ann_id)

    async def of_batch(self, batch_id: int) -> Announcement | None:
        rows = await self.session.execute(select(Announcement).where(Announcement.batch_id == batch_id))
        return rows.scalar_one_or_none()

    async def move_on(self, ann_id: int, **values: object) -> bool:
        """Moves a draft on; False if it was no longer a draft (a second tap)."""
        result = await self.session.execute(
            update(Announcement)
            .where(Announcement.id == ann_id, Announcement.status == "draft")
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def latest_sent_by(self, person_id: int) -> Announcement | None:
        rows = await self.session.execute(
            select(Announcement)
            .where(Announcement.sender_person_id == person_id, Announcement.status == "sent")
            .order_by(Announcement.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def latest_ack_wanted_from(self, person_id: int) -> Announcement | None:
        """The newest announcement asking for "đã nhận" that was sent to this person."""
        rows = await self.session.execute(
            select(Announcement)
            .join(OutboxMessage, OutboxMessage.batch_id == Announcement.batch_id)
            .where(OutboxMessage.person_id == person_id, Announcement.ask_ack)
            .order_by(Announcement.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def was_sent_to(self, ann: Announcement, person_id: int) -> bool:
        rows = await self.session.execute(
            select(func.count()).where(
                OutboxMessage.batch_id == ann.batch_id, OutboxMessage.person_id == person_id
            )
        )
        return bool(rows.scalar_one())

    async def ack(self, ann_id: int, person_id: int, now: datetime) -> bool:
        """True the first time this person answers."""
        stmt = insert_for(self.session, AnnouncementAck).values(
            announcement_id=ann_id, person_id=person_id, acked_at=now
        )
        result = await self.session.execute(stmt.on_conflict_do_nothing())
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def acked(self, ann_id: int) -> set[int]:
        rows = await self.session.execute(
            select(AnnouncementAck.person_id).where(AnnouncementAck.announcement_id == ann_id)
        )
        return set(rows.scalars())
