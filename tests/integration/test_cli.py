"""The `chibo` command line as an administrator uses it."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes.rosters import roster_rows, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def test_roster_import_then_invite_list(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", roster_rows(72, 796))
    assert main(["roster", "import", str(path)]) == 0
    assert "Đã nhập danh sách: 1 đảng bộ, 72 chi bộ; thêm 796, cập nhật 0, giữ nguyên 0" in capsys.readouterr().out
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


def test_a_bad_roster_is_refused_with_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
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
        [sys.executable, "-m", "bot", "run"], input="/trogiup\n:as Lê Thị Mai\n/lienket\n:quit\n",
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=True,
    )
    out = result.stdout
    assert "DEMO" in out and "Đang đóng vai: Nguyễn Thị Lan" in out
    assert "/lienket (/link)" in out
    assert "lệnh /lienket chỉ dành cho bí thư, phó bí thư chi bộ" in out
    assert (tmp_path / "data" / "chibo.sqlite3").exists()


def _meeting_ids(out: str) -> list[int]:
    return [int(n) for n in re.findall(r"^Buổi số (\d+):", out, re.MULTILINE)]


def test_meetings_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A secretary creates, moves and cancels a meeting and checks a member in by proxy,
    through the same services as the chat; another branch's secretary is refused."""
    from datetime import datetime, timedelta

    from config.clock import VN_TZ

    rows = roster_rows(2, 10)
    secretary, member, other_secretary = rows[1][1], rows[3][1], rows[6][1]
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", rows))]) == 0
    capsys.readouterr()
    day = datetime.now(VN_TZ) + timedelta(days=30)
    when = f"{day:%d/%m/%Y} 14:00"

    assert main(["meeting", "create", "--as", secretary, f"{when} Họp chi bộ định kỳ"]) == 0
    out = capsys.readouterr().out
    assert "Xem trước, chưa thay đổi gì" in out and "Đã tạo: Họp chi bộ định kỳ" in out
    assert main(["meeting", "list", "--as", secretary]) == 0
    assert "Không có buổi nào sắp tới." in capsys.readouterr().out  # the preview kept nothing

    assert main(["meeting", "create", "--as", secretary, f"{when} Họp chi bộ định kỳ", "--yes"]) == 0
    assert "Dành cho: Chi bộ 1." in capsys.readouterr().out
    assert main(["meeting", "list", "--as", secretary]) == 0
    out = capsys.readouterr().out
    (meeting_id,) = _meeting_ids(out)
    assert f"{day:%d/%m/%Y} 14:00–16:00 — Họp chi bộ định kỳ" in out

    assert main(["meeting", "cancel", "--as", other_secretary, str(meeting_id), "--yes"]) == 1
    assert "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được" in capsys.readouterr().err
    assert main(["checkin", "--as", other_secretary, "--meeting", str(meeting_id), member]) == 1
    assert "chỉ dành cho bí thư, phó bí thư chi bộ" in capsys.readouterr().err

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

    assert main(["meeting", "cancel", "--as", secretary, str(meeting_id), "--yes"]) == 0
    assert "Họp chi bộ định kỳ" in capsys.readouterr().out
    assert main(["meeting", "list", "--as", secretary]) == 0
    assert "Không có buổi nào sắp tới." in capsys.readouterr().out


def test_a_year_out_of_reach_gets_what_to_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = roster_rows(1, 3)
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", rows))]) == 0
    assert main(["meeting", "create", "--as", rows[1][1], "31/12/9999 23:00 Họp", "--yes"]) == 1
    assert "Thời gian «31/12/9999 23:00» không hợp lệ" in capsys.readouterr().err
