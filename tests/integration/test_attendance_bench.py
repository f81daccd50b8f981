"""Tiny runs of the attendance benchmarks, so they keep working (the real runs are
`python -m bench.checkin_burst` and `python -m bench.rollup`)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from bench import checkin_burst, checkin_burst_zalo, city, rollup
from tests.fakes.postgres import find_bin_dir


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


@pytest.mark.skipif(find_bin_dir() is None, reason="PostgreSQL is not installed")
async def test_city_bench_measures_a_kept_city_again_without_building_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`bench.city --keep DIR`: the first run builds the city in DIR, the next one only
    measures it, and finds the same figures."""
    keep = Path(tempfile.mkdtemp(prefix="chibo-city-"))  # not under pytest's own: the server's user reads it
    try:
        await city.run(2, 300, keep)
        built = capsys.readouterr().out
        await city.run(2, 300, keep)
        again = capsys.readouterr().out
    finally:
        shutil.rmtree(keep, ignore_errors=True)
    assert "chibo roster import (lần đầu)" in built and "đã dựng sẵn" not in built
    assert "đã dựng sẵn" in again and "roster import" not in again and "Một năm sinh hoạt" not in again

    def figures(out: str) -> list[str]:
        return [
            line.split(", 1 câu lệnh SQL, ")[1]
            for line in out.splitlines()
            if line.startswith("Báo cáo tháng")
        ]

    assert figures(again) == figures(built) and len(figures(built)) == 2
    assert "60 chi bộ, có mặt" in figures(built)[0]  # 30 districts × 2 branches
