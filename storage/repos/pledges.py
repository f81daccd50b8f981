"""Pledges: the current text of a person's pledge and its earlier versions, the branch's year
(locked, reminders sent), registration counts for roll-ups (a fixed number of statements,
whatever the number of branches), monthly reports and reviews."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Branch, Person, Pledge, PledgeReport, PledgeReview, PledgeVersion, PledgeYear
from storage.repos.dialect import insert_for
from storage.repos.people import Member, latest_account_each, with_latest_account


@dataclass(frozen=True, slots=True)
class PledgeText:
    """What a pledge says: the topic, the contents chosen, the shortcomings, the actions."""

    topic: str
    contents: list[str]
    shortcomings: str
    actions: list[dict[str, str]]  # {"what", "when", "evidence"}


@dataclass(frozen=True, slots=True)
class Registered:
    pledge: Pledge
    text: PledgeText
    versions: int


@dataclass(frozen=True, slots=True)
class RegistrationCount:
    branch_id: int
    category: str
    exempt: bool
    n: int


@dataclass(frozen=True, slots=True)
class YearCount:
    registered: int
    reported: int
    reviewed: int
    confirmed: int


def _text(v: PledgeVersion) -> PledgeText:
    return PledgeText(
        v.topic_title, list(json.loads(v.contents)), v.shortcomings, list(json.loads(v.actions))
    )


class PledgeRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of(self, person_id: int, year: int) -> Registered | None:
        pledge = (
            await self.session.execute(
                select(Pledge).where(Pledge.person_id == person_id, Pledge.year == year)
            )
        ).scalar_one_or_none()
        if pledge is None:
            return None
        version = (
            await self.session.execute(
                select(PledgeVersion).where(
                    PledgeVersion.pledge_id == pledge.id, PledgeVersion.version == pledge.version
                )
            )
        ).scalar_one()
        return Registered(pledge, _text(version), pledge.version)

    async def versions(self, pledge_id: int) -> list[tuple[PledgeVersion, PledgeText]]:
        rows = await self.session.execute(
            select(PledgeVersion).where(PledgeVersion.pledge_id == pledge_id).order_by(PledgeVersion.version)
        )
        return [(v, _text(v)) for v in rows.scalars()]

    async def save(
        self, person: Person, year: int, text: PledgeText, by_person_id: int, now: datetime
    ) -> Registered:
        """A new version of the person's pledge of the year (the first registers it)."""
        existing = await self.of(person.id, year)
        if existing is None:
            pledge = Pledge(
                person_id=person.id,
                branch_id=person.branch_id,
                year=year,
                version=1,
                registered_at=now,
                updated_at=now,
                self_assessment="",
                self_level="",
            )
            self.session.add(pledge)
            await self.session.flush()
        else:
            pledge = existing.pledge
            pledge.version += 1
            pledge.updated_at = now
        self.session.add(
            PledgeVersion(
                pledge_id=pledge.id,
                version=pledge.version,
                topic_title=text.topic,
                contents=json.dumps(text.contents, ensure_ascii=False),
                shortcomings=text.shortcomings,
                actions=json.dumps(text.actions, ensure_ascii=False),
                created_at=now,
                created_by_person_id=by_person_id,
            )
        )
        await self.session.flush()
        return Registered(pledge, text, pledge.version)

    async def year_of(self, branch_id: int, year: int) -> PledgeYear | None:
        return await self.session.get(PledgeYear, (branch_id, year))

    async def _year_row(self, branch_id: int, year: int) -> PledgeYear:
        stmt = insert_for(self.session, PledgeYear).values(
            branch_id=branch_id, year=year, locked=False, reminders=0
        )
        await self.session.execute(stmt.on_conflict_do_nothing(index_elements=["branch_id", "year"]))
        row = await self.session.get(PledgeYear, (branch_id, year), populate_existing=True)
        assert row is not None
        return row

    async def set_locked(
        self, branch_id: int, year: int, locked: bool, person_id: int, now: datetime
    ) -> None:
        row = await self._year_row(branch_id, year)
        row.locked = locked
        row.locked_at = now if locked else None
        row.locked_by_person_id = person_id if locked else None
        await self.session.flush()

    async def count_reminder(self, branch_id: int, year: int, limit: int, now: datetime) -> int | None:
        """One more reminder round for the branch's year, unless `limit` were sent: the round's
        number, or None. One conditional update, so two secretaries pressing at once send one."""
        await self._year_row(branch_id, year)
        result = await self.session.execute(
            update(PledgeYear)
            .where(PledgeYear.branch_id == branch_id, PledgeYear.year == year, PledgeYear.reminders < limit)
            .values(reminders=PledgeYear.reminders + 1, reminded_at=now)
            .returning(PledgeYear.reminders)
        )
        found = result.scalar_one_or_none()
        return int(found) if found is not None else None

    async def registration_counts(
        self, year: int, committee_id: int, branch_ids: Sequence[int] | None = None
    ) -> list[RegistrationCount]:
        """Active people with a pledge of the year, by (branch, category, exempt): one statement."""
        q = (
            select(Person.branch_id, Person.category, Person.exempt, func.count())
            .join(Pledge, (Pledge.person_id == Person.id) & (Pledge.year == year))
            .join(Branch, Branch.id == Person.branch_id)
            .where(Branch.committee_id == committee_id, Person.active)
            .group_by(Person.branch_id, Person.category, Person.exempt)
        )
        if branch_ids is not None:
            q = q.where(Person.branch_id.in_(list(branch_ids)))
        rows = await self.session.execute(q)
        return [RegistrationCount(b, c, bool(x), int(n)) for b, c, x, n in rows.tuples()]

    async def not_registered(self, branch_id: int, year: int) -> list[tuple[Member, bool]]:
        """The branch's active people with no pledge of the year, by name, each with the chat
        account that reaches them and whether they are exempted from meetings."""
        registered = (
            select(Pledge.person_id).where(Pledge.year == year, Pledge.person_id == Person.id).exists()
        )
        q = with_latest_account(Person.exempt).where(Person.branch_id == branch_id, ~registered)
        return [(m, bool(x)) for m, (x,) in latest_account_each((await self.session.execute(q)).tuples())]

    async def add_report(
        self, pledge_id: int, month: str, version: int, answers: Sequence[tuple[int, str, str]], now: datetime
    ) -> None:
        self.session.add_all(
            PledgeReport(
                pledge_id=pledge_id,
                month=month,
                action_no=no,
                version=version,
                status=status,
                note=note,
                reported_at=now,
            )
            for no, status, note in answers
        )
        await self.session.flush()

    async def add_review(
        self, pledge_id: int, month: str, rating: str, comment: str, reviewer_id: int, now: datetime
    ) -> None:
        self.session.add(
            PledgeReview(
                pledge_id=pledge_id,
                month=month,
                rating=rating,
                comment=comment,
                reviewer_person_id=reviewer_id,
                reviewed_at=now,
            )
        )
        await self.session.flush()

    async def reports_of(self, pledge_ids: Sequence[int]) -> list[PledgeReport]:
        """Every report row of these pledges, oldest first (a later row for the same month and
        action replaces an earlier one when read)."""
        if not pledge_ids:
            return []
        rows = await self.session.execute(
            select(PledgeReport).where(PledgeReport.pledge_id.in_(list(pledge_ids))).order_by(PledgeReport.id)
        )
        return list(rows.scalars())

    async def reviews_of(self, pledge_ids: Sequence[int]) -> list[PledgeReview]:
        if not pledge_ids:
            return []
        rows = await self.session.execute(
            select(PledgeReview).where(PledgeReview.pledge_id.in_(list(pledge_ids))).order_by(PledgeReview.id)
        )
        return list(rows.scalars())

    async def month_counts(self, branch_id: int, year: int, month: str) -> tuple[int, int, int]:
        """(pledges of the year, of them reported on the month, reviewed for it) in one branch:
        one statement."""
        registered = (
            select(func.count())
            .select_from(Pledge)
            .join(Person, Person.id == Pledge.person_id)
            .where(Pledge.branch_id == branch_id, Pledge.year == year, Person.active)
        )
        reported = (
            select(func.count(func.distinct(PledgeReport.pledge_id)))
            .join(Pledge, Pledge.id == PledgeReport.pledge_id)
            .where(Pledge.branch_id == branch_id, PledgeReport.month == month)
        )
        reviewed = (
            select(func.count(func.distinct(PledgeReview.pledge_id)))
            .join(Pledge, Pledge.id == PledgeReview.pledge_id)
            .where(Pledge.branch_id == branch_id, PledgeReview.month == month)
        )
        row = (
            await self.session.execute(
                select(registered.scalar_subquery(), reported.scalar_subquery(), reviewed.scalar_subquery())
            )
        ).one()
        return int(row[0]), int(row[1]), int(row[2])

    async def of_branch(self, branch_id: int, year: int) -> list[tuple[Person, Registered]]:
        """Every active person of the branch with a pledge of the year, by name (one statement)."""
        rows = await self.session.execute(
            select(Person, Pledge, PledgeVersion)
            .join(Pledge, (Pledge.person_id == Person.id) & (Pledge.year == year))
            .join(
                PledgeVersion,
                (PledgeVersion.pledge_id == Pledge.id) & (PledgeVersion.version == Pledge.version),
            )
            .where(Person.branch_id == branch_id, Person.active)
            .order_by(Person.name_key, Person.id)
        )
        return [(p, Registered(pl, _text(v), pl.version)) for p, pl, v in rows.tuples()]

    async def year_counts(self, year: int, committee_id: int) -> dict[int, YearCount]:
        """Per branch of the committee: active people's pledges of the year, how many were
        reported on in some month of it, reviewed in some month, and self-assessed. One statement."""
        first, last = f"{year:04d}-01", f"{year:04d}-12"
        # looked up by the (pledge, month) index: a Đảng bộ pays for its own pledges only
        reported = (
            select(PledgeReport.id)
            .where(
                PledgeReport.pledge_id == Pledge.id, PledgeReport.month >= first, PledgeReport.month <= last
            )
            .exists()
        )
        reviewed = (
            select(PledgeReview.id)
            .where(
                PledgeReview.pledge_id == Pledge.id, PledgeReview.month >= first, PledgeReview.month <= last
            )
            .exists()
        )
        rows = await self.session.execute(
            select(
                Person.branch_id,
                func.count(),
                func.count().filter(reported),
                func.count().filter(reviewed),
                func.count(Pledge.confirmed_at),
            )
            .join(Pledge, (Pledge.person_id == Person.id) & (Pledge.year == year))
            .join(Branch, Branch.id == Person.branch_id)
            .where(Branch.committee_id == committee_id, Person.active, Person.exempt.is_(False))
            .group_by(Person.branch_id)
        )
        return {b: YearCount(int(n), int(rep), int(rev), int(c)) for b, n, rep, rev, c in rows.tuples()}

    async def confirm_assessment(self, pledge_id: int, text: str, level: str, now: datetime) -> None:
        await self.session.execute(
            update(Pledge)
            .where(Pledge.id == pledge_id)
            .values(self_assessment=text, self_level=level, confirmed_at=now)
        )


def payload_of(text: PledgeText) -> dict[str, Any]:
    return {
        "topic": text.topic,
        "contents": text.contents,
        "shortcomings": text.shortcomings,
        "actions": text.actions,
    }
