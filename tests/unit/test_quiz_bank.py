"""Question banks from YAML, spreadsheet rows and Aiken text, checked to the same rules; a
bad file is refused whole with every problem where its author finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.loader import load_topics
from content.quiz_bank import BankError, bank_from_aiken, bank_from_rows, load_banks, parse_answer, parse_bank
from handlers.quiz.banks import check_sections, is_bank_file
from tests.fakes.quiz_banks import SMALL_BANK, small_bank


def test_the_bundled_banks_load_and_name_sections_their_topics_have() -> None:
    banks = load_banks()
    check_sections(banks, load_topics())
    bundled = {b.slug: b for b in banks}["chuyen-de-toan-khoa-2021-2026"]
    assert bundled.topic == "chuyen-de-toan-khoa-2021-2026" and len(bundled.questions) >= 30
    assert all(q.section is not None for q in bundled.questions)


def test_answers_are_letters_of_choices() -> None:
    assert parse_answer("B", 3) == ((1,), [])
    assert parse_answer(" a, c ", 4) == ((0, 2), [])
    assert parse_answer("A và C", 4)[0] == (0, 2)
    assert parse_answer("AC", 4)[0] == (0, 2)
    assert parse_answer("", 4)[1][0].key == "quiz.no_answer"
    assert parse_answer("E", 4)[1][0].key == "quiz.answer_without_choice"
    assert parse_answer("đúng", 4)[1][0].key == "quiz.bad_answer"


def test_a_yaml_bank_lists_every_problem_of_every_question() -> None:
    raw = {
        "title": "Bộ thử",
        "colour": "đỏ",
        "questions": [
            {"question": "Q1?", "choices": ["x", "y"], "answer": "B"},
            {"question": "Q2?", "choices": ["x"], "answer": "B", "explanation": "1\n2\n3\n4"},
            {"question": "q1 ?", "choices": ["x", "X"], "answer": "A", "difficulty": "rat kho"},
            {"question": "Q" * 301, "choices": ["a", "b" * 101], "answer": "A", "section": "hai"},
        ],
    }
    with pytest.raises(BankError) as raised:
        parse_bank(raw, "bo-thu.yaml", "bo-thu")
    said = str(raised.value)
    assert said.startswith("Không nhận tệp bo-thu.yaml: có ")
    for line in (
        "(tệp): trường không có trong lược đồ: colour",
        "questions[2]: cần ít nhất 2 phương án",
        "questions[2]: đáp án B nhưng không có phương án B",
        "questions[2]: giải thích xuống dòng quá 2 lần",
        "questions[3]: phương án B trùng với phương án A",
        "questions[3]: độ khó «rat kho» không hợp lệ",
        "questions[4]: câu hỏi dài 301 ký tự, quá 300 ký tự",
        "questions[4]: phương án B dài 101 ký tự, quá 100 ký tự",
        "questions[4]: phần «hai» phải là số thứ tự",
    ):
        assert line in said, line


def test_a_bank_s_section_must_be_one_its_topic_has() -> None:
    raw = {**SMALL_BANK, "questions": [{**SMALL_BANK["questions"][0], "section": 9}]}  # type: ignore[dict-item]
    with pytest.raises(BankError, match="chỉ có 7 phần, không có phần 9"):
        check_sections([parse_bank(raw, "x.yaml")], load_topics())
    check_sections([small_bank()], load_topics())


def test_a_bad_bundled_file_stops_the_start_naming_it(tmp_path: Path) -> None:
    (tmp_path / "hong.yaml").write_text(
        "title: Hỏng\nquestions:\n  - question: Q?\n    choices: [a, b]\n", "utf-8"
    )
    with pytest.raises(BankError, match=r"(?s)hong.yaml.*questions\[1\]: chưa có đáp án đúng"):
        load_banks(tmp_path)


def test_spreadsheet_rows_and_aiken_text_give_the_same_bank() -> None:
    rows = [
        ["Đề thi thử"],
        ["stt", "CÂU HỎI", "a", "b", "c", "Đáp án đúng", "Giải thích", "Phần"],
        ["1", "Độc lập gắn với gì?", "Tự chủ", "Viện trợ", "", "A", "Phần 1.", "Phần 1"],
        [],
        ["2", "Kiểm điểm khi nào?", "Cuối năm", "Hằng tháng", "Khi thi đua", "b", "", "3"],
    ]
    aiken = (
        "Độc lập gắn với gì?\nA) Tự chủ\nB) Viện trợ\nANSWER: A\nGIẢI THÍCH: Phần 1.\nPHẦN: 1\n\n"
        "Kiểm điểm khi nào?\nA. Cuối năm\nB. Hằng tháng\nC. Khi thi đua\nĐáp án: B\nPhần: 3\n"
    )
    from_rows = bank_from_rows(rows, "de.xlsx", "Đề", "de")
    from_aiken = bank_from_aiken(aiken, "de.txt", "Đề", "de")
    assert from_rows == from_aiken
    assert [q.section for q in from_rows.questions] == [1, 3]
    assert from_rows.questions[1].choices == ("Cuối năm", "Hằng tháng", "Khi thi đua")


def test_aiken_problems_name_the_question_and_its_line() -> None:
    text = "Câu một?\nA. x\nB. y\nANSWER: C\n\nCâu hai?\nA. x\nC. y\nANSWER: A\n\nCâu ba?\nA. x\nB. y\n"
    with pytest.raises(BankError) as raised:
        bank_from_aiken(text, "de.txt", "Đề", "de")
    said = str(raised.value)
    assert "câu 1 (dòng 1): đáp án C nhưng không có phương án C" in said
    assert "câu 2 (dòng 6): các phương án phải là A, B, C… theo thứ tự; tệp có A, C" in said
    assert "câu 3 (dòng 11): thiếu dòng «ANSWER: …»" in said


def test_bank_files_are_told_from_rosters_and_topics() -> None:
    assert is_bank_file("de.txt", "Q?\nA. x\nB. y\nĐÁP ÁN: A\n".encode())
    assert not is_bank_file("bai.txt", "Tiêu đề\n\nNội dung bài viết.".encode())
    assert is_bank_file("de.yaml", b"title: x\nquestions:\n  - question: q\n")
    assert not is_bank_file("chuyen-de.yaml", b"title: x\nkind: tai_lieu\nsections: []\n")
    assert is_bank_file("de.csv", "Câu hỏi,A,B,Đáp án\nQ?,x,y,A\n".encode())
    assert not is_bank_file("ds.csv", "Họ và tên,Chi bộ,Loại\nA,B,Chính thức\n".encode())
