"""Tiny runs of the attendance benchmarks, so they keep working (the real runs are
`python -m bench.checkin_burst` and `python -m bench.rollup`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import checkin_burst, checkin_burst_zalo, rollup


async def test_check_in_burst_counts_everyone_once(capsys: pytest.CaptureFixture[str]) -> None:
    await checkin_burst.main(60, 4)
    out = capsys.readouterr().out
    assert "ĐÚNG, mỗi người một lần" in out
    assert "60 lượt có mặt, 60 người khác nhau" in out


async def test_zalo_check_in_burst_counts_and_tells_everyone_once(capsys: pytest.CaptureFixture[str]) -> None:
    await checkin_burst_zalo.main(40, 4)
    out = capsys.readouterr().out
    assert "40 lượt có mặt, 40 người; 40 người được báo «Đã điểm danh» đúng một lần" in out
    assert "— ĐÚNG" in out


async def test_roll_up_bench_on_a_small_city(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rollup, "BRANCHES", 12)
    monkeypatch.setattr(rollup, "PEOPLE_PER_BRANCH", 5)
    monkeypatch.setattr(rollup, "MEETINGS_PER_BRANCH", 3)
    await rollup.measure(f"sqlite:///{tmp_path / 'bench.sqlite3'}", tmp_path, "SQLite")
    out = capsys.readouterr().out
    counts = [
        line.split(":")[1].split("câu")[0].strip()
        for line in out.splitlines()
        if "roll-up" in line and "chi bộ:" in line
    ]
    assert len(counts) == 3 and len(set(counts)) == 1  # the same number of statements at every size
