"""The delivery report of every batch that has a sender to report to: announcements and
publications (the outbox worker asks for it through `Runtime.batch_reports`)."""

from __future__ import annotations

import json
from collections import Counter

from config.formatting import fmt_int, fmt_pct
from config.i18n import t
from config.messages import Reply
from storage.models import OutboxBatch
from storage.uow import UnitOfWork

NAMES_SHOWN = 40


def names_shown(lang: str, names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + t(lang, "report.more", n=fmt_int(len(names) - NAMES_SHOWN))
    return shown


async def batch_report(uow: UnitOfWork, batch: OutboxBatch, counts: dict[str, int], final: bool) -> Reply:
    """The sender's delivery report of a broadcast or publication (the outbox worker calls
    this at each quarter of a large batch and when it is finished)."""
    ann = await uow.announcements.of_batch(batch.id)
    lang = ann.lang if ann is not None else "vi"
    total = sum(counts.values())
    if not final:
        done = total - counts.get("pending", 0) - counts.get("sending", 0)
        return Reply(
            t(
                lang,
                "report.title_progress",
                title=batch.title,
                done=fmt_int(done),
                total=fmt_int(total),
                pct=fmt_pct(done, total),
            ),
            lang=lang,
        )
    recipients = await uow.outbox.batch_recipients(batch.id)
    groups = await uow.outbox.batch_group_counts(batch.id)
    if ann is not None:
        not_linked: list[str] = json.loads(ann.not_linked)
        with_names = ann.by_secretary
    else:
        not_linked = await _not_linked_now(uow, batch, recipients)
        with_names = True
    by_status: dict[str, list[str]] = {}
    for r in recipients:
        by_status.setdefault(r.status, []).append(
            r.full_name if with_names else f"{r.full_name} ({r.branch_name})"
        )
    people = len(recipients) + len(not_linked)
    status_count = Counter(r.status for r in recipients)
    lines = [
        t(lang, "report.title_final", title=batch.title),
        t(
            lang,
            "report.sent",
            sent=fmt_int(status_count["sent"]),
            people=fmt_int(people),
            pct=fmt_pct(status_count["sent"], people),
        ),
    ]
    if groups:
        lines.append(
            t(lang, "report.groups", sent=fmt_int(groups.get("sent", 0)), total=fmt_int(sum(groups.values())))
        )
    for key, names in (
        ("report.not_linked", not_linked),
        ("report.blocked", by_status.get("blocked", [])),
        ("report.failed", by_status.get("failed", [])),
    ):
        lines.append(t(lang, key, n=fmt_int(len(names))))
        if names and (with_names or len(names) <= NAMES_SHOWN):
            lines.append(t(lang, "report.names", names=names_shown(lang, names)))
    waiting = status_count["pending"] + status_count["sending"]
    if waiting:
        lines.append(t(lang, "report.waiting", n=fmt_int(waiting)))
    return Reply("\n".join(lines), lang=lang)


async def _not_linked_now(uow: UnitOfWork, batch: OutboxBatch, recipients: object) -> list[str]:
    """A publication keeps no list of its own: the branch's people who have no chat account."""
    sender = await uow.people.get(batch.created_by_person_id) if batch.created_by_person_id else None
    if sender is None:
        return []
    members = await uow.people.members([sender.branch_id])
    return [m.full_name for m in members if not m.linked and m.person_id != sender.id]
