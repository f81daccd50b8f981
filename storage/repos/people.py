from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Branch, Committee, Person


class PeopleRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: int) -> Person | None:
        return await self.session.get(Person, person_id)

    async def branch(self, branch_id: int) -> Branch | None:
        return await self.session.get(Branch, branch_id)

    async def by_link_code(self, code: str) -> Person | None:
        return (
            await self.session.execute(select(Person).where(Person.link_code == code.upper(), Person.active))
        ).scalar_one_or_none()

    async def by_phone(self, phone: str) -> list[Person]:
        rows = await self.session.execute(select(Person).where(Person.phone == phone, Person.active))
        return list(rows.scalars())

    async def by_name_key(self, name_key: str) -> list[Person]:
        rows = await self.session.execute(
            select(Person).where(Person.name_key == name_key, Person.active).order_by(Person.id)
        )
        return list(rows.scalars())

    async def in_branch(self, branch_id: int) -> list[Person]:
        rows = await self.session.execute(
            select(Person).where(Person.branch_id == branch_id, Person.active).order_by(Person.id)
        )
        return list(rows.scalars())

    async def committee_names(self) -> list[str]:
        return list((await self.session.execute(select(Committee.name).order_by(Committee.name))).scalars())

    async def count_active(self) -> int:
        return int((await self.session.execute(select(func.count()).where(Person.active))).scalar_one())

    async def roster_with_links(self) -> list[tuple[Person, bool]]:
        """Every active person, with whether some chat account is linked to them."""
        linked = select(Account.person_id).where(Account.person_id.is_not(None)).distinct().subquery()
        rows = await self.session.execute(
            select(Person, linked.c.person_id.is_not(None))
            .join(Branch, Person.branch_id == Branch.id)
            .join(Committee, Branch.committee_id == Committee.id)
            .outerjoin(linked, linked.c.person_id == Person.id)
            .where(Person.active)
            .order_by(Committee.name, Branch.name, Person.id)
        )
        return [(p, bool(is_linked)) for p, is_linked in rows.tuples()]
