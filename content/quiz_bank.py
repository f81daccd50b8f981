"""Quiz banks from files: the bundled YAML under `content/quizzes/` (schema in
`content/schema.md`), a spreadsheet's rows (`Câu hỏi`, `A`…`F`, `Đáp án`, `Giải thích`,
`Phần`, `Chủ đề`) and Aiken text, all checked to the same rules. A file with any bad question
is refused whole, with every question's problems listed where the author finds them (the
spreadsheet row, the Aiken line, the YAML entry)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from config.i18n import DEFAULT_LANG, Text, t
from config.text import fold, name_key

QUIZZES_DIR = Path(__file__).resolve().parent / "quizzes"
# what fits a Telegram quiz poll (the Bot API as aiogram 3.31 speaks it); a question outside
# these could not be asked as a poll, so a bank refuses it
QUESTION_MAX = 300
CHOICE_MAX = 100
CHOICES_MIN, CHOICES_MAX = 2, 6
EXPLANATION_MAX = 200
EXPLANATION_LINE_FEEDS = 2
DIFFICULTIES = ("de", "trung_binh", "kho")
LETTERS = "ABCDEF"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,100}$")
_ANSWER_SPLIT = re.compile(r"[\s,;/&+.]+")


@dataclass(frozen=True, slots=True)
class QuestionData:
    question: str
    choices: tuple[str, ...]
    answer: tuple[int, ...]  # the correct choices, 0-based, ascending
    explanation: str = ""
    section: int | None = None  # 1-based section of the topic the fact comes from
    difficulty: str = "trung_binh"
    topic: str = ""  # the topic it comes from when not the bank's own (a spreadsheet's `Chủ đề`)

    def answer_letters(self) -> str:
        return ", ".join(LETTERS[i] for i in self.answer)


@dataclass(frozen=True, slots=True)
class BankData:
    slug: str
    title: str
    topic: str  # a topic slug (or, from a spreadsheet, a topic's title); "" for none
    questions: tuple[QuestionData, ...]


@dataclass(frozen=True, slots=True)
class BankProblem:
    where: Text  # "questions[3]", "dòng 12", "câu 4 (dòng 17)", "(tệp)"
    problem: Text
    at: int = 0  # where it is in the file (a row, a line, an entry), for listing in file order

    def text(self, lang: str) -> str:
        return f"{self.where.render(lang)}: {self.problem.render(lang)}"


class BankError(ValueError):
    """A bank that cannot be taken: its file and every problem found. `str()` is Vietnamese,
    as the start-up check and `chibo quiz import` show it."""

    def __init__(self, source: str, problems: list[BankProblem]) -> None:
        self.source, self.problems = source, sorted(problems, key=lambda p: p.at)
        super().__init__(self.text(DEFAULT_LANG))

    def text(self, lang: str, limit: int = 40) -> str:
        lines = [t(lang, "quiz.bank_refused", file=self.source, n=len(self.problems))]
        lines += [f"- {p.text(lang)}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(t(lang, "quiz.bank_more_problems", n=len(self.problems) - limit))
        return "\n".join(lines)


def _whole(key: str, **values: object) -> BankProblem:
    return BankProblem(Text("quiz.where_file"), Text(key, values))


def parse_answer(raw: str, n_choices: int) -> tuple[tuple[int, ...], list[Text]]:
    """ "B", "A, C", "a;c", "A và C": the letters of the correct choices."""
    words = [w for w in _ANSWER_SPLIT.split(fold(raw).upper()) if w and w not in ("VA", "AND")]
    if not words:
        return (), [Text("quiz.no_answer")]
    found: set[int] = set()
    problems: list[Text] = []
    for word in words:
        letters = word if len(word) > 1 and all(c in LETTERS for c in word) else None
        for letter in letters or [word]:
            if len(letter) != 1 or letter not in LETTERS:
                problems.append(Text("quiz.bad_answer", {"answer": raw.strip()[:40]}))
                return (), problems
            index = LETTERS.index(letter)
            if index >= n_choices:
                problems.append(Text("quiz.answer_without_choice", {"letter": letter}))
            found.add(index)
    return tuple(sorted(found)), problems


def check_question(
    question: str,
    choices: list[str],
    answer: str,
    explanation: str = "",
    section: str = "",
    difficulty: str = "",
    topic: str = "",
) -> tuple[QuestionData | None, list[Text]]:
    """One question, every problem of it; the question only when there is none."""
    problems: list[Text] = []
    question = question.strip()
    choices = [c.strip() for c in choices]
    while choices and not choices[-1]:
        choices.pop()  # F empty, E empty: fewer choices, not a gap
    if not question:
        problems.append(Text("quiz.no_question"))
    elif len(question) > QUESTION_MAX:
        problems.append(Text("quiz.question_too_long", {"n": len(question), "limit": QUESTION_MAX}))
    if len(choices) < CHOICES_MIN:
        problems.append(Text("quiz.too_few_choices", {"min": CHOICES_MIN}))
    if len(choices) > CHOICES_MAX:
        problems.append(Text("quiz.too_many_choices", {"max": CHOICES_MAX}))
    seen: dict[str, int] = {}
    for i, choice in enumerate(choices[:CHOICES_MAX]):
        letter = LETTERS[i]
        if not choice:
            problems.append(Text("quiz.empty_choice", {"letter": letter}))
        elif len(choice) > CHOICE_MAX:
            problems.append(
                Text("quiz.choice_too_long", {"letter": letter, "n": len(choice), "limit": CHOICE_MAX})
            )
        key = name_key(choice)
        if choice and key in seen:
            problems.append(Text("quiz.same_choices", {"letter": letter, "other": LETTERS[seen[key]]}))
        seen.setdefault(key, i)
    picked, answer_problems = parse_answer(answer, len(choices))
    problems += answer_problems
    explanation = explanation.strip()
    if len(explanation) > EXPLANATION_MAX:
        problems.append(Text("quiz.explanation_too_long", {"n": len(explanation), "limit": EXPLANATION_MAX}))
    if explanation.count("\n") > EXPLANATION_LINE_FEEDS:
        problems.append(Text("quiz.explanation_lines", {"max": EXPLANATION_LINE_FEEDS}))
    number: int | None = None
    section = section.strip()
    if section:
        digits = re.sub(r"^(phan|muc|section)\s*", "", fold(section)).rstrip(".")
        if digits.isdigit() and 1 <= int(digits) <= 99:
            number = int(digits)
        else:
            problems.append(Text("quiz.bad_section", {"section": section[:40]}))
    level = "_".join(fold(difficulty).split()) or "trung_binh"
    if level not in DIFFICULTIES:
        problems.append(
            Text("quiz.bad_difficulty", {"value": difficulty[:40], "allowed": ", ".join(DIFFICULTIES)})
        )
    if problems:
        return None, problems
    return QuestionData(question, tuple(choices), picked, explanation, number, level, topic.strip()), []


def _unique(
    questions: list[tuple[Text, int, QuestionData]], problems: list[BankProblem]
) -> tuple[QuestionData, ...]:
    """The same question twice (diacritics, case and spacing aside) is a problem at the second."""
    first: dict[str, Text] = {}
    for where, at, q in questions:
        key = name_key(q.question)
        if key in first:
            problems.append(BankProblem(where, Text("quiz.duplicate_question", {"other": first[key]}), at))
        first.setdefault(key, where)
    return tuple(q for _, _, q in questions)


# -- YAML ----------------------------------------------------------------------------------------
_BANK_FIELDS = {"slug", "title", "topic", "questions"}
_QUESTION_FIELDS = {"question", "choices", "answer", "explanation", "section", "difficulty"}


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def parse_bank(raw: object, source: str, default_slug: str = "") -> BankData:
    """A bank from a mapping as in the schema; raises BankError listing every problem."""
    if not isinstance(raw, dict):
        raise BankError(source, [_whole("quiz.not_mapping")])
    problems: list[BankProblem] = []
    unknown = set(map(str, raw)) - _BANK_FIELDS
    if unknown:
        problems.append(_whole("quiz.unknown_fields", fields=", ".join(sorted(unknown))))
    slug = _str(raw.get("slug")).strip() or default_slug
    if not _SLUG.match(slug):
        problems.append(
            BankProblem(Text("quiz.where_field", {"field": "slug"}), Text("quiz.bad_slug", {"slug": slug}))
        )
    title = _str(raw.get("title")).strip()
    if not title:
        problems.append(BankProblem(Text("quiz.where_field", {"field": "title"}), Text("quiz.required")))
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        problems.append(
            BankProblem(Text("quiz.where_field", {"field": "questions"}), Text("quiz.no_questions"))
        )
        items = []
    good: list[tuple[Text, int, QuestionData]] = []
    for i, item in enumerate(items, start=1):
        where = Text("quiz.where_field", {"field": f"questions[{i}]"})
        if not isinstance(item, dict):
            problems.append(BankProblem(where, Text("quiz.question_shape"), i))
            continue
        extra = set(map(str, item)) - _QUESTION_FIELDS
        if extra:
            problems.append(
                BankProblem(where, Text("quiz.unknown_fields", {"fields": ", ".join(sorted(extra))}), i)
            )
        choices = item.get("choices")
        if not isinstance(choices, list):
            problems.append(BankProblem(where, Text("quiz.choices_shape"), i))
            continue
        answer = item.get("answer")
        question, found = check_question(
            _str(item.get("question")),
            [_str(c) for c in choices],
            ", ".join(map(_str, answer)) if isinstance(answer, list) else _str(answer),
            _str(item.get("explanation")),
            _str(item.get("section")),
            _str(item.get("difficulty")),
        )
        problems += [BankProblem(where, p, i) for p in found]
        if question is not None:
            good.append((where, i, question))
    questions = _unique(good, problems)
    if problems:
        raise BankError(source, problems)
    return BankData(slug, title, _str(raw.get("topic")).strip(), questions)


def load_banks(folder: Path = QUIZZES_DIR) -> list[BankData]:
    """Every bundled bank; a bad file stops the start with its name and every problem."""
    banks: list[BankData] = []
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")):
        bank = bank_from_yaml(path.name, path.read_text(encoding="utf-8"), path.stem)
        if bank.slug in slugs:
            raise BankError(path.name, [_whole("quiz.slug_taken", slug=bank.slug, other=slugs[bank.slug])])
        slugs[bank.slug] = path.name
        banks.append(bank)
    return banks


def bank_from_yaml(file_name: str, text: str, default_slug: str) -> BankData:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BankError(file_name, [_whole("quiz.bad_yaml", error=str(exc)[:200])]) from exc
    return parse_bank(raw, file_name, default_slug)


# -- spreadsheet rows ----------------------------------------------------------------------------
_COLUMNS = {
    "cau hoi": "question",
    "noi dung cau hoi": "question",
    "question": "question",
    "dap an": "answer",
    "dap an dung": "answer",
    "answer": "answer",
    "giai thich": "explanation",
    "explanation": "explanation",
    "phan": "section",
    "muc": "section",
    "section": "section",
    "chu de": "topic",
    "topic": "topic",
    "do kho": "difficulty",
    "muc do": "difficulty",
    "difficulty": "difficulty",
    **{letter.lower(): letter for letter in LETTERS},
    **{f"dap an {letter.lower()}": letter for letter in LETTERS},
    **{f"phuong an {letter.lower()}": letter for letter in LETTERS},
}
HEADER_SEARCH_ROWS = 15


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The row that heads the question columns (it may sit under a title) and where each is."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for j, cell in enumerate(row):
            name = _COLUMNS.get(" ".join(fold(cell).replace(":", " ").split()))
            if name is not None:
                columns.setdefault(name, j)
        if "question" in columns and "answer" in columns:
            return i, columns
    return None


def looks_like_question_table(rows: list[list[str]]) -> bool:
    return find_header(rows) is not None


def bank_from_rows(rows: list[list[str]], source: str, title: str, slug: str) -> BankData:
    """A bank from a spreadsheet's rows; rows are numbered as the spreadsheet shows them."""
    header = find_header(rows)
    if header is None:
        raise BankError(source, [_whole("quiz.no_header")])
    at, columns = header
    missing = [letter for letter in "AB" if letter not in columns]
    if missing:
        raise BankError(source, [_whole("quiz.no_choice_columns", columns=", ".join(missing))])
    problems: list[BankProblem] = []
    good: list[tuple[Text, int, QuestionData]] = []

    def cell(row: list[str], name: str) -> str:
        j = columns.get(name)
        return row[j] if j is not None and j < len(row) else ""

    for number, row in enumerate(rows[at + 1 :], start=at + 2):
        if not any(c.strip() for c in row):
            continue
        where = Text("quiz.where_row", {"row": number})
        question, found = check_question(
            cell(row, "question"),
            [cell(row, letter) for letter in LETTERS if letter in columns],
            cell(row, "answer"),
            cell(row, "explanation"),
            cell(row, "section"),
            cell(row, "difficulty"),
            cell(row, "topic"),
        )
        problems += [BankProblem(where, p, number) for p in found]
        if question is not None:
            good.append((where, number, question))
    questions = _unique(good, problems)
    if not questions and not problems:
        problems.append(_whole("quiz.no_questions"))
    if problems:
        raise BankError(source, problems)
    return BankData(slug, title, _one_topic(questions), questions)


def _one_topic(questions: tuple[QuestionData, ...]) -> str:
    """The bank's topic when its questions all name the same one."""
    topics = {q.topic for q in questions}
    return next(iter(topics)) if len(topics) == 1 else ""


# -- Aiken text ----------------------------------------------------------------------------------
_CHOICE_LINE = re.compile(r"^\s*([A-Fa-f])\s*[.)]\s*(.*)$")
_ANSWER_LINE = re.compile(r"^\s*(answer|dap an)\s*:\s*(.*)$")
_EXTRA_LINE = re.compile(
    r"^\s*(giai thich|explanation|phan|section|do kho|difficulty|chu de|topic)\s*:\s*(.*)$"
)
_EXTRA_NAMES = {
    "giai thich": "explanation",
    "explanation": "explanation",
    "phan": "section",
    "section": "section",
    "do kho": "difficulty",
    "difficulty": "difficulty",
    "chu de": "topic",
    "topic": "topic",
}


@dataclass(slots=True)
class _Block:
    line: int
    question: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    letters: list[str] = field(default_factory=list)
    answer: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def looks_like_aiken(text: str) -> bool:
    return any(_ANSWER_LINE.match(fold(line)) for line in text.splitlines())


def bank_from_aiken(text: str, source: str, title: str, slug: str) -> BankData:
    """Aiken: a question (one or more lines), choices `A.` or `A)`, then `ANSWER: B` (or
    `ĐÁP ÁN: B`); chibo also takes `GIẢI THÍCH:`, `PHẦN:`, `CHỦ ĐỀ:` and `ĐỘ KHÓ:` lines after it."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        folded = fold(line)
        answer = _ANSWER_LINE.match(folded)
        extra = _EXTRA_LINE.match(folded)
        choice = _CHOICE_LINE.match(line)
        if current is not None and current.answer is not None:
            if extra:
                current.extra[_EXTRA_NAMES[extra.group(1)]] = line.split(":", 1)[1].strip()
                continue
            current = None
        if current is None:
            current = _Block(number)
            blocks.append(current)
        if answer:
            current.answer = line.split(":", 1)[1].strip()
        elif choice and (current.question or current.choices):
            current.letters.append(choice.group(1).upper())
            current.choices.append(choice.group(2).strip())
        elif current.choices:
            current.choices[-1] += " " + line.strip()  # a choice that runs onto the next line
        else:
            current.question.append(line.strip())
    problems: list[BankProblem] = []
    good: list[tuple[Text, int, QuestionData]] = []
    for n, block in enumerate(blocks, start=1):
        where = Text("quiz.where_aiken", {"n": n, "line": block.line})
        if block.answer is None:
            problems.append(BankProblem(where, Text("quiz.aiken_no_answer_line"), block.line))
            continue
        expected = list(LETTERS[: len(block.letters)])
        if block.letters != expected:
            problems.append(
                BankProblem(
                    where, Text("quiz.aiken_letters", {"letters": ", ".join(block.letters)}), block.line
                )
            )
            continue
        question, found = check_question(
            " ".join(block.question),
            block.choices,
            block.answer,
            block.extra.get("explanation", ""),
            block.extra.get("section", ""),
            block.extra.get("difficulty", ""),
            block.extra.get("topic", ""),
        )
        problems += [BankProblem(where, p, block.line) for p in found]
        if question is not None:
            good.append((where, block.line, question))
    questions = _unique(good, problems)
    if not questions and not problems:
        problems.append(_whole("quiz.no_questions"))
    if problems:
        raise BankError(source, problems)
    return BankData(slug, title, _one_topic(questions), questions)


def bank_payload(bank: BankData) -> dict[str, Any]:
    """A bank as JSON (kept with a draft between the preview and «Nhập»)."""
    return {
        "slug": bank.slug,
        "title": bank.title,
        "topic": bank.topic,
        "questions": [
            {
                "question": q.question,
                "choices": list(q.choices),
                "answer": list(q.answer),
                "explanation": q.explanation,
                "section": q.section,
                "difficulty": q.difficulty,
                "topic": q.topic,
            }
            for q in bank.questions
        ],
    }


def bank_of(payload: dict[str, Any]) -> BankData:
    return BankData(
        payload["slug"],
        payload["title"],
        payload["topic"],
        tuple(
            QuestionData(
                q["question"],
                tuple(q["choices"]),
                tuple(q["answer"]),
                q["explanation"],
                q["section"],
                q["difficulty"],
                q["topic"],
            )
            for q in payload["questions"]
        ),
    )
