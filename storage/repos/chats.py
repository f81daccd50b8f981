from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import GroupChat, ProcessedUpdate
from storage.repos.dialect import insert_for


class ChatRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim_update(self, platform: str, update_id: str, now: datetime) -> bool:
        """True the first time an update is seen; a redelivered one returns False."""
        stmt = (
            insert_for(self.session, ProcessedUpdate)
            .values(platform=platform, update_id=update_id, processed_at=now)
            .on_conflict_do_nothing(index_elements=["platform", "update_id"])
        )
        result = await self.session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def group(self, platform: str, chat_id: str) -> GroupChat | None:
        return (
            await self.session.execute(
                select(GroupChat).where(GroupChat.platform == platform, GroupChat.chat_id == chat_id)
            )
        ).scalar_one_or_none()

    async def bind_group(
        self, platform: str, chat_id: str, branch_id: int, person_id: int, now: datetime
    ) -> None:
        existing = await self.group(platform, chat_id)
        if existing is None:
            self.session.add(
                GroupChat(
                    platform=platform,
                    chat_id=chat_id,
                    branch_id=branch_id,
                    bound_by_person_id=person_id,
                    bound_at=now,
                )
            )
        else:
            existing.branch_id = branch_id
            existing.bound_by_person_id = person_id
            existing.bound_at = now
        await self.session.flush()

    async def groups_of_branches(self, branch_ids: Sequence[int]) -> list[GroupChat]:
        rows = await self.session.execute(
            select(GroupChat).where(GroupChat.branch_id.in_(list(branch_ids))).order_by(GroupChat.id)
        )
        return list(rows.scalars())
