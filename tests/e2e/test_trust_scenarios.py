"""Who may see and do what in a branch group, on every transport: names only in private
chats with that branch's secretaries (and their committee's staff); a group bound to a
branch moves only by its own people."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.drivers import GROUP, Driver, texts
from tests.e2e.scheduling import hop
from tests.fakes.clock import FakeClock

MEETING = "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12"
BEFORE_START = datetime(2026, 12, 5, 6, 45, tzinfo=UTC)  # 13:45 in Hà Nội
AFTER_END = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)  # 16:30


async def _held_meeting(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    await hop(linked, "lan", MEETING)
    await linked.say("duc", "/vang ốm")
    clock = linked.app.clock
    assert isinstance(clock, FakeClock)
    clock.set(BEFORE_START)
    await linked.say("mai", "có mặt")
    clock.set(AFTER_END)


async def _bound_branch(linked: Driver) -> str:
    async with linked.app.db.unit_of_work() as uow:
        platform = linked.platform
        branches = list(await uow.reports.branch_names(1))
        groups = [g for g in await uow.chats.groups_of_branches(branches) if g.platform == platform]
        assert len(groups) == 1
        branch = await uow.people.branch(groups[0].branch_id)
        assert branch is not None
        return branch.name


async def test_baocao_in_a_group_gives_counts_there_and_names_privately(linked: Driver) -> None:
    await _held_meeting(linked)
    seen = await linked.say("lan", "/baocao", group=True)
    in_group = texts(seen, GROUP)
    assert "Đảng viên có mặt: 1/3 — 33,3%" in in_group
    assert "Danh sách tên đã gửi riêng" in in_group
    for name in ("Phạm Văn Đức", "Nguyễn Thị Lan", "Lê Thị Mai"):
        assert name not in in_group
    private = texts(seen, "lan")
    assert "Vắng có lý do: Phạm Văn Đức (ốm)" in private
    assert "Vắng không lý do: Nguyễn Thị Lan" in private


async def test_baocao_in_a_group_from_a_member_or_another_branch_names_nobody(linked: Driver) -> None:
    await _held_meeting(linked)
    other = await linked.say("tuan", "/baocao", group=True)
    assert "chỉ dành cho bí thư chi bộ" in texts(other, GROUP)
    assert "Có mặt" not in texts(other) and "Phạm Văn Đức" not in texts(other)

    member = await linked.say("mai", "/baocao", group=True)
    assert "đã gửi riêng" in texts(member, GROUP)
    assert "Điểm danh của đồng chí Lê Thị Mai" in texts(member, "mai")
    assert "Phạm Văn Đức" not in texts(member)


async def test_lienket_cannot_take_another_branchs_group(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    refused = texts(await linked.say("tuan", "/lienket", group=True), GROUP)
    assert "đã gắn với một chi bộ khác" in refused
    assert "Chi bộ Khu phố 2" not in refused
    assert await _bound_branch(linked) == "Chi bộ Khu phố 1"

    # the branch's own secretary may bind it again; /lienket is a secretary's command
    assert "Đã gắn nhóm này với Chi bộ Khu phố 1" in texts(
        await linked.say("lan", "/lienket", group=True), GROUP
    )
    # committee staff of the same Đảng bộ confirm the binding; they do not move it to their branch
    assert "Chi bộ Khu phố 2" not in texts(await linked.say("son", "/lienket", group=True), GROUP)
    assert await _bound_branch(linked) == "Chi bộ Khu phố 1"
