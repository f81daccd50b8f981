"""The monthly follow-up on every transport: two days before the branch meeting each member
with a pledge is asked about each action; the secretary reviews them one after another in
her private chat (skip, back, a rating and a comment); members see their own history; the
meeting's /baocao says how many reported and how many were reviewed."""

from __future__ import annotations

from datetime import datetime

from config.clock import VN_TZ
from handlers.pledges import followup
from scheduler.due import due_jobs_tick
from tests.e2e.drivers import GROUP, Driver, texts
from tests.e2e.scheduling import hop
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.e2e.test_pledge_scenarios import register_mai
from tests.fakes.clock import FakeClock

ACTION = "Giải quyết hồ sơ của dân đúng hẹn"


def vn(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=VN_TZ)


async def test_a_month_asked_reported_reviewed_and_counted(linked: Driver, clock: FakeClock) -> None:
    await linked.say("lan", "/lienket", group=True)
    await register_mai(linked)
    await register_mai(linked, "duc", "Đọc một chương sách về Bác")
    await hop(linked, "lan", "/hop 10/12/2026 14:00 Sinh hoạt chi bộ tháng 12")

    clock.set(vn(7, 20))
    assert await followup.plan_tick(linked.app.runtime()) == 1
    await due_jobs_tick(linked.app.runtime())
    assert "xin báo cáo việc thực hiện" not in texts(await deliver_outbox(linked))  # not yet: two days before
    clock.set(vn(8, 14, 1))
    await due_jobs_tick(linked.app.runtime())
    asked = await deliver_outbox(linked)
    to_mai = texts(asked, "mai")
    assert "trước buổi sinh hoạt chi bộ ngày 10/12/2026, xin báo cáo việc thực hiện" in to_mai
    assert f"• Việc 1: {ACTION}" in to_mai and "Đọc một chương" not in to_mai
    assert "Đọc một chương sách về Bác" in texts(asked, "duc")
    assert "xin báo cáo" not in texts(asked, "lan")  # no pledge of her own

    which = await linked.press("mai", "Báo cáo tháng này")
    assert f"Báo cáo tháng 12/2026 — việc 1/1: {ACTION}" in texts(which, "mai")
    await linked.press("mai", "Đang làm")
    kept = texts(await linked.say("mai", "Đã xong 40 hồ sơ, còn 3 hồ sơ chờ bổ sung"), "mai")
    assert f"Việc 1: {ACTION} — Đang làm (Đã xong 40 hồ sơ, còn 3 hồ sơ chờ bổ sung)" in kept

    assert "dành cho bí thư" in texts(await linked.say("duc", "/camket duyet"), "duc")
    assert "tin nhắn riêng" in texts(await linked.say("lan", "/camket duyet", group=True))
    first = texts(await linked.say("lan", "/camket duyet"), "lan")
    assert "tháng 12/2026: 2 người" in first and "1/2. Lê Thị Mai — tháng 12/2026" in first
    assert "Đang làm (Đã xong 40 hồ sơ" in first
    second = texts(await linked.press("lan", "Bỏ qua"), "lan")
    assert "2/2. Phạm Văn Đức" in second and "chưa báo cáo" in second
    back = texts(await linked.press("lan", "Quay lại"), "lan")
    assert "1/2. Lê Thị Mai" in back
    await linked.press("lan", "Hoàn thành tốt")
    saved = texts(await linked.say("lan", "Tích cực, cần giải quyết dứt điểm hồ sơ tồn"), "lan")
    assert "Đã ghi nhận xét." in saved and "2/2. Phạm Văn Đức" in saved
    assert "đã ghi 1 nhận xét" in texts(await linked.press("lan", "Dừng"), "lan")

    history = texts(await linked.say("mai", "/camket lichsu"), "mai")
    assert "Tháng 12/2026:" in history and "— Đang làm" in history
    assert "Chi bộ nhận xét: Hoàn thành tốt — Tích cực, cần giải quyết dứt điểm hồ sơ tồn" in history
    other = texts(await linked.say("duc", "/camket lichsu"), "duc")
    assert "Chưa có tháng nào được báo cáo" in other and "Tích cực" not in other

    clock.set(vn(10, 17))
    report = texts(await linked.say("lan", "/baocao"), "lan")
    line = "Bản đăng ký làm theo gương Bác tháng 12/2026: 1/2 người đã báo cáo, 1 người được chi bộ nhận xét."
    assert line in report
    assert line in texts(await linked.say("lan", "/baocao", group=True), GROUP)
    assert line in texts(await linked.say("lan", "/baocao 12/2026"), "lan")


async def test_forged_review_and_reminder_buttons_do_nothing(linked: Driver) -> None:
    from sqlalchemy import text

    from handlers.pledges.buttons import Remind, Review

    await register_mai(linked)
    # a member pressing the secretary's buttons, with data she was never offered
    assert "không dành cho đồng chí" in texts(await linked.forge("mai", Review(1, "xs").pack()))
    assert "không dành cho đồng chí" in texts(await linked.forge("mai", Remind(2026, "ok").pack()))
    # a secretary pressing a review of a draft that is not hers: nothing is kept
    said = texts(await linked.forge("tuan", Review(123, "kht").pack()))
    assert "Bản nháp này không còn" in said
    async with linked.app.db.unit_of_work() as uow:
        assert (await uow.session.execute(text("SELECT count(*) FROM pledge_reviews"))).scalar_one() == 0
        assert (await uow.session.execute(text("SELECT count(*) FROM outbox"))).scalar_one() == 0
