"""Quiz answers pressed together share one transaction (handlers/quiz/burst.py); each is
still recorded once, every press gets the answer it would get alone, and what the batch
cannot settle plainly goes the one-by-one way, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from sqlalchemy import event, select

from bench.checkin_burst import prepare
from bot.app import App
from config.messages import ChatRef, Incoming, Response, Sender
from content.quiz_bank import BankData, QuestionData
from handlers.quiz.buttons import Answer
from storage.models.quiz import QuizAnswer, QuizAttempt
from storage.repos.quiz import Planned
from tests.fakes.clock import FakeClock

BANK = BankData(
    "burst",
    "Hội thi (thử)",
    "",
    tuple(
        QuestionData(f"Câu hỏi số {i}?", ("Một", "Hai", "Ba"), (i % 3,), f"Vì {i}.", None, "trung_binh")
        for i in range(3)
    ),
)


def press(update_id: int, user_id: int, data: str) -> Incoming:
    return Incoming(
        chat=ChatRef("telegram", str(user_id)),
        sender=Sender(str(user_id), f"U{user_id}", "vi"),
        update_id=str(update_id),
        callback_data=data,
    )


def typed(update_id: int, user_id: int, text: str) -> Incoming:
    return Incoming(
        chat=ChatRef("telegram", str(user_id)),
        sender=Sender(str(user_id), f"U{user_id}", "vi"),
        update_id=str(update_id),
        text=text,
    )


async def start(app: App, tmp_path: Path, clock: FakeClock, members: int) -> list[tuple[int, int]]:
    """(user id, attempt id) of each member, every attempt at its first question; choices
    shown in the bank's order but the first question's, shown reversed."""
    _, linked = await prepare(app, tmp_path, members, clock.now())
    async with app.db.unit_of_work() as uow:
        await uow.quiz.sync_bundled([BANK], clock.now())
        people = [p for p, _ in await uow.people.roster_with_links()]
        bank = next(b for b, _ in await uow.quiz.banks_for(people[0].branch_id, 1) if b.slug == "burst")
        questions = await uow.quiz.questions(bank.id)
        plan = [Planned(q.id, (2, 1, 0) if q.position == 0 else (0, 1, 2)) for q in questions]
        attempts = [(await uow.quiz.start(p.id, bank.id, plan, clock.now())).id for p in people]
        await uow.commit()
    return [(user, attempt) for (user, _), attempt in zip(linked, attempts, strict=True)]


def said(r: Response) -> str:
    return r.notice or "\n\n".join(m.reply.text for m in r.messages)


async def test_answers_pressed_together_are_recorded_once_each(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_any_db
    members = await start(app, tmp_path, clock, 30)
    # question 1's right choice is the bank's first, shown last: C
    presses = [
        press(1000 + i, user, Answer(attempt, 0, i % 3).pack()) for i, (user, attempt) in enumerate(members)
    ]
    redelivered = presses[:5]
    second = [
        press(2000 + i, user, Answer(attempt, 0, 2).pack()) for i, (user, attempt) in enumerate(members[:5])
    ]
    stranger = press(3000, 42, Answer(members[0][1], 0, 0).pack())
    foreign = press(3001, members[6][0], Answer(members[7][1], 0, 0).pack())

    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(app.db.engine.sync_engine, "before_cursor_execute", count)
    try:
        responses = await asyncio.gather(
            *(app.core.handle(inc) for inc in [*presses, *redelivered, *second, stranger, foreign])
        )
    finally:
        event.remove(app.db.engine.sync_engine, "before_cursor_execute", count)
    # the 30 answers are written by one statement (the others are refused one by one)
    assert sum(s.startswith("INSERT INTO quiz_answers") for s in statements) == 1
    # and their attempts moved on to question 2 by one more
    assert sum(s.startswith("UPDATE quiz_attempts") for s in statements) == 1

    answered = responses[: len(presses)]
    for i, r in enumerate(answered):
        first, following = (m.reply for m in r.messages)
        if i % 3 == 2:
            assert first.text == "✅ Đúng!\nGiải thích: Vì 0."
        else:
            assert first.text == "❌ Chưa đúng. Đáp án đúng: C. Một\nGiải thích: Vì 0."
        assert following.text.startswith("Câu 2/3:\nCâu hỏi số 1?\n\nA. Một\nB. Hai\nC. Ba")
        assert [b.data for b in following.all_buttons()] == [
            Answer(members[i][1], 1, c).pack() for c in range(3)
        ]
    rest = Counter(said(r) for r in responses[len(presses) :])
    assert rest == Counter(
        {
            "": 5,  # a redelivery is not answered again
            "Câu này đồng chí đã trả lời rồi; mỗi câu chỉ tính lần trả lời đầu.": 5,
            "Lựa chọn này không dành cho đồng chí.": 1,
        }
        | {said(responses[-2]): 1}
    )
    assert "liên kết" in said(responses[-2])
    async with app.db.unit_of_work() as uow:
        rows = (await uow.session.execute(select(QuizAnswer.attempt_id, QuizAnswer.correct))).tuples().all()
        attempts = (await uow.session.execute(select(QuizAttempt))).scalars().all()
    assert Counter(a for a, _ in rows) == Counter(a for _, a in members)
    assert sum(c for _, c in rows) == 10
    assert all(
        a.position == 1 and a.correct == int(i % 3 == 2)
        for i, a in enumerate(sorted(attempts, key=lambda a: a.id))
    )

    # what the batch left waiting works: a typed letter answers question 2, then the last
    # question's answer, with the score, goes the one-by-one way
    user, attempt = members[2]
    second_answer = await app.core.handle(typed(4000, user, "B"))
    assert said(second_answer).startswith("✅ Đúng!\nGiải thích: Vì 1.")
    (last,) = await asyncio.gather(app.core.handle(press(4001, user, Answer(attempt, 2, 2).pack())))
    assert "🏁 Kết quả «Hội thi (thử)»: 3/3 câu đúng (100%)" in said(last)
