"""What is remembered of a poll once it is delivered, whoever delivered it (a direct reply
or the outbox worker): the platform's poll id → the chat and the feature's key, and on a
text-only chat its choices, so that a typed "2" or "B" answers it as a tap would."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from config.messages import Reply, poll_choice
from scheduler.outbox import CHOICES_KEPT
from storage.repos.polls import PollSent
from storage.repos.waits import ANYONE, Offer
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from scheduler.delivery import SendResult


def poll_sent(
    platform: str, chat_id: str, is_group: bool, reply: Reply, result: SendResult, now: datetime
) -> PollSent | None:
    poll = reply.poll
    if poll is None or not result.ok or not result.poll_id:
        return None
    closes_at = now + timedelta(seconds=poll.open_period) if poll.open_period else None
    return PollSent(
        platform,
        result.poll_id,
        chat_id,
        is_group,
        result.message_id or "",
        poll.key,
        poll.options,
        poll.correct,
        result.poll_typed,
        now,
        closes_at,
    )


async def record_polls(uow: UnitOfWork, polls: Sequence[PollSent], now: datetime) -> None:
    await uow.polls.record(polls)
    for p in polls:
        if not p.typed:
            continue
        choices = [poll_choice(p.poll_id, i) for i in range(len(p.options))]
        owner = ANYONE if p.is_group else p.chat_id
        # a typed answer after the poll closed is told so, as for any expired choices
        until = p.closes_at or now + CHOICES_KEPT
        await uow.waits.offer([Offer(p.platform, p.chat_id, owner, choices)], now, until)
