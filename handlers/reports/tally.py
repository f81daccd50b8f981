"""Tallies against the roster, computed from grouped counts (never row by row).

Exempted members (miễn sinh hoạt đảng) are listed but not counted: they are kept out of
every tally and rate, and reported as a number of their own."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from handlers.roles import Category
from storage.repos.reports import AttendanceCount, HistoryRow, RosterCount

CATEGORIES = (Category.OFFICIAL, Category.PROBATIONARY, Category.MASS)
LOW_RATE = 85.0  # a meeting below this attendance is flagged (Hướng dẫn 42-HD/BTCTW)


@dataclass(slots=True)
class Tally:
    on_time: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0  # the meeting ended with no check-in and no reason given
    will_attend: int = 0  # said they will come; the meeting has not ended
    unanswered: int = 0  # no answer yet; the meeting has not ended

    @property
    def present(self) -> int:
        return self.on_time + self.late

    @property
    def expected(self) -> int:
        return self.present + self.excused + self.absent + self.will_attend + self.unanswered

    @property
    def rate(self) -> float | None:
        return 100 * self.present / self.expected if self.expected else None

    def add(self, other: Tally) -> None:
        self.on_time += other.on_time
        self.late += other.late
        self.excused += other.excused
        self.absent += other.absent
        self.will_attend += other.will_attend
        self.unanswered += other.unanswered


@dataclass(slots=True)
class BranchTally:
    branch_id: int
    name: str
    meetings: int = 0
    total: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: {c.value: Tally() for c in CATEGORIES})
    exempt_people: int = 0
    people: dict[str, int] = field(default_factory=lambda: {c.value: 0 for c in CATEGORIES})


def _bucket(t: Tally, status: str, ended: bool, n: int) -> None:
    if status == "present":
        t.on_time += n
    elif status == "late":
        t.late += n
    elif status == "excused":
        t.excused += n
    elif ended:
        t.absent += n
    else:
        t.will_attend += n if status == "will_attend" else 0
        t.unanswered += n if status != "will_attend" else 0


def tally_branches(
    names: dict[int, str],
    roster: Iterable[RosterCount],
    occurrences: dict[tuple[int, bool], int],
    counts: Iterable[AttendanceCount],
) -> list[BranchTally]:
    """One BranchTally per branch that had a meeting in scope, from grouped counts: the roster
    by (branch, category, exempt), the number of meetings by (branch, ended) and attendance
    rows by (branch, ended, category, exempt, status). People with no row are absent once the
    meeting ended, unanswered before."""
    result: dict[int, BranchTally] = {}
    for (branch_id, _ended), n in occurrences.items():
        if n and branch_id in names:
            bt = result.setdefault(branch_id, BranchTally(branch_id, names[branch_id]))
            bt.meetings += n
    answered: dict[tuple[int, bool, str], int] = {}
    for c in counts:
        bt_or_none = result.get(c.branch_id)
        if bt_or_none is None or c.exempt:
            continue
        cat = c.category if c.category in bt_or_none.by_category else Category.MASS.value
        _bucket(bt_or_none.by_category[cat], c.status, c.ended, c.n)
        key = (c.branch_id, c.ended, cat)
        answered[key] = answered.get(key, 0) + c.n
    for r in roster:
        bt_or_none = result.get(r.branch_id)
        if bt_or_none is None:
            continue
        if r.exempt:
            bt_or_none.exempt_people += r.n
            continue
        cat = r.category if r.category in bt_or_none.by_category else Category.MASS.value
        bt_or_none.people[cat] += r.n
        for ended in (True, False):
            expected = r.n * occurrences.get((r.branch_id, ended), 0)
            missing = max(expected - answered.get((r.branch_id, ended, cat), 0), 0)
            answered[(r.branch_id, ended, cat)] = answered.get((r.branch_id, ended, cat), 0) + missing
            _bucket(bt_or_none.by_category[cat], "", ended, missing)
    for bt in result.values():
        for t in bt.by_category.values():
            bt.total.add(t)
    return sorted(
        result.values(), key=lambda b: (b.total.rate if b.total.rate is not None else 101.0, b.name)
    )


def tally_rows(rows: Sequence[Sequence[Any]]) -> tuple[list[BranchTally], BranchTally]:
    """The BranchTally of each row of `ReportRepo.branch_tallies` (plain tuples, one per
    branch, its tallies already made), lowest đảng viên rate first, and their total: the
    same figures as `party_order(tally_branches(…))` and `overall` make from grouped counts,
    in one pass over plain numbers (a city has 20,000 rows)."""
    # 120,000 objects for a city, none in a cycle: the collector walking them again and again
    # as they pile up would cost more than making them
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _tally_rows(rows)
    finally:
        if collecting:
            gc.enable()


def _tally_rows(rows: Sequence[Sequence[Any]]) -> tuple[list[BranchTally], BranchTally]:
    if not rows:
        return [], overall([])
    official, probationary, mass = (c.value for c in CATEGORIES)
    keyed: list[tuple[tuple[float, str, float, int], BranchTally]] = []
    for r in rows:
        off, prob, rest = r[7:13], r[13:19], r[19:25]
        total = Tally(*map(_add3, off, prob, rest))
        bt = BranchTally(
            r[0],
            r[1],
            r[2],
            total,
            {official: Tally(*off), probationary: Tally(*prob), mass: Tally(*rest)},
            r[6],
            {official: r[3], probationary: r[4], mass: r[5]},
        )
        # as `party_order(tally_branches(…))` orders: by đảng viên rate and name, then by the
        # rate of everyone (a city has many branches of one name), then by id
        expected = sum(off) + sum(prob)
        party_rate = 100 * (off[0] + off[1] + prob[0] + prob[1]) / expected if expected else 101.0
        everyone = expected + sum(rest)
        rate = 100 * (total.on_time + total.late) / everyone if everyone else 101.0
        keyed.append(((party_rate, r[1], rate, r[0]), bt))
    keyed.sort(key=itemgetter(0))
    # the total column by column, from the plain numbers
    sums = [sum(column) for column in zip(*(r[2:] for r in rows), strict=True)]
    by_category = {official: Tally(*sums[5:11]), probationary: Tally(*sums[11:17]), mass: Tally(*sums[17:23])}
    total = Tally(*map(_add3, sums[5:11], sums[11:17], sums[17:23]))
    people = {official: sums[1], probationary: sums[2], mass: sums[3]}
    return [bt for _, bt in keyed], BranchTally(0, "", sums[0], total, by_category, sums[4], people)


def _add3(a: int, b: int, c: int) -> int:
    return a + b + c


def _fields(t: Tally) -> tuple[int, int, int, int, int, int]:
    return (t.on_time, t.late, t.excused, t.absent, t.will_attend, t.unanswered)


def overall(branches: Iterable[BranchTally]) -> BranchTally:
    branches = list(branches)
    total = BranchTally(0, "")
    if not branches:
        return total
    # column by column (a city adds up 20,000 branches here)
    total.meetings = sum(bt.meetings for bt in branches)
    total.exempt_people = sum(bt.exempt_people for bt in branches)
    total.total = _sum(bt.total for bt in branches)
    for cat in total.by_category:
        total.by_category[cat] = _sum(bt.by_category[cat] for bt in branches if cat in bt.by_category)
        total.people[cat] = sum(bt.people.get(cat, 0) for bt in branches)
    return total


def _sum(tallies: Iterable[Tally]) -> Tally:
    return Tally(*(sum(column) for column in zip(*map(_fields, tallies), strict=True)))


PARTY = (Category.OFFICIAL.value, Category.PROBATIONARY.value)


def party(bt: BranchTally) -> Tally:
    """The đảng viên (chính thức and dự bị): the headline rate and the one the 85% rule
    judges. Quần chúng are counted beside it, never in it."""
    t = Tally()
    for cat in PARTY:
        t.add(bt.by_category[cat])
    return t


def mass(bt: BranchTally) -> Tally:
    return bt.by_category[Category.MASS.value]


def party_order(branches: Iterable[BranchTally]) -> list[BranchTally]:
    """Lowest đảng viên rate first; a branch with no đảng viên expected last."""
    return sorted(branches, key=lambda b: (r if (r := party(b).rate) is not None else 101.0, b.name))


def merged(parts: Iterable[Iterable[BranchTally]]) -> list[BranchTally]:
    """The same branches' tallies of several kinds of meeting added together, per branch."""
    result: dict[int, BranchTally] = {}
    for branches in parts:
        for b in branches:
            into = result.get(b.branch_id)
            if into is None:
                into = result[b.branch_id] = BranchTally(b.branch_id, b.name)
                into.exempt_people = b.exempt_people
                into.people = dict(b.people)
            into.meetings += b.meetings
            into.total.add(b.total)
            for cat, t in b.by_category.items():
                into.by_category[cat].add(t)
    return party_order(result.values())


def person_tallies(history: Iterable[HistoryRow]) -> dict[int, Tally]:
    """Each person's own tally over the meetings of `ReportRepo.history` (all ended): no answer
    is an absence without reason, a meeting they were exempted from is left out."""
    found: dict[int, Tally] = {}
    for row in history:
        if row.exempt_then:
            continue
        _bucket(found.setdefault(row.person_id, Tally()), row.status or "", True, 1)
    return found
