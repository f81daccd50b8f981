"""The organisers' workbook of a round or a contest: who may have it (a round's organiser;
for a branch's contest, those who act for the branch) and what it holds. Six statements
whatever the number of people, answers or branches: the ranking (two), the branches, every
answer with its question and person, the heading's Đảng bộ and signer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from config.i18n import Text
from config.text import name_key
from handlers.actor import Actor, Refusal
from handlers.reports.build import Heading
from storage.models.quiz import QuizContest, QuizRound
from storage.repos.quiz import AnswerRow, BranchTally, Standing, tally_branches
from storage.uow import UnitOfWork

NOT_FOR_YOU = Text("quiz.export_organisers_only")


@dataclass(frozen=True, slots=True)
class BranchRow:
    tally: BranchTally
    best: Standing | None  # the branch's best go


@dataclass(frozen=True, slots=True)
class Export:
    kind: str  # round | contest
    title: str
    speed: bool
    heading: Heading
    answers: list[AnswerRow]
    branches: list[BranchRow]  # lowest participation first
    branch_names: dict[int, str]

    @property
    def people(self) -> int:
        return len({a.person_id for a in self.answers})

    @property
    def file_name(self) -> str:
        word = "hoithi" if self.kind == "round" else "cuocthi"
        return f"{word}-{name_key(self.title).replace(' ', '-')[:60]}.xlsx"


def _rows(ranking: list[Standing], people: dict[int, tuple[str, int]]) -> list[BranchRow]:
    best: dict[int, Standing] = {}
    for s in ranking:  # in rank order: the first of a branch is its best
        best.setdefault(s.branch_id, s)
    return [BranchRow(b, best.get(b.branch_id)) for b in tally_branches(ranking, people)]


async def of_round(uow: UnitOfWork, round_: QuizRound, now: datetime) -> Export:
    ids = json.loads(round_.branch_ids)
    ranking = await uow.quiz.ranking(
        round_.bank_id, branch_ids=ids, kind="round", round_id=round_.id, named=0, speed=round_.speed_points
    )
    people = await uow.quiz.people_per_branch(branch_ids=ids)
    answers = await uow.quiz.answers_given(round_id=round_.id)
    organiser = await uow.people.get(round_.created_by_person_id)
    signer = await uow.reports.committee_secretary(round_.committee_id)
    heading = Heading(organiser.branch.committee.name if organiser else "", "", round_.title, signer, now)
    names = {i: n for i, (n, _) in people.items()}
    return Export("round", round_.title, round_.speed_points, heading, answers, _rows(ranking, people), names)


async def of_contest(uow: UnitOfWork, contest: QuizContest, now: datetime) -> Export:
    ranking = await uow.quiz.ranking(
        contest.bank_id, branch_ids=[contest.branch_id], kind="contest", contest_id=contest.id, named=0
    )
    people = await uow.quiz.people_per_branch(branch_ids=[contest.branch_id])
    answers = await uow.quiz.answers_given(contest_id=contest.id)
    bank = await uow.quiz.bank(contest.bank_id)
    branch = await uow.people.branch(contest.branch_id)
    signer = (await uow.reports.secretaries([contest.branch_id])).get(contest.branch_id, "")
    title = bank.title if bank else ""
    heading = Heading(
        branch.committee.name if branch else "", branch.name if branch else "", title, signer, now
    )
    names = {i: n for i, (n, _) in people.items()}
    return Export("contest", title, False, heading, answers, _rows(ranking, people), names)


async def round_for(uow: UnitOfWork, actor: Actor, round_id: int) -> QuizRound | Refusal:
    round_ = await uow.quiz.round(round_id)
    if round_ is None or round_.status not in ("open", "closed"):
        return Text("quiz.round_gone")
    if round_.created_by_person_id != actor.person.id or not actor.staff_of(round_.committee_id):
        return NOT_FOR_YOU
    return round_


async def contest_for(uow: UnitOfWork, actor: Actor, contest_id: int) -> QuizContest | Refusal:
    contest = await uow.quiz.contest(contest_id)
    branch = await uow.people.branch(contest.branch_id) if contest is not None else None
    if contest is None or branch is None:
        return Text("quiz.export_none")
    if not actor.acts_for(branch):
        return NOT_FOR_YOU
    return contest


async def export(uow: UnitOfWork, actor: Actor, kind: str, ident: int, now: datetime) -> Export | Refusal:
    """A round's or a contest's workbook, for those it is for."""
    if kind == "round":
        round_ = await round_for(uow, actor, ident)
        return round_ if isinstance(round_, Text) else await of_round(uow, round_, now)
    contest = await contest_for(uow, actor, ident)
    return contest if isinstance(contest, Text) else await of_contest(uow, contest, now)


async def latest(uow: UnitOfWork, actor: Actor, now: datetime) -> Export | Refusal:
    """`/bxh xuat`: the last round the actor opened, else their branch's last contest (for
    its secretary)."""
    if actor.committee_staff:
        round_ = await uow.quiz.latest_round_by(actor.person.id)
        if round_ is not None:
            return await of_round(uow, round_, now)
    if not (actor.secretary or actor.committee_staff):
        return NOT_FOR_YOU
    contest = await uow.quiz.latest_contest_of(actor.person.branch_id)
    if contest is None:
        return Text("quiz.export_none")
    return await of_contest(uow, contest, now)
