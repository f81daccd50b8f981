"""A live contest's question as it goes out: a Telegram quiz poll where the question fits one
(the right option where this contest shows it), else a message with a button per letter;
on Zalo and the console the text, answered by typing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from handlers.quiz.buttons import ContestAnswer, ContestPoll
from handlers.quiz.contest import Asked, question_reply
from storage.models.quiz import QuizContest, QuizQuestion

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _asked(question: str, platform: str = "telegram") -> Asked:
    q = QuizQuestion(
        id=7, bank_id=1, position=0, question=question, choices=json.dumps(["Một", "Hai", "Ba"]),
        answer=json.dumps([1]), explanation="Vì là hai.", section=1, difficulty="de", topic_slug="", active=True,
    )  # fmt: skip
    contest = QuizContest(
        id=3, branch_id=1, platform=platform, chat_id="-100", bank_id=1, started_by_person_id=1,
        plan=json.dumps([{"q": 7, "order": [2, 1, 0]}]), size=1, seconds=20, position=0, asked_at=NOW,
        status="running", created_at=NOW,
    )  # fmt: skip
    return Asked(contest, q, ["Ba", "Hai", "Một"])


def test_a_question_that_fits_is_a_quiz_poll_with_the_right_option_as_shown() -> None:
    reply = question_reply(_asked("Hai là số mấy?"), "vi")
    assert reply.poll is not None and not reply.buttons
    assert reply.poll.question == "Câu 1/1 (20 giây): Hai là số mấy?"
    assert reply.poll.options == ("Ba", "Hai", "Một") and reply.poll.correct == (1,)
    assert reply.poll.open_period == 20 and reply.poll.key == ContestPoll(3, 0).pack()


def test_a_question_too_long_for_a_poll_once_numbered_is_asked_with_buttons() -> None:
    reply = question_reply(
        _asked("Q" * 295 + "?"), "vi"
    )  # fits the bank (≤ 300), not the poll with its number
    assert reply.poll is None
    assert [b.data for b in reply.all_buttons()] == [ContestAnswer(3, 0, i).pack() for i in range(3)]
    assert "A. Ba\nB. Hai\nC. Một" in reply.text


def test_on_zalo_and_the_console_the_question_is_text_with_its_choices() -> None:
    for platform in ("zalo", "console"):
        reply = question_reply(_asked("Hai là số mấy?", platform), "vi")
        assert reply.poll is None and "A. Ba" in reply.text
    private = question_reply(_asked("Hai là số mấy?"), "vi", private=True)
    assert private.poll is None and "Gõ A, B, C" in private.text
