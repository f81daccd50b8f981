"""Study topics, read receipts and publications."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from content.loader import TopicData
from storage.models import Person
from storage.models.materials import (
    Publication,
    Topic,
    TopicRead,
    TopicSeen,
)
from storage.repos.dialect import insert_for
from storage.repos.people import Member, latest_account_each, with_latest_account

_ROWS_PER_INSERT = 500  # 3 values a row, well under every database's limit on parameters


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

    async def has_read(self, topic_id: int, person_id: int) -> bool:
        return await self.session.get(TopicRead, (topic_id, person_id)) is not None

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

    async def opened(self, topic_id: int, person_id: int, now: datetime) -> None:
        """This person opened the topic (or a part of it) themself, now."""
        stmt = insert_for(self.session, TopicSeen).values(
            person_id=person_id, topic_id=topic_id, seen_at=now, opened_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["person_id", "topic_id"],
            set_={"seen_at": stmt.excluded.seen_at, "opened_at": stmt.excluded.opened_at},
        )
        await self.session.execute(stmt)

    async def last_opened(
        self, person_id: int, branch_id: int, now: datetime
    ) -> tuple[Topic, datetime] | None:
        """The topic this person last opened themself (up to now), if they may see it."""
        rows = await self.session.execute(
            select(Topic, TopicSeen.opened_at)
            .join(TopicSeen, TopicSeen.topic_id == Topic.id)
            .where(
                TopicSeen.person_id == person_id,
                TopicSeen.opened_at.is_not(None),
                TopicSeen.opened_at <= now,
                self._visible(branch_id),  # type: ignore[arg-type]
            )
            .order_by(TopicSeen.opened_at.desc(), Topic.id.desc())
            .limit(1)
        )
        row = rows.first()
        return (row[0], row[1]) if row is not None and row[1] is not None else None

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
        q = (
            with_latest_account(TopicRead.read_at)
            .outerjoin(TopicRead, read)
            .where(Person.branch_id == branch_id)
        )
        return [(m, extra[0]) for m, extra in latest_account_each((await self.session.execute(q)).tuples())]

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

    async def documents_published(
        self, branch_id: int, since: datetime, until: datetime, limit: int = 5
    ) -> list[tuple[str, list[dict[str, str]]]]:
        """The study topics published to the branch in this window, newest first: (title,
        attachments as {"title", "url"})."""
        rows = await self.session.execute(
            select(Topic.id, Topic.title, Topic.attachments)
            .join(Publication, Publication.topic_id == Topic.id)
            .where(
                Publication.branch_id == branch_id,
                Publication.published_at >= since,
                Publication.published_at <= until,
            )
            .order_by(Publication.published_at.desc(), Publication.id.desc())
        )
        found: dict[int, tuple[str, list[dict[str, str]]]] = {}
        for topic_id, title, attachments in rows.tuples():
            if topic_id not in found and len(found) < limit:
                found[topic_id] = (title, [a for a in json.loads(attachments or "[]") if a.get("url")])
        return list(found.values())
