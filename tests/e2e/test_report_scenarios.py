"""Reports as a branch and its committee live them, on every transport: the Statute's rule in
its own words and only to the secretary, đảng viên in the headline with quần chúng beside
them, quần chúng not called "đồng chí", the committee's roll-up (branches that held no
meeting first, branch meetings apart from study sessions, the committee's own session),
`/baocao <chi bộ> <tháng>`, a meeting in progress, and the month's workbook as it arrives."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
from openpyxl import load_workbook

from bot.app import import_roster
from config.clock import VN_TZ
from handlers.attendance.reminders import plan_for_meetings
from scheduler.due import due_jobs_tick
from storage.repos.attendance import NewMeeting
from tests.e2e.conftest import ROSTER, link_code
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, ZaloDriver, texts
from tests.e2e.test_reminder_scenarios import deliver_due, received
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv

NAM, HOA = "Trần Văn Nam", "Hoàng Thị Hoa"
EXTRA = [
    ["Trần Văn Nam", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Quần chúng", "0901000020", ""],
    ["Hoàng Thị Hoa", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "0901000021", "x"],
]
KP1, KP2 = "Chi bộ Khu phố 1", "Chi bộ Khu phố 2"


def vn(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


async def with_nam_and_hoa(driver: Driver, tmp_path: Path) -> dict[str, str]:
    """The branch also has a quần chúng (Nam) and an exempted member (Hoa); both link, and
    this is what each was told."""
    await import_roster(driver.app, write_csv(tmp_path / "roster-2.csv", [*ROSTER, *EXTRA]))
    told = {}
    for who, name in (("nam", NAM), ("hoa", HOA)):
        told[who] = texts(await driver.say(who, f"/start {await link_code(driver.app, name)}"), who)
    return told


async def meeting(
    driver: Driver, title: str, starts: datetime, branches: Sequence[str] = (KP1,), kind: str = "sinh_hoat"
) -> int:
    """A meeting as `/hop` leaves it (with its reminders planned); the asking and confirming
    of `/hop` itself is tested with scheduling."""
    async with driver.app.db.unit_of_work() as uow:
        (committee_id,) = await uow.reports.committees()
        names = await uow.reports.branch_names(committee_id)
        ids = [i for i, n in names.items() if n in branches]
        (m,) = await uow.attendance.create_meetings(
            [NewMeeting(kind, title, starts, starts + timedelta(hours=2), committee_id, ids)],
            driver.app.clock.now(),
        )
        await plan_for_meetings(uow, [m], driver.app.clock.now())
        await uow.commit()
        return m.id


async def held(driver: Driver, meeting_id: int, present: Sequence[str], excused: Sequence[str] = ()) -> None:
    """A past meeting's attendance as check-ins left it."""
    async with driver.app.db.unit_of_work() as uow:
        m = await uow.attendance.get(meeting_id)
        assert m is not None
        for names, status in ((present, "present"), (excused, "excused")):
            people = [(await uow.people.by_name_key(key))[0] for key in names]
            await uow.attendance.record(meeting_id, people, status, m.starts_at, reason="ốm")
        await uow.commit()


def clock_of(driver: Driver) -> FakeClock:
    clock = driver.app.clock
    assert isinstance(clock, FakeClock)
    return clock


async def test_headline_is_for_dang_vien_and_quan_chung_are_not_called_dong_chi(
    linked: Driver, tmp_path: Path
) -> None:
    d = linked
    told = await with_nam_and_hoa(d, tmp_path)
    clock = clock_of(d)
    assert "Đã liên kết: Trần Văn Nam, Chi bộ Khu phố 1" in told["nam"] and "đồng chí Trần" not in told["nam"]
    assert "Đã liên kết: đồng chí Hoàng Thị Hoa, Chi bộ Khu phố 1" in told["hoa"]
    greeting = texts(await d.say("nam", "/start"), "nam")
    assert greeting.startswith("Chào ông/bà Trần Văn Nam (Chi bộ Khu phố 1)")
    assert texts(await d.say("mai", "/start"), "mai").startswith("Chào đồng chí Lê Thị Mai")

    await meeting(d, "Sinh hoạt chi bộ tháng 12", vn(2026, 12, 5, 14))
    clock.set(vn(2026, 12, 2, 14))  # three days before: the reminders
    await due_jobs_tick(d.app.runtime())
    await deliver_due(d, clock)
    assert "Kính gửi ông/bà Trần Văn Nam:" in received(d, d.user_id("nam"))
    assert "đồng chí Trần Văn Nam" not in received(d, d.user_id("nam"))
    assert "Kính gửi đồng chí Lê Thị Mai:" in received(d, d.user_id("mai"))

    assert "Lý do: bận việc gia đình" in texts(await d.say("nam", "/vang bận việc gia đình"), "nam")
    clock.set(vn(2026, 12, 5, 13, 45))
    for who in ("lan", "mai", "duc"):
        await d.say(who, "có mặt")
    clock.set(vn(2026, 12, 5, 14, 10))
    # Nam came after all, and checked in: named, not called đồng chí
    nam_in = texts(await d.say("nam", "có mặt"), "nam")
    assert "Trần Văn Nam có mặt" in nam_in and "đồng chí Trần Văn Nam" not in nam_in

    during = texts(await d.say("lan", "/baocao"), "lan")
    assert (
        "Sinh hoạt chi bộ tháng 12 — thứ Bảy, 05/12/2026, 14:00–16:00 (đang diễn ra, số liệu chưa chốt)"
        in during
    )
    assert "Sinh hoạt chi bộ tháng 12 — thứ Bảy, 05/12/2026, 14:00–16:00" in texts(
        await d.say("mai", "/lich"), "mai"
    )
    assert "(đang diễn ra)" in texts(await d.say("mai", "/lich"), "mai")

    clock.set(vn(2026, 12, 5, 16, 30))
    report = texts(await d.say("lan", "/baocao"), "lan")
    # 3 of the 3 đảng viên counted (Hoa is exempted); Nam is counted beside them
    assert "Đảng viên có mặt: 3/3 — 100% (đúng giờ: 3, muộn: 0)" in report
    assert "Quần chúng (tính riêng, không tính vào tỷ lệ): 1/1 — 100%" in report
    assert "Miễn sinh hoạt (không tính vào tỷ lệ): 1" in report
    # listed apart too, under the counts that are theirs, never under the đảng viên's names
    assert "Quần chúng (tính riêng): Trần Văn Nam — có mặt" in report
    assert "⚠" not in report
    own = texts(await d.say("nam", "/baocao toi"), "nam")
    assert own.startswith("Điểm danh của Trần Văn Nam từ") and "đồng chí" not in own.splitlines()[0]


async def test_the_statute_counts_months_of_the_reports_own_year_and_tells_the_secretary_alone(
    linked: Driver, tmp_path: Path
) -> None:
    d = linked
    await with_nam_and_hoa(d, tmp_path)
    await d.say("lan", "/lienket", group=True)
    clock = clock_of(d)
    everyone = ("nguyen thi lan", "pham van duc")
    october = await meeting(d, "Sinh hoạt tháng 10", vn(2026, 10, 5, 14))
    november = await meeting(d, "Sinh hoạt tháng 11", vn(2026, 11, 5, 14))
    study = await meeting(d, "Học tập chuyên đề", vn(2026, 11, 20, 8), kind="hoc_tap")
    await held(d, october, everyone)
    await held(d, november, everyone, excused=("le thi mai",))
    await held(d, study, everyone)  # Mai missed it too: a study session is not «sinh hoạt đảng»
    december = await meeting(d, "Sinh hoạt tháng 12", vn(2026, 12, 5, 14))
    january = await meeting(d, "Sinh hoạt tháng 1", vn(2027, 1, 5, 14))
    await held(d, december, everyone)
    await held(d, january, everyone)
    # Mai, Nam (quần chúng) and Hoa (exempted) came to none of them
    seen_by_mai: list[Seen] = []
    clock.set(vn(2027, 1, 10, 9))

    report = texts(await d.say("lan", "/baocao 12/2026"), "lan")
    assert (
        "⚠ Đồng chí Lê Thị Mai: vắng sinh hoạt chi bộ không có lý do chính đáng trong 2 tháng của năm "
        "2026 (tháng 10, 12); thêm một tháng nữa là ba tháng trong năm." in report
    )  # January 2027 is not December's year
    assert (
        "Điều lệ Đảng, Điều 8, khoản 3: «Đảng viên bỏ sinh hoạt đảng … ba tháng trong năm mà không có "
        "lý do chính đáng … thì chi bộ xem xét, đề nghị lên cấp có thẩm quyền xoá tên»" in report
    )
    assert NAM not in report.split("Điểm danh")[0] and "Đồng chí Trần Văn Nam" not in report
    assert "Đồng chí Hoàng Thị Hoa" not in report
    assert "xóa tên" not in report and "3 tháng liền" not in report
    assert "Sinh hoạt chi bộ (1 buổi)" in report and "Học tập" not in report  # December only

    # the same report in the group: counts only, the names and the rule go privately
    in_group = await d.say("lan", "/baocao 12/2026", group=True)
    assert "Lê Thị Mai" not in texts(in_group, GROUP) and "Điều lệ" not in texts(in_group, GROUP)
    assert "Điều lệ Đảng, Điều 8" in texts(in_group, "lan")

    seen_by_mai += await d.say("mai", "/baocao")
    seen_by_mai += await d.say("mai", "/baocao 12/2026")
    assert "Điều lệ" not in texts(seen_by_mai) and "xoá tên" not in texts(seen_by_mai)
    assert "Điểm danh của đồng chí Lê Thị Mai" in texts(seen_by_mai)


async def test_the_committee_roll_up_as_filed(linked: Driver) -> None:
    d = linked
    clock = clock_of(d)
    await meeting(d, "Sinh hoạt chi bộ tháng 12", vn(2026, 12, 5, 14))
    await meeting(d, "Học tập Nghị quyết", vn(2026, 12, 10, 8), branches=(KP1, KP2), kind="hoc_tap")
    await meeting(d, "Sinh hoạt chi bộ tháng 12", vn(2026, 12, 20, 14), branches=(KP2,))
    await d.say("mai", "/vang đi khám bệnh")
    clock.set(vn(2026, 12, 5, 13, 50))
    await d.say("lan", "có mặt")
    assert "Đã điểm danh hộ: đồng chí Phạm Văn Đức" in texts(
        await d.say("lan", "/diemdanh pham van duc"), "lan"
    )
    clock.set(vn(2026, 12, 10, 7, 45))
    for who in ("lan", "mai", "duc", "son"):
        await d.say(who, "có mặt")
    clock.set(vn(2026, 12, 12, 9))

    rollup = texts(await d.say("son", "/baocao 12/2026"), "son")
    meetings, study = rollup.split("▶ Học tập, sinh hoạt chuyên đề")
    assert "Đảng bộ Phường Mẫu (2 chi bộ)" in meetings
    assert "⚠ 1 chi bộ chưa sinh hoạt trong tháng 12/2026" in meetings
    # the branch that held no meeting comes first, with the one it has set
    assert (
        "1. Chi bộ Khu phố 2: chưa sinh hoạt (đã có lịch: Chủ nhật, 20/12/2026)\n"
        "2. Chi bộ Khu phố 1: 2/3 — 66,7% ⚠ dưới 85%"
    ) in meetings
    assert "Đảng viên có mặt: 2/3 — 66,7%" in meetings and "Vắng có lý do: 1" in meetings
    # the study session apart, and the committee's own session with its own figure
    assert "Đảng viên có mặt: 4/5 — 80%" in study
    assert "• Học tập Nghị quyết — 10/12/2026 08:00–10:00: 4/5 — 80% (2 chi bộ)" in study
    assert "Lê Thị Mai" not in rollup  # names are for a branch's report

    branch = texts(await d.say("son", "/baocao khu pho 1 12/2026"), "son")
    assert "Báo cáo điểm danh tháng 12/2026\nChi bộ Khu phố 1 — Đảng bộ Phường Mẫu" in branch
    assert "Đảng viên có mặt: 2/3 — 66,7%" in branch

    unknown = await d.say("son", "/baocao khu pho 9")
    assert "Không tìm thấy chi bộ «khu pho 9». Chọn một chi bộ (gõ số thứ tự):" in texts(unknown, "son")
    assert unknown[-1].buttons == [KP1, KP2]
    picked = texts(await d.press("son", KP2), "son")
    assert "Báo cáo điểm danh: Học tập Nghị quyết — thứ Năm, 10/12/2026, 08:00–10:00" in picked
    assert "Chi bộ Khu phố 2 (1 buổi)" in picked

    several = await d.say("son", "/baocao khu pho 12/2026")
    assert "Có nhiều chi bộ hợp với «khu pho 12/2026»" in texts(several, "son")
    month = texts(await d.press("son", KP2), "son")
    assert "Chi bộ chưa sinh hoạt trong tháng 12/2026 (đã có lịch: Chủ nhật, 20/12/2026)." in month

    refused = texts(await d.say("tuan", "/baocao khu pho 1"), "tuan")
    assert "Đồng chí xem được báo cáo của Chi bộ Khu phố 2" in refused
    assert "Học tập Nghị quyết" in texts(await d.say("tuan", "/baocao khu pho 2 12/2026"), "tuan")

    exported = await d.say("son", "/xuat 12/2026")
    assert "Đã xuất báo cáo 12/2026 — Đảng bộ Phường Mẫu: tệp Excel và biểu đồ." in texts(exported, "son")
    wb = load_workbook(io.BytesIO(await workbook_of(d, exported)))
    names = wb["Danh sách"]
    rows = [[c.value for c in r] for r in names.iter_rows() if isinstance(r[0].value, int)]
    header = next(r for r in names.iter_rows(values_only=True) if r[0] == "STT")
    status, by = header.index("Tình trạng"), header.index("Người ghi hộ")
    who, reason = header.index("Họ và tên"), header.index("Lý do")
    dec5 = {r[who]: r for r in rows if r[2] == "Sinh hoạt chi bộ tháng 12"}
    assert dec5["Phạm Văn Đức"][status] == "Có mặt" and dec5["Phạm Văn Đức"][by] == "Nguyễn Thị Lan"
    assert dec5["Lê Thị Mai"][status] == "Vắng có lý do" and dec5["Lê Thị Mai"][reason] == "đi khám bệnh"
    assert dec5["Nguyễn Thị Lan"][by] is None
    dec10 = {r[who]: r for r in rows if r[2] == "Học tập Nghị quyết"}
    assert dec10["Đặng Quốc Tuấn"][status] == "Vắng không lý do"
    assert len(rows) == 3 + 5  # everyone at each meeting held so far


async def workbook_of(driver: Driver, seen: list[Seen]) -> bytes:
    """The .xlsx as the user gets it: the document on Telegram, the file the console wrote,
    the link on Zalo."""
    if isinstance(driver, TelegramDriver):
        (call,) = [c for c in driver.fake.calls if c.method == "sendDocument"][-1:]
        return call.files["document"]
    text = texts(seen)
    if isinstance(driver, ConsoleDriver):
        found = re.search(r"(/\S+\.xlsx)", text)
        assert found, text
        return Path(found[1]).read_bytes()  # noqa: ASYNC240 (a test reading what the console wrote)
    assert isinstance(driver, ZaloDriver)
    found = re.search(r"(http://127\.0\.0\.1:\d+/files/\S+\.xlsx)", text)
    assert found, text
    async with aiohttp.ClientSession() as session, session.get(found[1]) as response:
        assert response.status == 200
        return await response.read()


async def test_months_that_are_no_months_and_a_branch_s_workbook_for_staff(linked: Driver) -> None:
    d = linked
    clock = clock_of(d)
    await meeting(d, "Sinh hoạt chi bộ tháng 12", vn(2026, 12, 5, 14))
    clock.set(vn(2026, 12, 5, 13, 50))
    await d.say("lan", "có mặt")
    clock.set(vn(2026, 12, 12, 9))
    for who, said in (("son", "/baocao 13/2026"), ("lan", "/baocao tháng 13"), ("son", "/xuat 13/2026")):
        answer = texts(await d.say(who, said), who)
        assert "không phải một tháng. Xin gõ tháng từ 1 đến 12, ví dụ: 11/2026." in answer, (said, answer)
        assert "Không tìm thấy chi bộ" not in answer
    unknown = texts(await d.say("son", "/baocao khu pho 3 12/2026"), "son")
    assert "Không tìm thấy chi bộ «khu pho 3»" in unknown
    # committee staff export one branch's month; a secretary is told /xuat's own forms
    exported = await d.say("son", "/xuat khu pho 1 12/2026")
    assert "Đã xuất báo cáo 12/2026 — Chi bộ Khu phố 1" in texts(exported, "son")
    wb = load_workbook(io.BytesIO(await workbook_of(d, exported)))
    assert "Danh sách" in wb.sheetnames
    told = texts(await d.say("lan", "/xuat khu pho 2 12/2026"), "lan")
    assert told.startswith("Xin gõ: /xuat (buổi gần nhất), /xuat 11/2026") and "/baocao" not in told
