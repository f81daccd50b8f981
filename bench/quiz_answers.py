"""A round's answers at the pace of a check-in burst: 11,000 members of 145 branches each
tap an answer to the question they are on, 40 at a time (Telegram's webhook default),
through the core (`Core.handle`: update claimed once, account, button checked, the answer
recorded once, the next question rendered; presses arriving together are recorded in one
transaction, handlers/quiz/burst.py) on SQLite (and PostgreSQL when installed). Prints the
SQL statements of one answer alone and per answer in the burst, the throughput and the
latency percentiles; then, on the same database in the same run, the same members tap
«Có mặt» through the core the same way, for the check-in burst's rate to compare with.
Both bursts also print the process's CPU per update, which other processes on the machine
sway less than the latencies. Before each burst the heap built so far is frozen, as
`chibo run` does once started (bot/app.py freeze_startup_heap), and the bench drops its own
ORM objects of the 11,000 members: a full collection then walks only what the burst makes.

    .venv/bin/python -m bench.quiz_answers [members]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert, select

from bench.databases import on_each_database
from bot.app import App, build_app, freeze_startup_heap, import_roster
from config.messages import ChatRef, Incoming, Sender
from config.settings import Settings
from content.quiz_bank import BankData, QuestionData
from handlers.attendance.buttons import Present
from handlers.quiz.buttons import Answer
from storage.models import Account, Attendance
from storage.models.quiz import QuizAnswer
from storage.repos.attendance import NewMeeting
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


def _press(user: str, update_id: str, data: str) -> Incoming:
    return Incoming(ChatRef("telegram", user), Sender(user), update_id=update_id, callback_data=data)


async def _burst(app: App, presses: Sequence[Incoming]) -> tuple[float, list[float], int, float]:
    """Every press through the core, IN_FLIGHT at a time: seconds, latencies, SQL statements,
    and the process's CPU seconds (less sensitive than the latencies to other processes)."""
    queue: asyncio.Queue[Incoming] = asyncio.Queue()
    for inc in presses:
        queue.put_nowait(inc)
    latencies: list[float] = []
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    async def worker() -> None:
        while not queue.empty():
            inc = queue.get_nowait()
            t0 = time.perf_counter()
            response = await app.core.handle(inc)
            latencies.append(time.perf_counter() - t0)
            assert response.messages or response.notice, inc.callback_data

    sync_engine = app.db.engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", count)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        event.remove(sync_engine, "before_cursor_execute", count)
    return took, latencies, statements, cpu


def _figures(n: int, took: float, latencies: list[float]) -> tuple[float, str]:
    q = statistics.quantiles(latencies, n=100)
    return n / took, f"{n / took:,.0f}/s, p50 {q[49] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms"


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
            start = now + timedelta(minutes=10)
            (meeting,) = await uow.attendance.create_meetings(
                [
                    NewMeeting(
                        "hoc_tap",
                        "Học tập Nghị quyết",
                        start,
                        start + timedelta(hours=3),
                        people[0].branch.committee_id,
                        sorted({p.branch_id for p in people}),
                    )
                ],
                now,
            )
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
        # one answer alone (the first member's first question), then everyone else's
        members_ids = [p.id for p in people]
        first, rest = members_ids[0], members_ids[1:]
        _, _, alone, _ = await _burst(
            app, [_press(str(10_000 + first), "a0", Answer(attempts[first], 0, 0).pack())]
        )
        presses = [
            _press(str(10_000 + p), f"a{n}", Answer(attempts[p], 0, n % 4).pack())
            for n, p in enumerate(rest, 1)
        ]
        # the bench's own objects go; then, as `chibo run` does once started, what was built
        # before is not walked by every full collection
        del people, bank, questions, plan, attempts
        freeze_startup_heap()
        took, latencies, statements, cpu = await _burst(app, presses)
        async with app.db.unit_of_work() as uow:
            recorded = (await uow.session.execute(select(func.count()).select_from(QuizAnswer))).scalar_one()
        rate, text = _figures(len(presses), took, latencies)
        print(
            f"{label}: {len(presses):,} câu trả lời, {IN_FLIGHT} cùng lúc, {took:.1f} s: {text}, "
            f"CPU {cpu / len(presses) * 1000:.2f} ms mỗi câu trả lời; {alone} câu lệnh SQL cho một câu trả lời riêng lẻ, {statements / len(presses):.2f} mỗi câu "
            f"trả lời trong đợt; ghi {recorded:,} dòng"
        )
        taps = [_press(str(10_000 + p), f"c{n}", Present(meeting.id).pack()) for n, p in enumerate(rest)]
        freeze_startup_heap()
        took, latencies, tap_statements, tap_cpu = await _burst(app, taps)
        async with app.db.unit_of_work() as uow:
            counted = (await uow.session.execute(select(func.count()).select_from(Attendance))).scalar_one()
        tap_rate, text = _figures(len(taps), took, latencies)
        print(
            f"  «Có mặt» qua cùng lõi, cùng cơ sở dữ liệu: {text}, CPU {tap_cpu / len(taps) * 1000:.2f} ms, "
            f"{tap_statements / len(taps):.2f} câu lệnh "
            f"mỗi lượt; ghi {counted:,} lượt — trả lời đạt {rate / tap_rate:.2f} lần tốc độ điểm danh"
        )
        assert recorded == len(members_ids) and counted == len(taps)
    finally:
        await app.close()


async def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 11_000

    async def one(database_url: str, work: Path, label: str) -> None:
        await measure(database_url, work, label, members)

    await on_each_database(one)


if __name__ == "__main__":
    asyncio.run(main())
