"""Pledge rules for every caller: what a person may register and change (their own, until the
branch locks the year), who may lock it (the branch's secretaries). `(uow, actor, arguments,
now) -> result | Refusal`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from config.clock import local
from config.i18n import Text
from config.text import fold
from handlers.actor import Actor, Refusal
from handlers.materials.library import section_title
from handlers.materials.topics import sections_of, topic_name
from handlers.when import parse_day
from storage.models import Topic
from storage.repos.pledges import PledgeText, Registered
from storage.uow import UnitOfWork

STUDY_KINDS = ("chuyen_de_nam", "chuyen_de_toan_khoa")
MAX_ACTIONS = 10
MAX_CONTENTS = 40
TEXT_LIMIT = 1_000  # characters of one answer: a pledge is read aloud at the branch meeting
# how often, as people write it ("hằng tháng", "mỗi quý", "thường xuyên"), folded
_EVERY = re.compile(
    r"\b(hang|moi|hàng)\s+(ngay|tuan|thang|quy|nam|buoi)\b|\bthuong xuyen\b|\bquy\s+[1-4iv]+\b|\bca nam\b"
    r"|\bthang\s+\d{1,2}\b|\b(daily|weekly|monthly|quarterly|yearly|every)\b"
)
_BEFORE = re.compile(r"^(truoc|den|han|trong|before|by|until)\s+(ngay\s+)?", re.IGNORECASE)


def year_of(now: datetime) -> int:
    return local(now).year


@dataclass(frozen=True, slots=True)
class Offer:
    """The contents a person may pick: each is (topic's name, section's title)."""

    topics: list[Topic]
    contents: list[tuple[str, str]]


async def study_contents(uow: UnitOfWork, branch_id: int, now: datetime) -> Offer:
    """The current study topics of the library: the newest chuyên đề năm of this year or before,
    and the newest chuyên đề toàn khóa, with their sections."""
    year = year_of(now)
    chosen: dict[str, Topic] = {}
    for topic in await uow.materials.visible(branch_id, limit=50):
        if topic.kind in STUDY_KINDS and (topic.year or 0) <= year and topic.kind not in chosen:
            chosen[topic.kind] = topic
    topics = [chosen[k] for k in STUDY_KINDS if k in chosen]
    contents = [(topic_name(t), section_title(s["title"])) for t in topics for s in sections_of(t)]
    return Offer(topics, contents[:MAX_CONTENTS])


def check_answer(text: str) -> str | Refusal:
    cleaned = " ".join(text.split())
    if len(cleaned) < 3:
        return Text("pl.err.too_short")
    if len(cleaned) > TEXT_LIMIT:
        return Text("pl.err.too_long", {"n": TEXT_LIMIT})
    return cleaned


def check_deadline(text: str, now: datetime) -> str | Refusal:
    """A deadline ("trước 30/06/2027", "30/6") or a frequency ("hằng tháng", "mỗi quý",
    "thường xuyên", "quý 2"); anything else is refused with examples."""
    cleaned = check_answer(text)
    if isinstance(cleaned, Text):
        return Text("pl.err.deadline")
    folded = fold(cleaned)
    if _EVERY.search(folded):
        return cleaned
    bare = _BEFORE.sub("", folded)
    offset = len(folded) - len(bare)
    day = parse_day(cleaned[offset:], now)
    if isinstance(day, Text):
        return day
    if day is None:
        return Text("pl.err.deadline")
    if day.day < local(now).date():
        return Text("pl.err.deadline_past", {"value": day.typed.strip()})
    return cleaned


def check_text(text: PledgeText) -> Refusal | None:
    if not text.contents:
        return Text("pl.err.no_contents")
    if not text.shortcomings.strip():
        return Text("pl.err.no_shortcomings")
    if not text.actions:
        return Text("pl.err.no_actions")
    if len(text.actions) > MAX_ACTIONS:
        return Text("pl.err.too_many_actions", {"n": MAX_ACTIONS})
    return None


async def locked(uow: UnitOfWork, branch_id: int, year: int) -> bool:
    row = await uow.pledges.year_of(branch_id, year)
    return row is not None and row.locked


async def own(uow: UnitOfWork, actor: Actor, now: datetime) -> Registered | None:
    return await uow.pledges.of(actor.person.id, year_of(now))


async def may_change(uow: UnitOfWork, actor: Actor, now: datetime) -> Refusal | None:
    year = year_of(now)
    row = await uow.pledges.year_of(actor.person.branch_id, year)
    if row is not None and row.locked:
        return Text("pl.locked", {"year": year})
    return None


async def register(uow: UnitOfWork, actor: Actor, text: PledgeText, now: datetime) -> Registered | Refusal:
    """The actor's own pledge of the year, registered or changed (a new version, the earlier
    ones kept), unless the branch has locked the year's pledges."""
    refused = check_text(text) or await may_change(uow, actor, now)
    if refused is not None:
        return refused
    return await uow.pledges.save(actor.person, year_of(now), text, actor.person.id, now)


async def set_lock(uow: UnitOfWork, actor: Actor, lock: bool, now: datetime) -> int | Refusal:
    """The branch's pledges of the year locked (or opened again) by one of its secretaries:
    the year."""
    if not actor.secretary:
        return Text("pl.secretary_only")
    year = year_of(now)
    await uow.pledges.set_locked(actor.person.branch_id, year, lock, actor.person.id, now)
    return year
