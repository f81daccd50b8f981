"""People of the roster, their branches, and the chat account each is reached on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Account, Branch, Committee, Person


@dataclass(frozen=True, slots=True)
class Member:
    """A roster person and the chat account messages reach them on (none if not linked)."""

    person_id: int
    full_name: str
    branch_id: int
    platform: str = ""
    user_id: str = ""
    language: str = ""
    will_attend: bool = False  # for a meeting's reminders: they said they will come

    @property
    def linked(self) -> bool:
        return bool(self.user_id)


def with_latest_account(*extra: Any, linked_only: bool = False, by_name: bool = True) -> Select[Any]:
    """Active people, one row per chat account (the latest linked first), then `extra`
    columns; `latest_account_each` keeps each person's first row. Without `linked_only`
    people with no account come once, with empty account columns."""
    q = select(
        Person.id,
        Person.full_name,
        Person.branch_id,
        Account.platform,
        Account.user_id,
        Account.language,
        *extra,
    )
    q = (
        q.join(Account, Account.person_id == Person.id)
        if linked_only
        else q.outerjoin(Account, Account.person_id == Person.id)
    )
    names = (Person.branch_id, Person.full_name) if by_name else ()
    return q.where(Person.active).order_by(*names, Person.id, Account.linked_at.desc(), Account.id.desc())


def latest_account_each(rows: Iterable[Sequence[Any]]) -> list[tuple[Member, tuple[Any, ...]]]:
    """Each person's first row of `with_latest_account`, with its extra columns."""
    seen: set[int] = set()
    found: list[tuple[Member, tuple[Any, ...]]] = []
    for row in rows:
        pid, name, branch_id, platform, user_id, language, *extra = row
        if pid in seen:
            continue
        seen.add(pid)
        found.append(
            (Member(pid, name, branch_id, platform or "", user_id or "", language or ""), tuple(extra))
        )
    return found


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

    async def members(self, branch_ids: Sequence[int]) -> list[Member]:
        """Active people of these branches, each with their most recently linked account."""
        if not branch_ids:
            return []
        q = with_latest_account().where(Person.branch_id.in_(list(branch_ids)))
        return [m for m, _ in latest_account_each((await self.session.execute(q)).tuples())]

    async def link_codes(self, branch_ids: Sequence[int]) -> list[tuple[Member, str, str]]:
        """Active people of these branches with their category and link code, by branch and name."""
        if not branch_ids:
            return []
        q = with_latest_account(Person.category, Person.link_code).where(
            Person.branch_id.in_(list(branch_ids))
        )
        return [
            (m, str(category), str(code))
            for m, (category, code) in latest_account_each((await self.session.execute(q)).tuples())
        ]

    async def branches_of_committee(self, committee_id: int) -> list[Branch]:
        rows = await self.session.execute(
            select(Branch).where(Branch.committee_id == committee_id).order_by(Branch.name)
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
