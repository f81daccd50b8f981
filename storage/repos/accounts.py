from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Person
from storage.repos.dialect import insert_for


class AccountRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_or_create(self, platform: str, user_id: str, display_name: str, now: datetime) -> Account:
        stmt = (
            insert_for(self.session, Account)
            .values(
                platform=platform,
                user_id=user_id,
                display_name=display_name[:200],
                language="",
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["platform", "user_id"])
        )
        await self.session.execute(stmt)
        account = (
            await self.session.execute(
                select(Account).where(Account.platform == platform, Account.user_id == user_id)
            )
        ).scalar_one()
        if display_name and account.display_name != display_name[:200]:
            account.display_name = display_name[:200]
        return account

    async def linked_to(self, person_id: int) -> list[Account]:
        rows = await self.session.execute(select(Account).where(Account.person_id == person_id))
        return list(rows.scalars())

    async def link(self, account: Account, person: Person, now: datetime) -> None:
        account.person_id = person.id
        account.person = person
        account.linked_at = now
        await self.session.flush()
