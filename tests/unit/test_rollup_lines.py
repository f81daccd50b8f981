"""A committee's chat report lists at most ROLLUP_LISTED branches (a district of 667 would be
13 messages): those that held no meeting first, then the lowest rates; the rest are counted,
with the rate they all reach, and the workbook lists them."""

from __future__ import annotations

from config.i18n import t
from handlers.reports.build import NotHeld
from handlers.reports.render import ROLLUP_LISTED, rollup_lines
from handlers.reports.tally import BranchTally, Tally, party_order


def _branch(i: int, present: int) -> BranchTally:
    b = BranchTally(i, f"Chi bộ {i:03d}", meetings=1)
    b.by_category["chinh_thuc"] = Tally(on_time=present, absent=20 - present)
    return b


def _t(key: str, **values: object) -> str:
    return t("vi", key, **values)


def test_a_district_s_branches_past_the_listed_are_counted_with_the_rate_they_reach() -> None:
    branches = party_order(_branch(i, 10 + i % 11) for i in range(667))
    not_held = [NotHeld(1000 + i, f"Chi bộ chưa họp {i}", None) for i in range(3)]
    lines = rollup_lines(_t, branches, not_held)
    assert lines[1] == "1. Chi bộ chưa họp 0: chưa sinh hoạt"
    listed = [line for line in lines[1:] if line[0].isdigit()]
    assert len(listed) == ROLLUP_LISTED
    hidden = branches[ROLLUP_LISTED - 3 :]
    assert lines[-1] == (
        f"… và {len(hidden)} chi bộ khác, tỷ lệ từ 55% trở lên. Danh sách đủ trong tệp Excel: gõ /xuat kèm tháng."
    )
    assert len("\n".join(lines)) < 2 * 4096


def test_a_committee_of_72_branches_is_listed_whole() -> None:
    branches = party_order(_branch(i, 15 + i % 6) for i in range(72))
    lines = rollup_lines(_t, branches)
    assert len(lines) == 73 and not lines[-1].startswith("…")


def test_when_more_held_none_than_are_listed_only_the_count_is_said() -> None:
    not_held = [NotHeld(i, f"Chi bộ {i}", None) for i in range(ROLLUP_LISTED + 5)]
    lines = rollup_lines(_t, [_branch(999, 20)], not_held)
    assert lines[-1] == "… và 6 chi bộ khác. Danh sách đủ trong tệp Excel: gõ /xuat kèm tháng."
