"""Check-in taps that arrive together share one transaction; each member is still counted
once and every tap gets its own answer, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from bench.checkin_burst import prepare
from bot.app import App
from config.messages import ChatRef, Incoming, Response, Sender
from storage.models import Account, Attendance
from storage.repos.attendance import NewMeeting
from tests.fakes.clock import FakeClock


def tap(update_id: int, user_id: int, chat_id: int, data: str) -> Incoming:
    return Incoming(
        chat=ChatRef("telegram", str(chat_id), is_group=True),
        sender=Sender(str(user_id), f"U{user_id}", "vi"),
        update_id=str(update_id),
        callback_data=data,
    )


async def records(app: App, meeting_id: int) -> list[tuple[int, str, int | None]]:
    async with app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            select(Attendance.person_id, Attendance.status, Attendance.recorded_by_person_id).where(
                Attendance.meeting_id == meeting_id
            )
        )
        return [(person, status, by) for person, status, by in rows.tuples()]


def kinds(responses: list[Response]) -> Counter[str]:
    seen: Counter[str] = Counter()
    for r in responses:
        text = r.notice or (r.messages[0].reply.text if r.messages else "")
        if not text:
            seen["nothing"] += 1
        elif text.startswith("Đã điểm danh: ") and "đến muộn" in text:
            seen["late"] += 1
        elif text.startswith("Đã điểm danh: "):
            seen["done"] += 1
        elif "đã điểm danh buổi này lúc" in text:
            seen["again"] += 1
        elif "chưa liên kết" in text:
            seen["not linked"] += 1
        elif "không còn" in text:
            seen["gone"] += 1
        else:
            seen[text] += 1
    return seen


async def test_taps_arriving_together_count_each_member_once(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_any_db
    meeting_id, members = await prepare(app, tmp_path, 40, clock.now())  # starts in 10 minutes
    data = f"ci:{meeting_id}"
    taps = [tap(1000 + i, user, chat, data) for i, (user, chat) in enumerate(members)]
    redelivered = taps[:5]  # Telegram posts these again
    second = [tap(2000 + i, user, chat, data) for i, (user, chat) in enumerate(members[:5])]
    stranger = tap(3000, 42, members[0][1], data)
    wrong_meeting = tap(3001, members[6][0], members[6][1], f"ci:{meeting_id + 99}")

    responses = await asyncio.gather(
        *(app.core.handle(inc) for inc in [*taps, *redelivered, *second, stranger, wrong_meeting])
    )

    assert kinds(list(responses)) == Counter(
        {"done": 40, "again": 5, "nothing": 5, "not linked": 1, "gone": 1}
    )
    rows = await records(app, meeting_id)
    assert len(rows) == 40 and len({person for person, _, _ in rows}) == 40
    assert all(status == "present" and by == person for person, status, by in rows)
    # every answer stayed private: a button's short answer, no group message
    assert all(not r.messages for r in responses)


async def test_a_tap_after_the_grace_period_is_late_and_a_repeat_tells_when(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_any_db
    meeting_id, members = await prepare(app, tmp_path, 3, clock.now())
    clock.advance(minutes=15)  # five minutes after the start: within the default grace period
    on_time = await app.core.handle(tap(1, *members[1], f"ci:{meeting_id}"))
    assert on_time.notice is not None and "đến muộn" not in on_time.notice
    clock.advance(minutes=11)  # sixteen minutes after the start
    (user, chat) = members[0]
    first = await app.core.handle(tap(2, user, chat, f"ci:{meeting_id}"))
    again = await app.core.handle(tap(3, user, chat, f"ci:{meeting_id}"))
    assert first.notice is not None and "(đến muộn)" in first.notice
    assert again.notice is not None and "lúc 01/12/2026 08:26" in again.notice
    rows = {person: (status, by) for person, status, by in await records(app, meeting_id)}
    assert sorted(status for status, _ in rows.values()) == ["late", "present"]
    assert all(by == person for person, (_, by) in rows.items())


async def test_a_branch_with_a_shorter_grace_period_counts_late_sooner(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    """The burst path reads each branch's own grace period, as the one-by-one path does."""
    app = app_any_db
    meeting_id, members = await prepare(app, tmp_path, 2, clock.now())
    async with app.db.unit_of_work() as uow:
        branch_id = (await uow.attendance.branch_ids(meeting_id))[0]
        await uow.lateness.save(branch_id, 2, None, clock.now())
        await uow.commit()
    clock.advance(minutes=13)  # three minutes after the start
    responses = await asyncio.gather(
        *(
            app.core.handle(tap(10 + i, user, chat, f"ci:{meeting_id}"))
            for i, (user, chat) in enumerate(members)
        )
    )
    assert kinds(list(responses)) == Counter({"late": 2})


def typed(update_id: int, user_id: int, text: str) -> Incoming:
    """ "có mặt" typed in a private chat, as Zalo members check in."""
    return Incoming(
        chat=ChatRef("telegram", str(user_id)),
        sender=Sender(str(user_id), f"U{user_id}"),
        update_id=str(update_id),
        text=text,
    )


async def test_typed_co_mat_arriving_together_is_counted_once_each(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_any_db
    meeting_id, members = await prepare(app, tmp_path, 20, clock.now())
    words = ["có mặt", "co mat", "Có mặt ạ", "CO MAT"]
    first = [typed(1000 + i, user, words[i % 4]) for i, (user, _) in enumerate(members)]
    again = [typed(2000 + i, user, "có mặt") for i, (user, _) in enumerate(members[:3])]
    responses = await asyncio.gather(*(app.core.handle(inc) for inc in [*first, *first[:3], *again]))
    assert kinds(list(responses)) == Counter({"done": 20, "nothing": 3, "again": 3})
    assert all(not r.notice for r in responses)  # a private chat gets a message, not a notice
    rows = await records(app, meeting_id)
    assert len(rows) == 20 and all(status == "present" and by == p for p, status, by in rows)

    clock.advance(hours=4)  # the session is over: the ordinary path explains
    late = await app.core.handle(typed(3000, members[0][0], "có mặt"))
    assert late.messages and "Đã điểm danh" not in late.messages[0].reply.text


async def test_taps_for_two_meetings_together_each_check_their_own_branch(
    app_any_db: App, clock: FakeClock, tmp_path: Path
) -> None:
    """One batch, two meetings: the committee's session for every branch and one branch's own
    meeting; a member of another branch pressing that meeting's button is told it is not
    theirs, and nobody is counted at a meeting they did not press for."""
    app = app_any_db
    session_id, members = await prepare(app, tmp_path, 160, clock.now())  # two branches
    async with app.db.unit_of_work() as uow:
        branches = sorted(await uow.attendance.branch_ids(session_id))
        session = await uow.attendance.get(session_id)
        assert session is not None and len(branches) == 2
        (own,) = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    "sinh_hoat",
                    "Sinh hoạt chi bộ",
                    session.starts_at,
                    session.ends_at,
                    session.committee_id,
                    [branches[0]],
                )
            ],
            clock.now(),
        )
        accounts = (await uow.session.execute(select(Account))).unique().scalars()
        branch_of = {a.user_id: a.person.branch_id for a in accounts if a.person is not None}
        await uow.commit()
    inside = [(u, c) for u, c in members if branch_of[str(u)] == branches[0]]
    outside = [(u, c) for u, c in members if branch_of[str(u)] == branches[1]]
    batch = [
        tap(100, *inside[0], f"ci:{own.id}"),
        tap(101, *inside[1], f"ci:{session_id}"),
        tap(102, *outside[0], f"ci:{own.id}"),
        tap(103, *outside[1], f"ci:{session_id}"),
    ]
    responses = await asyncio.gather(*(app.core.handle(inc) for inc in batch))
    assert kinds(list(responses)) == Counter({"done": 3, "Đồng chí không thuộc chi bộ dự buổi này.": 1})
    assert responses[2].notice == "Đồng chí không thuộc chi bộ dự buổi này."
    user_person = {}
    async with app.db.unit_of_work() as uow:
        for a in (await uow.session.execute(select(Account))).unique().scalars():
            user_person[int(a.user_id)] = a.person_id
    assert {p for p, _, _ in await records(app, own.id)} == {user_person[inside[0][0]]}
    assert {p for p, _, _ in await records(app, session_id)} == {
        user_person[inside[1][0]],
        user_person[outside[1][0]],
    }
