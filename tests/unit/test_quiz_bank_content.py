"""The bundled quiz banks (content/quizzes/*.yaml): every question fits a Telegram quiz poll,
has an answer among its choices, and points to a section of the topic it is about; a
quotation in a question or an explanation is found word for word in that section.

Read with PyYAML directly, field by field as in the schema, until the quiz loader exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from config.text import name_key
from content.loader import TOPICS_DIR, load_topics

QUIZZES_DIR = TOPICS_DIR.parent / "quizzes"
BANKS = sorted(QUIZZES_DIR.glob("*.y*ml"))
FIELDS = {"question", "choices", "answer", "explanation", "section", "difficulty"}
DIFFICULTIES = {"de", "trung_binh", "kho"}
QUESTION_MAX, CHOICE_MAX, EXPLANATION_MAX = 300, 100, 200  # Telegram quiz poll limits
QUOTED = re.compile(r"«([^»]*)»")


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def topic_sections(slug: str) -> list[str]:
    raw = read(TOPICS_DIR / f"{slug}.yaml")
    return [str(s["text"]) for s in raw["sections"]]


def letters(answer: object) -> list[str]:
    return [a.strip() for a in str(answer).split(",")]


def words(text: str) -> str:
    """Lowercase words between single spaces, straight and curly quotes dropped."""
    return " ".join(re.sub(r"[\"“”]", " ", text).lower().split())


def test_the_study_topic_has_its_bank() -> None:
    names = {p.stem for p in BANKS}
    assert "chuyen-de-toan-khoa-2021-2026" in names
    bank = read(QUIZZES_DIR / "chuyen-de-toan-khoa-2021-2026.yaml")
    assert len(bank["questions"]) >= 30
    topic = next(t for t in load_topics() if t.slug == "chuyen-de-toan-khoa-2021-2026")
    assert topic.related_quiz == bank.get("slug", "chuyen-de-toan-khoa-2021-2026")
    # every section of the topic is asked about
    assert {q["section"] for q in bank["questions"]} == set(range(1, len(topic.sections) + 1))


@pytest.mark.parametrize("path", BANKS, ids=[p.name for p in BANKS])
def test_every_question_fits_a_quiz_poll_and_its_topic(path: Path) -> None:
    bank = read(path)
    assert set(bank) <= {"slug", "title", "topic", "questions"}
    assert str(bank["title"]).strip()
    slug = str(bank.get("slug") or path.stem)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{1,100}", slug)
    sections = topic_sections(str(bank["topic"]))
    seen: dict[str, int] = {}
    problems: list[str] = []
    for n, q in enumerate(bank["questions"], start=1):
        where = f"{path.name}: questions[{n}]"
        if set(q) != FIELDS:
            problems.append(f"{where}: fields {sorted(set(q) ^ FIELDS)}")
            continue
        question, choices, explanation = (
            str(q["question"]),
            [str(c) for c in q["choices"]],
            str(q["explanation"]),
        )
        if not question.strip() or len(question) > QUESTION_MAX:
            problems.append(f"{where}.question: {len(question)} characters")
        if not 2 <= len(choices) <= 6:
            problems.append(f"{where}.choices: {len(choices)} choices")
        for c in choices:
            if not c.strip() or len(c) > CHOICE_MAX:
                problems.append(f"{where}.choices: {c!r} is {len(c)} characters")
        if len({name_key(c) for c in choices}) != len(choices):
            problems.append(f"{where}.choices: two are the same")
        answer = letters(q["answer"])
        valid = [chr(ord("A") + i) for i in range(len(choices))]
        if not answer or any(a not in valid for a in answer) or len(set(answer)) != len(answer):
            problems.append(f"{where}.answer: {q['answer']!r} is not among {valid}")
        if not explanation.strip() or len(explanation) > EXPLANATION_MAX or explanation.count("\n") > 2:
            problems.append(f"{where}.explanation: {len(explanation)} characters")
        if q["difficulty"] not in DIFFICULTIES:
            problems.append(f"{where}.difficulty: {q['difficulty']!r}")
        section = q["section"]
        if not isinstance(section, int) or not 1 <= section <= len(sections):
            problems.append(f"{where}.section: {section!r} (the topic has {len(sections)})")
            continue
        key = name_key(question)
        if key in seen:
            problems.append(f"{where}: the same question as questions[{seen[key]}]")
        seen[key] = n
        # a quotation is the topic's own words: each piece of «…» is in the section's text
        text = words(sections[section - 1])
        for quote in QUOTED.findall(question) + QUOTED.findall(explanation):
            for piece in quote.split("…"):
                piece = words(piece).strip(" .,:;")
                if piece and piece not in text:
                    problems.append(f"{where}: «{piece}» is not in section {section}")
    assert not problems, "\n".join(problems)


def test_a_broken_question_is_caught(tmp_path: Path) -> None:
    """The check above can fail: a missing answer letter, a choice too long for a poll, a
    misquotation, a repeated question, two equal choices, a section the topic lacks."""
    bank = {
        "title": "Thử",
        "topic": "chuyen-de-toan-khoa-2021-2026",
        "questions": [
            {
                "question": "Câu hỏi?",
                "choices": ["Một", "x" * 101],
                "answer": "C",
                "explanation": "«Không có gì quý bằng độc lập»",
                "section": 7,
                "difficulty": "de",
            },
            {
                "question": "Câu hỏi?",
                "choices": ["Một", "Hai"],
                "answer": "A",
                "explanation": "Giải thích.",
                "section": 1,
                "difficulty": "de",
            },
            {
                "question": "Câu khác?",
                "choices": ["Một", "một "],
                "answer": "A",
                "explanation": "Giải thích.",
                "section": 99,
                "difficulty": "de",
            },
        ],
    }
    path = tmp_path / "hong.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AssertionError) as err:
        test_every_question_fits_a_quiz_poll_and_its_topic(path)
    message = str(err.value)
    assert "questions[1].answer: 'C'" in message
    assert "is 101 characters" in message
    assert "«không có gì quý bằng độc lập» is not in section 7" in message
    assert "questions[2]: the same question as questions[1]" in message
    assert "questions[3].choices: two are the same" in message
    assert "questions[3].section: 99" in message
