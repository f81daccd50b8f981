"""The outbox: enqueue once, claim atomically, record what happened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, case, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BatchStatus, Branch, OutboxBatch, OutboxMessage, Person, UTCDateTime
from storage.repos.dialect import insert_for


@dataclass(frozen=True, slots=True)
class OutboxItem:
    platform: str
    chat_id: str
    payload: str  # opaque here: the scheduler encodes and decodes it
    due_at: datetime
    is_group: bool = False
    person_id: int | None = None
    dedup_key: str | None = None
    urgent: bool = False
    batch_id: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one claimed message. status: sent, blocked, failed, or pending (try
    again at `due_at`)."""

    id: int
    status: str
    sent_at: datetime | None = None
    due_at: datetime | None = None
    message_id: str = ""
    error: str = ""
    # a retry that is not the message's fault (a limit was full) costs no attempt
    refund_attempt: bool = False


@dataclass(frozen=True, slots=True)
class Recipient:
    person_id: int
    full_name: str
    branch_name: str
    status: str


@dataclass(frozen=True, slots=True)
class ReportStatus:
    """What a batch's sender has been shown so far (storage/models/batch_status.py)."""

    batch_id: int
    platform: str
    chat_id: str
    state: str  # open, done
    message_id: str
    shown: int
    messages: int


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    batch_id: int | None
    platform: str
    chat_id: str
    is_group: bool
    person_id: int | None
    payload: str
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
        if report_chat_id:
            self.session.add(
                BatchStatus(
                    batch_id=batch.id,
                    platform=report_platform,
                    chat_id=report_chat_id,
                    state="open",
                    message_id="",
                    shown=0,
                    messages=0,
                )
            )
            await self.session.flush()
        return batch.id

    async def batch(self, batch_id: int) -> OutboxBatch | None:
        return await self.session.get(OutboxBatch, batch_id)

    async def open_reports(self, platforms: Sequence[str]) -> list[ReportStatus]:
        """Batches whose report to a chat on one of these platforms is still to go."""
        if not platforms:
            return []
        rows = await self.session.execute(
            select(BatchStatus)
            .where(BatchStatus.state == "open", BatchStatus.platform.in_(platforms))
            .order_by(BatchStatus.batch_id)
        )
        return [_status(s) for s in rows.scalars()]

    async def report_status(self, batch_id: int) -> ReportStatus | None:
        row = await self.session.get(BatchStatus, batch_id, populate_existing=True)
        return _status(row) if row is not None else None

    async def status_shown(self, batch_id: int, done: int, message_id: str, *, new_message: bool) -> None:
        """The sender now sees `done`: counts only ever go up, and never after the report."""
        await self.session.execute(
            update(BatchStatus)
            .where(BatchStatus.batch_id == batch_id, BatchStatus.state == "open", BatchStatus.shown < done)
            .values(
                shown=done,
                message_id=message_id[:64],
                messages=BatchStatus.messages + (1 if new_message else 0),
            )
            .execution_options(synchronize_session=False)
        )

    async def report_done(self, batch_id: int, now: datetime) -> None:
        """The final report went out (or never can): nothing more goes to the sender."""
        await self.session.execute(
            update(BatchStatus)
            .where(BatchStatus.batch_id == batch_id)
            .values(state="done", reported_at=now)
            .execution_options(synchronize_session=False)
        )

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
                "payload": i.payload,
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
        params: dict[str, object] = {"worker": worker, "now": now, "limit": limit}
        if platform:
            params["platform"] = platform
        # bound as the column's own type: SQLite compares datetimes as text, and a naive
        # value bound by the driver is written differently ("…01:00:00" < "…01:00:00.000000")
        stmt = text(_CLAIM.format(lock=lock, platform_filter=platform_filter)).bindparams(
            bindparam("now", type_=UTCDateTime())
        )
        result = await self.session.execute(stmt, params)
        claimed = [
            Claimed(
                r.id,
                r.batch_id,
                r.platform,
                r.chat_id,
                bool(r.is_group),
                r.person_id,
                r.payload,
                r.attempts,
            )
            for r in result
        ]
        claimed.sort(key=lambda c: c.id)
        return claimed

    async def skip_pending(self, key_prefixes: Sequence[str], reason: str) -> int:
        """Messages not yet sent whose dedup key starts with one of these prefixes will not
        be sent (a reminder waiting for the morning of a meeting cancelled overnight)."""
        skipped = 0
        for prefix in key_prefixes:
            result = await self.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.status == "pending",
                    OutboxMessage.dedup_key.startswith(prefix, autoescape=True),
                )
                .values(status="skipped", error=reason[:300])
                .execution_options(synchronize_session=False)
            )
            skipped += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return skipped

    async def release_stale(self, now: datetime, lease: timedelta) -> int:
        """Messages claimed by a worker that died: back to pending."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - lease)
            .values(status="pending", claimed_by="")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def release_worker(self, worker: str) -> int:
        """Messages a previous run of this worker claimed and never finished (it crashed or
        was killed): back to pending, so a restart continues where it stopped."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_by == worker)
            .values(status="pending", claimed_by="")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def release_platform(self, platform: str, not_before: datetime | None = None) -> int:
        """The platform's claimed, unfinished messages: back to pending, due no earlier than
        `not_before`. Called by the worker that has just taken the platform's sender lock:
        whoever claimed them held that lock before and has lost it, and may have sent some
        of them a moment ago (their chats' spacing starts again from then)."""
        due = (
            OutboxMessage.due_at
            if not_before is None
            else case((OutboxMessage.due_at < not_before, not_before), else_=OutboxMessage.due_at)
        )
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.platform == platform)
            .values(status="pending", claimed_by="", due_at=due)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def record(self, worker: str, outcomes: Sequence[Outcome]) -> None:
        """Writes many outcomes in one statement per kind. Only rows this worker still holds
        are touched: a row released and claimed again elsewhere keeps its new owner's state."""
        table = cast(Table, OutboxMessage.__table__)
        owned = (
            table.c.id == bindparam("rid"),
            table.c.claimed_by == bindparam("worker"),
            table.c.status == "sending",
        )
        finished = [o for o in outcomes if o.status != "pending"]
        retried = [o for o in outcomes if o.status == "pending"]
        if finished:
            await self.session.execute(
                update(table)
                .where(*owned)
                .values(
                    status=bindparam("new_status"),
                    sent_at=bindparam("new_sent_at", type_=UTCDateTime()),
                    message_id=bindparam("new_message_id"),
                    error=bindparam("new_error"),
                ),
                [
                    {
                        "rid": o.id,
                        "worker": worker,
                        "new_status": o.status,
                        "new_sent_at": o.sent_at,
                        "new_message_id": o.message_id[:64],
                        "new_error": o.error[:300],
                    }
                    for o in finished
                ],
            )
        if retried:
            await self.session.execute(
                update(table)
                .where(*owned)
                .values(
                    status="pending",
                    claimed_by="",
                    due_at=bindparam("new_due_at", type_=UTCDateTime()),
                    error=bindparam("new_error"),
                    attempts=table.c.attempts - bindparam("refund"),
                ),
                [
                    {
                        "rid": o.id,
                        "worker": worker,
                        "new_due_at": o.due_at,
                        "new_error": o.error[:300],
                        "refund": 1 if o.refund_attempt else 0,
                    }
                    for o in retried
                ],
            )

    async def pending_due(self, now: datetime, platforms: Sequence[str]) -> int:
        """Messages due now on these platforms, waiting or in the hands of a worker."""
        if not platforms:
            return 0
        return int(
            (
                await self.session.execute(
                    select(func.count()).where(
                        OutboxMessage.status.in_(("pending", "sending")),
                        OutboxMessage.due_at <= now,
                        OutboxMessage.platform.in_(platforms),
                    )
                )
            ).scalar_one()
        )

    async def batch_recipients(self, batch_id: int) -> list[Recipient]:
        """The people a batch went to privately, with what became of their message."""
        rows = await self.session.execute(
            select(OutboxMessage.person_id, Person.full_name, Branch.name, OutboxMessage.status)
            .join(Person, Person.id == OutboxMessage.person_id)
            .join(Branch, Branch.id == Person.branch_id)
            .where(OutboxMessage.batch_id == batch_id)
            .order_by(Branch.name, Person.full_name)
        )
        return [Recipient(int(pid or 0), name, branch, status) for pid, name, branch, status in rows.tuples()]

    async def batch_group_counts(self, batch_id: int) -> dict[str, int]:
        rows = await self.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.batch_id == batch_id, OutboxMessage.is_group.is_(True))
            .group_by(OutboxMessage.status)
        )
        return {status: int(n) for status, n in rows.tuples()}

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


def _status(row: BatchStatus) -> ReportStatus:
    return ReportStatus(
        row.batch_id, row.platform, row.chat_id, row.state, row.message_id, row.shown, row.messages
    )
