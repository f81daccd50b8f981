"""What the parts of /tailieu share: a topic's label, name and sections, and the caller's
branch and whether they are its secretary."""

from __future__ import annotations

import json

from config.text import shorten
from handlers.context import Ctx
from handlers.roles import Role
from storage.models import Topic

LABEL_CHARS = 60
# a topic's name in a list or an answer: every chuyên đề opens with the same words
# ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về …"), so it keeps
# enough after them to tell it from the others, and its beginning, which people know it by
TOPIC_CHARS = 100


def label(text: str) -> str:
    """At most LABEL_CHARS, keeping the beginning, cut between words."""
    return shorten(text, LABEL_CHARS)


def branch_id(ctx: Ctx) -> int | None:
    return ctx.person.branch_id if ctx.person is not None else None


def is_secretary(ctx: Ctx) -> bool:
    return Role.SECRETARY in ctx.roles


def topic_name(topic: Topic) -> str:
    """A topic as an answer or a report names it: its beginning, cut between words."""
    return shorten(topic.title, TOPIC_CHARS)


def topic_label(topic: Topic) -> str:
    """A topic in a list: its year, then its name."""
    return shorten(f"{topic.year} — {topic.title}" if topic.year else topic.title, TOPIC_CHARS)


def sections_of(topic: Topic) -> list[dict[str, str]]:
    return list(json.loads(topic.sections))
