"""A round's answers at the pace of a check-in burst: 11,000 members of 145 branches each
tap an answer to the question they are on, 40 at a time (Telegram's webhook default),
through the core (`Core.handle`: update claimed once, account, button checked, the answer
recorded once, the next question rendered) on SQLite (and PostgreSQL when installed). Prints
the throughput and the latency percentiles of each answer.

    .venv/bin/python -m bench.quiz_answers [members]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from bench.databases import on_each_database
from bot.app import build_app, import_roster
from config.messages import ChatRef, Incoming, Sender
from config.settings import Settings
from content.quiz_bank import BankData, QuestionData
from handlers.quiz.buttons import Answer
from storage.models import Account
from storage.repos.quiz import Planned
from tests.fakes.rosters import roster_rows, write_csv

IN_FLIGHT = 40
QUESTIONS = 30


def _bank() -> BankData:
    return BankData(
        "bench-answers",
        "Hội thi (đo)",
        "",
        tuple(
            QuestionData(
                f"Câu hỏi số {i}?", ("Một", "Hai", "Ba", "Bốn"), (i % 4,), "Vì sao.", None, "trung_binh"
            )
            for i in range(QUESTIONS)
        ),
    )


async def measure(database_url: str, work: Path, label: str, members: int) -> None:
    app = await build_app(Settings(_env_file=None, database_url=database_url, data_dir=work))  # type: ignore[call-arg]
    try:
        await import_roster(app, write_csv(work / "ds.csv", roster_rows(145, members)))
        now = datetime.now(UTC)
        async with app.db.unit_of_work() as uow:
            people = [p for p, _ in await uow.people.roster_with_links()]
            await uow.quiz.sync_bundled([_bank()], now)
            bank = (await uow.quiz.banks_for(people[0].branch_id, people[0].branch.committee_id))[0][0]
            questions = await uow.quiz.questions(bank.id)
            plan = [Planned(q.id, (0, 1, 2, 3)) for q in questions]
            attempts = {}
            for p in people:
                attempts[p.id] = (await uow.quiz.start(p.id, bank.id, plan, now)).id
            await uow.commit()
        async with app.db.engine.begin() as conn:
            await conn.execute(
                insert(Account),
                [
                    {
                        "platform": "telegram",
                        "user_id": str(10_000 + p.id),
                        "person_id": p.id,
                        "display_name": "",
                        "language": "vi",
                        "linked_at": now,
                        "created_at": now,
                    }
                    for p in people
                ],
            )
        queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
        for n, p in enumerate(people):
            queue.put_nowait((n, Answer(attempts[p.id], 0, n % 4).pack()))
        latencies: list[float] = []
        by_person = {n: p for n, p in enumerate(people)}

        async def worker() -> None:
            while not queue.empty():
                n, data = queue.get_nowait()
                user = str(10_000 + by_person[n].id)
                inc = Incoming(ChatRef("telegram", user), Sender(user), update_id=f"a{n}", callback_data=data)
                t0 = time.perf_counter()
                response = await app.core.handle(inc)
                latencies.append(time.perf_counter() - t0)
                assert response.messages, data

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
        took = time.perf_counter() - t0
        async with app.db.unit_of_work() as uow:
            from sqlalchemy import func, select

            from storage.models.quiz import QuizAnswer

            recorded = (await uow.session.execute(select(func.count()).select_from(QuizAnswer))).scalar_one()
        q = statistics.quantiles(latencies, n=100)
        print(
            f"{label}: {len(people):,} câu trả lời trong {took:.1f} s ({len(people) / took:,.0f}/s), "
            f"{IN_FLIGHT} cùng lúc; p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms; ghi {recorded:,} dòng"
        )
    finally:
        await app.close()


async def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 11_000

    async def one(database_url: str, work: Path, label: str) -> None:
        await measure(database_url, work, label, members)

    await on_each_database(one)


if __name__ == "__main__":
    asyncio.run(main())
