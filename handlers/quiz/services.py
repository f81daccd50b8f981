"""Quiz rules for every caller, `(uow, actor, arguments, now) -> result | Refusal`: whose
banks an actor may add (a secretary for their branch, committee staff for their Đảng bộ, the
operator for everyone), which banks a person may practise, and a practice: questions drawn
and their choices shuffled for that person, one answer per question, the score at the end."""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from config.i18n import Text, t
from config.text import shorten
from content.quiz_bank import LETTERS, BankData, BankError
from handlers.actor import Actor, Refusal
from handlers.materials.library import section_title
from handlers.quiz.banks import read_bank, resolve_topics
from storage.models import Branch, Topic
from storage.models.quiz import QuizAttempt, QuizBank, QuizQuestion, QuizRound
from storage.repos.people import Member
from storage.repos.quiz import (
    BranchTally,
    Missed,
    Planned,
    Recorded,
    Standing,
    answer_of,
    choices_of,
    plan_of,
    tally_branches,
)
from storage.uow import UnitOfWork

DEFAULT_SIZE = 10
MAX_SIZE = 50
_random = random.SystemRandom()


# -- banks -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Scope:
    """Whom a bank an actor adds is for: one branch, a whole Đảng bộ, or (the operator's
    command line) everyone."""

    committee_id: int | None
    branch: Branch | None
    name: str


def scope_of(actor: Actor | None) -> Scope | Refusal:
    if actor is None:
        return Scope(None, None, "")
    branch = actor.person.branch
    if actor.committee_staff:
        return Scope(branch.committee_id, None, branch.committee.name)
    if actor.secretary:
        return Scope(branch.committee_id, branch, branch.name)
    return Text("quiz.staff_only")


async def check_file(
    uow: UnitOfWork, actor: Actor | None, file_name: str, content: bytes
) -> tuple[Scope, BankData] | Refusal | BankError:
    """A bank file read and checked whole, its topics found in the actor's library."""
    scope = scope_of(actor)
    if isinstance(scope, Text):
        return scope
    slug = f"upload-{secrets.token_hex(6)}"
    try:
        bank = read_bank(file_name, content, slug)
        topics = await uow.materials.visible(scope.branch.id if scope.branch is not None else None, limit=500)
        return scope, resolve_topics(bank, topics)
    except BankError as exc:
        return exc if exc.source == file_name else BankError(file_name, exc.problems)


async def add_bank(uow: UnitOfWork, actor: Actor | None, bank: BankData, now: datetime) -> QuizBank | Refusal:
    """A confirmed bank, for the actor's scope as it is now (their role may have changed)."""
    scope = scope_of(actor)
    if isinstance(scope, Text):
        return scope
    if await uow.quiz.slug_taken(bank.slug):
        return Text("quiz.draft_gone")
    return await uow.quiz.add_bank(
        bank,
        branch_id=scope.branch.id if scope.branch is not None else None,
        committee_id=scope.committee_id,
        person_id=actor.person.id if actor is not None else None,
        now=now,
    )


async def banks_of(uow: UnitOfWork, actor: Actor) -> list[tuple[QuizBank, int]]:
    branch = actor.person.branch
    return await uow.quiz.banks_for(branch.id, branch.committee_id)


# -- practice ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Asked:
    """A question as this person sees it: choices in their shuffled order."""

    attempt: QuizAttempt
    bank: QuizBank
    question: QuizQuestion
    shown: list[str]

    @property
    def position(self) -> int:
        return self.attempt.position

    @property
    def multiple(self) -> bool:
        return len(answer_of(self.question)) > 1


@dataclass(frozen=True, slots=True)
class Reread:
    topic: str
    number: int
    title: str


@dataclass(frozen=True, slots=True)
class Result:
    attempt: QuizAttempt
    bank: QuizBank
    reread: list[Reread]


@dataclass(frozen=True, slots=True)
class Verdict:
    correct: bool
    right: list[str]  # the correct choices as shown: "B. …"
    explanation: str
    next: Asked | None
    result: Result | None


async def start(
    uow: UnitOfWork, actor: Actor, bank_id: int, size: int, now: datetime, rng: random.Random = _random
) -> Asked | Refusal:
    """A new practice of a bank the actor may practise: `size` questions drawn at random, the
    choices of each shuffled; one left halfway is dropped."""
    banks = {b.id: b for b, _ in await banks_of(uow, actor)}
    bank = banks.get(bank_id)
    if bank is None:
        return Text("quiz.bank_gone")
    return await draw(uow, actor, bank, size, now, rng)


async def draw(
    uow: UnitOfWork,
    actor: Actor,
    bank: QuizBank,
    size: int,
    now: datetime,
    rng: random.Random | None = None,
    *,
    kind: str = "practice",
    round_id: int | None = None,
) -> Asked | Refusal:
    """`size` questions of the bank at random, the choices of each shuffled, as a new attempt."""
    rng = rng or _random
    questions = await uow.quiz.questions(bank.id)
    if not questions:
        return Text("quiz.bank_empty")
    size = min(max(1, size or DEFAULT_SIZE), MAX_SIZE, len(questions))
    drawn = rng.sample(questions, size)
    plan = []
    for q in drawn:
        order = list(range(len(choices_of(q))))
        rng.shuffle(order)
        plan.append(Planned(q.id, tuple(order)))
    attempt = await uow.quiz.start(actor.person.id, bank.id, plan, now, kind=kind, round_id=round_id)
    return await _asked(uow, attempt, bank)


async def left_open(uow: UnitOfWork, actor: Actor) -> tuple[QuizAttempt, QuizBank] | None:
    attempt = await uow.quiz.open_attempt(actor.person.id)
    if attempt is None:
        return None
    bank = await uow.quiz.bank(attempt.bank_id)
    return (attempt, bank) if bank is not None else None


async def resume(uow: UnitOfWork, actor: Actor, bank_id: int, now: datetime) -> Asked | Refusal:
    """The question an interrupted practice stopped at; the time away does not count."""
    found = await left_open(uow, actor)
    if found is None or found[1].id != bank_id:
        return Text("quiz.nothing_to_resume")
    attempt, bank = found
    await uow.quiz.resume(attempt, now)
    return await _asked(uow, attempt, bank)


async def current(uow: UnitOfWork, attempt: QuizAttempt, bank: QuizBank) -> Asked:
    """The question an open attempt is at, as its person sees it."""
    return await _asked(uow, attempt, bank)


async def _asked(uow: UnitOfWork, attempt: QuizAttempt, bank: QuizBank) -> Asked:
    planned = plan_of(attempt)[attempt.position]
    question = await uow.quiz.question(planned.question)
    assert question is not None
    choices = choices_of(question)
    return Asked(attempt, bank, question, [choices[i] for i in planned.order])


def _refused(
    attempt: QuizAttempt | None, actor: Actor, position: int, round_: QuizRound | None, now: datetime
) -> Refusal | None:
    if attempt is None or attempt.person_id != actor.person.id:
        return Text("quiz.not_yours")
    if attempt.status != "open":
        return Text("quiz.attempt_over")
    if position != attempt.position:
        return Text("quiz.answered_already")
    if attempt.round_id is not None and (
        round_ is None or round_.status != "open" or round_.deadline_at <= now
    ):
        return Text("quiz.round_over")
    return None


def _no_such_choice(planned: Planned, shown: Sequence[int]) -> Refusal | None:
    if any(not 0 <= i < len(planned.order) for i in shown):
        return Text("quiz.no_such_choice", {"letters": LETTERS[: len(planned.order)]})
    return None


def _right_shown(question: QuizQuestion, planned: Planned) -> list[str]:
    choices, right = choices_of(question), answer_of(question)
    return [f"{LETTERS[i]}. {choices[b]}" for i, b in enumerate(planned.order) if b in right]


async def answer(
    uow: UnitOfWork, actor: Actor, attempt_id: int, position: int, shown: Sequence[int], now: datetime
) -> Verdict | Refusal:
    """The choices (as shown, 0 = A) given to question `position` of the actor's attempt;
    once per question."""
    attempt = await uow.quiz.attempt(attempt_id)
    round_ = None
    if attempt is not None and attempt.round_id is not None:
        round_ = await uow.quiz.round(attempt.round_id)
    if (refused := _refused(attempt, actor, position, round_, now)) is not None:
        return refused
    assert attempt is not None
    planned = plan_of(attempt)[position]
    question = await uow.quiz.question(planned.question)
    bank = await uow.quiz.bank(attempt.bank_id)
    assert question is not None and bank is not None
    if (refused := _no_such_choice(planned, shown)) is not None:
        return refused
    chosen = {planned.order[i] for i in shown}
    correct = chosen == answer_of(question)
    if not await uow.quiz.record(attempt, question.id, sorted(chosen), correct, now):
        return Text("quiz.answered_already")
    right_shown = _right_shown(question, planned)
    following = await _asked(uow, attempt, bank) if attempt.status == "open" else None
    result = await _result(uow, actor, attempt, bank) if attempt.status == "done" else None
    return Verdict(correct, right_shown, question.explanation, following, result)


@dataclass(frozen=True, slots=True)
class Pressed:
    """An answer given by a button: the choices as shown (0 = A) to question `position`."""

    actor: Actor
    attempt: int
    position: int
    shown: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Plain:
    """An answer of a burst that is recorded with the others: valid, and not the last."""

    actor: Actor
    attempt: QuizAttempt
    bank: QuizBank
    planned: Planned
    question: QuizQuestion
    then: Planned  # the question after it
    following: QuizQuestion
    chosen: tuple[int, ...]  # bank indexes


async def plain_answers(uow: UnitOfWork, pressed: dict[int, Pressed], now: datetime) -> dict[int, Plain]:
    """Of answers arriving together, those a batch records as `answer` would, read in a
    constant number of statements: the actor's open attempt at that question (in an open
    round, if it is a round's), a choice shown, and a question after it. The rest (refusals,
    the last answer with its score, a second answer to one attempt) are left to `answer`."""
    attempts = await uow.quiz.attempts_by_id([p.attempt for p in pressed.values()])
    rounds = await uow.quiz.rounds_by_id([a.round_id for a in attempts.values() if a.round_id is not None])
    candidates: dict[int, tuple[Pressed, QuizAttempt, Planned, Planned]] = {}
    seen: set[int] = set()
    for i, p in pressed.items():
        attempt = attempts.get(p.attempt)
        if attempt is None or attempt.id in seen:
            continue
        seen.add(attempt.id)
        round_ = rounds.get(attempt.round_id) if attempt.round_id is not None else None
        if _refused(attempt, p.actor, p.position, round_, now) is not None or p.position + 1 >= attempt.total:
            continue
        plan = plan_of(attempt)
        if _no_such_choice(plan[p.position], p.shown) is None:
            candidates[i] = (p, attempt, plan[p.position], plan[p.position + 1])
    wanted = [q for _, _, now_at, then in candidates.values() for q in (now_at.question, then.question)]
    questions = await uow.quiz.questions_by_id(wanted)
    banks = await uow.quiz.banks_by_id([a.bank_id for _, a, _, _ in candidates.values()])
    plain = {}
    for i, (p, attempt, planned, then) in candidates.items():
        question, following, bank = (
            questions.get(planned.question),
            questions.get(then.question),
            banks.get(attempt.bank_id),
        )
        if question is not None and following is not None and bank is not None:
            chosen = tuple(sorted({planned.order[s] for s in p.shown}))
            plain[i] = Plain(p.actor, attempt, bank, planned, question, then, following, chosen)
    return plain


async def record_plain(
    uow: UnitOfWork, plain: dict[int, Plain], now: datetime
) -> dict[int, Verdict | Refusal]:
    """The answers `plain_answers` found, recorded in one statement, each with its verdict
    and the question that follows."""
    recorded = [
        Recorded(p.attempt, p.question.id, p.chosen, frozenset(p.chosen) == answer_of(p.question))
        for p in plain.values()
    ]
    new = await uow.quiz.record_many(recorded, now)
    verdicts: dict[int, Verdict | Refusal] = {}
    for (i, p), r in zip(plain.items(), recorded, strict=True):
        if p.attempt.id not in new:
            verdicts[i] = Text("quiz.answered_already")
            continue
        choices = choices_of(p.following)
        asked = Asked(p.attempt, p.bank, p.following, [choices[c] for c in p.then.order])
        verdicts[i] = Verdict(
            r.correct, _right_shown(p.question, p.planned), p.question.explanation, asked, None
        )
    return verdicts


async def _result(uow: UnitOfWork, actor: Actor, attempt: QuizAttempt, bank: QuizBank) -> Result:
    """The score, and the sections of the topic to read again for the questions missed."""
    answers = await uow.quiz.answers(attempt.id)
    questions = await uow.quiz.questions_by_id([a.question_id for a in answers if not a.correct])
    wanted = sorted(
        {
            (q.topic_slug or bank.topic_slug, q.section)
            for q in questions.values()
            if q.section is not None and (q.topic_slug or bank.topic_slug)
        }
    )
    topics = {t.slug: t for t in await uow.materials.visible(actor.person.branch_id, limit=500)}
    reread = []
    for slug, number in wanted:
        topic = topics.get(slug)
        if topic is None or number is None:
            continue
        sections = json.loads(topic.sections)
        if 1 <= number <= len(sections):
            reread.append(
                Reread(_topic_name(topic), number, section_title(str(sections[number - 1]["title"])))
            )
    return Result(attempt, bank, reread)


def _topic_name(topic: Topic) -> str:
    return shorten(topic.title, 60)


# -- leaderboards ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BoardScope:
    """Whose names an actor may see in a leaderboard: their branch's (a secretary) or their
    Đảng bộ's (committee staff)."""

    committee_id: int
    branch: Branch | None
    name: str


@dataclass(frozen=True, slots=True)
class Board:
    bank: QuizBank
    top: list[Standing]
    took: int
    branch_names: dict[int, str]
    branches: list[BranchTally]  # for a Đảng bộ: lowest participation first


def board_scope(actor: Actor) -> BoardScope | None:
    branch = actor.person.branch
    if actor.committee_staff:
        return BoardScope(branch.committee_id, None, branch.committee.name)
    if actor.secretary:
        return BoardScope(branch.committee_id, branch, branch.name)
    return None


async def _branches(uow: UnitOfWork, scope: BoardScope) -> dict[int, str]:
    if scope.branch is not None:
        return {scope.branch.id: scope.branch.name}
    return {b.id: b.name for b in await uow.people.branches_of_committee(scope.committee_id)}


async def board(uow: UnitOfWork, scope: BoardScope, limit: int = 20) -> Board | None:
    """The best of the scope's people at the bank they practised last, and for a Đảng bộ
    each branch's participation and average score, lowest participation first."""
    if scope.branch is not None:
        where: dict[str, Any] = {"branch_ids": [scope.branch.id]}
    else:
        where = {"committee_id": scope.committee_id}
    people = await uow.quiz.people_per_branch(**where)
    bank = await uow.quiz.latest_bank(list(people))
    if bank is None:
        return None
    ranking = await uow.quiz.ranking(bank.id, **where)
    tallies = tally_branches(ranking, people) if scope.branch is None else []
    return Board(bank, ranking[:limit], len(ranking), {i: name for i, (name, _) in people.items()}, tallies)


async def place_in_branch(uow: UnitOfWork, actor: Actor, bank_id: int) -> tuple[int, int] | None:
    """The actor's place among their branch's people at a bank, and how many took it."""
    ranking = await uow.quiz.ranking(bank_id, branch_ids=[actor.person.branch_id])
    place = next((i for i, s in enumerate(ranking, start=1) if s.person_id == actor.person.id), None)
    return (place, len(ranking)) if place is not None else None


async def questions_missed(uow: UnitOfWork, scope: BoardScope) -> tuple[QuizBank, list[Missed]] | None:
    names = await _branches(uow, scope)
    bank = await uow.quiz.latest_bank(list(names))
    if bank is None:
        return None
    return bank, await uow.quiz.missed(bank.id, list(names))


async def branch_tally(uow: UnitOfWork, branch: Branch) -> tuple[QuizBank, BranchTally, str] | None:
    """A branch's figures for a group: took, of how many, average, and the best score (no name)."""
    bank = await uow.quiz.latest_bank([branch.id])
    if bank is None:
        return None
    ranking = await uow.quiz.ranking(bank.id, branch_ids=[branch.id])
    [row] = tally_branches(ranking, await uow.quiz.people_per_branch(branch_ids=[branch.id]))
    best = f"{ranking[0].correct}/{ranking[0].total}" if ranking else "—"
    return bank, row, best


@dataclass(frozen=True, slots=True)
class Reading:
    """A missed question's section of its topic, and who answered the question wrong."""

    question: QuizQuestion
    topic: str
    number: int
    title: str
    text: str
    people: list[Member]


async def section_for_missed(uow: UnitOfWork, actor: Actor, question_id: int) -> Reading | Refusal:
    """The section to send to those of the actor's scope who missed a question."""
    scope = board_scope(actor)
    if scope is None:
        return Text("quiz.board_questions_staff")
    question = await uow.quiz.question(question_id)
    bank = await uow.quiz.bank(question.bank_id) if question is not None else None
    if question is None or bank is None or question.section is None:
        return Text("quiz.no_section")
    slug = question.topic_slug or bank.topic_slug
    topics = {t.slug: t for t in await uow.materials.visible(actor.person.branch_id, limit=500)}
    topic = topics.get(slug)
    sections = json.loads(topic.sections) if topic is not None else []
    if topic is None or not 1 <= question.section <= len(sections):
        return Text("quiz.no_section")
    section = sections[question.section - 1]
    people = await uow.quiz.missed_by(question.id, list(await _branches(uow, scope)))
    return Reading(
        question,
        _topic_name(topic),
        question.section,
        section_title(str(section["title"])),
        str(section["text"]),
        people,
    )


async def year_lines(
    uow: UnitOfWork, person_ids: list[int], start: datetime, until: datetime, lang: str = "vi"
) -> dict[int, list[str]]:
    """Each person's quizzes of a year, as lines for the year-end summary: the rounds (best
    go at each), the practices and the group contests (how many, the best)."""
    kinds: dict[int, dict[tuple[str, str], list[tuple[int, int]]]] = {}
    for person, kind, title, correct, total in await uow.quiz.year_results(person_ids, start, until):
        kinds.setdefault(person, {}).setdefault((kind, title if kind == "round" else ""), []).append(
            (correct, total)
        )
    lines: dict[int, list[str]] = {}
    for person, found in kinds.items():
        for (kind, title), goes in sorted(found.items()):
            correct, total = max(goes, key=lambda g: (g[0] / g[1] if g[1] else 0, g[0]))
            lines.setdefault(person, []).append(
                t(lang, f"quiz.year_{kind}", title=title, n=len(goes), correct=correct, total=total)
            )
    return lines
