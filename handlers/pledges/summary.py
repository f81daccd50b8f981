"""The year-end summary: each member's pledge, each action's month-by-month history, the
secretary's comments, and beside them the member's attendance at the year's branch meetings
(the reports' own tally, `person_tallies`) and their quiz results; a self-assessment written
from this evidence, for the member to confirm with a level. Per branch for its secretary
(chat and .xlsx), and as counts per branch over the Đảng bộ for committee staff."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from config.clock import VN_TZ
from config.formatting import fmt_int, fmt_pct
from handlers.pledges.followup import latest_by_month, latest_reviews, month_label
from handlers.pledges.rates import Rate, rates
from handlers.quiz.services import year_lines
from handlers.reports.rules import BRANCH_MEETING
from handlers.reports.tally import Tally, person_tallies
from storage.models import Person, PledgeReport, PledgeReview
from storage.repos.pledges import Registered, YearCount
from storage.uow import UnitOfWork

Translate = Callable[..., str]
Level = Literal["xs", "tot", "ht", "kht"]
LEVELS: tuple[Level, ...] = ("xs", "tot", "ht", "kht")  # best first


@dataclass(slots=True)
class MemberYear:
    person: Person
    year: int
    pledge: Registered | None
    reports: dict[str, dict[int, PledgeReport]] = field(default_factory=dict)  # month → action → latest
    reviews: dict[str, PledgeReview] = field(default_factory=dict)  # month → latest
    attendance: Tally = field(default_factory=Tally)
    quiz: list[str] = field(default_factory=list)  # lines from the quiz feature, when it has any

    def last_status(self, action_no: int) -> str:
        """The action's state in the latest month it was reported on, or ""."""
        for month in sorted(self.reports, reverse=True):
            if action_no in self.reports[month]:
                return self.reports[month][action_no].status
        return ""

    def suggested_level(self) -> str:
        """The level the secretary gave most often during the year (the lower one on a tie);
        "" when the branch has not reviewed the member."""
        counts = Counter(r.rating for r in self.reviews.values() if r.rating in LEVELS)
        if not counts:
            return ""
        most = max(counts.values())
        return [lvl for lvl in LEVELS if counts.get(lvl) == most][-1]


async def quiz_results(uow: UnitOfWork, person_ids: list[int], year: int) -> dict[int, list[str]]:
    """The quiz results of the year for each person, as lines for the summary (the quiz
    feature's: rounds, practices, group contests)."""
    start = datetime(year, 1, 1, tzinfo=VN_TZ)
    return await year_lines(uow, person_ids, start, datetime(year + 1, 1, 1, tzinfo=VN_TZ))


def _year_bounds(year: int, now: datetime) -> tuple[datetime, datetime]:
    start = datetime(year, 1, 1, tzinfo=VN_TZ)
    return start, min(now, datetime(year + 1, 1, 1, tzinfo=VN_TZ))


async def of_branch(uow: UnitOfWork, branch_id: int, year: int, now: datetime) -> list[MemberYear]:
    """Every active person of the branch (with or without a pledge), by name: a fixed number
    of statements (the pledges, their reports, their reviews, the year's attendance, quizzes)."""
    people = sorted(await uow.people.in_branch(branch_id), key=lambda p: (p.name_key, p.id))
    pledges = {p.id: r for p, r in await uow.pledges.of_branch(branch_id, year)}
    ids = [r.pledge.id for r in pledges.values()]
    reports = await uow.pledges.reports_of(ids)
    reviews = await uow.pledges.reviews_of(ids)
    start, until = _year_bounds(year, now)
    tallies = person_tallies(await uow.reports.history([branch_id], start, until, kind=BRANCH_MEETING))
    quizzes = await quiz_results(uow, [p.id for p in people], year)
    found = []
    for person in people:
        registered = pledges.get(person.id)
        pid = registered.pledge.id if registered is not None else None
        found.append(
            MemberYear(
                person,
                year,
                registered,
                latest_by_month([r for r in reports if r.pledge_id == pid]),
                latest_reviews([r for r in reviews if r.pledge_id == pid]),
                tallies.get(person.id, Tally()),
                quizzes.get(person.id, []),
            )
        )
    return found


async def of_member(uow: UnitOfWork, person: Person, year: int, now: datetime) -> MemberYear:
    return next(m for m in await of_branch(uow, person.branch_id, year, now) if m.person.id == person.id)


def attendance_line(t: Translate, m: MemberYear) -> str:
    a = m.attendance
    return t(
        "pl.year.attendance",
        year=m.year,
        present=a.present,
        expected=a.expected,
        late=a.late,
        excused=a.excused,
        absent=a.absent,
    )


def self_assessment(t: Translate, m: MemberYear) -> str:
    """What chibo writes for the member from the evidence; they confirm it with a level."""
    assert m.pledge is not None
    actions = m.pledge.text.actions
    states = Counter(m.last_status(n) for n in range(1, len(actions) + 1))
    rated = Counter(r.rating for r in m.reviews.values())
    ratings = ", ".join(f"{t(f'pl.rating.{lvl}')} {rated[lvl]}" for lvl in LEVELS if rated[lvl]) or t(
        "pl.year.no_review"
    )
    return t(
        "pl.year.self",
        year=m.year,
        actions=len(actions),
        done=states["done"],
        doing=states["doing"],
        not_yet=states["not"] + states[""],
        months=len(m.reports),
        reviewed=len(m.reviews),
        ratings=ratings,
        present=m.attendance.present,
        expected=m.attendance.expected,
    )


def history_lines(t: Translate, m: MemberYear) -> list[str]:
    assert m.pledge is not None
    lines = []
    for n, action in enumerate(m.pledge.text.actions, 1):
        months = [
            t("pl.year.month_state", month=month_label(month), status=t(f"pl.status.{r[n].status}"))
            + (t("pl.month.note", note=r[n].note) if r[n].note else "")
            for month, r in sorted(m.reports.items())
            if n in r
        ]
        lines.append(
            t("pl.year.action", n=n, what=action["what"], months="; ".join(months) or t("pl.status.none"))
        )
    if m.reviews:
        lines.append(t("pl.year.reviews"))
        lines += [
            t(
                "pl.year.review",
                month=month_label(month),
                rating=t(f"pl.rating.{r.rating}"),
                comment=r.comment or "—",
            )
            for month, r in sorted(m.reviews.items())
        ]
    return lines


@dataclass(slots=True)
class BranchYear:
    rate: Rate
    counts: YearCount


async def committee(
    uow: UnitOfWork, year: int, committee_id: int
) -> tuple[list[BranchYear], Rate, YearCount]:
    """The Đảng bộ's year per branch, in four statements whatever the number of branches."""
    branches, total = await rates(uow, year, committee_id)
    counts = await uow.pledges.year_counts(year, committee_id)
    none = YearCount(0, 0, 0, 0)
    rows = [BranchYear(r, counts.get(r.branch_id, none)) for r in branches]
    summed = YearCount(
        *(
            sum(getattr(c.counts, f) for c in rows)
            for f in ("registered", "reported", "reviewed", "confirmed")
        )
    )
    return rows, total, summed


def committee_text(
    t: Translate, year: int, name: str, rows: list[BranchYear], total: Rate, summed: YearCount
) -> str:
    done, of = total.party()
    lines = [
        t("pl.year.committee_title", year=year, scope=name, n=fmt_int(len(rows))),
        t(
            "pl.year.committee_total",
            done=fmt_int(done),
            of=fmt_int(of),
            pct=fmt_pct(done, of),
            reported=fmt_int(summed.reported),
            reviewed=fmt_int(summed.reviewed),
            confirmed=fmt_int(summed.confirmed),
            registered=fmt_int(summed.registered),
        ),
        t("pl.rate.per_branch"),
    ]
    for row in rows:
        d, o = row.rate.party()
        lines.append(
            t(
                "pl.year.committee_line",
                branch=row.rate.name,
                done=fmt_int(d),
                of=fmt_int(o),
                pct=fmt_pct(d, o),
                reviewed=fmt_int(row.counts.reviewed),
                confirmed=fmt_int(row.counts.confirmed),
                registered=fmt_int(row.counts.registered),
            )
        )
    return "\n".join(lines)
