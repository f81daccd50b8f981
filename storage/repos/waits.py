"""What each chat is waiting for from each person: the numbered choices of the latest
message with buttons, and an awaited free text. One row per (platform, chat, person, slot);
the newest replaces the one before."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatWait
from storage.repos.dialect import insert_for

CHOICES = "choices"
TEXT = "text"
DRAFT = "draft"  # something prepared and shown, waiting for a confirm (a roster file's rows)
ANYONE = ""  # the user of choices offered to a whole group


@dataclass(frozen=True, slots=True)
class Offer:
    """Choices offered in one chat: to one person, or to ANYONE in it."""

    platform: str
    chat_id: str
    user_id: str
    choices: Sequence[str]
    labels: Sequence[str] = ()  # what each choice says, so its words can be typed too


@dataclass(frozen=True, slots=True)
class Expect:
    """A text asked of one person in one chat, until when."""

    platform: str
    chat_id: str
    user_id: str
    kind: str
    payload: dict[str, Any]
    until: datetime


@dataclass(frozen=True, slots=True)
class Offered:
    choices: list[str]
    expired: bool
    labels: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Expected:
    kind: str
    payload: dict[str, Any]
    created_at: datetime
    expired: bool


class WaitRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def offer(self, offers: Sequence[Offer], now: datetime, until: datetime) -> None:
        """The latest choices in each chat, in one statement (a broadcast registers many)."""
        latest = {(o.platform, o.chat_id, o.user_id): o for o in offers}
        if not latest:
            return
        await self._put(
            [
                {
                    "platform": o.platform,
                    "chat_id": o.chat_id,
                    "user_id": o.user_id,
                    "slot": CHOICES,
                    "kind": "",
                    "payload": json.dumps(
                        {"choices": list(o.choices), "labels": list(o.labels)}, ensure_ascii=False
                    ),
                    "created_at": now,
                    "expires_at": until,
                }
                for o in latest.values()
            ]
        )

    async def offered(self, platform: str, chat_id: str, user_id: str, now: datetime) -> Offered | None:
        """The newest choices this person may answer in this chat: theirs or the group's."""
        rows = await self.session.execute(
            select(ChatWait)
            .where(
                ChatWait.platform == platform,
                ChatWait.chat_id == chat_id,
                ChatWait.user_id.in_([user_id, ANYONE]),
                ChatWait.slot == CHOICES,
            )
            .order_by(ChatWait.created_at.desc(), ChatWait.user_id.desc())
            .limit(1)
        )
        wait = rows.scalar_one_or_none()
        if wait is None:
            return None
        payload = json.loads(wait.payload)
        if isinstance(payload, list):  # stored before labels were kept
            return Offered(payload, wait.expires_at <= now)
        return Offered(payload["choices"], wait.expires_at <= now, payload.get("labels") or [])

    async def expect(
        self,
        platform: str,
        chat_id: str,
        user_id: str,
        kind: str,
        payload: dict[str, Any],
        now: datetime,
        until: datetime,
        *,
        slot: str = TEXT,
    ) -> None:
        """Remember what this person was asked to type next (slot TEXT), or a draft shown to
        them for a confirm (slot DRAFT); either replaces the one before in its slot."""
        await self.expect_many([Expect(platform, chat_id, user_id, kind, payload, until)], now, slot=slot)

    async def expect_many(self, expects: Sequence[Expect], now: datetime, *, slot: str = TEXT) -> None:
        """Several `expect`s in one statement; of two for one person in one chat, the later."""
        latest = {(e.platform, e.chat_id, e.user_id): e for e in expects}
        if not latest:
            return
        await self._put(
            [
                {
                    "platform": e.platform,
                    "chat_id": e.chat_id,
                    "user_id": e.user_id,
                    "slot": slot,
                    "kind": e.kind,
                    "payload": json.dumps(e.payload, ensure_ascii=False),
                    "created_at": now,
                    "expires_at": e.until,
                }
                for e in latest.values()
            ]
        )

    async def expected(
        self, platform: str, chat_id: str, user_id: str, now: datetime, *, slot: str = TEXT
    ) -> Expected | None:
        wait = await self.session.get(ChatWait, (platform, chat_id, user_id, slot))
        if wait is None:
            return None
        return Expected(wait.kind, dict(json.loads(wait.payload)), wait.created_at, wait.expires_at <= now)

    async def stop_expecting(self, platform: str, chat_id: str, user_id: str, *, slot: str = TEXT) -> None:
        await self.session.execute(
            delete(ChatWait).where(
                tuple_(ChatWait.platform, ChatWait.chat_id, ChatWait.user_id, ChatWait.slot)
                == (platform, chat_id, user_id, slot)
            )
        )

    async def forget_expired(self, now: datetime) -> int:
        result = await self.session.execute(delete(ChatWait).where(ChatWait.expires_at <= now))
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def _put(self, rows: list[dict[str, Any]]) -> None:
        stmt = insert_for(self.session, ChatWait)
        stmt = stmt.on_conflict_do_update(
            index_elements=["platform", "chat_id", "user_id", "slot"],
            set_={
                "kind": stmt.excluded.kind,
                "payload": stmt.excluded.payload,
                "created_at": stmt.excluded.created_at,
                "expires_at": stmt.excluded.expires_at,
            },
        )
        # one statement compiled once and cached, its rows sent as a batch: a multi-row VALUES
        # is compiled anew for every number of rows, which costs more than the rows in a burst
        connection = await self.session.connection()
        await connection.execute(stmt, rows)
