"""A /hop's preview on SQLite and PostgreSQL, through the core: confirmed once, by its sender
only, while it is fresh and its time is still ahead; a meeting at the same time added while
it waited is shown before anything is created."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.app import App
from storage.models import Meeting, MeetingDraft
from tests.fakes.clock import FakeClock
from tests.integration.test_meeting_changes import LAN, TUAN, say
from tests.integration.test_schedule import setup_branch, vn

HOP = "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12"


async def latest_draft(app: App) -> int:
    async with app.db.unit_of_work() as uow:
        return int(
            (await uow.session.execute(select(MeetingDraft.id).order_by(MeetingDraft.id.desc())))
            .scalars()
            .first()
            or 0
        )


async def meeting_count(app: App) -> int:
    async with app.db.unit_of_work() as uow:
        return len(list((await uow.session.execute(select(Meeting.id))).scalars()))


async def test_a_preview_is_confirmed_once_by_its_sender_while_it_holds(
    app_any_db: App, tmp_path: Path, clock: FakeClock
) -> None:
    app = app_any_db
    await setup_branch(app, tmp_path)
    first = await say(app, LAN, HOP)
    assert "[Tạo buổi họp]" in first
    a = await latest_draft(app)
    await say(app, LAN, HOP)  # the same /hop sent twice before either was confirmed
    b = await latest_draft(app)

    # another secretary cannot confirm it, even with the button's data
    assert "Không còn bản xem trước này" in await say(app, TUAN, data=f"hc:{a}:ok")
    assert await meeting_count(app) == 0

    assert "Đã tạo: Sinh hoạt chi bộ tháng 12" in await say(app, LAN, data=f"hc:{a}:ok")
    assert "đã được tạo rồi" in await say(app, LAN, data=f"hc:{a}:ok")
    # the second preview said nothing of a meeting then; now there is one: it says so first
    again = await say(app, LAN, data=f"hc:{b}:ok")
    assert "Trong lúc chờ, lịch của chi bộ đã có thêm buổi trùng ngày giờ. Xin xem lại:" in again
    assert "⚠ Đã có buổi «Sinh hoạt chi bộ tháng 12» (thứ Năm, 10/12/2026, 14:00–16:00)" in again
    assert "[Vẫn tạo thêm]" in again and await meeting_count(app) == 1
    assert "đã bỏ" in await say(app, LAN, data=f"hc:{b}:ok")
    c = await latest_draft(app)
    assert c > b
    assert "Đã tạo" in await say(app, LAN, data=f"hc:{c}:ok")
    assert await meeting_count(app) == 2  # as she chose, having been told

    # a preview a day old is typed again; one whose time has passed is refused
    await say(app, LAN, "/hop 20/12/2026 14:00 Học tập chuyên đề")
    old = await latest_draft(app)
    clock.advance(days=1, seconds=1)
    assert "đã quá một ngày" in await say(app, LAN, data=f"hc:{old}:ok")
    clock.set(vn(10, 13))
    await say(app, LAN, "/hop 10/12/2026 13:30 Họp chi ủy")
    soon = await latest_draft(app)
    clock.advance(minutes=31)
    assert "đã qua" in await say(app, LAN, data=f"hc:{soon}:ok")
    assert await meeting_count(app) == 2
