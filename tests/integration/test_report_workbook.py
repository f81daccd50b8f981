"""The month's workbook of a branch as it is forwarded upward, opened with openpyxl: the title
block, the list of every person at every meeting (with reasons and proxy check-ins), the
signature, branch meetings apart from study sessions; and the chart, only when something
was held."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from bot.app import App, import_roster
from config.clock import VN_TZ
from handlers.reports.chart import percent, rate_figure
from handlers.reports.export import branch_export, committee_export
from storage.repos.attendance import NewMeeting
from tests.fakes.rosters import write_csv

ROSTER = [
    ["Họ và tên", "Chi bộ", "Đảng bộ", "Chức vụ", "Loại", "Miễn sinh hoạt"],
    ["Nguyễn Thị Lan", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", ""],
    ["Lê Thị Mai", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", ""],
    ["Phạm Văn Đức", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Dự bị", ""],
    ["Vũ Văn Bình", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", ""],
    ["Hoàng Thị Hoa", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Chính thức", "x"],
    ["Trần Văn Nam", "Chi bộ Khu phố 1", "Đảng bộ Phường Mẫu", "", "Quần chúng", ""],
    ["Đặng Quốc Tuấn", "Chi bộ Khu phố 2", "Đảng bộ Phường Mẫu", "Bí thư", "Chính thức", ""],
]


def vn(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=VN_TZ)


async def _month_held(app: App, tmp_path: Path) -> None:
    """December: a branch meeting (Lan on time, Đức checked in by Lan, Bình late, Mai excused,
    Nam the quần chúng absent, Hoa exempted) and a study session of both branches."""
    await import_roster(app, write_csv(tmp_path / "ds.csv", ROSTER))
    async with app.db.unit_of_work() as uow:
        (committee_id,) = await uow.reports.committees()
        names = {n: i for i, n in (await uow.reports.branch_names(committee_id)).items()}
        people = {p.full_name: p for b in names.values() for p in await uow.people.in_branch(b)}
        branch, study = await uow.attendance.create_meetings(
            [
                NewMeeting("sinh_hoat", "Sinh hoạt chi bộ tháng 12", vn(12, 5, 14), vn(12, 5, 16),
                           committee_id, [names["Chi bộ Khu phố 1"]]),
                NewMeeting("hoc_tap", "Học tập Nghị quyết", vn(12, 10, 8), vn(12, 10, 11),
                           committee_id, list(names.values())),
            ],
            vn(11, 30, 9),
        )  # fmt: skip
        lan = people["Nguyễn Thị Lan"]
        record = uow.attendance.record
        await record(branch.id, [lan], "present", vn(12, 5, 13), by_person_id=lan.id)
        await record(branch.id, [people["Phạm Văn Đức"]], "present", vn(12, 5, 14), by_person_id=lan.id)
        await record(branch.id, [people["Vũ Văn Bình"]], "late", vn(12, 5, 15))
        mai = people["Lê Thị Mai"]
        await record(branch.id, [mai], "excused", vn(12, 4, 9), reason="đi khám bệnh", by_person_id=mai.id)
        everyone = [p for n, p in people.items() if n not in ("Hoàng Thị Hoa", "Đặng Quốc Tuấn")]
        await record(study.id, everyone, "present", vn(12, 10, 8))
        await uow.commit()


async def test_the_branch_month_workbook_reads_like_the_committees_forms(app: App, tmp_path: Path) -> None:
    await _month_held(app, tmp_path)
    app.clock.set(vn(12, 12, 9))  # type: ignore[attr-defined]
    async with app.db.unit_of_work() as uow:
        lan = (await uow.people.by_name_key("nguyen thi lan"))[0]
        exported = await branch_export(uow, lan.branch, (2026, 12), app.clock.now(), "vi")
    assert exported is not None and exported.png is not None
    wb = load_workbook(io.BytesIO(exported.xlsx))
    assert wb.sheetnames == ["Tổng hợp", "Theo đối tượng", "Danh sách", "Theo tháng"]

    names = wb["Danh sách"]
    assert names["A1"].value == "ĐẢNG BỘ PHƯỜNG MẪU" and names["A2"].value == "CHI BỘ KHU PHỐ 1"
    assert names["A4"].value == "DANH SÁCH ĐIỂM DANH THÁNG 12/2026"
    header_row = next(r for r in range(1, 12) if names.cell(r, 1).value == "STT")
    header = [c.value for c in names[header_row]]
    assert header == [
        "STT", "Ngày", "Buổi", "Họ và tên", "Đối tượng", "Tình trạng", "Lý do", "Thời điểm ghi", "Người ghi hộ",
    ]  # fmt: skip
    rows = [
        [c.value for c in r] for r in names.iter_rows(min_row=header_row + 1) if isinstance(r[0].value, int)
    ]
    meeting = {r[3]: r[4:] for r in rows if r[2] == "Sinh hoạt chi bộ tháng 12"}
    assert meeting == {
        "Hoàng Thị Hoa": ["Đảng viên chính thức", "Miễn sinh hoạt", None, None, None],
        "Lê Thị Mai": [
            "Đảng viên chính thức", "Vắng có lý do", "đi khám bệnh", datetime(2026, 12, 4, 9), None,
        ],
        "Nguyễn Thị Lan": ["Đảng viên chính thức", "Có mặt", None, datetime(2026, 12, 5, 13), None],
        "Phạm Văn Đức": ["Đảng viên dự bị", "Có mặt", None, datetime(2026, 12, 5, 14), "Nguyễn Thị Lan"],
        "Trần Văn Nam": ["Quần chúng", "Vắng không lý do", None, None, None],
        "Vũ Văn Bình": ["Đảng viên chính thức", "Có mặt (muộn)", None, datetime(2026, 12, 5, 15), None],
    }  # fmt: skip
    assert rows[0][1] == datetime(2026, 12, 5) and names.cell(header_row + 1, 2).number_format == "dd/mm/yyyy"
    assert len([r for r in rows if r[2] == "Học tập Nghị quyết"]) == 6  # Khu phố 1's six people
    # the signature under the list
    below = [c.value for r in names.iter_rows(min_row=header_row + len(rows) + 1) for c in r if c.value]
    assert below[:5] == [
        "Nơi nhận:",
        "T/M CHI BỘ",
        "- Đảng bộ Phường Mẫu (để báo cáo),",
        "BÍ THƯ",
        "- Lưu chi bộ.",
    ]
    assert below[-1] == "Nguyễn Thị Lan"

    summary = wb["Tổng hợp"]
    cells = [c.value for r in summary.iter_rows() for c in r if c.value is not None]
    assert "BÁO CÁO KẾT QUẢ ĐIỂM DANH THÁNG 12/2026" in cells
    sections = [v for v in cells if isinstance(v, str) and v[:3] in ("I. ", "II.")]
    assert sections == ["I. SINH HOẠT CHI BỘ", "II. HỌC TẬP, SINH HOẠT CHUYÊN ĐỀ"]
    first = next(r for r in range(1, 30) if summary.cell(r, 2).value == "Chi bộ Khu phố 1")
    header = [c.value for c in summary[first - 1]]
    rate = header.index("Tỷ lệ") + 1
    # the branch meeting: 3 of the 4 đảng viên counted came (Hoa exempted, Nam beside them)
    assert summary.cell(first, header.index("Lượt phải dự") + 1).value == 4
    assert summary.cell(first, rate).value == 0.75 and summary.cell(first, rate).number_format == "0.0%"
    assert summary.cell(first, header.index("Quần chúng (có mặt/phải dự)") + 1).value == "0/1"
    assert summary.cell(first, header.index("Ghi chú") + 1).value == "dưới 85%"
    months = wb["Theo tháng"]
    assert [c.value for c in months[2]][:3] == ["12/2026", 1, 4]  # branch meetings only


async def test_the_committee_workbook_lists_the_branch_that_held_no_meeting(app: App, tmp_path: Path) -> None:
    await _month_held(app, tmp_path)
    app.clock.set(vn(12, 12, 9))  # type: ignore[attr-defined]
    async with app.db.unit_of_work() as uow:
        (committee_id,) = await uow.reports.committees()
        exported = await committee_export(
            uow, committee_id, "Đảng bộ Phường Mẫu", 2026, 12, app.clock.now(), "vi"
        )
    assert exported is not None
    summary = load_workbook(io.BytesIO(exported.xlsx))["Tổng hợp"]
    rows = [[c.value for c in r] for r in summary.iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0] == "I. SINH HOẠT CHI BỘ")
    assert rows[at + 2][:3] == [1, "Chi bộ Khu phố 2", 0] and rows[at + 2][-1] == "chưa sinh hoạt"
    assert rows[at + 3][1] == "Chi bộ Khu phố 1"
    shared = next(i for i, r in enumerate(rows) if r[0] == "III. CÁC BUỔI HỌC TẬP CHUNG CỦA NHIỀU CHI BỘ")
    assert rows[shared + 2][:7] == [1, "Học tập Nghị quyết", datetime(2026, 12, 10, 8), 2, 5, 4, 0.8]
    signature = [v for r in rows[shared + 3 :] for v in r if v]
    assert signature[:2] == ["T/M ĐẢNG ỦY", "BÍ THƯ"] and "(ký, ghi rõ họ tên)" in signature


async def test_no_chart_when_nothing_was_held_and_the_text_says_why(app: App, tmp_path: Path) -> None:
    await import_roster(app, write_csv(tmp_path / "ds.csv", ROSTER))
    async with app.db.unit_of_work() as uow:
        (committee_id,) = await uow.reports.committees()
        (branch_id,) = [i for i, n in (await uow.reports.branch_names(committee_id)).items() if "1" in n]
        await uow.attendance.create_meetings(
            [NewMeeting("sinh_hoat", "Sinh hoạt", vn(12, 5, 14), vn(12, 5, 16), committee_id, [branch_id])],
            vn(12, 1, 8),
        )
        await uow.commit()
    now = vn(12, 5, 13) + timedelta(minutes=45)  # check-in is open; nothing has been held
    async with app.db.unit_of_work() as uow:
        lan = (await uow.people.by_name_key("nguyen thi lan"))[0]
        exported = await branch_export(uow, lan.branch, None, now, "vi")
    assert exported is not None and exported.png is None
    assert exported.chart_title == "12 tháng qua chi bộ chưa có buổi sinh hoạt chi bộ nào đã diễn ra."
    assert "(chưa bắt đầu)" in exported.text


def test_the_chart_writes_percent_on_its_values_and_labels_the_85_line() -> None:
    fig = rate_figure("Tỷ lệ", [("Chi bộ 2", 60.0), ("Chi bộ 1", 98.3)], "Mức 85%")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.texts] == ["98,3%", "60%"]
    legend = ax.get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["Mức 85%"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert percent(100.0) == "100%" and percent(79.84) == "79,8%"
