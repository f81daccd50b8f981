"""A secretary without a command line: link codes in the chat, and the roster sent as a file
(Telegram, the console) or pasted as rows (Zalo, everywhere), previewed, imported on confirm,
for her own branch only."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import text

from tests.e2e.conftest import link_code
from tests.e2e.drivers import GROUP, ConsoleDriver, Driver, Seen, TelegramDriver, ZaloDriver, texts
from tests.fakes.rosters import write_xlsx

HEADER = ["Họ và tên", "Chi bộ", "Loại", "Chức vụ", "Điện thoại"]
KHU_PHO_1 = [
    ["Nguyễn Thị Lan", "Chi bộ Khu phố 1", "Chính thức", "Bí thư", "0901000001"],
    ["Lê Thị Mai", "Chi bộ Khu phố 1", "Chính thức", "", "0901000099"],  # a new phone number
    ["Phạm Văn Đức", "Chi bộ Khu phố 1", "Dự bị", "", "0901000004"],
    ["Trần Văn Bình", "Chi bộ Khu phố 1", "Chính thức", "", "0901000050"],  # new
]


async def _link(driver: Driver, *people: tuple[str, str]) -> None:
    for who, name in people:
        await driver.say(who, f"/start {await link_code(driver.app, name)}")


async def _people(driver: Driver) -> list[tuple[str, str, bool]]:
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            text("SELECT full_name, phone, active FROM people ORDER BY full_name")
        )
        return [(str(n), str(p), bool(a)) for n, p, a in rows.tuples()]


def _pasted(rows: list[list[str]]) -> str:
    return "\n".join(", ".join(r) for r in [HEADER, *rows])


async def _send_file(driver: Driver, who: str, path: Path, content: bytes) -> list[Seen] | None:
    """The file sent in a private chat with no caption; None where files cannot be sent."""
    if isinstance(driver, TelegramDriver):
        return await driver.deliver(driver.fake.document(driver.user(who), path.name, content))
    if isinstance(driver, ConsoleDriver):
        await driver.say(who, "/trogiup")  # become `who` on the console
        before = len(driver.lines)
        await driver.console.send_file(str(path))
        return [Seen(driver._to(chat), line, []) for line, chat in driver.lines[before:]]
    assert isinstance(driver, ZaloDriver)
    return None


async def test_a_secretary_gets_her_branchs_link_codes_in_private_only(driver: Driver) -> None:
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("tuan", "Đặng Quốc Tuấn"), ("mai", "Lê Thị Mai"))
    await driver.say("lan", "/lienket", group=True)
    mai_code = await link_code(driver.app, "Lê Thị Mai")
    duc_code = await link_code(driver.app, "Phạm Văn Đức")

    codes = texts(await driver.say("lan", "/danhsach"), "lan")
    assert "Mã liên kết — Chi bộ Khu phố 1: 2/3 người đã liên kết tài khoản." in codes
    assert f"1. Phạm Văn Đức — mã {duc_code}" in codes
    assert mai_code not in codes  # linked already: no code to hand out
    assert "Đặng Quốc Tuấn" not in codes and "Ngô Thanh Sơn" not in codes

    in_group = await driver.say("lan", "/danhsach", group=True)
    said = texts(in_group)
    assert "chibo chỉ gửi trong tin nhắn riêng" in said
    assert "Phạm Văn Đức" not in said and duc_code not in said
    assert all(s.to in (GROUP, "lan", "notice") for s in in_group)

    other = texts(await driver.say("tuan", "/danhsach"), "tuan")
    assert "Chi bộ Khu phố 2" in other and "Phạm Văn Đức" not in other and duc_code not in other

    member = texts(await driver.say("mai", "/danhsach"), "mai")
    assert "chỉ dành cho" in member and duc_code not in member


async def test_a_pasted_roster_is_previewed_then_imported_on_confirm(driver: Driver) -> None:
    await _link(driver, ("lan", "Nguyễn Thị Lan"))
    before = await _people(driver)

    asked = texts(await driver.say("lan", "/danhsach nhap"), "lan")
    assert "dán vào đây" in asked
    preview = await driver.say("lan", _pasted(KHU_PHO_1))
    shown = texts(preview, "lan")
    assert "Xem trước danh sách Chi bộ Khu phố 1" in shown and "Chưa có gì được ghi." in shown
    assert "• Thêm mới: 1 — Trần Văn Bình" in shown
    assert "• Cập nhật: 1 — Lê Thị Mai" in shown
    assert "• Không đổi: 2" in shown
    assert await _people(driver) == before  # nothing written before the confirm

    done = texts(await driver.press("lan", "Nhập danh sách"), "lan")
    assert "Đã nhập danh sách:" in done and "Trần Văn Bình" in done
    after = await _people(driver)
    assert ("Trần Văn Bình", "0901000050", True) in after
    assert ("Lê Thị Mai", "0901000099", True) in after
    assert len(after) == len(before) + 1

    again = texts(await driver.press("lan", "Nhập danh sách"), "lan")
    assert "đã hết hạn hoặc đã được dùng" in again
    assert await _people(driver) == after


async def test_a_roster_with_another_branchs_people_is_refused_whole(driver: Driver) -> None:
    await _link(driver, ("lan", "Nguyễn Thị Lan"))
    before = await _people(driver)
    rows = [
        *KHU_PHO_1,
        ["Đặng Quốc Tuấn", "Chi bộ Khu phố 2", "Chính thức", "Bí thư", "0901000007"],
        ["Hoàng Văn Cường", "Chi bộ Khu phố 1", "Cảm tình", "", ""],
    ]
    await driver.say("lan", "/danhsach nhap")
    refused = texts(await driver.say("lan", _pasted(rows)), "lan")
    assert "Danh sách bị từ chối, không có gì được ghi. 2 lỗi:" in refused
    assert "Dòng 6: người của «Chi bộ Khu phố 2», không thuộc Chi bộ Khu phố 1" in refused
    assert "Dòng 7: loại «Cảm tình» không hợp lệ" in refused
    assert "Nhập danh sách" not in refused
    assert await _people(driver) == before


async def test_a_roster_file_sent_without_a_command_is_previewed(driver: Driver, tmp_path: Path) -> None:
    await _link(driver, ("lan", "Nguyễn Thị Lan"), ("mai", "Lê Thị Mai"))
    path = write_xlsx(
        tmp_path / "danh-sach-khu-pho-1.xlsx", [HEADER, *KHU_PHO_1], title="DANH SÁCH ĐẢNG VIÊN"
    )
    content = path.read_bytes()
    seen = await _send_file(driver, "lan", path, content)
    if seen is None:
        return  # Zalo bots receive no files: the pasted rows above are its way
    shown = texts(seen, "lan")
    assert "Xem trước danh sách Chi bộ Khu phố 1 (tệp danh-sach-khu-pho-1.xlsx, 4 người)" in shown
    assert "• Thêm mới: 1 — Trần Văn Bình" in shown
    await driver.press("lan", "Nhập danh sách")
    assert ("Trần Văn Bình", "0901000050", True) in await _people(driver)

    refused = await _send_file(driver, "mai", path, content)
    assert refused is not None
    assert "chibo không nhận tệp «danh-sach-khu-pho-1.xlsx» từ đồng chí" in texts(refused, "mai")


async def test_link_codes_come_with_a_workbook_to_print(telegram_driver: TelegramDriver) -> None:
    from openpyxl import load_workbook

    driver = telegram_driver
    await _link(driver, ("lan", "Nguyễn Thị Lan"))
    before = len(driver.fake.calls)
    await driver.say("lan", "/danhsach")
    sent = [c for c in driver.fake.calls[before:] if c.method == "sendDocument"]
    assert len(sent) == 1 and sent[0].chat_id == str(driver.user("lan").id)
    content = sent[0].files["document"]
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    values = [tuple(row) for row in ws.iter_rows(values_only=True)]
    assert values[3][:6] == ("STT", "Họ và tên", "Chi bộ", "Loại", "Đã liên kết", "Mã liên kết")
    assert any(row[1] == "Phạm Văn Đức" and row[4] == "chưa" for row in values[4:])
