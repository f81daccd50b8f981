"""Study topics, read receipts, publications, announcements and their answers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content.loader import TopicData
from storage.models import Account, Branch, GroupChat, Person
from storage.models.materials import (
    Announcement,
    AnnouncementAck,
    Publication,
    Topic,
    TopicRead,
    TopicSeen,
)
from storage.models.outbox import OutboxMessage
from storage.repos.dialect import insert_for

_ROWS_PER_INSERT = 500  # 3 values a row, well under every database's limit on parameters


@dataclass(frozen=True, slots=True)
class Member:
    """A roster person and the chat account messages reach them on (none if not linked)."""

    person_id: int
    full_name: str
    branch_id: int
    platform: str = ""
    user_id: str = ""
    language: str = ""

    @property
    def linked(self) -> bool:
        return bool(self.user_id)


def _row(data: TopicData, now: datetime) -> dict[str, object]:
    return {
        "slug": data.slug,
        "title": data.title[:300],
        "year": data.year,
        "kind": data.kind,
        "summary": data.summary,
        "sections": json.dumps(
            [{"title": s.title, "text": s.text} for s in data.sections], ensure_ascii=False
        ),
        "attachments": json.dumps(
            [{"title": a.title, "url": a.url} for a in data.attachments], ensure_ascii=False
        ),
        "related_quiz": data.related_quiz,
        "search_key": data.search_key(),
        "updated_at": now,
    }


class MaterialsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- topics --------------------------------------------------------------------------------
    async def sync_bundled(self, topics: Sequence[TopicData], now: datetime) -> int:
        """The bundled topics as the files say; returns how many were added or changed."""
        existing = {
            t.slug: t
            for t in (
                await self.session.execute(select(Topic).where(Topic.slug.in_([d.slug for d in topics])))
            ).scalars()
        }
        changed = 0
        for data in topics:
            values = _row(data, now)
            current = existing.get(data.slug)
            if current is None:
                self.session.add(Topic(**values, source="bundled", created_at=now))
                changed += 1
            elif any(getattr(current, k) != v for k, v in values.items() if k != "updated_at"):
                for k, v in values.items():
                    setattr(current, k, v)
                changed += 1
        await self.session.flush()
        return changed

    async def add_upload(self, data: TopicData, branch_id: int, person_id: int, now: datetime) -> Topic:
        topic = Topic(
            **_row(data, now),
            source="upload",
            branch_id=branch_id,
            created_by_person_id=person_id,
            created_at=now,
        )
        self.session.add(topic)
        await self.session.flush()
        return topic

    def _visible(self, branch_id: int | None) -> object:
        return or_(Topic.branch_id.is_(None), Topic.branch_id == branch_id)

    async def visible(self, branch_id: int | None, limit: int = 20) -> list[Topic]:
        rows = await self.session.execute(
            select(Topic)
            .where(self._visible(branch_id))  # type: ignore[arg-type]
            .order_by(Topic.year.desc().nulls_last(), Topic.id.desc())
            .limit(limit)
        )
        return list(rows.scalars())

    async def get_visible(self, topic_id: int, branch_id: int | None) -> Topic | None:
        rows = await self.session.execute(
            select(Topic).where(Topic.id == topic_id, self._visible(branch_id))  # type: ignore[arg-type]
        )
        return rows.scalar_one_or_none()

    async def search(
        self, folded_words: Sequence[str], branch_id: int | None, limit: int = 10
    ) -> list[Topic]:
        """Topics whose folded text holds every word (the words are folded by the caller)."""
        conditions = [Topic.search_key.contains(w, autoescape=True) for w in folded_words]
        rows = await self.session.execute(
            select(Topic)
            .where(self._visible(branch_id), *conditions)  # type: ignore[arg-type]
            .order_by(Topic.year.desc().nulls_last(), Topic.id.desc())
            .limit(limit)
        )
        return list(rows.scalars())

    async def mark_read(self, topic_id: int, person_id: int, now: datetime) -> bool:
        """True the first time this person says they have read it."""
        stmt = insert_for(self.session, TopicRead).values(topic_id=topic_id, person_id=person_id, read_at=now)
        result = await self.session.execute(stmt.on_conflict_do_nothing())
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def seen(self, topic_id: int, person_ids: Sequence[int], at: datetime) -> None:
        """These people have the topic in front of them from `at` (they opened it, or it is
        due to reach them then)."""
        ids = list(dict.fromkeys(person_ids))
        for start in range(0, len(ids), _ROWS_PER_INSERT):
            chunk = ids[start : start + _ROWS_PER_INSERT]
            rows = [{"person_id": p, "topic_id": topic_id, "seen_at": at} for p in chunk]
            stmt = insert_for(self.session, TopicSeen).values(rows)
            stmt = stmt.on_conflict_do_update(
                index_elements=["person_id", "topic_id"], set_={"seen_at": stmt.excluded.seen_at}
            )
            await self.session.execute(stmt)

    async def last_seen(self, person_id: int, branch_id: int, now: datetime) -> tuple[Topic, datetime] | None:
        """The topic this person opened or was sent most recently (up to now), if they may see it."""
        rows = await self.session.execute(
            select(Topic, TopicSeen.seen_at)
            .join(TopicSeen, TopicSeen.topic_id == Topic.id)
            .where(TopicSeen.person_id == person_id, TopicSeen.seen_at <= now, self._visible(branch_id))  # type: ignore[arg-type]
            .order_by(TopicSeen.seen_at.desc(), Topic.id.desc())
            .limit(1)
        )
        row = rows.first()
        return (row[0], row[1]) if row is not None else None

    async def read_status(self, topic_id: int, branch_id: int) -> list[tuple[Member, datetime | None]]:
        """Every active person of the branch (exempt ones too: they read as well), with the
        moment they said they had read it, and their chat account."""
        read = and_(TopicRead.topic_id == topic_id, TopicRead.person_id == Person.id)
        rows = await self.session.execute(
            select(
                Person.id,
                Person.full_name,
                Person.branch_id,
                Account.platform,
                Account.user_id,
                Account.language,
                TopicRead.read_at,
            )
            .outerjoin(TopicRead, read)
            .outerjoin(Account, Account.person_id == Person.id)
            .where(Person.branch_id == branch_id, Person.active)
            .order_by(Person.full_name, Person.id, Account.linked_at.desc(), Account.id.desc())
        )
        seen: set[int] = set()
        out: list[tuple[Member, datetime | None]] = []
        for pid, name, bid, platform, user_id, language, read_at in rows.tuples():
            if pid in seen:
                continue
            seen.add(pid)
            out.append((Member(pid, name, bid, platform or "", user_id or "", language or ""), read_at))
        return out

    async def publish(
        self, topic_id: int, branch_id: int, batch_id: int, person_id: int, now: datetime
    ) -> Publication:
        pub = Publication(
            topic_id=topic_id,
            branch_id=branch_id,
            batch_id=batch_id,
            published_by_person_id=person_id,
            published_at=now,
        )
        self.session.add(pub)
        await self.session.flush()
        return pub

    async def publication(self, topic_id: int, branch_id: int) -> Publication | None:
        rows = await self.session.execute(
            select(Publication)
            .where(Publication.topic_id == topic_id, Publication.branch_id == branch_id)
            .order_by(Publication.id)
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def latest_published(self, branch_id: int) -> tuple[Topic, datetime] | None:
        """The topic published to this branch most recently, and when."""
        rows = await self.session.execute(
            select(Topic, Publication.published_at)
            .join(Publication, Publication.topic_id == Topic.id)
            .where(Publication.branch_id == branch_id)
            .order_by(Publication.published_at.desc(), Publication.id.desc())
            .limit(1)
        )
        row = rows.first()
        return (row[0], row[1]) if row is not None else None

    # -- people to reach ------------------------------------------------------------------------
    async def members(self, branch_ids: Sequence[int]) -> list[Member]:
        """Active people of these branches, each with their most recently linked account."""
        if not branch_ids:
            return []
        rows = await self.session.execute(
            select(
                Person.id,
                Person.full_name,
                Person.branch_id,
                Account.platform,
                Account.user_id,
                Account.language,
            )
            .outerjoin(Account, Account.person_id == Person.id)
            .where(Person.branch_id.in_(branch_ids), Person.active)
            .order_by(
                Person.branch_id, Person.full_name, Person.id, Account.linked_at.desc(), Account.id.desc()
            )
        )
        seen: set[int] = set()
        out: list[Member] = []
        for pid, name, bid, platform, user_id, language in rows.tuples():
            if pid not in seen:
                seen.add(pid)
                out.append(Member(pid, name, bid, platform or "", user_id or "", language or ""))
        return out

    async def branches_of_committee(self, committee_id: int) -> list[Branch]:
        rows = await self.session.execute(
            select(Branch).where(Branch.committee_id == committee_id).order_by(Branch.name)
        )
        return list(rows.scalars())

    async def groups_of_branches(self, branch_ids: Sequence[int]) -> list[GroupChat]:
        rows = await self.session.execute(
            select(GroupChat).where(GroupChat.branch_id.in_(list(branch_ids))).order_by(GroupChat.id)
        )
        return list(rows.scalars())

    # -- announcements ---------------------------------------------------------------------------
    async def draft(
        self,
        committee_id: int,
        sender_id: int,
        branch_ids: Sequence[int],
        text: str,
        by_secretary: bool,
        lang: str,
        now: datetime,
    ) -> Announcement:
        ann = Announcement(
            committee_id=committee_id,
            sender_person_id=sender_id,
            branch_ids=json.dumps(list(branch_ids)),
            text=text,
            by_secretary=by_secretary,
            lang=lang,
            status="draft",
            not_linked="[]",
            created_at=now,
        )
        self.session.add(ann)
        await self.session.flush()
        return ann

    async def announcement(self, ann_id: int) -> Announcement | None:
        return await self.session.get(Announcement, ann_id)

    async def announcement_of_batch(self, batch_id: int) -> Announcement | None:
        rows = await self.session.execute(select(Announcement).where(Announcement.batch_id == batch_id))
        return rows.scalar_one_or_none()

    async def mark_announcement(self, ann_id: int, **values: object) -> bool:
        """Moves a draft on; False if it was no longer a draft (a second tap)."""
        result = await self.session.execute(
            update(Announcement)
            .where(Announcement.id == ann_id, Announcement.status == "draft")
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def latest_sent_by(self, person_id: int) -> Announcement | None:
        rows = await self.session.execute(
            select(Announcement)
            .where(Announcement.sender_person_id == person_id, Announcement.status == "sent")
            .order_by(Announcement.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def latest_ack_wanted_from(self, person_id: int) -> Announcement | None:
        """The newest announcement asking for "đã nhận" that was sent to this person."""
        rows = await self.session.execute(
            select(Announcement)
            .join(OutboxMessage, OutboxMessage.batch_id == Announcement.batch_id)
            .where(OutboxMessage.person_id == person_id, Announcement.ask_ack)
            .order_by(Announcement.id.desc())
            .limit(1)
        )
        return rows.scalar_one_or_none()

    async def was_sent_to(self, ann: Announcement, person_id: int) -> bool:
        rows = await self.session.execute(
            select(func.count()).where(
                OutboxMessage.batch_id == ann.batch_id, OutboxMessage.person_id == person_id
            )
        )
        return bool(rows.scalar_one())

    async def ack(self, ann_id: int, person_id: int, now: datetime) -> bool:
        stmt = insert_for(self.session, AnnouncementAck).values(
            announcement_id=ann_id, person_id=person_id, acked_at=now
        )
        result = await self.session.execute(stmt.on_conflict_do_nothing())
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def acked(self, ann_id: int) -> set[int]:
        rows = await self.session.execute(
            select(AnnouncementAck.person_id).where(AnnouncementAck.announcement_id == ann_id)
        )
        return set(rows.scalars())
