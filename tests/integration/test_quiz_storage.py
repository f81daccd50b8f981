"""Quiz storage on SQLite and PostgreSQL: a bundled bank synced by slug (a question kept
while its text stays), one answer per question however often it arrives, each person's best
go ranked once, and the per-question tally."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.app import App, import_roster
from storage.repos.quiz import Planned
from tests.e2e.conftest import ROSTER
from tests.fakes.quiz_banks import small_bank
from tests.fakes.rosters import write_csv


async def test_banks_attempts_and_rankings(app_any_db: App, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = app_any_db
    await import_roster(app, write_csv(tmp_path / "ds.csv", ROSTER))
    now = app.clock.now()
    bank_data = small_bank()
    async with app.db.unit_of_work() as uow:
        assert await uow.quiz.sync_bundled([bank_data], now) == 1
        assert await uow.quiz.sync_bundled([bank_data], now) == 0
        [(bank, n)] = [(b, n) for b, n in await uow.quiz.banks_for(1, 1) if b.slug == bank_data.slug]
        assert n == 4
        first = (await uow.quiz.questions(bank.id))[0]
        # the file edited: one question dropped, one explanation changed; ids kept for answers
        edited = replace(
            bank_data,
            questions=(replace(bank_data.questions[0], explanation="Mới."), *bank_data.questions[2:]),
        )
        assert await uow.quiz.sync_bundled([edited], now) == 1
        kept = await uow.quiz.questions(bank.id)
        assert len(kept) == 3 and kept[0].id == first.id and kept[0].explanation == "Mới."
        people = {p.full_name: p for p, _ in await uow.people.roster_with_links()}
        mai, duc = people["Lê Thị Mai"], people["Phạm Văn Đức"]
        plan = [Planned(q.id, (0, 1, 2)) for q in kept[:2]]
        for person, answers in ((mai, [True, True]), (duc, [True, False])):
            attempt = await uow.quiz.start(person.id, bank.id, plan, now)
            for q, right in zip(kept[:2], answers, strict=True):
                assert await uow.quiz.record(attempt, q.id, [0], right, now)
            assert attempt.status == "done"
        again = await uow.quiz.start(duc.id, bank.id, plan, now)
        assert await uow.quiz.record(again, kept[0].id, [1], False, now)
        again.position = 0  # the same question's answer delivered twice
        assert not await uow.quiz.record(again, kept[0].id, [1], False, now)
        await uow.commit()
    async with app.db.unit_of_work() as uow:
        ranking = await uow.quiz.ranking(bank.id, committee_id=mai.branch.committee_id)
        assert [(s.full_name, s.correct) for s in ranking] == [("Lê Thị Mai", 2), ("Phạm Văn Đức", 1)]
        missed = await uow.quiz.missed(bank.id, [mai.branch_id])
        # every answer counts, the retake left halfway too
        assert [(m.question.id, m.answered, m.wrong) for m in missed] == [
            (kept[1].id, 2, 1),
            (kept[0].id, 3, 1),
        ]
        assert missed[0].chosen == {(0,): 1} and missed[1].chosen == {(1,): 1}
        # the year-end summary's lines (pledges): Đức's retake left halfway does not count
        from datetime import timedelta

        from handlers.quiz.services import year_lines

        lines = await year_lines(uow, [mai.id, duc.id], now - timedelta(days=1), now + timedelta(days=1))
        assert lines == {
            mai.id: ["Luyện thi tìm hiểu: 1 lần, tốt nhất 2/2 câu đúng"],
            duc.id: ["Luyện thi tìm hiểu: 1 lần, tốt nhất 1/2 câu đúng"],
        }


async def test_speed_points_rank_a_round_and_its_workbook_takes_the_same_statements_for_more_people(
    app_any_db: App,
    tmp_path: Path,
) -> None:
    """A round with speed points: fast right answers outrank one more slow right answer; its
    workbook's data is the same number of statements for two people as for four."""
    import json
    from datetime import timedelta
    from typing import Any

    from sqlalchemy import event

    from handlers.quiz import export
    from storage.models.quiz import QuizRound

    app = app_any_db
    await import_roster(app, write_csv(tmp_path / "ds.csv", ROSTER))
    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        await uow.quiz.sync_bundled([small_bank()], now)
        [bank] = [b for b, _ in await uow.quiz.banks_for(1, 1) if b.slug == small_bank().slug]
        questions = (await uow.quiz.questions(bank.id))[:3]
        people = {p.full_name: p for p, _ in await uow.people.roster_with_links()}
        son = people["Ngô Thanh Sơn"]
        branch_ids = sorted({p.branch_id for p in people.values()})
        round_ = await uow.quiz.add_round(
            QuizRound(
                committee_id=son.branch.committee_id,
                created_by_person_id=son.id,
                bank_id=bank.id,
                title="Hội thi thử",
                branch_ids=json.dumps(branch_ids),
                size=3,
                attempts=1,
                speed_points=True,
                status="open",
                deadline_at=now + timedelta(days=3),
                created_at=now,
            )
        )
        plan = [Planned(q.id, (0, 1, 2)) for q in questions]

        async def go(name: str, answers: list[tuple[bool, int]]) -> None:
            at = now
            attempt = await uow.quiz.start(
                people[name].id, bank.id, plan, at, kind="round", round_id=round_.id
            )
            for q, (right, seconds) in zip(questions, answers, strict=True):
                at += timedelta(seconds=seconds)
                assert await uow.quiz.record(attempt, q.id, [0], right, at)

        # Mai: 2 right within a second (200 points each); Đức: 3 right at 25 s (100 each)
        await go("Lê Thị Mai", [(True, 0), (True, 0), (False, 3)])
        await go("Phạm Văn Đức", [(True, 25), (True, 25), (True, 25)])
        await uow.commit()

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    async def counted() -> export.Export:
        statements.clear()
        sync_engine = app.db.engine.sync_engine
        event.listen(sync_engine, "before_cursor_execute", count)
        try:
            async with app.db.unit_of_work() as uow:
                found = await uow.quiz.round(round_.id)
                assert found is not None
                before = len(statements)
                result = await export.of_round(uow, found, now)
                del statements[:before]
                return result
        finally:
            event.remove(sync_engine, "before_cursor_execute", count)

    async with app.db.unit_of_work() as uow:
        fast = await uow.quiz.ranking(
            bank.id, branch_ids=branch_ids, kind="round", round_id=round_.id, speed=True
        )
        assert [(s.full_name, s.points, s.correct) for s in fast] == [
            ("Lê Thị Mai", 400, 2),
            ("Phạm Văn Đức", 300, 3),
        ]
        plain = await uow.quiz.ranking(bank.id, branch_ids=branch_ids, kind="round", round_id=round_.id)
        assert [(s.full_name, s.correct, s.points) for s in plain] == [
            ("Phạm Văn Đức", 3, 0),
            ("Lê Thị Mai", 2, 0),
        ]

    two = await counted()
    assert len(two.answers) == 6 and two.people == 2 and two.speed
    assert [a.ms for a in two.answers if a.full_name == "Phạm Văn Đức"] == [25_000] * 3
    statements_for_two = len(statements)
    async with app.db.unit_of_work() as uow:
        await go("Nguyễn Thị Lan", [(True, 5), (False, 5), (True, 5)])
        await go("Đặng Quốc Tuấn", [(False, 1), (False, 1), (False, 1)])
        await uow.commit()
    four = await counted()
    assert four.people == 4 and len(four.answers) == 12
    assert len(statements) == statements_for_two <= 6
