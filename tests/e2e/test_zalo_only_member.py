"""What a member whose only app is Zalo sees: linking, checking in, reading a study topic,
and a secretary's export arriving as a link."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.conftest import link_code
from tests.e2e.drivers import Seen, ZaloDriver, texts
from tests.e2e.scheduling import hop
from tests.fakes.clock import FakeClock


def show(seen: list[Seen]) -> str:
    text = texts(seen)
    print("\n---\n" + text)  # `pytest -s` prints the conversation as Zalo shows it
    return text


async def test_a_zalo_only_member(zalo_driver: ZaloDriver) -> None:
    d = zalo_driver
    clock = d.app.clock
    assert isinstance(clock, FakeClock)
    assert "chưa liên kết" in show(await d.say("mai", "xin chào"))
    linked = show(await d.say("mai", f"/start {await link_code(d.app, 'Lê Thị Mai')}"))
    assert "Đã liên kết: đồng chí Lê Thị Mai, Chi bộ Khu phố 1, Đảng bộ Phường Mẫu." in linked
    await d.say("lan", f"/start {await link_code(d.app, 'Nguyễn Thị Lan')}")
    await hop(d, "lan", "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12")
    schedule = show(await d.say("mai", "/lich"))
    assert "1. Sẽ tham dự\n2. Xin vắng\nGõ số thứ tự để chọn." in schedule
    assert "sẽ tham dự" in show(await d.press("mai", "Sẽ tham dự"))
    clock.set(datetime(2026, 12, 5, 6, 45, tzinfo=UTC))  # 13:45 in Hà Nội, check-in is open
    assert "Đã điểm danh: đồng chí Lê Thị Mai có mặt" in show(await d.say("mai", "co mat"))

    library = await d.say("mai", "/tailieu")
    show(library)
    assert library[0].buttons and "Gõ số thứ tự để chọn." in library[0].text
    topic = await d.say("mai", "1")
    assert "📖" in show(topic) and topic[-1].buttons
    part = await d.press("mai", topic[-1].buttons[0])
    assert "Phần 1/" in show(part)
    show(await d.press("mai", "Đã đọc"))

    export = await d.say("lan", "/xuat")
    assert "/files/" in show(export) and ".xlsx" in texts(export)
    # mid-meeting, the minutes paragraph agrees with the report: not absent yet, not checked in yet
    assert (
        "Vắng không lý do: 0 đồng chí. Chưa điểm danh (buổi chưa kết thúc): 2 đồng chí: "
        "Nguyễn Thị Lan; Phạm Văn Đức." in texts(export)
    )
    # nothing held yet: no empty chart, and the text says why
    assert not d.fake.sent("sendPhoto", d.user_id("lan"))
    assert "Không có biểu đồ: 12 tháng qua chi bộ chưa có buổi sinh hoạt chi bộ nào đã diễn ra." in texts(
        export
    )
    clock.set(datetime(2026, 12, 5, 9, 30, tzinfo=UTC))  # 16:30, the meeting is over
    show(await d.say("lan", "/xuat"))
    assert d.fake.sent("sendPhoto", d.user_id("lan"))  # the chart, by link
