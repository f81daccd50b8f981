"""The registration rate on every transport: the branch's figures by category for its
secretary (names of those not registered only in her private chat), the Đảng bộ's roll-up for
committee staff, nothing for a member; the reminder to those not registered, previewed, sent
on confirm, once more a week later, then no more."""

from __future__ import annotations

from sqlalchemy import text

from scheduler.due import due_jobs_tick
from tests.e2e.drivers import GROUP, Driver, texts
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.e2e.test_pledge_scenarios import register_mai
from tests.fakes.clock import FakeClock


async def test_the_secretary_sees_her_branch_and_staff_the_whole_committee(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    await register_mai(linked)

    own = await linked.say("lan", "/camket tinhhinh")
    shown = texts(own, "lan")
    assert "Đăng ký học tập và làm theo gương Bác năm 2026 — Chi bộ Khu phố 1" in shown
    assert "33,3% đảng viên đã đăng ký (1/3; chính thức 1/2, dự bị 0/1)" in shown
    assert "Chưa đăng ký (2): Nguyễn Thị Lan, Phạm Văn Đức" in shown
    assert "Đã nhắc người chưa đăng ký: 0/2 lần." in shown
    assert "Nhắc người chưa đăng ký" in own[-1].buttons

    in_group = await linked.say("lan", "/camket tinhhinh", group=True)
    group = texts(in_group, GROUP)
    assert "33,3% đảng viên đã đăng ký" in group and "Phạm Văn Đức" not in group
    assert "đã gửi riêng" in group
    assert "Chưa đăng ký (2): Nguyễn Thị Lan, Phạm Văn Đức" in texts(in_group, "lan")

    member = texts(await linked.say("mai", "/camket tinhhinh"), "mai")
    assert "dành cho bí thư chi bộ và cán bộ Đảng ủy" in member and "33,3%" not in member
    member_group = await linked.say("mai", "/camket tinhhinh", group=True)
    assert "33,3%" not in texts(member_group) and "Phạm Văn Đức" not in texts(member_group)
    other = texts(await linked.say("tuan", "/camket tinhhinh", group=True))
    assert "33,3%" not in other and "Phạm Văn Đức" not in other

    staff = texts(await linked.say("son", "/camket tinhhinh"), "son")
    assert "— Đảng bộ Phường Mẫu" in staff and "2 chi bộ." in staff
    assert "20% đảng viên đã đăng ký (1/5; chính thức 1/4, dự bị 0/1)" in staff
    assert staff.index("• Chi bộ Khu phố 2: 0/2 đảng viên (0%)") < staff.index(
        "• Chi bộ Khu phố 1: 1/3 đảng viên (33,3%)"
    )
    assert "Phạm Văn Đức" not in staff  # the roll-up names nobody


async def _reminders_sent(driver: Driver) -> int:
    async with driver.app.db.unit_of_work() as uow:
        row = await uow.session.execute(text("SELECT reminders FROM pledge_years WHERE year = 2026"))
        return int(row.scalar_one())


async def test_those_not_registered_are_reminded_twice_then_no_more(linked: Driver, clock: FakeClock) -> None:
    await register_mai(linked)
    assert "dành cho bí thư" in texts(await linked.say("duc", "/camket nhac"), "duc")

    await linked.say("lan", "/camket tinhhinh")
    preview = await linked.press("lan", "Nhắc người chưa đăng ký")
    said = texts(preview, "lan")
    assert "chibo sẽ nhắc riêng 1 người chưa đăng ký năm 2026" in said and "Phạm Văn Đức" in said
    assert "Lê Thị Mai" not in said  # registered
    assert (await deliver_outbox(linked)) == []  # nothing before the confirm

    sent = texts(await linked.press("lan", "Gửi nhắc"), "lan")
    assert "Đã gửi nhắc cho 1 người" in sent
    first = await deliver_outbox(linked)
    assert "Kính gửi đồng chí Phạm Văn Đức: Chi bộ Khu phố 1 đề nghị đăng ký" in texts(first, "duc")
    assert {s.to for s in first} == {"duc"}
    again = texts(await linked.say("lan", "/camket nhac"), "lan")
    assert "không nhắc quá 2 lần" in again

    clock.advance(days=7, seconds=1)
    assert (await due_jobs_tick(linked.app.runtime())).done == 1
    second = await deliver_outbox(linked)
    assert "đề nghị đăng ký" in texts(second, "duc")
    assert "đã nhắc lần 2 (lần cuối) 1 người" in texts(second, "lan")
    assert await _reminders_sent(linked) == 2
    # the reminder's «Đăng ký» opens the registration
    started = await linked.press("duc", "Đăng ký")
    assert "Bước 1" in texts(started, "duc")
    clock.advance(days=7, seconds=1)
    assert (await due_jobs_tick(linked.app.runtime())).claimed == 0
    assert (await deliver_outbox(linked)) == []


async def test_no_second_reminder_once_everyone_registered(linked: Driver, clock: FakeClock) -> None:
    await register_mai(linked)
    await linked.say("lan", "/camket nhac")
    await linked.press("lan", "Gửi nhắc")
    await deliver_outbox(linked)
    async with linked.app.db.unit_of_work() as uow:
        await uow.session.execute(text("UPDATE people SET exempt = 1 WHERE full_name = 'Phạm Văn Đức'"))
        await uow.commit()
    clock.advance(days=7, seconds=1)
    counts = await due_jobs_tick(linked.app.runtime())
    assert (counts.claimed, counts.skipped) == (1, 1)
    assert (await deliver_outbox(linked)) == []
