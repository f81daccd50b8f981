"""A live contest in a branch's group: a secretary or committee staff types `/thi 10 câu 30
giây` there; every question is posted with its choices for `seconds`, answered by a button
(Telegram), a typed number (the console's group), or on Zalo, where a bot cannot run a
group, in each participant's private chat at the same pace (a letter, a number or the
choice's words). One answer per question per person; a late answer does not count. When a
question's time is up the answer and how many got it right are posted; at the end the group
gets counts and the organiser the ranking with names, privately."""

from __future__ import annotations

import json
import logging
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from config.formatting import fmt_int
from config.i18n import Text, t
from config.messages import Button, ChatRef, Poll, Reply, fits_poll
from config.text import fold
from content.quiz_bank import LETTERS
from handlers.actor import Actor, Refusal, group_branch
from handlers.context import Ctx
from handlers.feature import Awaited, PollAnswer
from handlers.quiz.asking import duration_text
from handlers.quiz.buttons import ContestAnswer, ContestPoll, ExportAnswers
from handlers.quiz.typed import understood
from scheduler.outbox import outbox_item
from scheduler.ticker import Runtime
from storage.models import Branch
from storage.models.quiz import QuizContest, QuizQuestion
from storage.repos.outbox import OutboxItem
from storage.repos.quiz import Planned, answer_of, choices_of
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
CONTEST_ANSWER = "quiz.contest_answer"  # the awaited text of a Zalo participant
EVERY_SECONDS = 2
DEFAULT_SIZE, MAX_SIZE = 10, 30
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 30, 10, 600
_SIZE = re.compile(r"\b(\d{1,2})\s*cau\b")
_SECONDS = re.compile(r"\b(\d{1,3})\s*(giay|s|gy)\b")
POLL_OPEN_MIN = 5  # seconds: Telegram's shortest open period
PRIVATE_PLATFORMS = ("zalo",)  # where members take a group's contest in their private chat


@dataclass(frozen=True, slots=True)
class Asked:
    contest: QuizContest
    question: QuizQuestion
    shown: list[str]


def read_settings(args: str) -> tuple[int, int] | Refusal:
    folded = fold(args)
    size = int(m.group(1)) if (m := _SIZE.search(folded)) else DEFAULT_SIZE
    seconds = int(m.group(1)) if (m := _SECONDS.search(folded)) else DEFAULT_SECONDS
    rest = _SECONDS.sub("", _SIZE.sub("", folded)).strip(" ,;")
    if rest:
        return Text("quiz.contest_usage")
    if not 1 <= size <= MAX_SIZE:
        return Text("quiz.contest_bad_size", {"max": MAX_SIZE})
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        return Text("quiz.contest_bad_seconds", {"min": MIN_SECONDS, "max": MAX_SECONDS})
    return size, seconds


async def start_contest(
    uow: UnitOfWork,
    actor: Actor,
    branch: Branch,
    platform: str,
    chat_id: str,
    size: int,
    seconds: int,
    now: datetime,
    rng: random.Random | None = None,
) -> Asked | Refusal:
    """A contest for the group's branch, by one who acts for it; the questions with one right
    answer only (one press answers a question)."""
    if not actor.acts_for(branch):
        return Text("quiz.contest_staff_only")
    if await uow.quiz.running_contest(platform, chat_id) is not None:
        return Text("quiz.contest_running")
    banks = await uow.quiz.banks_for(branch.id, branch.committee_id)
    if not banks:
        return Text("quiz.no_banks")
    bank = banks[0][0]
    questions = [q for q in await uow.quiz.questions(bank.id) if len(answer_of(q)) == 1]
    if not questions:
        return Text("quiz.bank_empty")
    rng = rng or random.SystemRandom()
    drawn = rng.sample(questions, min(size, len(questions)))
    plan = []
    for q in drawn:
        order = list(range(len(choices_of(q))))
        rng.shuffle(order)
        plan.append(Planned(q.id, tuple(order)))
    contest = await uow.quiz.add_contest(
        QuizContest(
            branch_id=branch.id,
            platform=platform,
            chat_id=chat_id,
            bank_id=bank.id,
            started_by_person_id=actor.person.id,
            plan=json.dumps([{"q": p.question, "order": list(p.order)} for p in plan]),
            size=len(plan),
            seconds=seconds,
            position=0,
            asked_at=now,
            status="running",
            created_at=now,
        )
    )
    return await _asked(uow, contest)


async def _asked(uow: UnitOfWork, contest: QuizContest) -> Asked:
    planned = plan_of_contest(contest)[contest.position]
    question = await uow.quiz.question(planned.question)
    assert question is not None
    choices = choices_of(question)
    return Asked(contest, question, [choices[i] for i in planned.order])


def plan_of_contest(contest: QuizContest) -> list[Planned]:
    return [Planned(int(p["q"]), tuple(p["order"])) for p in json.loads(contest.plan)]


def question_reply(asked: Asked, lang: str, *, private: bool = False) -> Reply:
    """The question for the group (a Telegram quiz poll where it fits, else the text with a
    button per letter) or for a Zalo member's private chat (the text, typed answers)."""
    c = asked.contest
    head = t(lang, "quiz.contest_question_head", n=c.position + 1, total=c.size, seconds=c.seconds)
    correct = tuple(
        i for i, b in enumerate(plan_of_contest(c)[c.position].order) if b in answer_of(asked.question)
    )
    question = f"{head} {asked.question.question}"
    explanation = asked.question.explanation
    if not private and c.platform == "telegram" and fits_poll(question, asked.shown, correct, explanation):
        poll = Poll(
            question,
            tuple(asked.shown),
            correct,
            explanation,
            max(c.seconds, POLL_OPEN_MIN),
            key=ContestPoll(c.id, c.position).pack(),
        )
        return Reply("", poll=poll, lang=lang)
    lines = [
        t(lang, "quiz.contest_question_head", n=c.position + 1, total=c.size, seconds=c.seconds),
        asked.question.question,
        "",
        *(f"{LETTERS[i]}. {choice}" for i, choice in enumerate(asked.shown)),
        "",
        t(
            lang,
            "quiz.contest_type_private" if private else "quiz.contest_tap",
            letters=", ".join(LETTERS[: len(asked.shown)]),
        ),
    ]
    buttons = tuple(
        Button(LETTERS[i], ContestAnswer(c.id, c.position, i).pack()) for i in range(len(asked.shown))
    )
    return Reply("\n".join(lines), (buttons,), lang=lang)


async def private_copies(uow: UnitOfWork, asked: Asked, now: datetime) -> list[OutboxItem]:
    """The question in the private chat of each of the branch's people reached on Zalo, with
    their typed answer awaited there."""
    c = asked.contest
    items = []
    for m in await uow.people.members([c.branch_id]):
        if m.platform not in PRIVATE_PLATFORMS or (c.platform == m.platform and c.chat_id == m.user_id):
            continue
        lang = m.language or "vi"
        items.append(
            outbox_item(
                m.platform,
                m.user_id,
                question_reply(asked, lang, private=True),
                now,
                person_id=m.person_id,
                dedup_key=f"quiz_contest:{c.id}:{c.position}:{m.person_id}",
                urgent=True,  # it is asked now, for everyone at once
            )
        )
        await uow.waits.expect(
            m.platform,
            m.user_id,
            m.user_id,
            CONTEST_ANSWER,
            {"contest": c.id, "position": c.position},
            now,
            now + timedelta(seconds=c.seconds + 60),
        )
    return items


async def contest_command(ctx: Ctx, actor: Actor) -> None:
    """/thi [N câu] [S giây] in a group by one who acts for its branch."""
    branch = await group_branch(ctx)
    if branch is None:
        ctx.reply(ctx.t("quiz.contest_unbound"))
        return
    settings = read_settings(ctx.args)
    if isinstance(settings, Text):
        ctx.reply(settings.render(ctx.lang))
        return
    asked = await start_contest(
        ctx.uow, actor, branch, ctx.inc.platform, ctx.inc.chat.chat_id, *settings, ctx.now
    )
    if isinstance(asked, Text):
        ctx.reply(asked.render(ctx.lang))
        return
    bank = await ctx.uow.quiz.bank(asked.contest.bank_id)
    title = bank.title if bank is not None else ""
    ctx.reply(ctx.t("quiz.contest_starting", n=asked.contest.size, seconds=asked.contest.seconds, bank=title))
    reply = question_reply(asked, ctx.lang)
    ctx.reply(reply.text, [list(row) for row in reply.buttons], poll=reply.poll)
    await ctx.uow.outbox.enqueue(await private_copies(ctx.uow, asked, ctx.now))


async def contest_answer(
    uow: UnitOfWork, actor: Actor, contest_id: int, position: int, shown: int, now: datetime
) -> Text:
    """One answer to the question being asked: what the presser is told (never whether it was
    right: that is posted for everyone when the time is up)."""
    contest = await uow.quiz.contest(contest_id)
    if contest is None or actor.person.branch_id != contest.branch_id:
        return Text("quiz.contest_not_yours")
    if contest.status != "running" or position != contest.position:
        return Text("quiz.contest_late")
    if now > contest.asked_at + timedelta(seconds=contest.seconds):
        return Text("quiz.contest_late")
    planned = plan_of_contest(contest)[position]
    if not 0 <= shown < len(planned.order):
        return Text("quiz.no_such_choice", {"letters": LETTERS[: len(planned.order)]})
    question = await uow.quiz.question(planned.question)
    assert question is not None
    attempt = await uow.quiz.contest_attempt(contest, actor.person.id, now)
    attempt.position, attempt.asked_at = position, contest.asked_at
    chosen = planned.order[shown]
    if not await uow.quiz.record(attempt, question.id, [chosen], {chosen} == answer_of(question), now):
        return Text("quiz.contest_once")
    return Text("quiz.contest_taken", {"letter": LETTERS[shown]})


async def contest_pressed(ctx: Ctx, press: ContestAnswer) -> None:
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    told = await contest_answer(ctx.uow, actor, press.contest, press.position, press.choice, ctx.now)
    ctx.notice = told.render(ctx.lang)


_NOT_COUNTED = ("quiz.contest_not_yours", "quiz.contest_late")  # a poll allows no second tap


async def contest_polled(ctx: Ctx, key: ContestPoll, answer: PollAnswer) -> None:
    """A tap on a question's Telegram quiz poll: recorded once, timed by chibo's clock (the
    update carries no time). A tap recorded is not answered (Telegram's poll shows it); one
    that does not count (another branch's contest, too late) is told why in the voter's
    private chat, as a typed answer is, since the poll shows it like a counted one."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    if len(answer.options) != 1:
        return
    told = await contest_answer(ctx.uow, actor, key.contest, key.position, answer.options[0], ctx.now)
    log.info("contest %s question %s: %s by person %s", key.contest, key.position, told.key, actor.person.id)
    if told.key in _NOT_COUNTED:
        ctx.send(ChatRef(ctx.inc.platform, ctx.inc.sender.user_id), told.render(ctx.lang))


async def contest_typed(ctx: Ctx, awaited: Awaited) -> None:
    """A Zalo participant's typed answer in their private chat."""
    actor = Actor.from_ctx(ctx)
    assert actor is not None
    contest = await ctx.uow.quiz.contest(int(awaited.payload["contest"]))
    position = int(awaited.payload["position"])
    if contest is None or contest.status != "running" or contest.position != position:
        ctx.reply(ctx.t("quiz.contest_late"))
        return
    asked = await _asked(ctx.uow, contest)
    picked = understood(ctx.inc.text, asked.shown)
    if picked is None or len(picked) != 1:
        ctx.reply(
            ctx.t(
                "quiz.not_understood", letters=", ".join(LETTERS[: len(asked.shown)]), last=len(asked.shown)
            )
        )
        ctx.expect_text(CONTEST_ANSWER, dict(awaited.payload))
        return
    told = await contest_answer(ctx.uow, actor, contest.id, position, picked[0], ctx.now)
    ctx.reply(told.render(ctx.lang))
    ctx.expect_text(CONTEST_ANSWER, dict(awaited.payload))  # a second answer is told it does not count


async def advance_contests(runtime: Runtime) -> int:
    """Every few seconds: each question whose time is up is closed (its answer and how many
    got it right posted) and the next one asked, or the contest ends."""
    now = runtime.clock.now()
    # A look first, in the loop's own thread (an indexed read): most ticks find nothing due,
    # and an ordinary transaction held the write lock across its trips to the driver's
    # thread, 45 ms every two seconds during a check-in burst on a loaded machine.
    async with runtime.db.unit_of_work(inline=True) as uow:
        if not any(
            now >= c.asked_at + timedelta(seconds=c.seconds) for c in await uow.quiz.running_contests()
        ):
            return 0
    moved = 0
    async with runtime.db.unit_of_work() as uow:
        for contest in await uow.quiz.running_contests():
            if now < contest.asked_at + timedelta(seconds=contest.seconds):
                continue
            items = await _close_question(uow, contest, now)
            await uow.outbox.enqueue(items)
            moved += 1
        await uow.commit()
    return moved


def _group_item(contest: QuizContest, reply: Reply, now: datetime, key: str) -> OutboxItem:
    return outbox_item(contest.platform, contest.chat_id, reply, now, is_group=True, dedup_key=key)


async def _close_question(uow: UnitOfWork, contest: QuizContest, now: datetime) -> list[OutboxItem]:
    lang = "vi"
    asked = await _asked(uow, contest)
    answered, right = await uow.quiz.contest_tally(contest.id, contest.position)
    correct = answer_of(asked.question)
    planned = plan_of_contest(contest)[contest.position]
    choices = choices_of(asked.question)
    right_text = "; ".join(f"{LETTERS[i]}. {choices[b]}" for i, b in enumerate(planned.order) if b in correct)
    lines = [
        t(
            lang,
            "quiz.contest_closed",
            n=contest.position + 1,
            right=right_text,
            ok=fmt_int(right),
            answered=fmt_int(answered),
        )
    ]
    if asked.question.explanation:
        lines.append(t(lang, "quiz.explanation", text=asked.question.explanation))
    key = f"quiz_contest:{contest.id}:{contest.position}"
    items = [_group_item(contest, Reply("\n".join(lines), lang=lang), now, f"{key}:closed")]
    items += await _private_closed(uow, contest, "\n".join(lines), now, key)
    if contest.position + 1 < contest.size:
        contest.position, contest.asked_at = contest.position + 1, now
        following = await _asked(uow, contest)
        items.append(
            _group_item(
                contest,
                question_reply(following, lang),
                now,
                f"quiz_contest:{contest.id}:{contest.position}:asked",
            )
        )
        items += await private_copies(uow, following, now)
        return items
    await uow.quiz.finish_contest(contest, now)
    items += await _results(uow, contest, now)
    return items


async def _private_closed(
    uow: UnitOfWork, contest: QuizContest, text: str, now: datetime, key: str
) -> list[OutboxItem]:
    return [
        outbox_item(
            m.platform,
            m.user_id,
            Reply(text, lang=m.language or "vi"),
            now,
            person_id=m.person_id,
            dedup_key=f"{key}:closed:{m.person_id}",
            urgent=True,
        )
        for m in await uow.people.members([contest.branch_id])
        if m.platform in PRIVATE_PLATFORMS
        and not (contest.platform == m.platform and contest.chat_id == m.user_id)
    ]


async def _results(uow: UnitOfWork, contest: QuizContest, now: datetime) -> list[OutboxItem]:
    """The group gets counts; the organiser the ranking with names; each player their score."""
    ranking = await uow.quiz.ranking(
        contest.bank_id, branch_ids=[contest.branch_id], kind="contest", contest_id=contest.id
    )
    best = ranking[0].correct if ranking else 0
    at_best = sum(1 for s in ranking if s.correct == best)
    key = f"quiz_contest:{contest.id}:end"
    group = t(
        "vi",
        "quiz.contest_end_group",
        took=fmt_int(len(ranking)),
        best=best,
        total=contest.size,
        n=fmt_int(at_best),
    )
    items = [_group_item(contest, Reply(group), now, f"{key}:group")]
    members = {m.person_id: m for m in await uow.people.members([contest.branch_id]) if m.linked}
    organiser = members.get(contest.started_by_person_id)
    if organiser is not None:
        lang = organiser.language or "vi"
        lines = [t(lang, "quiz.contest_end_organiser", took=fmt_int(len(ranking)))]
        lines += [
            t(
                lang,
                "quiz.board_line",
                n=i,
                name=s.full_name,
                correct=s.correct,
                total=s.total,
                time=duration_text(lang, s.elapsed_ms),
            )
            for i, s in enumerate(ranking[:20], start=1)
        ]
        lines.append(t(lang, "quiz.export_hint"))
        items.append(
            outbox_item(
                organiser.platform,
                organiser.user_id,
                Reply(
                    "\n".join(lines),
                    ((Button(t(lang, "quiz.btn_export"), ExportAnswers("contest", contest.id).pack()),),),
                    lang=lang,
                ),
                now,
                person_id=organiser.person_id,
                dedup_key=f"{key}:organiser",
            )
        )
    for place, s in enumerate(ranking, start=1):
        m = members.get(s.person_id)
        if m is None:
            continue
        lang = m.language or "vi"
        text = t(lang, "quiz.contest_end_own", correct=s.correct, total=s.total, place=place, of=len(ranking))
        items.append(
            outbox_item(
                m.platform,
                m.user_id,
                Reply(text, lang=lang),
                now,
                person_id=m.person_id,
                dedup_key=f"{key}:{m.person_id}",
            )
        )
    return items
