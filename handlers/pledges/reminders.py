"""Reminding those of a branch who have not registered the year's pledge: the secretary sees
whom it would reach, confirms, and chibo reminds them at once and once more a week later
(a due job, to those still not registered), then stops. Private messages wait for the morning
at night, as every reminder does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from config.address import addressee
from config.clock import VN_TZ
from config.i18n import Text, t
from config.messages import Button, Reply
from handlers.actor import Actor, Refusal
from handlers.pledges.buttons import Menu
from handlers.pledges.services import locked, year_of
from scheduler.due import Outcome, schedule
from scheduler.outbox import outbox_item
from scheduler.quiet_hours import deliverable_at
from storage.repos.people import Member
from storage.repos.schedule import ClaimedJob
from storage.uow import UnitOfWork

KIND = "pledge_reminder"
ROUNDS = 2  # the first on the secretary's confirm, the second a week later; then no more
SECOND_AFTER = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Recipients:
    year: int
    reach: list[Member]  # linked, not registered, not exempted
    unlinked: list[str]  # not registered, no chat account: the secretary reminds them herself


async def _recipients(uow: UnitOfWork, branch_id: int, year: int, but: int) -> Recipients:
    """Those of the branch not registered, but the secretary who asks (she knows)."""
    missing = await uow.pledges.not_registered(branch_id, year)
    waiting = [m for m, exempt in missing if not exempt and m.person_id != but]
    return Recipients(year, [m for m in waiting if m.linked], [m.full_name for m in waiting if not m.linked])


async def _refused(uow: UnitOfWork, actor: Actor, year: int) -> Refusal | None:
    if not actor.secretary:
        return Text("pl.secretary_only")
    if await locked(uow, actor.person.branch_id, year):
        return Text("pl.remind.locked", {"year": year})
    row = await uow.pledges.year_of(actor.person.branch_id, year)
    if row is not None and row.reminders:
        return Text("pl.remind.already", {"n": row.reminders, "rounds": ROUNDS})
    return None


async def preview(uow: UnitOfWork, actor: Actor, now: datetime) -> Recipients | Refusal:
    year = year_of(now)
    refused = await _refused(uow, actor, year)
    if refused is not None:
        return refused
    found = await _recipients(uow, actor.person.branch_id, year, actor.person.id)
    if not found.reach:
        return Text("pl.remind.nobody", {"unlinked": len(found.unlinked)})
    return found


def _reminder(lang: str, m: Member, branch: str, year: int, round_no: int) -> Reply:
    return Reply(
        t(
            lang,
            "pl.remind.text",
            to=addressee(lang, m.full_name, m.category),
            branch=branch,
            year=year,
            round=round_no,
        ),
        ((Button(t(lang, "pl.btn.register"), Menu("edit").pack()),),),
        lang=lang,
    )


async def _send(
    uow: UnitOfWork, branch_id: int, branch: str, found: Recipients, round_no: int, now: datetime
) -> int:
    at = deliverable_at(now)
    items = [
        outbox_item(
            m.platform,
            m.user_id,
            _reminder(m.language or "vi", m, branch, found.year, round_no),
            at,
            person_id=m.person_id,
            dedup_key=f"pledge-remind:{branch_id}:{found.year}:{round_no}:{m.person_id}",
        )
        for m in found.reach
    ]
    return await uow.outbox.enqueue(items)


async def send(uow: UnitOfWork, actor: Actor, now: datetime) -> tuple[int, Recipients] | Refusal:
    """The first round, on the secretary's confirm, and the second planned a week later."""
    year = year_of(now)
    refused = await _refused(uow, actor, year)
    if refused is not None:
        return refused
    branch_id = actor.person.branch_id
    if await uow.pledges.count_reminder(branch_id, year, 1, now) is None:
        return Text("pl.remind.already", {"n": 1, "rounds": ROUNDS})
    found = await _recipients(uow, branch_id, year, actor.person.id)
    sent = await _send(uow, branch_id, actor.person.branch.name, found, 1, now)
    await schedule(
        uow,
        KIND,
        f"pledge-remind:{branch_id}:{year}:2",
        now + SECOND_AFTER,
        now,
        {"branch_id": branch_id, "year": year, "by": actor.person.id},
        ref=f"branch:{branch_id}",
        not_after=datetime(year + 1, 1, 1, tzinfo=VN_TZ),
    )
    return sent, found


async def second_round(uow: UnitOfWork, job: ClaimedJob, now: datetime) -> Outcome:
    branch_id, year = int(job.payload["branch_id"]), int(job.payload["year"])
    if await locked(uow, branch_id, year):
        return Outcome.skipped("the branch locked the year's pledges")
    found = await _recipients(uow, branch_id, year, int(job.payload["by"]))
    if not found.reach:
        return Outcome.skipped("everyone reachable has registered")
    if await uow.pledges.count_reminder(branch_id, year, ROUNDS, now) is None:
        return Outcome.skipped("two reminders were sent already")
    branch = await uow.people.branch(branch_id)
    assert branch is not None
    sent = await _send(uow, branch_id, branch.name, found, 2, now)
    for s in (await uow.schedule.secretaries([branch_id])).get(branch_id, []):
        lang = s.language or "vi"
        note = t(lang, "pl.remind.second_done", n=sent, year=year)
        await uow.outbox.enqueue(
            [
                outbox_item(
                    s.platform,
                    s.user_id,
                    Reply(note, lang=lang),
                    deliverable_at(now),
                    person_id=s.person_id,
                    dedup_key=f"pledge-remind:{branch_id}:{year}:2:note:{s.person_id}",
                )
            ]
        )
    return Outcome.done(f"{sent} reminded")
