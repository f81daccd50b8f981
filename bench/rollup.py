"""The committee roll-up over 1,000 branches, 50,000 people and 1,000,000 attendance rows:
how many SQL statements it takes at 10, 100 and 1,000 branches (it must not grow), and its
time next to one plain full scan of the attendance table, on SQLite (and PostgreSQL when
installed).

    .venv/bin/python -m bench.rollup
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text

from bench.databases import on_each_database
from bot.app import App, build_app
from config.settings import Settings
from handlers.reports.build import tally
from handlers.reports.export import committee_export
from handlers.reports.render import rate_text
from storage.models import Attendance, Branch, Committee, Meeting, MeetingBranch, Person
from storage.repos.reports import Scope

BRANCHES = 1_000
PEOPLE_PER_BRANCH = 50  # 50,000 people
MEETINGS_PER_BRANCH = 20  # 20,000 meetings × 50 people = 1,000,000 attendance rows
FIRST = datetime(2025, 5, 5, 7, 0, tzinfo=UTC)
CHUNK = 20_000
STATUSES = ("present",) * 90 + ("late",) * 3 + ("excused",) * 4 + ("absent",) * 3


async def _bulk(app: App, model: Any, rows: list[dict[str, Any]]) -> None:
    async with app.db.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            await conn.execute(insert(model), rows[start : start + CHUNK])


async def build(app: App) -> int:
    now = FIRST
    async with app.db.engine.begin() as conn:
        committee_id = (
            await conn.execute(
                insert(Committee)
                .values(name="Đảng bộ Thành phố", name_key="dang bo thanh pho")
                .returning(Committee.id)
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
    people = [
        {
            "id": n + 1,
            "branch_id": n // PEOPLE_PER_BRANCH + 1,
            "full_name": f"Người {n}",
            "name_key": f"nguoi {n}",
            "category": "du_bi" if n % 10 == 9 else "quan_chung" if n % 10 == 8 else "chinh_thuc",
            "position": "",
            "branch_role": "",
            "committee_role": "",
            "phone": "",
            "exempt": n % 50 == 49,
            "active": True,
            "link_code": f"B{n:07d}",
            "created_at": now,
            "updated_at": now,
        }
        for n in range(BRANCHES * PEOPLE_PER_BRANCH)
    ]
    await _bulk(app, Person, people)
    meetings: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for b in range(BRANCHES):
        for k in range(MEETINGS_PER_BRANCH):
            mid = b * MEETINGS_PER_BRANCH + k + 1
            start = FIRST + timedelta(days=30 * k)
            meetings.append(
                {
                    "id": mid,
                    "kind": "sinh_hoat",
                    "title": f"Sinh hoạt {k + 1}",
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=2),
                    "place": "",
                    "online_link": "",
                    "committee_id": committee_id,
                    "created_by_person_id": None,
                    "created_at": now,
                    "recurrence": "",
                    "series_id": None,
                    "cancelled": False,
                }
            )
            links.append({"meeting_id": mid, "branch_id": b + 1})
    await _bulk(app, Meeting, meetings)
    await _bulk(app, MeetingBranch, links)
    rows: list[dict[str, Any]] = []
    for m in meetings:
        branch_id = (m["id"] - 1) // MEETINGS_PER_BRANCH + 1
        for i in range(PEOPLE_PER_BRANCH):
            p = people[(branch_id - 1) * PEOPLE_PER_BRANCH + i]
            status = STATUSES[(m["id"] * 7 + i * 13 + branch_id) % len(STATUSES)]
            rows.append(
                {
                    "meeting_id": m["id"],
                    "person_id": p["id"],
                    "branch_id": branch_id,
                    "category": p["category"],
                    "exempt": p["exempt"],
                    "status": status,
                    "reason": "ốm" if status == "excused" else "",
                    "recorded_at": m["starts_at"],
                    "recorded_by_person_id": None,
                }
            )
        if len(rows) >= 200_000:
            await _bulk(app, Attendance, rows)
            rows = []
    await _bulk(app, Attendance, rows)
    return int(committee_id)


async def _timed(coro_factory: Any, repeat: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = await coro_factory()
        best = min(best, time.perf_counter() - t0)
    return best, result


async def measure(database_url: str, work: Path, label: str) -> None:
    app = await build_app(Settings(_env_file=None, database_url=database_url, data_dir=work))  # type: ignore[call-arg]
    try:
        t0 = time.perf_counter()
        committee_id = await build(app)
        if app.db.engine.dialect.name == "postgresql":
            async with app.db.engine.begin() as conn:
                await conn.execute(text("ANALYZE"))
        print(
            f"{label}: dữ liệu {BRANCHES:,} chi bộ, {BRANCHES * PEOPLE_PER_BRANCH:,} người, "
            f"{BRANCHES * PEOPLE_PER_BRANCH * MEETINGS_PER_BRANCH:,} lượt điểm danh — dựng trong "
            f"{time.perf_counter() - t0:.1f} s"
        )
        now = FIRST + timedelta(days=30 * MEETINGS_PER_BRANCH)
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        sync_engine = app.db.engine.sync_engine
        for n in (10, 100, 1_000):
            scope = Scope(committee_id, branch_ids=None if n == BRANCHES else list(range(1, n + 1)))

            async def rollup(scope: Scope = scope) -> Any:
                async with app.db.unit_of_work() as uow:
                    return await tally(uow, scope, now)

            statements.clear()
            event.listen(sync_engine, "before_cursor_execute", count)
            try:
                await rollup()
            finally:
                event.remove(sync_engine, "before_cursor_execute", count)
            took, (branches, total) = await _timed(rollup)
            print(
                f"  roll-up {n:>5} chi bộ: {len(statements)} câu lệnh SQL, {took * 1000:8.1f} ms, "
                f"{len(branches)} chi bộ, có mặt {rate_text(total.total)}"
            )

        async def full_scan() -> Any:
            async with app.db.engine.connect() as conn:
                return (await conn.execute(text("SELECT count(*) FROM attendance"))).scalar_one()

        async def grouped_scan() -> Any:
            async with app.db.engine.connect() as conn:
                return (
                    await conn.execute(
                        text("SELECT branch_id, status, count(*) FROM attendance GROUP BY branch_id, status")
                    )
                ).all()

        scan, rows = await _timed(full_scan)
        grouped, _ = await _timed(grouped_scan)
        best_rollup, _ = await _timed(lambda: rollup())  # the 1,000-branch roll-up measured last
        print(
            f"  SELECT count(*) FROM attendance ({rows:,} dòng): {scan * 1000:8.1f} ms; "
            f"quét có GROUP BY chi bộ, trạng thái: {grouped * 1000:8.1f} ms"
        )
        print(
            f"  roll-up 1.000 chi bộ / count(*): {best_rollup / scan:5.1f}×; / quét GROUP BY: "
            f"{best_rollup / grouped:5.2f}×"
        )

        async def export() -> Any:
            async with app.db.unit_of_work() as uow:
                return await committee_export(
                    uow, committee_id, "Đảng bộ Thành phố", FIRST.year, FIRST.month, now, "vi"
                )

        took, exported = await _timed(export, repeat=1)
        print(
            f"  /xuat tháng {FIRST.month:02d}/{FIRST.year} ({BRANCHES:,} chi bộ: Excel + biểu đồ): {took * 1000:8.1f} ms, "
            f"{len(exported.xlsx):,} byte .xlsx"
        )
    finally:
        await app.close()


async def main() -> None:
    await on_each_database(measure)


if __name__ == "__main__":
    asyncio.run(main())
