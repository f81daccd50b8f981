"""What the parts of /tailieu share: a topic's label, name and sections, and the caller's
branch and whether they are its secretary."""

from __future__ import annotations

import json

from config.text import fold
from handlers.context import Ctx
from handlers.roles import Role
from storage.models import Topic

LABEL_CHARS = 60


def label(text: str) -> str:
    """At most LABEL_CHARS, cut between words."""
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[: LABEL_CHARS - 1]
    space = cut.rfind(" ")
    if space > LABEL_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def branch_id(ctx: Ctx) -> int | None:
    return ctx.person.branch_id if ctx.person is not None else None


def is_secretary(ctx: Ctx) -> bool:
    return Role.SECRETARY in ctx.roles


_COMMON = "hoc tap va lam theo tu tuong, dao duc, phong cach ho chi minh "


def short_title(title: str) -> str:
    """Every chuyên đề title opens with the same words: a button shows what differs."""
    if fold(title).startswith(_COMMON) and "  " not in title:
        return "…" + title[len(_COMMON) :]
    return title


def topic_name(topic: Topic) -> str:
    """A topic as an answer names it: what tells it apart from the others."""
    return label(short_title(topic.title))


def sections_of(topic: Topic) -> list[dict[str, str]]:
    return list(json.loads(topic.sections))
