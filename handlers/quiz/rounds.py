"""Hội thi rules, `(uow, actor, arguments, now) -> result | Refusal`: committee staff plan a
round for their Đảng bộ or some of its branches (shown, then opened on confirm); members
take it privately before the deadline, as many times as allowed; two reminders go to those
who have not taken it; at the deadline the results go to the organiser."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.i18n import Text
from config.text import fold, name_key
from handlers.actor import Actor, Refusal
from handlers.quiz import services
from handlers.when import parse_when
from storage.models import Branch
from storage.models.quiz import QuizBank, QuizRound
from storage.repos.quiz import BranchTally, Standing, tally_branches
from storage.uow import UnitOfWork

ROUND_CLOSE = "quiz_round_close"
ROUND_REMIND = "quiz_round_remind"
MAX_ATTEMPTS = 5
_SIZE = re.compile(r"\b(\d{1,2})\s*cau\b")
_ATTEMPTS = re.compile(r"\b(\d)\s*(luot|lan)\b")
_DEADLINE = re.compile(r"\b(han|den|truoc)\b\s*")
_BRANCHES = re.compile(r"\bchi bo\b\s*:?\s*")
_BANK = re.compile(r"\b(bo cau hoi|bo|chuyen de)\b\s*:?\s*")
_SPEED = re.compile(r"(co\s+)?(tinh\s+)?diem\s+toc\s+do|toc\s+do|speed( points)?")


@dataclass(frozen=True, slots=True)
class Request:
    size: int
    attempts: int
    deadline: datetime
    branch_names: list[str]  # empty: every branch of the Đảng bộ
    bank_name: str
    speed: bool = False  # speed points: see storage.repos.quiz.answer_points


@dataclass(frozen=True, slots=True)
class Plan:
    round: QuizRound
    bank: QuizBank
    branches: list[Branch]
    people: int
    linked: int


def read_request(text: str, now: datetime) -> Request | Refusal:
    """ "20 câu, hạn 15/12 17:00, 2 lượt, bộ Chuyên đề toàn khóa, tính điểm tốc độ, chi bộ Khu
    phố 1, Khu phố 2"."""
    clauses = [c.strip() for c in re.split(r"[;,]", text) if c.strip()]
    size, attempts, deadline = services.DEFAULT_SIZE, 1, None
    branches: list[str] = []
    bank = ""
    speed = in_branches = False
    for clause in clauses:
        folded = fold(clause)
        if m := _DEADLINE.match(folded):
            when = parse_when(clause[m.end() :], now)
            if isinstance(when, Text):
                return when
            if when is None:
                return Text("quiz.round_bad_deadline", {"value": clause[:40]})
            deadline, in_branches = when.start, False
        elif m := _SIZE.fullmatch(folded):
            size, in_branches = int(m.group(1)), False
        elif _SPEED.fullmatch(folded):
            speed, in_branches = True, False
        elif m := _ATTEMPTS.fullmatch(folded):
            attempts, in_branches = int(m.group(1)), False
        elif m := _BRANCHES.match(folded):
            branches.append(clause[m.end() :].strip())
            in_branches = True
        elif m := _BANK.match(folded):
            bank, in_branches = clause[m.end() :].strip(), False
        elif in_branches:
            branches.append(clause)  # "chi bộ Khu phố 1, Khu phố 2"
        else:
            return Text("quiz.round_usage")
    if deadline is None:
        return Text("quiz.round_usage")
    if deadline <= now + timedelta(hours=1):
        return Text("quiz.round_deadline_past")
    if not 1 <= size <= services.MAX_SIZE:
        return Text("quiz.bad_size", {"max": services.MAX_SIZE})
    if not 1 <= attempts <= MAX_ATTEMPTS:
        return Text("quiz.round_bad_attempts", {"max": MAX_ATTEMPTS})
    return Request(size, attempts, deadline, [b for b in branches if b], bank, speed)


def _matching(branches: list[Branch], name: str) -> list[Branch]:
    wanted = " ".join(fold(name).removeprefix("chi bo ").split())
    exact = [b for b in branches if fold(b.name).removeprefix("chi bo ") == wanted]
    return exact or [b for b in branches if wanted in fold(b.name)]


async def plan_round(uow: UnitOfWork, actor: Actor, request: Request, now: datetime) -> Plan | Refusal:
    """A draft round, kept until its organiser opens it."""
    if not actor.committee_staff:
        return Text("quiz.round_staff_only")
    committee_id = actor.person.branch.committee_id
    every = await uow.people.branches_of_committee(committee_id)
    chosen: list[Branch] = []
    for name in request.branch_names:
        found = _matching(every, name)
        if len(found) != 1:
            listed = "\n".join(f"- {b.name}" for b in every[:50])
            key = "quiz.round_branch_ambiguous" if found else "quiz.round_branch_unknown"
            return Text(key, {"name": name, "branches": listed})
        if found[0] not in chosen:
            chosen.append(found[0])
    chosen = chosen or every
    banks = await services.banks_of(uow, actor)
    if request.bank_name:
        key = name_key(request.bank_name)
        banks = [(b, n) for b, n in banks if key in name_key(b.title) or key in name_key(b.topic_slug)]
    if not banks:
        return Text("quiz.round_no_bank", {"name": request.bank_name})
    if len(banks) > 1 and request.bank_name:
        return Text("quiz.round_bank_ambiguous", {"banks": "\n".join(f"- {b.title}" for b, _ in banks[:10])})
    bank, count = banks[0]
    if count < request.size:
        return Text("quiz.round_bank_small", {"bank": bank.title, "n": count, "size": request.size})
    people, linked = await uow.people.reach([b.id for b in chosen])
    round_ = await uow.quiz.add_round(
        QuizRound(
            committee_id=committee_id,
            created_by_person_id=actor.person.id,
            bank_id=bank.id,
            title=bank.title,
            branch_ids=json.dumps([b.id for b in chosen]),
            size=request.size,
            attempts=request.attempts,
            speed_points=request.speed,
            status="draft",
            deadline_at=request.deadline,
            created_at=now,
        )
    )
    return Plan(round_, bank, chosen, people, linked)


def reminder_times(opened: datetime, deadline: datetime) -> tuple[datetime, datetime]:
    """Halfway to the deadline, then a day before it (at three quarters of the way when that is
    later: a round of two days is not reminded twice within hours)."""
    span = deadline - opened
    return opened + span / 2, max(opened + span * 3 / 4, deadline - timedelta(days=1))


async def open_round(uow: UnitOfWork, actor: Actor, round_id: int, now: datetime) -> QuizRound | Refusal:
    """The draft opened: due jobs for the two reminders and the close. The announcement to
    the members is the caller's to send (it is a message in each one's language)."""
    from scheduler.due import schedule

    round_ = await uow.quiz.round(round_id)
    if round_ is None or round_.created_by_person_id != actor.person.id or not actor.committee_staff:
        return Text("quiz.round_gone")
    if round_.status != "draft":
        return Text("quiz.round_opened_already")
    if round_.deadline_at <= now:
        return Text("quiz.round_deadline_past")
    round_.status, round_.opened_at = "open", now
    first, second = reminder_times(now, round_.deadline_at)
    for n, at in ((1, first), (2, second)):
        await schedule(
            uow,
            ROUND_REMIND,
            f"quiz_round:{round_.id}:remind:{n}",
            at,
            now,
            {"round": round_.id, "n": n},
            ref=f"quiz_round:{round_.id}",
            not_after=round_.deadline_at,
        )
    await schedule(
        uow,
        ROUND_CLOSE,
        f"quiz_round:{round_.id}:close",
        round_.deadline_at,
        now,
        {"round": round_.id},
        ref=f"quiz_round:{round_.id}",
    )
    return round_


async def drop_draft(uow: UnitOfWork, actor: Actor, round_id: int) -> Refusal | None:
    round_ = await uow.quiz.round(round_id)
    if round_ is None or round_.created_by_person_id != actor.person.id or round_.status != "draft":
        return Text("quiz.round_gone")
    round_.status = "dropped"
    return None


@dataclass(frozen=True, slots=True)
class Open:
    round: QuizRound
    used: int
    left_open: bool


async def open_to(uow: UnitOfWork, actor: Actor, now: datetime) -> list[Open]:
    """The rounds the actor's branch takes part in now, with how many goes they used."""
    found = []
    for round_ in await uow.quiz.open_rounds(actor.person.branch_id, now):
        attempts = await uow.quiz.round_attempts(round_.id, actor.person.id)
        found.append(Open(round_, len(attempts), any(a.status == "open" for a in attempts)))
    return found


async def take(
    uow: UnitOfWork, actor: Actor, round_id: int, now: datetime, rng: random.Random | None = None
) -> services.Asked | Refusal:
    """A go at a round: the one left halfway goes on; else a new draw, while goes are left."""
    round_ = await uow.quiz.round(round_id)
    if round_ is None or round_.status not in ("open", "closed"):
        return Text("quiz.round_gone")
    if actor.person.branch_id not in json.loads(round_.branch_ids):
        return Text("quiz.round_not_yours")
    if round_.status != "open" or round_.deadline_at <= now:
        return Text("quiz.round_over")
    bank = await uow.quiz.bank(round_.bank_id)
    assert bank is not None
    left = await uow.quiz.open_attempt_of_round(round_.id, actor.person.id)
    if left is not None:
        await uow.quiz.resume(left, now)
        return await services.current(uow, left, bank)
    used = len(await uow.quiz.round_attempts(round_.id, actor.person.id))
    if used >= round_.attempts:
        return Text("quiz.round_no_attempts_left", {"n": round_.attempts})
    return await services.draw(uow, actor, bank, round_.size, now, rng, kind="round", round_id=round_.id)


@dataclass(frozen=True, slots=True)
class Results:
    round: QuizRound
    top: list[Standing]
    took: int
    branches: list[BranchTally]  # of the round, lowest participation first
    branch_names: dict[int, str]


async def results(uow: UnitOfWork, round_: QuizRound) -> Results:
    ids = json.loads(round_.branch_ids)
    ranking = await uow.quiz.ranking(
        round_.bank_id, branch_ids=ids, kind="round", round_id=round_.id, speed=round_.speed_points
    )
    people = await uow.quiz.people_per_branch(branch_ids=ids)
    return Results(
        round_,
        ranking[:10],
        len(ranking),
        tally_branches(ranking, people),
        {i: n for i, (n, _) in people.items()},
    )
