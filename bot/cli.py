"""`chibo`: the one command-line entry point."""

from __future__ import annotations

import argparse
import asyncio
import csv
import logging
import sys
from pathlib import Path

from bot.app import App, RosterRefused, build_app, ensure_demo, import_roster
from config.settings import Settings
from handlers.formatting import fmt_int
from handlers.roster import RosterFileError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="chibo", description="Trợ lý chi bộ trên Telegram, Zalo và console.")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="chạy mọi nền tảng có token; không có token thì mở console với dữ liệu demo")
    console = sub.add_parser("console", help="trò chuyện với chibo ngay trong terminal")
    console.add_argument("--as", dest="as_name", help="họ tên người trong danh sách để đóng vai")
    roster = sub.add_parser("roster", help="danh sách đảng viên").add_subparsers(dest="action", required=True)
    imp = roster.add_parser("import", help="nhập danh sách từ .csv hoặc .xlsx")
    imp.add_argument("file", type=Path)
    invite = sub.add_parser("invite", help="mã liên kết").add_subparsers(dest="action", required=True)
    lst = invite.add_parser("list", help="mã liên kết và đường dẫn Telegram của từng người, dạng CSV")
    lst.add_argument("--output", "-o", type=Path, help="ghi ra tệp thay vì màn hình")
    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="chạy các migration")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    quiet = args.command in ("console", "run") and not settings.telegram_bot_token
    logging.basicConfig(
        level=logging.WARNING if quiet else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return asyncio.run(_dispatch(args, settings))
    except KeyboardInterrupt:
        return 0


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    app = await build_app(settings)
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
        if args.command == "db":
            print("Cơ sở dữ liệu đã ở phiên bản mới nhất.")
            return 0
        return 2
    finally:
        await app.close()


async def _run(app: App) -> int:
    s = app.settings
    ticker = app.ticker()
    if not s.telegram_bot_token:
        from bot.console import run_console

        demo = await ensure_demo(app)
        ticker.start()
        try:
            await run_console(app, None, demo)
        finally:
            await ticker.stop()
        return 0
    from bot.telegram.runner import build_bot, run_polling, start_webhook

    bot = build_bot(s.telegram_bot_token, s.telegram_api_base)
    ticker.start()
    try:
        if s.webhook_base_url:
            runner = await start_webhook(app, bot)
            try:
                await asyncio.Event().wait()
            finally:
                await runner.cleanup()
        else:
            await run_polling(app, bot)
    finally:
        await ticker.stop()
        await bot.session.close()
    return 0


async def _roster_import(app: App, path: Path) -> int:
    try:
        changes = await import_roster(app, path)
    except (RosterRefused, RosterFileError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"Đã nhập danh sách: {changes.committees} đảng bộ, {changes.branches} chi bộ; "
        f"thêm {fmt_int(len(changes.added))}, cập nhật {fmt_int(len(changes.updated))}, "
        f"giữ nguyên {fmt_int(changes.unchanged)}, không còn trong danh sách {fmt_int(len(changes.deactivated))}."
    )
    for name in changes.deactivated:
        print(f"- không còn trong danh sách: {name}")
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
        writer.writerow(["Họ và tên", "Chi bộ", "Đảng bộ", "Mã liên kết", "Liên kết Telegram", "Đã liên kết"])
        for person, linked in rows:
            link = f"https://t.me/{username}?start={person.link_code}" if username else ""
            writer.writerow(
                [
                    person.full_name,
                    person.branch.name,
                    person.branch.committee.name,
                    person.link_code,
                    link,
                    "có" if linked else "",
                ]
            )
    finally:
        if output:
            out.close()
    return 0
