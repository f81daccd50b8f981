"""`chibo`: the one command-line entry point."""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from bot.app import App, RosterRefused, build_app, ensure_demo, freeze_startup_heap, import_roster
from bot.cli_meetings import add_parsers as add_meeting_parsers
from bot.cli_meetings import run as run_meeting_command
from bot.cli_quiz import add_parsers as add_quiz_parsers
from bot.cli_quiz import run as run_quiz_command
from config.formatting import fmt_int
from config.i18n import Text, t
from config.logs import setup_logging
from config.settings import Settings
from config.text import name_key
from handlers.roster import RosterFileError
from storage.models import Person
from storage.uow import UnitOfWork

LANG = "vi"  # the command line speaks Vietnamese, as the people who run chibo do
log = logging.getLogger("chibo")


def _t(key: str, **values: object) -> str:
    return t(LANG, key, **values)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chibo", description=_t("cli.description"))
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help=_t("cli.help.run"))
    console = sub.add_parser("console", help=_t("cli.help.console"))
    console.add_argument("--as", dest="as_name", help=_t("cli.help.as"))
    roster = sub.add_parser("roster", help=_t("cli.help.roster")).add_subparsers(dest="action", required=True)
    imp = roster.add_parser("import", help=_t("cli.help.roster_import"))
    imp.add_argument("file", type=Path)
    invite = sub.add_parser("invite", help=_t("cli.help.invite")).add_subparsers(dest="action", required=True)
    lst = invite.add_parser("list", help=_t("cli.help.invite_list"))
    lst.add_argument("--output", "-o", type=Path, help=_t("cli.help.invite_output"))
    rep = sub.add_parser("report", help=_t("cli.help.report"))
    rep.add_argument("--month", "-m", help=_t("cli.help.month"))
    rep.add_argument("--committee", "-c", help=_t("cli.help.committee"))
    rep.add_argument("--output", "-o", type=Path, help=_t("cli.help.report_output"))
    ann = sub.add_parser("announce", help=_t("cli.help.announce"))
    ann.add_argument("--as", dest="as_name", required=True, help=_t("cli.help.announce_as"))
    ann.add_argument("text", help=_t("cli.help.announce_text"))
    ann.add_argument("--yes", action="store_true", help=_t("cli.help.announce_yes"))
    db = sub.add_parser("db", help=_t("cli.help.db")).add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help=_t("cli.help.db_upgrade"))
    add_meeting_parsers(sub)
    add_quiz_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    quiet = args.command in ("console", "run") and not (
        settings.telegram_bot_token or settings.zalo_bot_token
    )
    setup_logging(logging.WARNING if quiet else settings.log_level)
    try:
        return asyncio.run(_dispatch(args, settings))
    except (KeyboardInterrupt, asyncio.CancelledError):  # Ctrl+C, or SIGTERM during `chibo run`
        return 0


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    app = await build_app(settings, migrate_apart=args.command == "run")
    try:
        if args.command == "run":
            return await _run(app)
        if args.command == "console":
            from bot.console import run_console

            demo = await ensure_demo(app)
            await run_console(app, args.as_name, demo)
            return 0
        if args.command == "roster":
            return await _roster_import(app, args.file)
        if args.command == "invite":
            return await _invite_list(app, args.output)
        if args.command == "report":
            return await _report(app, args.month, args.committee, args.output)
        if args.command == "announce":
            return await _announce(app, args.as_name, args.text, send=args.yes)
        if args.command in ("meeting", "checkin"):
            return await run_meeting_command(app.db, app.clock.now(), args)
        if args.command == "quiz":
            return await run_quiz_command(app.db, app.clock.now(), args)
        if args.command == "db":
            print(_t("cli.db.current"))
            return 0
        return 2
    finally:
        await app.close()


async def _run(app: App) -> int:
    s = app.settings
    freeze_startup_heap()
    ticker = app.ticker()
    # a service manager stops chibo with SIGTERM: stop as on Ctrl+C, recording what was sent
    main_task = asyncio.current_task()
    assert main_task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main_task.cancel)
    platforms = [
        name for name, token in (("telegram", s.telegram_bot_token), ("zalo", s.zalo_bot_token)) if token
    ]
    log.info("starting: %s", ", ".join(platforms) or "console")
    demo = False if platforms else await ensure_demo(app)
    ticker.start()
    try:
        if platforms:
            await _run_platforms(app)
        else:
            from bot.console import run_console

            log.info("console chat open")
            await run_console(app, None, demo)
    finally:
        await ticker.stop()
        log.info("stopped")
    return 0


async def _run_platforms(app: App) -> None:
    """Every platform that has a token, together; webhooks and file links share one port."""
    from aiohttp import web

    from bot.web import start_server

    s = app.settings
    loops: list[Coroutine[Any, Any, None]] = []
    routes: list[Callable[[web.Application], None]] = []
    runners: list[web.AppRunner] = []
    closers: list[Callable[[], Awaitable[None]]] = []
    zalo_webhook = None
    try:
        if s.zalo_bot_token:
            from bot.zalo.runner import ZaloBot, build_client, file_shelf

            client = build_client(app)
            closers.append(client.close)
            zalo = ZaloBot(app, client, file_shelf(app))
            if zalo.files is not None:
                routes.append(zalo.files.add_routes)
            if s.webhook_base_url:
                await zalo.prepare()
                routes.append(zalo.add_routes)
                zalo_webhook = zalo
            else:
                loops.append(zalo.run_polling())
        if s.telegram_bot_token:
            from bot.telegram.runner import build_bot, run_polling, start_webhook

            bot = build_bot(s.telegram_bot_token, s.telegram_api_base)
            closers.append(bot.session.close)
            if s.webhook_base_url:
                runners.append(await start_webhook(app, bot, routes))
                routes = []
            else:
                loops.append(run_polling(app, bot))
        if routes:
            web_app = web.Application()
            for add_routes in routes:
                add_routes(web_app)
            runners.append(await start_server(web_app, s.webhook_host, s.webhook_port))
        if zalo_webhook is not None:
            await zalo_webhook.set_webhook()
        await (asyncio.gather(*loops) if loops else asyncio.Event().wait())
    finally:
        for coro in loops:
            coro.close()  # never awaited when an earlier step failed
        for runner in runners:
            await runner.cleanup()
        for close in closers:
            await close()


async def _roster_import(app: App, path: Path) -> int:
    try:
        changes = await import_roster(app, path)
    except (RosterRefused, RosterFileError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        _t(
            "cli.roster.imported",
            committees=fmt_int(changes.committees),
            branches=fmt_int(changes.branches),
            added=fmt_int(len(changes.added)),
            updated=fmt_int(len(changes.updated)),
            unchanged=fmt_int(changes.unchanged),
            deactivated=fmt_int(len(changes.deactivated)),
        )
    )
    for name in changes.deactivated:
        print(_t("cli.roster.gone", name=name))
    return 0


async def _invite_list(app: App, output: Path | None) -> int:
    username = app.settings.telegram_bot_username
    if not username and app.settings.telegram_bot_token:
        from bot.telegram.runner import build_bot

        bot = build_bot(app.settings.telegram_bot_token, app.settings.telegram_api_base)
        try:
            username = (await bot.me()).username or ""
        finally:
            await bot.session.close()
    async with app.db.unit_of_work() as uow:
        rows = await uow.people.roster_with_links()
    out = output.open("w", encoding="utf-8-sig", newline="") if output else sys.stdout
    try:
        writer = csv.writer(out)
        writer.writerow(
            [_t(f"cli.invite.col.{c}") for c in ("name", "branch", "committee", "code", "link", "linked")]
        )
        for person, linked in rows:
            link = f"https://t.me/{username}?start={person.link_code}" if username else ""
            writer.writerow(
                [
                    person.full_name,
                    person.branch.name,
                    person.branch.committee.name,
                    person.link_code,
                    link,
                    _t("cli.invite.linked") if linked else "",
                ]
            )
    finally:
        if output:
            out.close()
    return 0


async def _report(app: App, month_text: str | None, committee: str | None, output: Path | None) -> int:
    from handlers.reports.export import command_line_report
    from handlers.when import parse_month

    now = app.clock.now()
    month = parse_month(month_text, now) if month_text else None
    if month_text and month is None:
        print(_t("cli.report.bad_month", month=month_text), file=sys.stderr)
        return 2
    async with app.db.unit_of_work() as uow:
        result = await command_line_report(uow, committee, month, now)
    if isinstance(result, str):
        print(result, file=sys.stderr)
        return 1
    path = output or Path(f"{result.slug}.xlsx")
    path.write_bytes(result.xlsx)
    print(result.text)
    print()
    if result.png is None:
        print(_t("cli.report.written_no_chart", xlsx=path, why=result.chart_title))
        return 0
    path.with_suffix(".png").write_bytes(result.png)
    print(_t("cli.report.written", xlsx=path, png=path.with_suffix(".png")))
    return 0


async def _announce(app: App, as_name: str, text: str, *, send: bool) -> int:
    """The same rules as /thongbao; without `send` nothing is kept."""
    from handlers.announce import services
    from handlers.announce.chat import preview_text, sent_text

    now = app.clock.now()
    async with app.db.unit_of_work() as uow:
        people = await uow.people.by_name_key(name_key(as_name))
        if len(people) != 1:
            key = "cli.announce.several" if people else "cli.announce.nobody"
            print(_t(key, name=as_name, n=fmt_int(len(people))), file=sys.stderr)
            return 1
        actor = people[0]
        preview = await services.preview(uow, actor, text, now, lang=LANG)
        if isinstance(preview, Text):
            print(preview.render(LANG), file=sys.stderr)
            return 1
        print(preview_text(LANG, preview))
        if not send:
            print(_t("cli.announce.not_sent"))
            return 0
        sent = await services.send(
            uow, actor, preview.announcement_id, now, report_to=await _own_chat(uow, actor)
        )
        if isinstance(sent, Text):
            print(sent.render(LANG), file=sys.stderr)
            return 1
        await uow.commit()
    print(sent_text(LANG, sent))
    print(_t("cli.announce.sent", n=fmt_int(sent.linked + sent.groups), batch=sent.batch_id))
    return 0


async def _own_chat(uow: UnitOfWork, person: Person) -> tuple[str, str]:
    """Where the sender reads their delivery report: their latest linked chat account, if any."""
    me = [m for m in await uow.people.members([person.branch_id]) if m.person_id == person.id]
    return (me[0].platform, me[0].user_id) if me else ("", "")
