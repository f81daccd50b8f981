"""Quiz storage on SQLite and PostgreSQL: a bundled bank synced by slug (a question kept
while its text stays), one answer per question however often it arrives, each person's best
go ranked once, and the per-question tally."""

from __future__ import annotations

from dataclasses import replace

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
