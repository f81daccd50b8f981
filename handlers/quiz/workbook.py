"""The organisers' .xlsx of a round or a contest, laid out like the reports' workbooks (their
title block, headers and signature): "Tổng hợp theo chi bộ" (each branch: people, takers,
rate, average and best score, lowest participation first, then the total) and "Bài làm"
(every answer: person, branch, go, question, chosen, right or wrong, seconds, when)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from config.clock import local
from content.quiz_bank import LETTERS
from handlers.quiz.export import Export
from handlers.reports.excel import (
    _BOLD,
    _FLAG_FONT,
    DATETIME,
    INTEGER,
    PERCENT,
    T,
    _append,
    _header,
    _signature,
    _title_block,
    _widths,
)
from storage.repos.quiz import answer_of, answer_points, choices_of

_COL = "quiz.xlsx.col"
_SECONDS = "0.0"


def _share(correct: int, total: int) -> float | None:
    return correct / total if total else None


def _summary(ws: Worksheet, t: T, found: Export) -> None:
    keys = [
        "stt",
        "branch",
        "people",
        "took",
        "rate",
        "average",
        "best",
        *(["points"] if found.speed else []),
    ]
    width = len(keys)
    title = "quiz.xlsx.title_round" if found.kind == "round" else "quiz.xlsx.title_contest"
    row = _title_block(ws, t, found.heading, title, width, basis_key="quiz.xlsx.basis")
    _header(ws, t, keys, row, prefix=_COL)
    row += 1
    people = took = correct = total = 0
    for i, b in enumerate(found.branches, 1):
        tally, best = b.tally, b.best
        values: list[object] = [
            i,
            tally.branch,
            tally.people,
            tally.took,
            _share(tally.took, tally.people),
            _share(tally.correct, tally.total),
            _share(best.correct, best.total) if best else None,
        ]
        if found.speed:
            values.append(best.points if best else None)
        _append(ws, row, values)
        for col in (3, 4):
            ws.cell(row, col).number_format = INTEGER
        for col in (5, 6, 7):
            ws.cell(row, col).number_format = PERCENT
        if not tally.took:
            ws.cell(row, 4).font = _FLAG_FONT
        people, took = people + tally.people, took + tally.took
        correct, total = correct + tally.correct, total + tally.total
        row += 1
    _append(ws, row, ["", t("rep.xlsx.total"), people, took, _share(took, people), _share(correct, total)])
    for col in range(1, width + 1):
        ws.cell(row, col).font = _BOLD
    ws.cell(row, 5).number_format = ws.cell(row, 6).number_format = PERCENT
    _signature(ws, t, found.heading, row, width)
    _widths(ws, [6, 32, 10, 10, 12, 14, 12, 10][:width])


def _picked(indexes: tuple[int, ...] | frozenset[int], choices: list[str]) -> str:
    return "; ".join(f"{LETTERS[i]}. {choices[i]}" for i in sorted(indexes) if i < len(choices))


def _answers(ws: Worksheet, t: T, found: Export) -> None:
    keys = [
        "stt",
        "name",
        "branch",
        "go",
        "number",
        "question",
        "chosen",
        "answer",
        "result",
        "seconds",
        "answered_at",
        *(["points"] if found.speed else []),
    ]
    _header(ws, t, keys, 1, prefix=_COL)
    ws.freeze_panes = "A2"
    goes: dict[int, dict[int, int]] = {}

    for row, a in enumerate(found.answers, 2):
        mine = goes.setdefault(a.person_id, {})
        go = mine.setdefault(a.attempt_id, len(mine) + 1)
        choices = choices_of(a.question)
        values: list[object] = [
            row - 1,
            a.full_name,
            found.branch_names.get(a.branch_id, ""),
            go,
            a.position + 1,
            a.question.question,
            _picked(a.chosen, choices) or t("quiz.xlsx.nothing"),
            _picked(answer_of(a.question), choices),
            t("quiz.xlsx.right" if a.correct else "quiz.xlsx.wrong"),
            a.ms / 1000,
            local(a.answered_at).replace(tzinfo=None),
        ]
        if found.speed:
            values.append(answer_points(a.correct, a.ms))
        _append(ws, row, values)
        ws.cell(row, 10).number_format = _SECONDS
        ws.cell(row, 11).number_format = DATETIME
        if not a.correct:
            ws.cell(row, 9).font = _FLAG_FONT
    _widths(ws, [6, 26, 24, 6, 7, 48, 32, 32, 8, 9, 17, 8][: len(keys)])


def answers_workbook(t: T, found: Export) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = t("quiz.xlsx.sheet_summary")
    _summary(ws, t, found)
    _answers(wb.create_sheet(t("quiz.xlsx.sheet_answers")), t, found)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
