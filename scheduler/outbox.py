"""What features put in the outbox: a Reply for a chat, encoded here (storage keeps the
payload as it is given)."""

from __future__ import annotations

from datetime import datetime, timedelta

from config.messages import Reply, reply_to_json
from storage.repos.outbox import OutboxItem
from storage.repos.waits import ANYONE, Offer

# how long a typed number still answers the latest message with buttons in a chat
CHOICES_KEPT = timedelta(days=7)


def offer_of(platform: str, chat_id: str, is_group: bool, reply: Reply) -> Offer | None:
    """The choices a message offers once it is delivered: to the whole group, or to the one
    person of a private chat."""
    buttons = reply.all_buttons()
    if not buttons:
        return None
    owner = ANYONE if is_group else chat_id
    return Offer(platform, chat_id, owner, [b.data for b in buttons], [b.label for b in buttons])


def outbox_item(
    platform: str,
    chat_id: str,
    reply: Reply,
    due_at: datetime,
    *,
    is_group: bool = False,
    person_id: int | None = None,
    dedup_key: str | None = None,
    urgent: bool = False,
    batch_id: int | None = None,
) -> OutboxItem:
    return OutboxItem(
        platform,
        chat_id,
        reply_to_json(reply),
        due_at,
        is_group=is_group,
        person_id=person_id,
        dedup_key=dedup_key,
        urgent=urgent,
        batch_id=batch_id,
    )
