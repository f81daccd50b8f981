"""Question banks and their questions, attempts and answers, and the tallies of /bxh."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import BigInteger, Table, and_, bindparam, case, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from config.text import name_key
from content.quiz_bank import BankData, QuestionData
from storage.models import Branch, Person
from storage.models.quiz import QuizAnswer, QuizAttempt, QuizBank, QuizContest, QuizQuestion, QuizRound
from storage.repos.dialect import insert_for
from storage.repos.people import Member, latest_account_each, with_latest_account


@dataclass(frozen=True, slots=True)
class Planned:
    """A question of an attempt: the question and the order its choices are shown in (the
    bank's indexes, first shown first)."""

    question: int
    order: tuple[int, ...]


_MOVED = ("position", "correct", "elapsed_ms", "asked_at", "status", "finished_at")
# an answered attempt moved to its next question (or finished), sent for many at once
_ATTEMPTS = cast(Table, QuizAttempt.__table__)
_MOVE = (
    update(_ATTEMPTS)
    .where(_ATTEMPTS.c.id == bindparam("b_id"))
    .values({c: bindparam(f"b_{c}") for c in _MOVED})
)


def plan_of(attempt: QuizAttempt) -> list[Planned]:
    return [Planned(int(p["q"]), tuple(p["order"])) for p in json.loads(attempt.plan)]


def choices_of(question: QuizQuestion) -> list[str]:
    return [str(c) for c in json.loads(question.choices)]


def answer_of(question: QuizQuestion) -> frozenset[int]:
    return frozenset(int(i) for i in json.loads(question.answer))


def _question_row(q: QuestionData, position: int) -> dict[str, object]:
    return {
        "position": position,
        "question": q.question,
        "choices": json.dumps(list(q.choices), ensure_ascii=False),
        "answer": json.dumps(list(q.answer)),
        "explanation": q.explanation,
        "section": q.section,
        "difficulty": q.difficulty,
        "topic_slug": q.topic,
        "active": True,
    }


@dataclass(frozen=True, slots=True)
class Standing:
    """One person's best go in a leaderboard."""

    person_id: int
    full_name: str
    branch_id: int
    correct: int
    total: int
    elapsed_ms: int
    points: int = 0  # with speed points on: the score ranked by


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer as the organisers' workbook lists it."""

    person_id: int
    full_name: str
    branch_id: int
    attempt_id: int
    position: int
    question: QuizQuestion
    chosen: tuple[int, ...]  # bank indexes
    correct: bool
    ms: int
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class BranchTally:
    branch_id: int
    branch: str
    people: int  # active on the roster
    took: int  # of them, took it (finished at least once)
    correct: int  # summed over each taker's best go
    total: int


@dataclass(frozen=True, slots=True)
class Missed:
    """A question and how it went: how many answered it, how many wrong, what they chose."""

    question: QuizQuestion
    answered: int
    wrong: int
    chosen: dict[tuple[int, ...], int]  # wrong choices (bank indexes) → how many chose them


@dataclass(frozen=True, slots=True)
class Recorded:
    """An answer to the question `attempt` is at: the bank's indexes chosen."""

    attempt: QuizAttempt
    question_id: int
    chosen: tuple[int, ...]
    correct: bool


def _ms(attempt: QuizAttempt, now: datetime) -> int:
    return max(0, int((now - attempt.asked_at).total_seconds() * 1000)) if attempt.asked_at else 0


# the digits of the number a go is ranked by: share of correct answers (0–10,000), correct
# answers, questions, then time left of 10⁸ centiseconds (about 11 days); under 2⁶³
_SHARE, _CORRECT, _TOTAL, _TIME = 10**14, 10**11, 10**8, 10**8
# speed points: each correct answer is worth POINTS_CORRECT, and up to POINTS_FAST more,
# POINTS_PER_SECOND fewer for each whole second taken to answer it (none from 20 s on)
POINTS_CORRECT, POINTS_FAST, POINTS_PER_SECOND = 100, 100, 5
_FAST_MS = POINTS_FAST // POINTS_PER_SECOND * 1000


def answer_points(correct: bool, ms: int) -> int:
    return POINTS_CORRECT + max(0, POINTS_FAST - POINTS_PER_SECOND * (ms // 1000)) if correct else 0


class QuizRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- banks ---------------------------------------------------------------------------------
    async def sync_bundled(self, banks: Sequence[BankData], now: datetime) -> int:
        """The bundled banks as the files say; a question is kept (with its answers) while its
        text stays, and set aside when the file drops it. Returns how many banks changed."""
        changed = 0
        for data in banks:
            bank = (
                await self.session.execute(select(QuizBank).where(QuizBank.slug == data.slug))
            ).scalar_one_or_none()
            if bank is None:
                bank = QuizBank(
                    slug=data.slug,
                    title=data.title,
                    topic_slug=data.topic,
                    source="bundled",
                    created_at=now,
                    updated_at=now,
                )
                self.session.add(bank)
                await self.session.flush()
            if await self._put_questions(bank, data, now):
                changed += 1
        await self.session.flush()
        return changed

    async def _put_questions(self, bank: QuizBank, data: BankData, now: datetime) -> bool:
        existing = {
            name_key(q.question): q
            for q in (
                await self.session.execute(select(QuizQuestion).where(QuizQuestion.bank_id == bank.id))
            ).scalars()
        }
        changed = bank.title != data.title or bank.topic_slug != data.topic
        bank.title, bank.topic_slug = data.title, data.topic
        kept: set[int] = set()
        for position, q in enumerate(data.questions):
            values = _question_row(q, position)
            current = existing.get(name_key(q.question))
            if current is None:
                self.session.add(QuizQuestion(bank_id=bank.id, **values))
                changed = True
                continue
            kept.add(current.id)
            if any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                changed = True
        for old in existing.values():
            if old.id not in kept and old.active:
                old.active = False
                changed = True
        if changed:
            bank.updated_at = now
        return changed

    async def add_bank(
        self,
        data: BankData,
        *,
        branch_id: int | None,
        committee_id: int | None,
        person_id: int | None,
        now: datetime,
    ) -> QuizBank:
        bank = QuizBank(
            slug=data.slug,
            title=data.title[:300],
            topic_slug=data.topic,
            source="upload",
            branch_id=branch_id,
            committee_id=committee_id,
            created_by_person_id=person_id,
            created_at=now,
            updated_at=now,
        )
        self.session.add(bank)
        await self.session.flush()
        await self._put_questions(bank, data, now)
        await self.session.flush()
        return bank

    async def slug_taken(self, slug: str) -> bool:
        return (
            await self.session.execute(select(QuizBank.id).where(QuizBank.slug == slug))
        ).first() is not None

    async def banks_for(self, branch_id: int, committee_id: int) -> list[tuple[QuizBank, int]]:
        """The banks a person of this branch may practise, each with its number of active
        questions: the bundled ones, their Đảng bộ's and their branch's; newest first."""
        count = (
            select(QuizQuestion.bank_id, func.count().label("n"))
            .where(QuizQuestion.active)
            .group_by(QuizQuestion.bank_id)
            .subquery()
        )
        rows = await self.session.execute(
            select(QuizBank, count.c.n)
            .join(count, count.c.bank_id == QuizBank.id)
            .where(
                or_(
                    and_(QuizBank.branch_id.is_(None), QuizBank.committee_id.is_(None)),
                    and_(QuizBank.branch_id.is_(None), QuizBank.committee_id == committee_id),
                    QuizBank.branch_id == branch_id,
                )
            )
            .order_by(QuizBank.source.desc(), QuizBank.updated_at.desc(), QuizBank.id.desc())
        )
        return [(b, int(n)) for b, n in rows.tuples()]

    async def bank(self, bank_id: int) -> QuizBank | None:
        return await self.session.get(QuizBank, bank_id)

    async def questions(self, bank_id: int) -> list[QuizQuestion]:
        rows = await self.session.execute(
            select(QuizQuestion)
            .where(QuizQuestion.bank_id == bank_id, QuizQuestion.active)
            .order_by(QuizQuestion.position)
        )
        return list(rows.scalars())

    async def question(self, question_id: int) -> QuizQuestion | None:
        return await self.session.get(QuizQuestion, question_id)

    async def banks_by_id(self, ids: Sequence[int]) -> dict[int, QuizBank]:
        if not ids:
            return {}
        rows = await self.session.execute(select(QuizBank).where(QuizBank.id.in_(sorted(set(ids)))))
        return {b.id: b for b in rows.scalars()}

    async def questions_by_id(self, ids: Sequence[int]) -> dict[int, QuizQuestion]:
        if not ids:
            return {}
        rows = await self.session.execute(select(QuizQuestion).where(QuizQuestion.id.in_(list(ids))))
        return {q.id: q for q in rows.scalars()}

    # -- attempts ------------------------------------------------------------------------------
    async def open_attempt(self, person_id: int, kind: str = "practice") -> QuizAttempt | None:
        rows = await self.session.execute(
            select(QuizAttempt)
            .where(QuizAttempt.person_id == person_id, QuizAttempt.kind == kind, QuizAttempt.status == "open")
            .order_by(QuizAttempt.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def attempt(self, attempt_id: int) -> QuizAttempt | None:
        return await self.session.get(QuizAttempt, attempt_id)

    async def attempts_by_id(self, ids: Sequence[int]) -> dict[int, QuizAttempt]:
        if not ids:
            return {}
        rows = await self.session.execute(select(QuizAttempt).where(QuizAttempt.id.in_(sorted(set(ids)))))
        return {a.id: a for a in rows.scalars()}

    async def start(
        self,
        person_id: int,
        bank_id: int,
        plan: Sequence[Planned],
        now: datetime,
        kind: str = "practice",
        round_id: int | None = None,
    ) -> QuizAttempt:
        """A new attempt; an open one of the same kind is dropped (a retake replaces it)."""
        await self.session.execute(
            update(QuizAttempt)
            .where(QuizAttempt.person_id == person_id, QuizAttempt.kind == kind, QuizAttempt.status == "open")
            .values(status="dropped")
        )
        attempt = QuizAttempt(
            person_id=person_id,
            bank_id=bank_id,
            kind=kind,
            round_id=round_id,
            status="open",
            plan=json.dumps([{"q": p.question, "order": list(p.order)} for p in plan]),
            position=0,
            total=len(plan),
            correct=0,
            elapsed_ms=0,
            asked_at=now,
            started_at=now,
        )
        self.session.add(attempt)
        await self.session.flush()
        return attempt

    async def record(
        self, attempt: QuizAttempt, question_id: int, chosen: Sequence[int], correct: bool, now: datetime
    ) -> bool:
        """The answer to the question being asked, once: False if it was answered already (a
        second tap, a redelivered update). Moves the attempt to the next question."""
        return bool(await self.record_many([Recorded(attempt, question_id, tuple(chosen), correct)], now))

    async def record_many(self, answers: Sequence[Recorded], now: datetime) -> set[int]:
        """Each answer to the question its attempt is at, once (at most one per attempt), in
        one statement; returns the attempts whose answer was new, moved to their next
        question. An attempt answered already (a second tap, a redelivered update, another
        replica) is left as it is."""
        if not answers:
            return set()
        ms = [_ms(a.attempt, now) for a in answers]
        rows = [
            {
                "attempt_id": a.attempt.id,
                "position": a.attempt.position,
                "question_id": a.question_id,
                "chosen": json.dumps(sorted(a.chosen)),
                "correct": a.correct,
                "ms": spent,
                "answered_at": now,
            }
            for a, spent in zip(answers, ms, strict=True)
        ]
        stmt = (
            insert_for(self.session, QuizAnswer)
            .on_conflict_do_nothing(index_elements=["attempt_id", "position"])
            .returning(QuizAnswer.attempt_id)
        )
        # compiled once and cached, sent in batches ("insertmanyvalues")
        connection = await self.session.connection()
        new = set((await connection.execute(stmt, rows)).scalars())
        moved: list[tuple[QuizAttempt, dict[str, Any]]] = []
        for a, spent in zip(answers, ms, strict=True):
            attempt = a.attempt
            if attempt.id not in new:
                continue
            done = attempt.position + 1 >= attempt.total
            moved.append(
                (
                    attempt,
                    {
                        "b_id": attempt.id,
                        "b_position": attempt.position + 1,
                        "b_correct": attempt.correct + int(a.correct),
                        "b_elapsed_ms": attempt.elapsed_ms + spent,
                        "b_asked_at": now,
                        "b_status": "done" if done else attempt.status,
                        "b_finished_at": now if done else attempt.finished_at,
                    },
                )
            )
        if moved:
            # one statement for the batch (the unit of work's flush sends one per run of rows
            # that change the same columns); the objects then hold what was written, unchanged
            await connection.execute(_MOVE, [row for _, row in moved])
            for attempt, row in moved:
                for column in _MOVED:
                    set_committed_value(attempt, column, row[f"b_{column}"])
        return new

    async def resume(self, attempt: QuizAttempt, now: datetime) -> None:
        """Time away from an interrupted practice does not count: the clock restarts now."""
        attempt.asked_at = now
        await self.session.flush()

    async def answers(self, attempt_id: int) -> list[QuizAnswer]:
        rows = await self.session.execute(
            select(QuizAnswer).where(QuizAnswer.attempt_id == attempt_id).order_by(QuizAnswer.position)
        )
        return list(rows.scalars())

    async def history(self, person_id: int, limit: int = 10) -> list[tuple[QuizAttempt, str]]:
        """A person's finished attempts, newest first, with their bank's title."""
        rows = await self.session.execute(
            select(QuizAttempt, QuizBank.title)
            .join(QuizBank, QuizBank.id == QuizAttempt.bank_id)
            .where(QuizAttempt.person_id == person_id, QuizAttempt.status == "done")
            .order_by(QuizAttempt.finished_at.desc(), QuizAttempt.id.desc())
            .limit(limit)
        )
        return [(a, str(title)) for a, title in rows.tuples()]

    # -- leaderboards ----------------------------------------------------------------------------
    async def ranking(
        self,
        bank_id: int,
        *,
        branch_ids: Sequence[int] | None = None,
        committee_id: int | None = None,
        kind: str = "practice",
        round_id: int | None = None,
        contest_id: int | None = None,
        named: int = 20,
        speed: bool = False,
    ) -> list[Standing]:
        """Each active person's best finished go at a bank, in rank order: the larger share
        of correct answers, then more correct answers (a longer practice), then less time
        answering; the first `named` with their names. Two statements, whatever the number of
        branches: each person's best go is the largest of one number that orders goes the
        same way (an aggregate, not a window over every go). With `speed`, a round's points
        (see `answer_points`) come first in place of the share; a subquery sums them per go."""

        def big(n: int) -> Any:
            return literal(n, BigInteger)

        first: Any = (QuizAttempt.correct * 10_000 // func.nullif(QuizAttempt.total, 0)) * big(_SHARE)
        points = None
        if speed:
            points = (
                select(
                    QuizAnswer.attempt_id,
                    func.sum(
                        case(
                            (
                                and_(QuizAnswer.correct, QuizAnswer.ms < _FAST_MS),
                                POINTS_CORRECT + POINTS_FAST - POINTS_PER_SECOND * (QuizAnswer.ms // 1000),
                            ),
                            (QuizAnswer.correct, POINTS_CORRECT),
                            else_=0,
                        )
                    ).label("points"),
                )
                .group_by(QuizAnswer.attempt_id)
                .subquery()
            )
            first = func.coalesce(points.c.points, 0) * big(_SHARE)
        key = (
            first
            + QuizAttempt.correct * big(_CORRECT)
            + QuizAttempt.total * big(_TOTAL)
            + (
                _TIME
                - 1
                - case((QuizAttempt.elapsed_ms >= _TIME * 10, _TIME - 1), else_=QuizAttempt.elapsed_ms // 10)
            )
        )
        best = func.max(key).label("best")
        q = (
            select(Person.id, Person.branch_id, best)
            .join(QuizAttempt, QuizAttempt.person_id == Person.id)
            .where(
                QuizAttempt.bank_id == bank_id,
                QuizAttempt.kind == kind,
                QuizAttempt.status == "done",
                QuizAttempt.round_id == round_id if round_id is not None else QuizAttempt.round_id.is_(None),
                QuizAttempt.contest_id == contest_id
                if contest_id is not None
                else QuizAttempt.contest_id.is_(None),
                Person.active,
            )
            .group_by(Person.id, Person.branch_id)
        )
        if points is not None:
            q = q.outerjoin(points, points.c.attempt_id == QuizAttempt.id)
        if committee_id is not None:
            q = q.join(Branch, Branch.id == Person.branch_id).where(Branch.committee_id == committee_id)
        if branch_ids is not None:
            q = q.where(Person.branch_id.in_(list(branch_ids)))
        rows = sorted(
            ((int(k), int(p), int(b)) for p, b, k in (await self.session.execute(q)).tuples()), reverse=True
        )
        names: dict[int, str] = {}
        if rows and named:
            top = [p for _, p, _ in rows[:named]]
            found = await self.session.execute(select(Person.id, Person.full_name).where(Person.id.in_(top)))
            names = {int(i): str(n) for i, n in found.tuples()}
        return [
            Standing(
                person,
                names.get(person, ""),
                branch,
                k // _CORRECT % 1000,
                k // _TOTAL % 1000,
                (_TIME - 1 - k % _TIME) * 10,
                k // _SHARE if speed else 0,
            )
            for k, person, branch in rows
        ]

    async def people_per_branch(
        self, *, branch_ids: Sequence[int] | None = None, committee_id: int | None = None
    ) -> dict[int, tuple[str, int]]:
        """Each branch (of a Đảng bộ, or those given): its name and its active people."""
        people = (
            select(Person.branch_id, func.count().label("n"))
            .where(Person.active)
            .group_by(Person.branch_id)
            .subquery()
        )
        q = (
            select(Branch.id, Branch.name, func.coalesce(people.c.n, 0))
            .outerjoin(people, people.c.branch_id == Branch.id)
            .order_by(Branch.name)
        )
        if committee_id is not None:
            q = q.where(Branch.committee_id == committee_id)
        if branch_ids is not None:
            q = q.where(Branch.id.in_(list(branch_ids)))
        return {int(i): (str(name), int(n)) for i, name, n in (await self.session.execute(q)).tuples()}

    async def missed(
        self, bank_id: int, branch_ids: Sequence[int], kind: str = "practice", round_id: int | None = None
    ) -> list[Missed]:
        """Each question of the bank answered by these branches' people (in any attempt,
        finished or not): how many answered, how many wrong, what the wrong ones chose; worst
        first."""
        rows = await self.session.execute(
            select(QuizAnswer.question_id, QuizAnswer.correct, QuizAnswer.chosen, func.count())
            .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
            .join(Person, Person.id == QuizAttempt.person_id)
            .where(
                QuizAttempt.bank_id == bank_id,
                QuizAttempt.kind == kind,
                QuizAttempt.round_id == round_id if round_id is not None else QuizAttempt.round_id.is_(None),
                Person.branch_id.in_(list(branch_ids)),
            )
            .group_by(QuizAnswer.question_id, QuizAnswer.correct, QuizAnswer.chosen)
        )
        tallies: dict[int, tuple[int, int, dict[tuple[int, ...], int]]] = {}
        for question_id, correct, chosen, n in rows.tuples():
            answered, wrong, picks = tallies.get(int(question_id), (0, 0, {}))
            answered += int(n)
            if not correct:
                wrong += int(n)
                key = tuple(json.loads(chosen))
                picks[key] = picks.get(key, 0) + int(n)
            tallies[int(question_id)] = (answered, wrong, picks)
        questions = await self.questions_by_id(list(tallies))
        found = [Missed(questions[q], a, w, p) for q, (a, w, p) in tallies.items() if q in questions]
        return sorted(found, key=lambda m: (-m.wrong / max(m.answered, 1), -m.wrong, m.question.position))

    async def answers_given(
        self, *, round_id: int | None = None, contest_id: int | None = None
    ) -> list[AnswerRow]:
        """Every answer given in a round or a contest, by branch, person, go and question: one
        statement (with the questions and the names)."""
        where = (
            QuizAttempt.round_id == round_id if round_id is not None else QuizAttempt.contest_id == contest_id
        )
        rows = await self.session.execute(
            select(
                Person.id,
                Person.full_name,
                Person.branch_id,
                QuizAnswer.attempt_id,
                QuizAnswer.position,
                QuizQuestion,
                QuizAnswer.chosen,
                QuizAnswer.correct,
                QuizAnswer.ms,
                QuizAnswer.answered_at,
            )
            .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
            .join(Person, Person.id == QuizAttempt.person_id)
            .join(QuizQuestion, QuizQuestion.id == QuizAnswer.question_id)
            .where(where)
            .order_by(
                Person.branch_id, Person.full_name, Person.id, QuizAnswer.attempt_id, QuizAnswer.position
            )
        )
        return [
            AnswerRow(
                int(p), str(n), int(b), int(a), int(pos), q, tuple(json.loads(c)), bool(ok), int(ms), at
            )
            for p, n, b, a, pos, q, c, ok, ms, at in rows.tuples()
        ]

    async def latest_bank(self, branch_ids: Sequence[int], kind: str = "practice") -> QuizBank | None:
        """The bank these branches' people finished an attempt at most recently."""
        if not branch_ids:
            return None
        rows = await self.session.execute(
            select(QuizBank)
            .join(QuizAttempt, QuizAttempt.bank_id == QuizBank.id)
            .join(Person, Person.id == QuizAttempt.person_id)
            .where(
                Person.branch_id.in_(list(branch_ids)),
                QuizAttempt.kind == kind,
                QuizAttempt.status == "done",
            )
            .order_by(QuizAttempt.finished_at.desc(), QuizAttempt.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    # -- rounds (hội thi) ------------------------------------------------------------------------
    async def add_round(self, round_: QuizRound) -> QuizRound:
        self.session.add(round_)
        await self.session.flush()
        return round_

    async def round(self, round_id: int) -> QuizRound | None:
        return await self.session.get(QuizRound, round_id)

    async def rounds_by_id(self, ids: Sequence[int]) -> dict[int, QuizRound]:
        if not ids:
            return {}
        rows = await self.session.execute(select(QuizRound).where(QuizRound.id.in_(sorted(set(ids)))))
        return {r.id: r for r in rows.scalars()}

    async def open_rounds(self, branch_id: int, now: datetime) -> list[QuizRound]:
        """The rounds open to a branch now, the nearest deadline first."""
        rows = await self.session.execute(
            select(QuizRound)
            .where(QuizRound.status == "open", QuizRound.deadline_at > now)
            .order_by(QuizRound.deadline_at, QuizRound.id)
        )
        return [r for r in rows.scalars() if branch_id in json.loads(r.branch_ids)]

    async def round_attempts(self, round_id: int, person_id: int) -> list[QuizAttempt]:
        rows = await self.session.execute(
            select(QuizAttempt)
            .where(QuizAttempt.round_id == round_id, QuizAttempt.person_id == person_id)
            .order_by(QuizAttempt.id)
        )
        return list(rows.scalars())

    async def open_attempt_of_round(self, round_id: int, person_id: int) -> QuizAttempt | None:
        rows = await self.session.execute(
            select(QuizAttempt).where(
                QuizAttempt.round_id == round_id,
                QuizAttempt.person_id == person_id,
                QuizAttempt.status == "open",
            )
        )
        return rows.scalars().first()

    async def not_taken(self, round_: QuizRound) -> list[Member]:
        """The linked members of the round's branches with no finished go at it."""
        took = (
            select(QuizAttempt.person_id)
            .where(QuizAttempt.round_id == round_.id, QuizAttempt.status == "done")
            .distinct()
        )
        q = with_latest_account(linked_only=True).where(
            Person.branch_id.in_(json.loads(round_.branch_ids)), Person.id.not_in(took)
        )
        return [m for m, _ in latest_account_each((await self.session.execute(q)).tuples())]

    # -- live contests ---------------------------------------------------------------------------
    async def add_contest(self, contest: QuizContest) -> QuizContest:
        self.session.add(contest)
        await self.session.flush()
        return contest

    async def contest(self, contest_id: int) -> QuizContest | None:
        return await self.session.get(QuizContest, contest_id)

    async def running_contest(self, platform: str, chat_id: str) -> QuizContest | None:
        rows = await self.session.execute(
            select(QuizContest).where(
                QuizContest.platform == platform,
                QuizContest.chat_id == chat_id,
                QuizContest.status == "running",
            )
        )
        return rows.scalars().first()

    async def latest_round_by(self, person_id: int) -> QuizRound | None:
        """The last round this person opened (open or closed)."""
        rows = await self.session.execute(
            select(QuizRound)
            .where(QuizRound.created_by_person_id == person_id, QuizRound.status.in_(("open", "closed")))
            .order_by(QuizRound.deadline_at.desc(), QuizRound.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def latest_contest_of(self, branch_id: int) -> QuizContest | None:
        """The branch's last finished contest."""
        rows = await self.session.execute(
            select(QuizContest)
            .where(QuizContest.branch_id == branch_id, QuizContest.status == "done")
            .order_by(QuizContest.finished_at.desc(), QuizContest.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def running_contests(self) -> list[QuizContest]:
        rows = await self.session.execute(select(QuizContest).where(QuizContest.status == "running"))
        return list(rows.scalars())

    async def contest_attempt(self, contest: QuizContest, person_id: int, now: datetime) -> QuizAttempt:
        """The person's attempt at a contest, made at their first answer."""
        rows = await self.session.execute(
            select(QuizAttempt).where(
                QuizAttempt.contest_id == contest.id, QuizAttempt.person_id == person_id
            )
        )
        found = rows.scalars().first()
        if found is not None:
            return found
        attempt = QuizAttempt(
            person_id=person_id,
            bank_id=contest.bank_id,
            kind="contest",
            contest_id=contest.id,
            status="open",
            plan=contest.plan,
            position=contest.position,
            total=contest.size,
            correct=0,
            elapsed_ms=0,
            asked_at=contest.asked_at,
            started_at=now,
        )
        self.session.add(attempt)
        await self.session.flush()
        return attempt

    async def contest_tally(self, contest_id: int, position: int) -> tuple[int, int]:
        """(answers, right answers) to one question of a contest."""
        row = (
            await self.session.execute(
                select(func.count(), func.count().filter(QuizAnswer.correct))
                .join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
                .where(QuizAttempt.contest_id == contest_id, QuizAnswer.position == position)
            )
        ).one()
        return int(row[0]), int(row[1])

    async def finish_contest(self, contest: QuizContest, now: datetime) -> None:
        contest.status, contest.finished_at = "done", now
        await self.session.execute(
            update(QuizAttempt)
            .where(QuizAttempt.contest_id == contest.id)
            .values(status="done", finished_at=now, position=contest.size)
        )
        await self.session.flush()

    async def missed_by(self, question_id: int, branch_ids: Sequence[int]) -> list[Member]:
        """The linked people of these branches who answered a question wrong at least once."""
        wrong = (
            select(QuizAttempt.person_id)
            .join(QuizAnswer, QuizAnswer.attempt_id == QuizAttempt.id)
            .where(QuizAnswer.question_id == question_id, QuizAnswer.correct.is_(False))
            .distinct()
        )
        q = with_latest_account(linked_only=True).where(
            Person.branch_id.in_(list(branch_ids)), Person.id.in_(wrong)
        )
        return [m for m, _ in latest_account_each((await self.session.execute(q)).tuples())]

    async def year_results(
        self, person_ids: Sequence[int], start: datetime, until: datetime
    ) -> list[tuple[int, str, str, int, int]]:
        """(person, kind, bank title, correct, total) of every go finished in [start, until)."""
        if not person_ids:
            return []
        rows = await self.session.execute(
            select(
                QuizAttempt.person_id,
                QuizAttempt.kind,
                QuizBank.title,
                QuizAttempt.correct,
                QuizAttempt.total,
            )
            .join(QuizBank, QuizBank.id == QuizAttempt.bank_id)
            .where(
                QuizAttempt.person_id.in_(list(person_ids)),
                QuizAttempt.status == "done",
                QuizAttempt.finished_at >= start,
                QuizAttempt.finished_at < until,
            )
            .order_by(QuizAttempt.person_id, QuizAttempt.finished_at)
        )
        return [(int(p), str(k), str(b), int(c), int(t)) for p, k, b, c, t in rows.tuples()]


def tally_branches(ranking: Sequence[Standing], people: dict[int, tuple[str, int]]) -> list[BranchTally]:
    """Each branch's participation and the sum of its people's best scores, lowest
    participation first."""
    sums: dict[int, list[int]] = {}
    for s in ranking:
        row = sums.setdefault(s.branch_id, [0, 0, 0])
        row[0] += 1
        row[1] += s.correct
        row[2] += s.total
    tallies = [
        BranchTally(branch_id, name, n, *sums.get(branch_id, [0, 0, 0]))
        for branch_id, (name, n) in people.items()
    ]
    return sorted(tallies, key=lambda t: (t.took / t.people if t.people else 1.0, t.branch))
