from datetime import datetime

from config.clock import VN_TZ
from scheduler.quiet_hours import deliverable_at, in_quiet_hours


def vn(h: int, m: int, day: int = 5) -> datetime:
    return datetime(2026, 12, day, h, m, tzinfo=VN_TZ)


def test_quiet_hours_hold_private_messages_until_morning() -> None:
    assert not in_quiet_hours(vn(21, 29))
    assert in_quiet_hours(vn(21, 30)) and in_quiet_hours(vn(2, 0)) and not in_quiet_hours(vn(6, 30))
    assert deliverable_at(vn(22, 15)) == vn(6, 30, day=6)
    assert deliverable_at(vn(5, 0)) == vn(6, 30)
    assert deliverable_at(vn(22, 15), urgent=True) == vn(22, 15)
    assert deliverable_at(vn(22, 15), is_group=True) == vn(22, 15)
    assert deliverable_at(vn(14, 0)) == vn(14, 0)
