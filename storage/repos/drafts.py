"""Meeting drafts: what a /hop described, kept until its sender confirms or drops it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MeetingDraft


class DraftRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, person_id: int, payload: dict[str, Any], now: datetime) -> int:
        draft = MeetingDraft(
            person_id=person_id,
            created_at=now,
            payload=json.dumps(payload, ensure_ascii=False),
            outcome="",
        )
        self.session.add(draft)
        await self.session.flush()
        return draft.id

    async def get(self, draft_id: int) -> MeetingDraft | None:
        return await self.session.get(MeetingDraft, draft_id)

    async def finish(self, draft_id: int, outcome: str, now: datetime) -> bool:
        """Marks a waiting draft confirmed ("created") or "dropped"; False when it was done
        already (a second tap, two devices at once: the meetings are created once)."""
        result = await self.session.execute(
            update(MeetingDraft)
            .where(MeetingDraft.id == draft_id, MeetingDraft.done_at.is_(None))
            .values(done_at=now, outcome=outcome)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
