"""Pledge roll-ups over a Đảng bộ of 1,000 branches and 50,000 people: the registration rate
(/camket tinhhinh for committee staff) and the year-end counts (/camket tongket chibo), next
to Đảng bộ of 10 and 100 branches, to show the number of SQL statements does not grow with
the branches; the time of each, on SQLite (and PostgreSQL when installed).

    .venv/bin/python -m bench.pledges
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, text

from bench.databases import on_each_database
from bench.rollup import CHUNK, _timed
from bot.app import App, build_app
from config.formatting import fmt_int, fmt_pct
from config.settings import Settings
from handlers.pledges import rates, summary
from storage.models import Branch, Committee, Person, Pledge, PledgeReport, PledgeReview, PledgeVersion

SIZES = (10, 100, 1_000)  # branches of each Đảng bộ
PEOPLE_PER_BRANCH = 50  # the largest: 50,000 people
YEAR = 2026
NOW = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
MONTHS = 6  # months reported by those who report
ACTIONS = [{"what": "Giải quyết hồ sơ đúng hẹn", "when": "hằng tháng", "evidence": "sổ theo dõi"}] * 3


async def _bulk(app: App, model: Any, rows: list[dict[str, Any]]) -> None:
    async with app.db.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            await conn.execute(insert(model), rows[start : start + CHUNK])


async def build(app: App) -> dict[int, int]:
    """Đảng bộ of 10, 100 and 1,000 branches: committee id by size. 80% of people registered,
    three in four of them report six months, half are reviewed, a third self-assessed."""
    committees: dict[int, int] = {}
    branch_id = person_id = pledge_id = 0
    branches: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    pledges: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    actions = json.dumps(ACTIONS, ensure_ascii=False)
    for size in SIZES:
        async with app.db.engine.begin() as conn:
            committees[size] = (
                await conn.execute(
                    insert(Committee)
                    .values(name=f"Đảng bộ {size}", name_key=f"dang bo {size}")
                    .returning(Committee.id)
                )
            ).scalar_one()
        for _ in range(size):
            branch_id += 1
            branches.append(
                {"id": branch_id, "committee_id": committees[size], "name": f"Chi bộ {branch_id:05d}",
                 "name_key": f"chi bo {branch_id:05d}"}
            )  # fmt: skip
            for _ in range(PEOPLE_PER_BRANCH):
                person_id += 1
                n = person_id
                people.append(
                    {
                        "id": n, "branch_id": branch_id, "full_name": f"Người {n}", "name_key": f"nguoi {n}",
                        "category": "du_bi" if n % 10 == 9 else "quan_chung" if n % 10 == 8 else "chinh_thuc",
                        "position": "", "branch_role": "", "committee_role": "", "phone": "",
                        "exempt": n % 50 == 49, "active": True, "link_code": f"P{n:07d}",
                        "created_at": NOW, "updated_at": NOW,
                    }
                )  # fmt: skip
                if n % 5 == 0:
                    continue  # one in five has not registered
                pledge_id += 1
                pledges.append(
                    {"id": pledge_id, "person_id": n, "branch_id": branch_id, "year": YEAR, "version": 1,
                     "registered_at": NOW, "updated_at": NOW, "self_assessment": "", "self_level": "tot" if n % 3 == 0 else "",
                     "confirmed_at": NOW if n % 3 == 0 else None}
                )  # fmt: skip
                versions.append(
                    {"pledge_id": pledge_id, "version": 1, "topic_title": "Chuyên đề", "contents": '["Nội dung"]',
                     "shortcomings": "Còn chậm", "actions": actions, "created_at": NOW, "created_by_person_id": n}
                )  # fmt: skip
                if n % 4 == 0:
                    continue
                for month in range(7, 7 + MONTHS):
                    key = f"{YEAR}-{month:02d}"
                    reports += [
                        {"pledge_id": pledge_id, "month": key, "action_no": a, "version": 1,
                         "status": ("done", "doing", "not")[(n + a + month) % 3], "note": "", "reported_at": NOW}
                        for a in (1, 2, 3)
                    ]  # fmt: skip
                    if n % 2 == 0:
                        reviews.append(
                            {"pledge_id": pledge_id, "month": key, "rating": "tot", "comment": "Tốt",
                             "reviewer_person_id": n, "reviewed_at": NOW}
                        )  # fmt: skip
    for model, rows in (
        (Branch, branches),
        (Person, people),
        (Pledge, pledges),
        (PledgeVersion, versions),
        (PledgeReport, reports),
        (PledgeReview, reviews),
    ):
        await _bulk(app, model, rows)
    print(
        f"  {fmt_int(len(branches))} chi bộ, {fmt_int(len(people))} người, {fmt_int(len(pledges))} bản đăng ký, "
        f"{fmt_int(len(reports))} dòng báo cáo tháng, {fmt_int(len(reviews))} nhận xét"
    )
    return committees


async def measure(database_url: str, work: Path, label: str) -> None:
    app = await build_app(Settings(_env_file=None, database_url=database_url, data_dir=work))  # type: ignore[call-arg]
    try:
        t0 = time.perf_counter()
        print(f"{label}:")
        committees = await build(app)
        if app.db.engine.dialect.name == "postgresql":
            async with app.db.engine.begin() as conn:
                await conn.execute(text("ANALYZE"))
        print(f"  dựng dữ liệu trong {time.perf_counter() - t0:.1f} s")
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        sync_engine = app.db.engine.sync_engine
        for size, committee_id in committees.items():

            async def rate(committee_id: int = committee_id) -> Any:
                async with app.db.unit_of_work() as uow:
                    return await rates.rates(uow, YEAR, committee_id)

            async def year_end(committee_id: int = committee_id) -> Any:
                async with app.db.unit_of_work() as uow:
                    return await summary.committee(uow, YEAR, committee_id)

            for name, job in (("tỷ lệ đăng ký", rate), ("tổng kết năm", year_end)):
                statements.clear()
                event.listen(sync_engine, "before_cursor_execute", count)
                try:
                    await job()
                finally:
                    event.remove(sync_engine, "before_cursor_execute", count)
                took, result = await _timed(job)
                total = result[1]
                done, of = total.party()
                extra = ""
                if name == "tổng kết năm":
                    summed = result[2]
                    extra = (
                        f"; {fmt_int(summed.reported)} đã báo cáo, {fmt_int(summed.reviewed)} được nhận xét, "
                        f"{fmt_int(summed.confirmed)} tự đánh giá"
                    )
                print(
                    f"  {name} {size:>5} chi bộ: {len(statements)} câu lệnh SQL, {took * 1000:7.1f} ms; "
                    f"đảng viên {fmt_int(done)}/{fmt_int(of)} ({fmt_pct(done, of)}){extra}"
                )
    finally:
        await app.close()


async def main() -> None:
    await on_each_database(measure)


if __name__ == "__main__":
    asyncio.run(main())
