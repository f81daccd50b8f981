"""Tallies against the roster, computed from grouped counts (never row by row).

Exempted members (miễn sinh hoạt đảng) are listed but not counted: they are kept out of
every tally and rate, and reported as a number of their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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


def overall(branches: Iterable[BranchTally]) -> BranchTally:
    total = BranchTally(0, "")
    for bt in branches:
        total.meetings += bt.meetings
        total.exempt_people += bt.exempt_people
        total.total.add(bt.total)
        for cat, t in bt.by_category.items():
            total.by_category[cat].add(t)
            total.people[cat] += bt.people[cat]
    return total


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
