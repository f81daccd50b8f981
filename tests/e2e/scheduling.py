"""Meetings made as a secretary makes them: /hop, then the preview's «Tạo»."""

from __future__ import annotations

from tests.e2e.drivers import Driver, Seen, texts


async def hop(driver: Driver, who: str, command: str, *, group: bool = False) -> list[Seen]:
    """What `who` sees after typing `command` (a /hop) and choosing the preview's first
    choice («Tạo …», or «Vẫn tạo …» when chibo warned of something)."""
    preview = await driver.say(who, command, group=group)
    shown = next((s for s in reversed(preview) if s.buttons and s.to == who), None)
    assert shown is not None, texts(preview)
    return preview + await driver.press(who, shown.buttons[0])
