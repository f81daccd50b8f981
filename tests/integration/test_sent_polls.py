"""The sent polls' table on SQLite and PostgreSQL: a poll id → its chat and key, the first
record kept, and on a text-only chat its choices remembered until the poll closes."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from config.messages import parse_poll_choice
from scheduler.polls import record_polls
from storage.repos.polls import PollSent
from tests.fakes.clock import FakeClock


async def test_a_sent_poll_is_found_by_its_id_once(app_any_db: App, clock: FakeClock) -> None:
    now = clock.now()
    native = PollSent(
        "telegram",
        "5000000000000000001",
        "-1001",
        True,
        "77",
        "tpq:1",
        ("Một", "Hai"),
        (1,),
        False,
        now,
        None,
    )
    typed = PollSent(
        "zalo",
        "ab12",
        "z1",
        False,
        "m1",
        "tpq:2",
        ("Có", "Không"),
        (0,),
        True,
        now,
        now + timedelta(seconds=30),
    )
    async with app_any_db.db.unit_of_work() as uow:
        await record_polls(uow, [native, typed], now)
        await uow.commit()
    again = PollSent(
        "telegram", native.poll_id, "-1002", True, "78", "other:9", ("X", "Y"), (), False, now, None
    )
    async with app_any_db.db.unit_of_work() as uow:
        await record_polls(uow, [again], now)  # a redelivered record changes nothing
        await uow.commit()
    async with app_any_db.db.unit_of_work() as uow:
        found = await uow.polls.get("telegram", native.poll_id)
        assert found is not None
        assert (found.chat_id, found.is_group, found.message_id, found.key) == ("-1001", True, "77", "tpq:1")
        assert (found.options, found.correct, found.typed, found.sent_at) == (
            ("Một", "Hai"),
            (1,),
            False,
            now,
        )
        assert await uow.polls.get("zalo", native.poll_id) is None
        # the native poll offers no typed choices; the typed one does, until it closes
        assert await uow.waits.offered("telegram", "-1001", "", now) is None
        offered = await uow.waits.offered("zalo", "z1", "z1", now)
        assert offered is not None and not offered.expired
        assert [parse_poll_choice(c) for c in offered.choices] == [("ab12", 0), ("ab12", 1)]
        later = await uow.waits.offered("zalo", "z1", "z1", now + timedelta(seconds=31))
        assert later is not None and later.expired
