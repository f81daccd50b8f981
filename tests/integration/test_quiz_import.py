"""`chibo quiz import`: the same checks as a bank sent in the chat; a broken spreadsheet is
refused whole with every row's problem, a good file is previewed and kept only with --yes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import build_app
from bot.cli import main
from config.settings import Settings
from tests.fakes.rosters import roster_rows, write_csv, write_xlsx

HEADER = ["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án", "Giải thích", "Phần", "Chủ đề"]
TOPIC = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực"
BROKEN = [
    ["BỘ CÂU HỎI THI TÌM HIỂU"],
    HEADER,
    ["1", "Độc lập phải gắn với điều gì?", "Tự chủ", "Viện trợ", "", "", "A", "Phần 1.", "1", TOPIC],
    ["2", "Khát vọng của Bác là gì?", "Dân được tự do", "Giàu có riêng", "", "", "", "", "2", TOPIC],
    ["3", "Chi bộ kiểm điểm khi nào?", "Cuối năm", "Hằng tháng", "", "", "E", "", "3", TOPIC],
    ["4", "Độc lập phải gắn với điều gì?", "Tự chủ", "Đóng cửa", "", "", "A", "", "1", TOPIC],
    ["5", "Một câu dài?", "x" * 120, "Ngắn", "", "", "B", "", "9", TOPIC],
]
AIKEN = """Theo tư tưởng Hồ Chí Minh, độc lập phải gắn với điều gì?
A. Tự chủ, dựa vào sức mình
B) Viện trợ từ bên ngoài
C. Đóng cửa với thế giới
ANSWER: A
GIẢI THÍCH: Phần 1 của chuyên đề.
PHẦN: 1
CHỦ ĐỀ: chuyen-de-toan-khoa-2021-2026

Chi bộ kiểm điểm việc làm theo gương Bác khi nào?
A. Cuối năm
B. Hằng tháng
ĐÁP ÁN: B
PHẦN: 3
CHỦ ĐỀ: chuyen-de-toan-khoa-2021-2026
"""


async def _banks() -> list[tuple[str, int | None, int | None, int]]:
    app = await build_app(Settings())
    try:
        async with app.db.unit_of_work() as uow:
            rows = await uow.session.execute(
                text(
                    "SELECT b.topic_slug, b.branch_id, b.committee_id, count(q.id) FROM quiz_banks b "
                    "JOIN quiz_questions q ON q.bank_id = b.id WHERE b.source = 'upload' GROUP BY b.id ORDER BY b.id"
                )
            )
            return [(str(a), b, c, int(d)) for a, b, c, d in rows.tuples()]
    finally:
        await app.close()


def test_a_broken_spreadsheet_is_refused_with_every_row_s_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "cau-hoi.xlsx", BROKEN)
    assert main(["quiz", "import", str(path), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "Không nhận tệp cau-hoi.xlsx: có 4 lỗi, chưa nhập câu nào." in err
    assert "- dòng 4: chưa có đáp án đúng" in err
    assert "- dòng 5: đáp án E nhưng không có phương án E" in err
    assert "- dòng 6: câu hỏi trùng với dòng 3" in err
    assert "- dòng 7: phương án A dài 120 ký tự, quá 100 ký tự của một lựa chọn trên Telegram" in err
    assert "dòng 3" not in err.replace("trùng với dòng 3", "")  # the good row has no problem
    assert asyncio.run(_banks()) == []


def test_a_section_the_topic_does_not_have_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEADER, BROKEN[2], ["2", "Câu khác?", "Một", "Hai", "", "", "B", "", "9", TOPIC]]
    assert main(["quiz", "import", str(write_xlsx(tmp_path / "q.xlsx", rows))]) == 1
    assert (
        "câu 2: chuyên đề «chuyen-de-toan-khoa-2021-2026» chỉ có 7 phần, không có phần 9"
        in capsys.readouterr().err
    )


def test_an_aiken_file_is_previewed_then_kept_with_yes_for_the_secretary_s_branch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = roster_rows(2, 10)
    secretary = rows[1][1]
    assert main(["roster", "import", str(write_csv(tmp_path / "ds.csv", rows))]) == 0
    path = tmp_path / "thi-thu.txt"
    path.write_text(AIKEN, encoding="utf-8")
    capsys.readouterr()

    assert main(["quiz", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Bộ câu hỏi từ tệp thi-thu.txt: 2 câu, dành cho mọi chi bộ." in out
    assert "2. Chi bộ kiểm điểm việc làm theo gương Bác khi nào? — đáp án B" in out
    assert "Chưa nhập gì: thêm --yes để nhập." in out
    assert asyncio.run(_banks()) == []

    assert main(["quiz", "import", str(path), "--as", secretary, "--yes"]) == 0
    assert "Đã nhập bộ câu hỏi «thi thu»: 2 câu." in capsys.readouterr().out
    [(topic, branch, committee, n)] = asyncio.run(_banks())
    assert (topic, n) == ("chuyen-de-toan-khoa-2021-2026", 2) and branch is not None and committee is not None

    member = rows[3][1]
    assert main(["quiz", "import", str(path), "--as", member, "--yes"]) == 1
    assert "dành cho bí thư chi bộ và cán bộ Đảng ủy" in capsys.readouterr().err
