"""Quiz leaderboards at a committee's size: 1,000 branches and 50,000 members, 80% of whom
finished a practice of a 30-question bank (some twice); the answers of the first 220
branches (11,000 members) kept question by question. Measures the /bxh of committee staff
(the top 20 across the Đảng bộ and every branch's participation and average) and the report
of the most missed questions over 22 and 220 branches: SQL statements (they must not grow
with the branches) and time, on SQLite (and PostgreSQL when installed).

    .venv/bin/python -m bench.quiz
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text

from bench.databases import on_each_database
from bot.app import App, build_app
from config.settings import Settings
from content.quiz_bank import BankData, QuestionData
from handlers.quiz.services import BoardScope, board
from storage.models import Branch, Committee, Person
from storage.models.quiz import QuizAnswer, QuizAttempt

BRANCHES = 1_000
PEOPLE_PER_BRANCH = 50
QUESTIONS = 30
ANSWERED_BRANCHES = 220  # 11,000 members: the round
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
CHUNK = 20_000


async def _bulk(app: App, model: Any, rows: list[dict[str, Any]]) -> None:
    async with app.db.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            await conn.execute(insert(model), rows[start : start + CHUNK])


def _bank() -> BankData:
    return BankData(
        "bench",
        "Thi tìm hiểu (đo)",
        "",
        tuple(
            QuestionData(
                f"Câu hỏi số {i}?", ("Một", "Hai", "Ba", "Bốn"), (i % 4,), "", 1 + i % 3, "trung_binh"
            )
            for i in range(QUESTIONS)
        ),
    )


async def build(app: App) -> tuple[int, int, list[int]]:
    async with app.db.engine.begin() as conn:
        committee_id = (
            await conn.execute(
                insert(Committee).values(name="Đảng bộ Đo", name_key="dang bo do").returning(Committee.id)
            )
        ).scalar_one()
    await _bulk(
        app,
        Branch,
        [
            {
                "id": b + 1,
                "committee_id": committee_id,
                "name": f"Chi bộ {b + 1:04d}",
                "name_key": f"chi bo {b + 1:04d}",
            }
            for b in range(BRANCHES)
        ],
    )
    await _bulk(
        app,
        Person,
        [
            {
                "id": n + 1,
                "branch_id": n // PEOPLE_PER_BRANCH + 1,
                "full_name": f"Người {n}",
                "name_key": f"nguoi {n}",
                "category": "chinh_thuc",
                "position": "",
                "branch_role": "",
                "committee_role": "",
                "phone": "",
                "exempt": False,
                "active": True,
                "link_code": f"Q{n:07d}",
                "created_at": NOW,
                "updated_at": NOW,
            }
            for n in range(BRANCHES * PEOPLE_PER_BRANCH)
        ],
    )
    async with app.db.unit_of_work() as uow:
        await uow.quiz.sync_bundled([_bank()], NOW)
        await uow.commit()
        bank = (await uow.quiz.banks_for(1, committee_id))[0][0]
        questions = [q.id for q in await uow.quiz.questions(bank.id)]
    attempts: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    plan = json.dumps([{"q": q, "order": [0, 1, 2, 3]} for q in questions])
    for n in range(BRANCHES * PEOPLE_PER_BRANCH):
        if n % 5 == 4 or ((n // PEOPLE_PER_BRANCH) % 7 == 3 and n % 2):
            continue  # 80% take part, some branches less
        for go in range(1 + (n % 3 == 0)):
            attempt_id = len(attempts) + 1
            correct = [(n * 7 + i * 13 + go) % 10 < 7 for i in range(QUESTIONS)]
            finished = NOW + timedelta(minutes=n % 600, seconds=go * 7)
            attempts.append(
                {
                    "id": attempt_id,
                    "person_id": n + 1,
                    "bank_id": bank.id,
                    "kind": "practice",
                    "status": "done",
                    "plan": plan,
                    "position": QUESTIONS,
                    "total": QUESTIONS,
                    "correct": sum(correct),
                    "elapsed_ms": 60_000 + (n * 37) % 240_000,
                    "asked_at": finished,
                    "started_at": finished - timedelta(minutes=5),
                    "finished_at": finished,
                }
            )
            if n // PEOPLE_PER_BRANCH < ANSWERED_BRANCHES:
                answers += [
                    {
                        "attempt_id": attempt_id,
                        "position": i,
                        "question_id": q,
                        "chosen": json.dumps([i % 4 if ok else (i + 1 + n % 3) % 4]),
                        "correct": ok,
                        "ms": 4_000,
                        "answered_at": finished,
                    }
                    for i, (q, ok) in enumerate(zip(questions, correct, strict=True))
                ]
    await _bulk(app, QuizAttempt, attempts)
    await _bulk(app, QuizAnswer, answers)
    return int(committee_id), bank.id, [len(attempts), len(answers)]


async def _timed(factory: Any, repeat: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = await factory()
        best = min(best, time.perf_counter() - t0)
    return best, result


async def measure(database_url: str, work: Path, label: str) -> None:
    app = await build_app(Settings(_env_file=None, database_url=database_url, data_dir=work))  # type: ignore[call-arg]
    try:
        t0 = time.perf_counter()
        committee_id, bank_id, (n_attempts, n_answers) = await build(app)
        if app.db.engine.dialect.name == "postgresql":
            async with app.db.engine.begin() as conn:
                await conn.execute(text("ANALYZE"))
        print(
            f"{label}: {BRANCHES:,} chi bộ, {BRANCHES * PEOPLE_PER_BRANCH:,} người, {n_attempts:,} lượt thi, "
            f"{n_answers:,} câu trả lời — dựng trong {time.perf_counter() - t0:.1f} s"
        )
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        sync_engine = app.db.engine.sync_engine

        async def counted(factory: Any) -> tuple[int, float, Any]:
            statements.clear()
            event.listen(sync_engine, "before_cursor_execute", count)
            try:
                await factory()
            finally:
                event.remove(sync_engine, "before_cursor_execute", count)
            took, result = await _timed(factory)
            return len(statements), took, result

        async def committee_board() -> Any:
            async with app.db.unit_of_work() as uow:
                return await board(uow, BoardScope(committee_id, None, "Đảng bộ Đo"))

        async def scan(sql: str) -> Any:
            async with app.db.engine.connect() as conn:
                return (await conn.execute(text(sql))).all()

        attempts_scan, _ = await _timed(
            lambda: scan("SELECT person_id, max(correct) FROM quiz_attempts GROUP BY person_id")
        )
        answers_scan, _ = await _timed(
            lambda: scan(
                "SELECT question_id, correct, count(*) FROM quiz_answers GROUP BY question_id, correct"
            )
        )
        print(
            f"  để so sánh: quét quiz_attempts GROUP BY người {attempts_scan * 1000:8.1f} ms; "
            f"quét quiz_answers GROUP BY câu {answers_scan * 1000:8.1f} ms"
        )
        n, took, result = await counted(committee_board)
        low = result.branches[0]
        print(
            f"  /bxh của cán bộ Đảng ủy ({BRANCHES:,} chi bộ): {n} câu lệnh SQL, {took * 1000:8.1f} ms; "
            f"{result.took:,} người đã làm; nhất {result.top[0].correct}/{QUESTIONS}; "
            f"tham gia thấp nhất {low.branch} {low.took}/{low.people}; {took / attempts_scan:.1f}× lần quét"
        )
        for branches in (22, ANSWERED_BRANCHES):

            async def missed(branches: int = branches) -> Any:
                async with app.db.unit_of_work() as uow:
                    return await uow.quiz.missed(bank_id, list(range(1, branches + 1)))

            n, took, result = await counted(missed)
            worst = result[0]
            print(
                f"  câu sai nhiều nhất, {branches:>4} chi bộ ({branches * PEOPLE_PER_BRANCH:,} người): {n} câu lệnh SQL, "
                f"{took * 1000:8.1f} ms ({took / answers_scan:.1f}× lần quét); câu sai nhiều nhất {worst.wrong:,}/{worst.answered:,}"
            )
    finally:
        await app.close()


async def main() -> None:
    await on_each_database(measure)


if __name__ == "__main__":
    asyncio.run(main())
