"""The polls chibo sent, looked up by the platform's poll id when an answer comes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SentPoll
from storage.repos.dialect import insert_for


@dataclass(frozen=True, slots=True)
class PollSent:
    platform: str
    poll_id: str
    chat_id: str
    is_group: bool
    message_id: str
    key: str
    options: Sequence[str]
    correct: Sequence[int]
    typed: bool
    sent_at: datetime
    closes_at: datetime | None


@dataclass(frozen=True, slots=True)
class KnownPoll:
    platform: str
    poll_id: str
    chat_id: str
    is_group: bool
    message_id: str
    key: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    typed: bool
    sent_at: datetime
    closes_at: datetime | None


class PollRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, polls: Sequence[PollSent]) -> None:
        """In one statement; a poll id seen before keeps its first row."""
        if not polls:
            return
        rows = [
            {
                "platform": p.platform,
                "poll_id": p.poll_id,
                "chat_id": p.chat_id,
                "is_group": p.is_group,
                "message_id": p.message_id,
                "key": p.key,
                "options": json.dumps(list(p.options), ensure_ascii=False),
                "correct": json.dumps(list(p.correct)),
                "typed": p.typed,
                "sent_at": p.sent_at,
                "closes_at": p.closes_at,
            }
            for p in {(p.platform, p.poll_id): p for p in polls}.values()
        ]
        stmt = insert_for(self.session, SentPoll).values(rows)
        await self.session.execute(stmt.on_conflict_do_nothing(index_elements=["platform", "poll_id"]))

    async def get(self, platform: str, poll_id: str) -> KnownPoll | None:
        row = await self.session.get(SentPoll, (platform, poll_id))
        if row is None:
            return None
        return KnownPoll(
            row.platform,
            row.poll_id,
            row.chat_id,
            row.is_group,
            row.message_id,
            row.key,
            tuple(json.loads(row.options)),
            tuple(json.loads(row.correct)),
            row.typed,
            row.sent_at,
            row.closes_at,
        )
