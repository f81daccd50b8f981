"""Question banks as files: the bundled YAML checked and copied in at start, and a file sent
in a chat (Excel or CSV, Aiken text, YAML) read to the same checked bank."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from config.i18n import Text
from config.text import fold, name_key
from content.loader import TopicData, load_topics
from content.quiz_bank import (
    BankData,
    BankError,
    BankProblem,
    bank_from_aiken,
    bank_from_rows,
    bank_from_yaml,
    load_banks,
    looks_like_aiken,
    looks_like_question_table,
)
from handlers.roster import RosterFileError, read_table_bytes
from storage.db import Database
from storage.models import Topic

log = logging.getLogger(__name__)
TABLES = (".xlsx", ".csv")
TEXTS = (".txt",)
YAMLS = (".yaml", ".yml")
BANK_SUFFIXES = (*TABLES, *TEXTS, *YAMLS)


async def sync_bundled_banks(db: Database, now: datetime, topics: Sequence[TopicData] | None = None) -> None:
    """At start: the bundled banks, checked against the bundled topics, into the database."""
    banks = load_banks()
    check_sections(banks, topics if topics is not None else load_topics())
    async with db.unit_of_work() as uow:
        changed = await uow.quiz.sync_bundled(banks, now)
        await uow.commit()
    if changed:
        log.info("%d bundled quiz banks added or updated", changed)


def check_sections(banks: Sequence[BankData], topics: Sequence[TopicData]) -> None:
    """A bundled bank names a bundled topic, and each question a section that topic has."""
    sizes = {t.slug: len(t.sections) for t in topics}
    for bank in banks:
        problems = _section_problems(bank, {slug: n for slug, n in sizes.items()})
        if problems:
            raise BankError(f"{bank.slug}.yaml", problems)


def _section_problems(bank: BankData, sizes: dict[str, int]) -> list[BankProblem]:
    problems: list[BankProblem] = []
    if bank.topic and bank.topic not in sizes:
        problems.append(
            BankProblem(
                Text("quiz.where_field", {"field": "topic"}),
                Text("quiz.unknown_topic", {"topic": bank.topic}),
            )
        )
        return problems
    for i, q in enumerate(bank.questions, start=1):
        topic = q.topic or bank.topic
        n = sizes.get(topic)
        if q.section is not None and n is not None and q.section > n:
            problems.append(
                BankProblem(
                    Text("quiz.where_question", {"n": i}),
                    Text("quiz.bad_topic_section", {"topic": topic, "n": n, "section": q.section}),
                )
            )
    return problems


def is_bank_file(file_name: str, content: bytes) -> bool:
    """A file sent in a chat that holds questions rather than a roster or a study topic: a
    table headed «Câu hỏi» … «Đáp án», Aiken text (`ANSWER:` lines), YAML with `questions`."""
    name = file_name.lower()
    if name.endswith(TABLES):
        try:
            return looks_like_question_table(read_table_bytes(file_name, content))
        except RosterFileError:
            return False
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if name.endswith(TEXTS):
        return looks_like_aiken(text)
    if name.endswith(YAMLS):
        return any(fold(line).startswith("questions:") for line in text.splitlines())
    return False


def read_bank(file_name: str, content: bytes, slug: str) -> BankData:
    """The bank a file holds, titled by the file's name; raises BankError."""
    title = Path(file_name).stem.replace("_", " ").replace("-", " ").strip() or file_name
    name = file_name.lower()
    if name.endswith(TABLES):
        try:
            rows = read_table_bytes(file_name, content)
        except RosterFileError as exc:
            raise BankError(file_name, [BankProblem(Text("quiz.where_file"), exc.problem)]) from exc
        return bank_from_rows(rows, file_name, title, slug)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankError(file_name, [BankProblem(Text("quiz.where_file"), Text("quiz.not_utf8"))]) from exc
    if name.endswith(YAMLS):
        bank = bank_from_yaml(file_name, text, slug)
        return BankData(slug, bank.title, bank.topic, bank.questions)
    return bank_from_aiken(text, file_name, title, slug)


def resolve_topics(bank: BankData, topics: Sequence[Topic]) -> BankData:
    """A sent bank's topics (a slug, or a title as a spreadsheet's «Chủ đề» gives it) as the
    library's slugs, each question's section checked against its topic; raises BankError."""
    by_key: dict[str, Topic] = {}
    for topic in topics:
        by_key.setdefault(topic.slug, topic)
        by_key.setdefault(name_key(topic.title), topic)

    def find(name: str) -> Topic | None:
        if not name:
            return None
        found = by_key.get(name) or by_key.get(name_key(name))
        if found is not None:
            return found
        starts = [t for t in topics if name_key(t.title).startswith(name_key(name))]
        return starts[0] if len(starts) == 1 else None

    problems: list[BankProblem] = []
    named = {name for name in [bank.topic, *(q.topic for q in bank.questions)] if name}
    found = {name: find(name) for name in named}
    for name, match in found.items():
        if match is None:
            problems.append(BankProblem(Text("quiz.where_file"), Text("quiz.unknown_topic", {"topic": name})))
    if problems:
        raise BankError(bank.title, problems)
    slugs = {name: t.slug for name, t in found.items() if t is not None}
    sizes = {t.slug: len(json.loads(t.sections)) for t in found.values() if t is not None}
    resolved = BankData(
        bank.slug,
        bank.title,
        slugs.get(bank.topic, ""),
        tuple(replace(q, topic=slugs[q.topic]) if q.topic else q for q in bank.questions),
    )
    problems = _section_problems(resolved, sizes)
    if problems:
        raise BankError(bank.title, problems)
    return resolved
