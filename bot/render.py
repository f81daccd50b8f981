"""Rendering helpers shared by the transports: long texts and buttons on text-only chats."""

from __future__ import annotations

import secrets

from config.i18n import t
from config.messages import Poll, Reply


def split_text(text: str, limit: int) -> list[str]:
    """Split on line boundaries so each part fits the platform's limit; a single longer
    line is cut at a space, or hard as a last resort."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    # a platform refuses an empty message: no part may be only blank lines
    return [part.strip("\n") for part in parts if part.strip()]


def text_with_choices(reply: Reply) -> str:
    """Buttons as numbered lines, answered by typing the number (Zalo, console)."""
    buttons = reply.all_buttons()
    if not buttons:
        return reply.text
    lines = [reply.text, ""] if reply.text else []
    lines += [_choice(i, b.label) for i, b in enumerate(buttons, start=1)]
    lines.append(t(reply.lang, "choices.hint"))
    return "\n".join(lines)


def _choice(i: int, label: str) -> str:
    """Choice 3 reads "3. label"; a label that already opens with its own number (a
    section "3. …" offered as choice 3) is shown as it is, so the number shows once."""
    return label if label.startswith(f"{i}. ") else f"{i}. {label}"


def poll_as_text(poll: Poll, lang: str) -> str:
    """A poll where the platform has none: the question and its numbered choices, answered
    by typing the number, the letter or the choice itself (the core takes all three)."""
    lines = [poll.question, *(_choice(i, o) for i, o in enumerate(poll.options, start=1))]
    lines.append(t(lang, "poll.hint"))
    return "\n".join(lines)


def typed_poll_id() -> str:
    """chibo's own id for a poll shown as text (it is the poll's name in `sent_polls` and in
    the chat's remembered choices)."""
    return secrets.token_hex(8)
