"""Each branch's grace period before a check-in counts as late."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.lateness import BranchLateness
from storage.repos.dialect import insert_for


class LatenessRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def grace_minutes(self, branch_ids: Iterable[int]) -> dict[int, int]:
        """The branches among `branch_ids` that set their own grace period, in one statement;
        the others use the default."""
        wanted = sorted(set(branch_ids))
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(BranchLateness.branch_id, BranchLateness.grace_minutes).where(
                BranchLateness.branch_id.in_(wanted)
            )
        )
        return {int(b): int(m) for b, m in rows.tuples()}

    async def save(self, branch_id: int, minutes: int | None, person_id: int | None, now: datetime) -> None:
        """The branch's grace period; None: back to the default."""
        if minutes is None:
            await self.session.execute(delete(BranchLateness).where(BranchLateness.branch_id == branch_id))
            return
        values = {
            "branch_id": branch_id,
            "grace_minutes": minutes,
            "updated_by_person_id": person_id,
            "updated_at": now,
        }
        stmt = insert_for(self.session, BranchLateness).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["branch_id"], set_={k: v for k, v in values.items() if k != "branch_id"}
        )
        await self.session.execute(stmt)
