"""The `chibo` command line as an administrator uses it."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import build_app
from bot.cli import main
from config.settings import Settings
from config.text import fold, name_key
from tests.fakes.rosters import person_name, roster_rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def test_roster_import_then_invite_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", roster_rows(72, 796))
    assert main(["roster", "import", str(path)]) == 0
    assert (
        "Đã nhập danh sách: 1 đảng bộ, 72 chi bộ; thêm 796, cập nhật 0, giữ nguyên 0"
        in capsys.readouterr().out
    )
    assert main(["roster", "import", str(path)]) == 0
    assert "thêm 0, cập nhật 0, giữ nguyên 796" in capsys.readouterr().out

    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "chibo_dongda_bot")
    assert main(["invite", "list"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["Họ và tên", "Chi bộ", "Đảng bộ", "Mã liên kết", "Liên kết Telegram", "Đã liên kết"]
    assert len(rows) == 797
    _name, branch, committee, code, link, linked = rows[1]
    assert (branch, committee, linked) == ("Chi bộ 1", "Đảng bộ Khối Doanh nghiệp", "")
    assert len(code) == 8 and link == f"https://t.me/chibo_dongda_bot?start={code}"


def test_a_bad_roster_is_refused_with_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = roster_rows(2, 10)
    rows[2][1] = ""
    rows[7][5] = "Đoàn viên"
    assert main(["roster", "import", str(write_csv(tmp_path / "bad.csv", rows))]) == 1
    err = capsys.readouterr().err
    assert "Dòng 3: thiếu họ và tên" in err and "Dòng 8: loại «Đoàn viên» không hợp lệ" in err
    assert main(["invite", "list"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only: nothing was written


def test_db_upgrade(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0
    assert Path("data/chibo.sqlite3").exists()


def test_the_start_command_opens_the_console_on_a_demo_committee(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="/trogiup\n:as Lê Thị Mai\n/lienket\n:quit\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
    )
    out = result.stdout
    assert "DEMO" in out and "Đang đóng vai: Nguyễn Thị Lan" in out
    assert "/lienket (/link)" in out
    assert "lệnh /lienket chỉ dành cho bí thư, phó bí thư chi bộ" in out
    assert (tmp_path / "data" / "chibo.sqlite3").exists()


def test_invite_list_prints_only_the_csv_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Redirected to a file, the output is the CSV: start-up log lines go to stderr."""
    assert main(["invite", "list"]) == 0  # an empty database: the header only
    out, err = capsys.readouterr()
    assert list(csv.reader(io.StringIO(out))) == [
        ["Họ và tên", "Chi bộ", "Đảng bộ", "Mã liên kết", "Liên kết Telegram", "Đã liên kết"]
    ]
    assert "INFO    handlers.materials.library: 3 bundled study topics added or updated" in err

    write_csv(Path("ds.csv"), roster_rows(2, 10))
    assert main(["roster", "import", "ds.csv"]) == 0
    capsys.readouterr()
    assert main(["invite", "list"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "Họ và tên" and len(rows) == 11
    assert all(len(row) == 6 and len(row[3]) == 8 for row in rows[1:])  # member rows, nothing else


async def _link_the_branch_of(name: str) -> None:
    """Everyone in this person's branch links a Telegram account."""
    app = await build_app(Settings())
    try:
        async with app.db.unit_of_work() as uow:
            (someone,) = await uow.people.by_name_key(name_key(name))
            for person in await uow.people.in_branch(someone.branch_id):
                account = await uow.accounts.get_or_create(
                    "telegram", f"u{person.id}", person.full_name, app.clock.now()
                )
                await uow.accounts.link(account, person, app.clock.now())
            await uow.commit()
    finally:
        await app.close()


async def _queued() -> int:
    """Messages waiting in the outbox (by tomorrow: at night private ones wait for 06:30)."""
    app = await build_app(Settings())
    try:
        async with app.db.unit_of_work() as uow:
            return await uow.outbox.pending_due(app.clock.now() + timedelta(days=1), ["telegram"])
    finally:
        await app.close()


def test_announce_previews_then_sends_with_yes_and_refuses_a_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", roster_rows(2, 10)))]) == 0
    secretary, member = person_name(0), person_name(2)
    asyncio.run(_link_the_branch_of(secretary))
    capsys.readouterr()

    assert main(["announce", "--as", secretary, "Họp chi bộ thứ Sáu"]) == 0
    out = capsys.readouterr().out
    assert "Xem trước thông báo tới Chi bộ 1: 4 người (4 đã liên kết tài khoản), 0 nhóm chat." in out
    assert "Họp chi bộ thứ Sáu" in out and "Chưa gửi. Thêm --yes để gửi." in out
    assert asyncio.run(_queued()) == 0

    assert main(["announce", "--as", fold(secretary), "Họp chi bộ thứ Sáu", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Đang gửi thông báo tới 4 người và 0 nhóm chat." in out
    assert "Đã xếp 4 tin vào hàng gửi (đợt gửi số 1)." in out
    assert asyncio.run(_queued()) == 4

    assert main(["announce", "--as", member, "Tôi cũng muốn thông báo", "--yes"]) == 1
    assert (
        "Chỉ bí thư, phó bí thư chi bộ hoặc cán bộ Đảng ủy mới gửi được thông báo." in capsys.readouterr().err
    )
    assert main(["announce", "--as", "Không Có Ai", "x"]) == 1
    assert "Không có ai tên «Không Có Ai» trong danh sách." in capsys.readouterr().err


def _meeting_ids(out: str) -> list[int]:
    return [int(n) for n in re.findall(r"^Buổi số (\d+):", out, re.MULTILINE)]


def test_meetings_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A secretary creates, moves and cancels a meeting and checks a member in by proxy,
    through the same services as the chat; another branch's secretary is refused."""
    from datetime import datetime, timedelta

    from config.clock import VN_TZ
    from config.i18n import t

    rows = roster_rows(2, 10)
    secretary, member, other_secretary = rows[1][1], rows[3][1], rows[6][1]
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", rows))]) == 0
    capsys.readouterr()
    day = datetime.now(VN_TZ) + timedelta(days=30)
    when = f"{day:%d/%m/%Y} 14:00"
    weekday = t(
        "vi",
        f"schedule.recurrence.weekday.{('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')[day.weekday()]}",
    )

    assert main(["meeting", "create", "--as", secretary, f"{when} Họp chi bộ định kỳ"]) == 0
    out = capsys.readouterr().out
    assert "Xem trước, chưa thay đổi gì" in out and "chibo hiểu như sau (chưa tạo gì):" in out
    assert f"• Thời gian: {weekday}, {day:%d/%m/%Y}, 14:00–16:00" in out and "Đã tạo" not in out
    assert main(["meeting", "list", "--as", secretary]) == 0
    assert "Không có buổi nào sắp tới." in capsys.readouterr().out  # the preview kept nothing

    assert main(["meeting", "create", "--as", secretary, f"{when} Họp chi bộ định kỳ", "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        "chibo hiểu như sau" in out and "Đã tạo: Họp chi bộ định kỳ" in out and "Dành cho: Chi bộ 1." in out
    )
    # the same again is pointed out, as in the chat
    assert main(["meeting", "create", "--as", secretary, f"{when} Họp chi bộ định kỳ"]) == 0
    assert "⚠ Đã có buổi «Họp chi bộ định kỳ»" in capsys.readouterr().out
    assert main(["meeting", "list", "--as", secretary]) == 0
    out = capsys.readouterr().out
    (meeting_id,) = _meeting_ids(out)
    assert f"{day:%d/%m/%Y} 14:00–16:00 — Họp chi bộ định kỳ" in out

    assert main(["meeting", "cancel", "--as", other_secretary, str(meeting_id), "--yes"]) == 1
    assert "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được" in capsys.readouterr().err
    assert main(["checkin", "--as", other_secretary, "--meeting", str(meeting_id), member]) == 1
    assert "chỉ điểm danh hộ được người trong chi bộ của mình" in capsys.readouterr().err

    later = f"{day + timedelta(days=1):%d/%m/%Y} 15:00"
    assert main(["meeting", "move", "--as", secretary, str(meeting_id), later]) == 0
    assert "Xem trước" in capsys.readouterr().out
    assert main(["meeting", "move", "--as", secretary, str(meeting_id), later, "--yes"]) == 0
    assert "Xem trước" not in capsys.readouterr().out
    assert main(["meeting", "list", "--as", secretary]) == 0
    assert f"{later}–17:00" in capsys.readouterr().out

    # check-in opens shortly before the start: a month ahead it is closed
    assert main(["checkin", "--as", secretary, "--meeting", str(meeting_id), member]) == 1
    assert "Chưa đến giờ điểm danh" in capsys.readouterr().err

    assert (
        main(["meeting", "cancel", "--as", secretary, str(meeting_id), "--yes", "--reason", "Trùng lịch"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Đã hủy buổi sinh hoạt «Họp chi bộ định kỳ»" in out and "Lý do trong thông báo: Trùng lịch." in out
    assert main(["meeting", "list", "--as", secretary]) == 0
    assert "Không có buổi nào sắp tới." in capsys.readouterr().out


def test_a_year_out_of_reach_gets_what_to_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = roster_rows(1, 3)
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", rows))]) == 0
    assert main(["meeting", "create", "--as", rows[1][1], "31/12/9999 23:00 Họp", "--yes"]) == 1
    assert "Thời gian «31/12/9999 23:00» không hợp lệ" in capsys.readouterr().err
