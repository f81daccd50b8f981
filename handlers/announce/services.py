"""Announcement rules, for every caller (chat, command line): who may announce to which
branches, the preview, the send (a batch and its outbox fan-out), and "Đã nhận".

Each service is `(uow, actor, arguments, now) -> result | Refusal`; a refusal is the catalog
message to show, rendered in the caller's language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from config.formatting import fmt_int
from config.i18n import Text, t
from config.messages import Button, Reply
from config.text import fold, name_key, shorten
from handlers.announce.buttons import Ack
from handlers.announce.paid import PAID_OFFER_FROM, PAID_PLATFORM, paid_offer
from handlers.roles import Role, roles_of
from scheduler.fan_out import fan_out
from scheduler.limiter import BroadcastTime
from scheduler.quiet_hours import deliverable_at
from storage.models import Branch, GroupChat, Person
from storage.repos.people import Member
from storage.uow import UnitOfWork

Refusal = Text

MAX_TEXT = 3500  # leaves room for the header inside Telegram's 4.096 and splits cleanly on Zalo


@dataclass(frozen=True, slots=True)
class Preview:
    announcement_id: int
    scope: Text
    people: int
    linked: int
    groups: int
    text: str
    held_until: datetime | None  # at night private messages wait for this, unless urgent
    # committee staff reaching many on Telegram: what sending fast (paid) would take and cost
    paid: BroadcastTime | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    batch_id: int
    linked: int
    groups: int
    not_linked: int
    private_at: datetime | None  # private messages wait for the morning
    paid: BroadcastTime | None = None  # sent fast (paid broadcast)


@dataclass(frozen=True, slots=True)
class Acked:
    first: bool


async def preview(
    uow: UnitOfWork, actor: Person, text: str, now: datetime, *, lang: str
) -> Preview | Refusal:
    """Keeps a draft and says who would get it. A secretary reaches their own branch; committee
    staff every branch of their Đảng bộ, or the ones named in `chi bộ <tên>, <tên>: <nội dung>`."""
    roles = roles_of(actor)
    committee_staff = Role.COMMITTEE in roles
    if not committee_staff and Role.SECRETARY not in roles:
        return Refusal("tb.not_allowed")
    text = text.strip()
    if not text:
        return Refusal("tb.usage_committee" if committee_staff else "tb.usage")
    branch_ids = [actor.branch_id]
    scope = Text("tb.scope_branch", {"branch": actor.branch.name})
    if committee_staff:
        branches = await uow.people.branches_of_committee(actor.branch.committee_id)
        head, colon, rest = text.partition(":")
        selector = fold(head)
        if colon and rest.strip() and selector.startswith("chi bo ") and "\n" not in head:
            chosen = _chosen(branches, selector.removeprefix("chi bo "))
            if isinstance(chosen, str):
                return Refusal(
                    "tb.unknown_branch",
                    {
                        "name": chosen,
                        "committee": actor.branch.committee.name,
                        "names": ", ".join(b.name for b in branches),
                    },
                )
            text = rest.strip()
            branch_ids = [b.id for b in chosen]
            scope = Text("tb.scope_some", {"count": len(chosen), "names": ", ".join(b.name for b in chosen)})
        else:
            branch_ids = [b.id for b in branches]
            scope = Text("tb.scope_all", {"count": len(branches), "committee": actor.branch.committee.name})
    if len(text) > MAX_TEXT:
        return Refusal("tb.too_long", {"n": fmt_int(len(text)), "limit": fmt_int(MAX_TEXT)})
    members = [m for m in await uow.people.members(branch_ids) if m.person_id != actor.id]
    groups = await uow.chats.groups_of_branches(branch_ids)
    ann = await uow.announcements.draft(
        actor.branch.committee_id, actor.id, branch_ids, text, not committee_staff, lang, now
    )
    held_until = deliverable_at(now)
    return Preview(
        ann.id,
        scope,
        people=len(members),
        linked=sum(1 for m in members if m.linked),
        groups=len(groups),
        text=text,
        held_until=held_until if held_until > now else None,
        paid=paid_offer(actor, not committee_staff, _on_paid_platform(members, groups)),
    )


def _on_paid_platform(members: Sequence[Member], groups: Sequence[GroupChat]) -> int:
    """How many of the batch's messages would go out on the platform with paid broadcast."""
    return sum(1 for m in members if m.linked and m.platform == PAID_PLATFORM) + sum(
        1 for g in groups if g.platform == PAID_PLATFORM
    )


def _chosen(branches: list[Branch], names: str) -> list[Branch] | str:
    """The branches named (by the end of their name, else by part of it), or the first name
    that matches none."""
    chosen: list[Branch] = []
    for wanted in (name_key(n) for n in names.split(",")):
        exact = [b for b in branches if wanted and name_key(b.name).removeprefix("chi bo ") == wanted]
        found = exact or [b for b in branches if wanted and wanted in name_key(b.name)]
        if not found:
            return wanted
        chosen += [b for b in found if b not in chosen]
    return chosen


async def send(
    uow: UnitOfWork,
    actor: Person,
    announcement_id: int,
    now: datetime,
    *,
    ask_ack: bool = False,
    urgent: bool = False,
    paid: bool = False,
    report_to: tuple[str, str] = ("", ""),
) -> Sent | Refusal:
    """Sends the actor's draft: a post in each group chat and a private copy to each linked
    member (at night those wait for the morning unless `urgent`, which also asks for "Đã
    nhận"). `paid`: the Telegram messages of this batch go with paid broadcast, as offered
    in the preview (committee staff, many messages). The delivery report goes to `report_to`
    (platform, chat), privately: it names people."""
    ann = await uow.announcements.get(announcement_id)
    if ann is None or ann.sender_person_id != actor.id or ann.status != "draft":
        return Refusal("tb.not_yours")
    ask_ack = ask_ack or urgent
    branch_ids: list[int] = json.loads(ann.branch_ids)
    members = [m for m in await uow.people.members(branch_ids) if m.person_id != actor.id]
    groups = await uow.chats.groups_of_branches(branch_ids)
    linked = [m for m in members if m.linked]
    if not linked and not groups:
        return Refusal("tb.nobody")
    estimate = paid_offer(actor, ann.by_secretary, _on_paid_platform(members, groups)) if paid else None
    if paid and estimate is None:
        return Refusal("tb.paid_not_offered", {"from_": fmt_int(PAID_OFFER_FROM)})
    batch_id = await uow.outbox.create_batch(
        "announce",
        now,
        title=shorten(ann.text.splitlines()[0], 80),
        person_id=actor.id,
        report_platform=report_to[0],
        report_chat_id=report_to[1],
    )
    if not await uow.announcements.move_on(
        ann.id,
        status="sent",
        ask_ack=ask_ack,
        batch_id=batch_id,
        sent_at=now,
        not_linked=json.dumps([m.full_name for m in members if not m.linked], ensure_ascii=False),
    ):
        return Refusal("tb.not_yours")
    where = actor.branch.name if ann.by_secretary else actor.branch.committee.name

    def message(lang: str) -> Reply:
        body = t(lang, "tb.message", sender=actor.full_name, where=where, text=ann.text)
        if not ask_ack:
            return Reply(body, lang=lang)
        return Reply(
            body + t(lang, "tb.ask_ack"), ((Button(t(lang, "tb.btn_ack"), Ack(ann.id).pack()),),), lang=lang
        )

    at = deliverable_at(now, urgent=urgent)
    items = fan_out(
        f"tb:{ann.id}",
        groups,
        linked,
        message,
        now=now,
        private_at=at,
        lang=ann.lang,
        batch_id=batch_id,
        urgent=urgent,
        paid_on=PAID_PLATFORM if estimate is not None else "",
    )
    await uow.outbox.enqueue(items)
    return Sent(
        batch_id, len(linked), len(groups), len(members) - len(linked), at if at > now else None, estimate
    )


async def cancel(uow: UnitOfWork, actor: Person, announcement_id: int, now: datetime) -> Refusal | None:
    ann = await uow.announcements.get(announcement_id)
    if (
        ann is None
        or ann.sender_person_id != actor.id
        or not await uow.announcements.move_on(ann.id, status="cancelled")
    ):
        return Refusal("tb.not_yours")
    return None


async def acknowledge(
    uow: UnitOfWork, actor: Person, announcement_id: int | None, now: datetime
) -> Acked | Refusal:
    """ "Đã nhận" to this announcement (a button), or to the newest one asking the actor for
    it (typed text)."""
    if announcement_id is None:
        ann = await uow.announcements.latest_ack_wanted_from(actor.id)
    else:
        ann = await uow.announcements.get(announcement_id)
        if ann is not None and not (ann.ask_ack and await uow.announcements.was_sent_to(ann, actor.id)):
            ann = None
    if ann is None:
        return Refusal("tb.ack_nothing")
    return Acked(await uow.announcements.ack(ann.id, actor.id, now))
