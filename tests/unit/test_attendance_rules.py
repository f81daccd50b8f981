"""Who may do what to a meeting, and how dates are read: the services' rules, no chat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from config.clock import VN_TZ
from config.i18n import Text
from handlers.actor import Actor
from handlers.attendance.requests import read_request
from handlers.attendance.services.rules import (
    DEFAULT_GRACE,
    NOT_OPEN,
    checkin_rule,
    grace_of,
    may_change,
    may_check_in_for,
)
from handlers.when import When, parse_month, parse_when
from storage.models import Branch, Committee, Meeting, Person

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam
COMMITTEE = Committee(id=1, name="Đảng bộ Khối Doanh nghiệp", name_key="dang bo khoi doanh nghiep")
OTHER_COMMITTEE = Committee(id=2, name="Đảng bộ Phường", name_key="dang bo phuong")
BRANCH_1 = Branch(id=1, committee_id=1, name="Chi bộ 1", name_key="chi bo 1", committee=COMMITTEE)
BRANCH_2 = Branch(id=2, committee_id=1, name="Chi bộ 2", name_key="chi bo 2", committee=COMMITTEE)
BRANCH_9 = Branch(id=9, committee_id=2, name="Chi bộ 9", name_key="chi bo 9", committee=OTHER_COMMITTEE)


def _person(pid: int, branch: Branch, branch_role: str = "", committee_role: str = "") -> Person:
    return Person(
        id=pid,
        full_name=f"Người {pid}",
        branch_id=branch.id,
        branch=branch,
        branch_role=branch_role,
        committee_role=committee_role,
    )


SECRETARY_1 = Actor.of(_person(1, BRANCH_1, "bi_thu"))
SECRETARY_2 = Actor.of(_person(2, BRANCH_2, "pho_bi_thu"))
STAFF = Actor.of(_person(3, BRANCH_1, committee_role="can_bo_dang_uy"))
OTHER_STAFF = Actor.of(_person(4, BRANCH_9, committee_role="can_bo_dang_uy"))
MEMBER_1 = _person(5, BRANCH_1)


def _meeting(kind: str = "sinh_hoat", starts_in: timedelta = timedelta(days=3)) -> Meeting:
    start = NOW + starts_in
    return Meeting(
        id=7, kind=kind, title="Sinh hoạt tháng 12", starts_at=start, ends_at=start + timedelta(hours=2),
        committee_id=1, cancelled=False,
    )  # fmt: skip


def test_a_branch_meeting_is_changed_by_its_own_secretaries_only() -> None:
    meeting = _meeting()
    assert may_change(SECRETARY_1, meeting, [1]) is None
    refusal = may_change(SECRETARY_2, meeting, [1])
    assert refusal == Text("att.change.own_branch_only")
    assert may_change(Actor.of(MEMBER_1), meeting, [1]) == Text(
        "command.not_allowed", {"command": "hop", "who": Text("who.staff")}
    )


def test_a_study_session_is_changed_by_its_committee_staff_only() -> None:
    session = _meeting("hoc_tap")
    assert may_change(STAFF, session, [1, 2]) is None
    assert may_change(SECRETARY_1, session, [1, 2]) == Text("att.change.committee_only")
    assert may_change(OTHER_STAFF, session, [1, 2]) is not None


def test_a_proxy_check_in_only_for_ones_own_people() -> None:
    assert may_check_in_for(SECRETARY_1, MEMBER_1) is None
    assert may_check_in_for(STAFF, MEMBER_1) is None
    refused = may_check_in_for(SECRETARY_2, MEMBER_1)
    assert refused == Text("att.proxy.not_yours")
    assert "chi bộ của mình" in refused.render("vi")
    assert "your own branch" in refused.render("en")
    assert may_check_in_for(OTHER_STAFF, MEMBER_1) == Text("att.proxy.not_yours")


def test_the_check_in_rule() -> None:
    grace = DEFAULT_GRACE
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=10)), True, NOW, grace) == "present"
    # 19:35 for 19:30 is on time; the quarter of an hour's grace past, late
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=-5)), True, NOW, grace) == "present"
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=-15)), True, NOW, grace) == "present"
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=-16)), True, NOW, grace) == "late"
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=-1)), True, NOW, timedelta(0)) == "late"
    assert checkin_rule(_meeting(), True, NOW, grace) is NOT_OPEN
    assert checkin_rule(_meeting(starts_in=timedelta(minutes=10)), False, NOW, grace) == Text(
        "att.checkin.not_member"
    )
    assert checkin_rule(None, True, NOW, grace) == Text("att.gone")


def test_a_branch_grace_period_or_the_default() -> None:
    assert grace_of(1, {}) == DEFAULT_GRACE == timedelta(minutes=15)
    assert grace_of(1, {1: 5, 2: 0}) == timedelta(minutes=5)
    assert grace_of(2, {1: 5, 2: 0}) == timedelta(0)


def test_dates_and_times_as_typed() -> None:
    when = parse_when("05/12 14h Họp chi bộ", NOW)
    assert isinstance(when, When)
    assert when.start == datetime(2026, 12, 5, 14, 0, tzinfo=VN_TZ) and when.end is None
    assert when.rest == "Họp chi bộ"
    ranged = parse_when("05/12/2026 14g30-16:00", NOW)
    assert isinstance(ranged, When) and ranged.end == datetime(2026, 12, 5, 16, 0, tzinfo=VN_TZ)
    # a date already past this year is next year's
    assert isinstance(nxt := parse_when("01/02 08:00", NOW), When) and nxt.start.year == 2027
    assert parse_when("Họp chi bộ", NOW) is None


def test_dates_out_of_reach_are_refused_with_a_key() -> None:
    for typed in (
        "31/12/9999 23:00",
        "05/12/2029 14:00",
        "05/12/2024 14:00",
        "31/02/2027 14:00",
        "05/12 16:00-14:00",
    ):
        refused = parse_when(typed, NOW)
        assert isinstance(refused, Text) and refused.key == "att.hop.bad_time", typed
    assert read_request("31/12/9999 23:00 Họp", NOW) == Text(
        "att.hop.bad_time", {"value": "31/12/9999 23:00"}
    )


def test_months() -> None:
    assert parse_month("11/2026", NOW) == (2026, 11)
    assert parse_month("tháng 3", NOW) == (2026, 3)
    assert parse_month("13", NOW) is None
    assert parse_month("12/9999", NOW) is None
