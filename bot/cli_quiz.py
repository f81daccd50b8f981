"""`chibo quiz import FILE [--as "Họ và tên"] [--yes]`: a question bank file checked as the
chat checks it and previewed; with --yes it is added (for the branch or Đảng bộ of the roster
name given, or for every branch without --as)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from config.i18n import Text, t
from content.quiz_bank import BankError
from handlers.actor import Actor, actor_named
from handlers.quiz import services
from handlers.quiz.imports import preview_lines
from storage.db import Database

LANG = "vi"


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    quiz = sub.add_parser("quiz", help=t(LANG, "quiz.cli.help")).add_subparsers(dest="action", required=True)
    imp = quiz.add_parser("import", help=t(LANG, "quiz.cli.help_import"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--as", dest="as_name", help=t(LANG, "quiz.cli.help_as"))
    imp.add_argument("--yes", action="store_true", help=t(LANG, "quiz.cli.help_yes"))


async def run(db: Database, now: datetime, args: argparse.Namespace) -> int:
    path: Path = args.file
    content = _read(path)
    if content is None:
        print(t(LANG, "quiz.cli.no_file", file=path), file=sys.stderr)
        return 1
    async with db.unit_of_work() as uow:
        actor: Actor | None = None
        if args.as_name:
            named = await actor_named(uow, args.as_name, LANG)
            if isinstance(named, Text):
                print(named.render(LANG), file=sys.stderr)
                return 1
            actor = named
        checked = await services.check_file(uow, actor, path.name, content)
        if isinstance(checked, Text):
            print(checked.render(LANG), file=sys.stderr)
            return 1
        if isinstance(checked, BankError):
            print(checked.text(LANG, limit=1000), file=sys.stderr)
            return 1
        scope, bank = checked
        print("\n".join(preview_lines(LANG, scope, path.name, bank)))
        if not args.yes:
            print(t(LANG, "quiz.cli.not_kept"))
            return 0
        added = await services.add_bank(uow, actor, bank, now)
        if isinstance(added, Text):
            print(added.render(LANG), file=sys.stderr)
            return 1
        await uow.commit()
    print(t(LANG, "quiz.imported", title=added.title, n=len(bank.questions)))
    return 0


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
