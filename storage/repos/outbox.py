"""The outbox: enqueue once, claim atomically, record what happened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Reply, reply_from_json, reply_to_json
from storage.models import OutboxBatch, OutboxMessage
from storage.repos.dialect import insert_for


@dataclass(frozen=True, slots=True)
class OutboxItem:
    platform: str
    chat_id: str
    reply: Reply
    due_at: datetime
    is_group: bool = False
    person_id: int | None = None
    dedup_key: str | None = None
    urgent: bool = False
    batch_id: int | None = None


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    batch_id: int | None
    platform: str
    chat_id: str
    is_group: bool
    person_id: int | None
    reply: Reply
    attempts: int


_CLAIM = """
UPDATE outbox SET status = 'sending', claimed_by = :worker, claimed_at = :now, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM outbox
    WHERE status = 'pending' AND due_at <= :now {platform_filter}
    ORDER BY due_at, id
    LIMIT :limit {lock}
)
RETURNING id, batch_id, platform, chat_id, is_group, person_id, payload, attempts
"""


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_batch(
        self,
        kind: str,
        now: datetime,
        *,
        title: str = "",
        person_id: int | None = None,
        report_platform: str = "",
        report_chat_id: str = "",
    ) -> int:
        batch = OutboxBatch(
            kind=kind,
            title=title[:300],
            created_by_person_id=person_id,
            report_platform=report_platform,
            report_chat_id=report_chat_id,
            created_at=now,
        )
        self.session.add(batch)
        await self.session.flush()
        return batch.id

    async def batch(self, batch_id: int) -> OutboxBatch | None:
        return await self.session.get(OutboxBatch, batch_id)

    async def enqueue(self, items: Sequence[OutboxItem]) -> int:
        """Adds the items whose dedup key is new; returns how many were added."""
        if not items:
            return 0
        rows = [
            {
                "batch_id": i.batch_id,
                "platform": i.platform,
                "chat_id": i.chat_id,
                "is_group": i.is_group,
                "person_id": i.person_id,
                "payload": reply_to_json(i.reply),
                "dedup_key": i.dedup_key,
                "status": "pending",
                "due_at": i.due_at,
                "urgent": i.urgent,
                "attempts": 0,
                "claimed_by": "",
                "message_id": "",
                "error": "",
            }
            for i in items
        ]
        added = 0
        for start in range(0, len(rows), 500):
            stmt = insert_for(self.session, OutboxMessage).values(rows[start : start + 500])
            stmt = stmt.on_conflict_do_nothing(index_elements=["dedup_key"])
            result = await self.session.execute(stmt)
            added += max(int(result.rowcount or 0), 0)  # type: ignore[attr-defined]
        return added

    async def claim(
        self, worker: str, now: datetime, limit: int, platform: str | None = None
    ) -> list[Claimed]:
        """Takes up to `limit` due messages for this worker; two workers never get the same row."""
        lock = "FOR UPDATE SKIP LOCKED" if self.session.bind.dialect.name == "postgresql" else ""
        platform_filter = "AND platform = :platform" if platform else ""
        params: dict[str, object] = {"worker": worker, "now": _naive(now), "limit": limit}
        if platform:
            params["platform"] = platform
        result = await self.session.execute(
            text(_CLAIM.format(lock=lock, platform_filter=platform_filter)), params
        )
        claimed = [
            Claimed(
                r.id,
                r.batch_id,
                r.platform,
                r.chat_id,
                bool(r.is_group),
                r.person_id,
                reply_from_json(r.payload),
                r.attempts,
            )
            for r in result
        ]
        claimed.sort(key=lambda c: c.id)
        return claimed

    async def mark_sent(self, message_id: int, now: datetime, platform_message_id: str | None) -> None:
        await self._set(
            message_id, status="sent", sent_at=now, message_id=platform_message_id or "", error=""
        )

    async def mark_failed(self, message_id: int, error: str, *, blocked: bool = False) -> None:
        await self._set(message_id, status="blocked" if blocked else "failed", error=error[:300])

    async def mark_skipped(self, message_id: int, reason: str) -> None:
        await self._set(message_id, status="skipped", error=reason[:300])

    async def retry_at(self, message_id: int, due_at: datetime, error: str) -> None:
        await self._set(message_id, status="pending", due_at=due_at, claimed_by="", error=error[:300])

    async def release_stale(self, now: datetime, lease: timedelta) -> int:
        """Messages claimed by a worker that died: back to pending."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - lease)
            .values(status="pending", claimed_by="")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def batch_counts(self, batch_id: int) -> dict[str, int]:
        rows = await self.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.batch_id == batch_id)
            .group_by(OutboxMessage.status)
        )
        return {status: int(n) for status, n in rows.tuples()}

    async def batch_messages(self, batch_id: int) -> list[OutboxMessage]:
        rows = await self.session.execute(
            select(OutboxMessage).where(OutboxMessage.batch_id == batch_id).order_by(OutboxMessage.id)
        )
        return list(rows.scalars())

    async def next_due(self) -> datetime | None:
        return (
            await self.session.execute(
                select(func.min(OutboxMessage.due_at)).where(OutboxMessage.status == "pending")
            )
        ).scalar_one_or_none()

    async def _set(self, row_id: int, **values: object) -> None:
        await self.session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values))


def _naive(dt: datetime) -> datetime:
    from datetime import UTC

    return dt.astimezone(UTC).replace(tzinfo=None)
