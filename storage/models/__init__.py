"""All tables. Each feature keeps its tables in a module of its own, imported here so that
Alembic and the tests see one metadata."""

from storage.models.base import Base, UTCDateTime
from storage.models.chats import GroupChat, PendingChoice, ProcessedUpdate
from storage.models.outbox import OutboxBatch, OutboxMessage
from storage.models.people import Account, Branch, Committee, Person

__all__ = [
    "Account",
    "Base",
    "Branch",
    "Committee",
    "GroupChat",
    "OutboxBatch",
    "OutboxMessage",
    "PendingChoice",
    "Person",
    "ProcessedUpdate",
    "UTCDateTime",
]
