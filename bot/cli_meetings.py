"""`chibo meeting list|create|cancel|move` and `chibo checkin`: the attendance services as
the chat calls them, acting as a roster name. Without --yes the change is made in a
transaction that is rolled back: what would happen is printed, nothing is kept. `create`
prints the preview the chat shows (and with --yes confirms it); `cancel` and `move` take the
reason the chat asks for (--reason), and `cancel --series` cancels the rest of a series."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime

from config.i18n import Text, t
from handlers.actor import Actor, Refusal, actor_named
from handlers.attendance.changes import cancelled_text, confirm_move_text, moved_text
from handlers.attendance.checkin import people_named, proxy_text
from handlers.attendance.meetings import created_text, plan_text
from handlers.attendance.requests import read_request
from handlers.attendance.services.changes import (
    cancel_meeting,
    changeable_meetings,
    clean_reason,
    move_meeting,
    move_preview,
)
from handlers.attendance.services.checkin import proxy_check_in
from handlers.attendance.services.create import Plan, confirm_plan, plan_meetings
from handlers.attendance.wording import kind_text, when_text
from handlers.when import parse_when
from storage.db import Database
from storage.uow import UnitOfWork

LANG = "vi"
# what an action did, in words, or why it was not done
Action = Callable[[UnitOfWork, Actor, datetime], Awaitable[str | Refusal]]


def _t(key: str, **values: object) -> str:
    return t(LANG, key, **values)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    meeting = sub.add_parser("meeting", help=_t("cli.help.meeting")).add_subparsers(
        dest="action", required=True
    )
    for name in ("list", "create", "cancel", "move"):
        p = meeting.add_parser(name, help=_t(f"cli.help.meeting_{name}"))
        p.add_argument("--as", dest="as_name", required=True, help=_t("cli.help.as"))
        if name == "create":
            p.add_argument("text", help=_t("cli.help.meeting_text"))
        if name in ("cancel", "move"):
            p.add_argument("meeting_id", type=int, help=_t("cli.help.meeting_id"))
        if name == "move":
            p.add_argument("when", help=_t("cli.help.meeting_when"))
        if name in ("cancel", "move"):
            p.add_argument("--reason", default="", help=_t("cli.help.meeting_reason"))
        if name == "cancel":
            p.add_argument("--series", action="store_true", help=_t("cli.help.meeting_series"))
        if name != "list":
            p.add_argument("--yes", action="store_true", help=_t("cli.help.yes"))
    checkin = sub.add_parser("checkin", help=_t("cli.help.checkin"))
    checkin.add_argument("--as", dest="as_name", required=True, help=_t("cli.help.as"))
    checkin.add_argument(
        "--meeting", dest="meeting_id", type=int, required=True, help=_t("cli.help.meeting_id")
    )
    checkin.add_argument("name", help=_t("cli.help.checkin_name"))


async def run(db: Database, now: datetime, args: argparse.Namespace) -> int:
    if args.command == "checkin":
        return await _act(db, now, args.as_name, _checkin(args.meeting_id, args.name), keep=True)
    if args.action == "list":
        return await _act(db, now, args.as_name, _list, keep=False)
    if args.action == "create":
        action = _create(args.text, confirm=args.yes)
    elif args.action == "cancel":
        action = _cancel(args.meeting_id, args.reason, args.series)
    else:
        action = _move(args.meeting_id, args.when, args.reason)
    return await _act(db, now, args.as_name, action, keep=args.yes, preview=not args.yes)


async def _act(
    db: Database, now: datetime, as_name: str, action: Action, *, keep: bool, preview: bool = False
) -> int:
    async with db.unit_of_work() as uow:
        actor = await actor_named(uow, as_name, LANG)
        if isinstance(actor, Text):
            print(actor.render(LANG), file=sys.stderr)
            return 1
        done = await action(uow, actor, now)
        if isinstance(done, Text):
            print(done.render(LANG), file=sys.stderr)
            return 1
        if keep:
            await uow.commit()
    if preview:
        print(_t("cli.preview"))
    print(done)
    return 0


async def _list(uow: UnitOfWork, actor: Actor, now: datetime) -> str:
    meetings = await changeable_meetings(uow, actor, now)
    if not meetings:
        return _t("cli.meeting.none")
    return "\n".join(
        _t("cli.meeting.line", id=m.id, when=when_text(m), title=m.title, kind=kind_text(LANG, m))
        for m in meetings
    )


def _create(text: str, *, confirm: bool) -> Action:
    async def create(uow: UnitOfWork, actor: Actor, now: datetime) -> str | Refusal:
        request = read_request(text, now)
        if request is None:
            return Text("cli.meeting.create_usage")
        if isinstance(request, Text):
            return request
        plan = await plan_meetings(uow, actor, request, now)
        if isinstance(plan, Text):
            return plan
        shown = plan_text(LANG, plan)
        if not confirm:
            return shown
        created = await confirm_plan(uow, actor, plan.draft_id, now)
        if isinstance(created, Text | Plan):
            return created if isinstance(created, Text) else plan_text(LANG, created)
        return shown + "\n\n" + created_text(LANG, created)

    return create


def _cancel(meeting_id: int, reason: str, series: bool) -> Action:
    async def cancel(uow: UnitOfWork, actor: Actor, now: datetime) -> str | Refusal:
        done = await cancel_meeting(uow, actor, meeting_id, now, reason=clean_reason(reason), series=series)
        return done if isinstance(done, Text) else cancelled_text(LANG, done)

    return cancel


def _move(meeting_id: int, when_typed: str, reason: str) -> Action:
    async def move(uow: UnitOfWork, actor: Actor, now: datetime) -> str | Refusal:
        when = parse_when(when_typed, now)
        if when is None:
            return Text("cli.meeting.move_usage")
        if isinstance(when, Text):
            return when
        length = when.end - when.start if when.end is not None else None
        preview = await move_preview(uow, actor, meeting_id, when.start, length, now)
        if isinstance(preview, Text):
            return preview
        done = await move_meeting(
            uow, actor, meeting_id, when.start, length, now, reason=clean_reason(reason)
        )
        if isinstance(done, Text):
            return done
        return confirm_move_text(LANG, preview) + "\n\n" + moved_text(LANG, done)

    return move


def _checkin(meeting_id: int, name: str) -> Action:
    async def checkin(uow: UnitOfWork, actor: Actor, now: datetime) -> str | Refusal:
        meeting = await uow.attendance.get(meeting_id)
        if meeting is None or meeting.cancelled:
            return Text("att.gone")
        found = people_named([p for p, _ in await uow.attendance.roster(meeting.id)], name)
        if not found:
            return Text("cli.checkin.not_found", {"name": name})
        if len(found) > 1:
            return Text("console.as_ambiguous", {"name": name})
        done = await proxy_check_in(uow, actor, meeting.id, found[0].id, now)
        return done if isinstance(done, Text) else proxy_text(LANG, done)

    return checkin
