"""The reply language: the member's choice, else the platform's code, else a guess from the
text (Zalo sends no code): Vietnamese letters mean Vietnamese; langdetect (fixed seed) decides
between Vietnamese and English only; Vietnamese whenever it is unsure."""

from __future__ import annotations

import pytest

from handlers.language import guess_language, resolve_language


def test_the_members_choice_wins() -> None:
    assert resolve_language("en", "vi", "xin chào cả nhà") == "en"
    assert resolve_language("vi", "en", "Hello, when is the next meeting?") == "vi"


def test_a_platform_language_code_comes_next() -> None:
    assert resolve_language("", "en-US", "xin chào") == "en"
    assert resolve_language("", "vi", "Hello, when is the next meeting?") == "vi"
    assert resolve_language("", "fr", "Bonjour") == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "có mặt",
        "Đồng chí cho hỏi lịch họp",
        "ĐÃ ĐỌC",
        "I am đến muộn",  # one Vietnamese letter is enough
    ],
)
def test_vietnamese_letters_mean_vietnamese(text: str) -> None:
    assert resolve_language("", None, text) == "vi"


@pytest.mark.parametrize(
    "text",
    [
        "Hello, when is the next branch meeting?",
        "I would like to read the study topic please",
        "Can you show me the schedule for this month",
        "Thank you very much",
    ],
)
def test_english_sentences_get_english(text: str) -> None:
    assert resolve_language("", None, text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1",
        "ok",
        "hello",  # too short to tell
        "/trogiup",
        "/start ABCD2345",
        "xin chao ca nha",  # Vietnamese typed without marks
        "cho toi hoi lich hop chi bo thang nay",
        "cam on dong chi nhieu lam",
        "Bonjour je voudrais lire le document",  # neither language: Vietnamese
        "Guten Tag ich möchte lesen",
    ],
)
def test_vietnamese_when_unsure(text: str) -> None:
    assert guess_language(text) == "vi"


def test_the_guess_is_stable() -> None:
    text = "please send me the report of this month"
    assert {guess_language(text) for _ in range(20)} == {"en"}


@pytest.mark.parametrize(
    "text",
    [
        "cam on chibo",
        "phan tiep theo",
        "toi xin vang vi om",
        "hom nay co hop khong",
        "xin cam on cac dong chi",
    ],
)
def test_vietnamese_typed_without_marks_stays_vietnamese(text: str) -> None:
    # langdetect calls most of these English; an elderly member typing without marks must
    # not be answered in English
    assert resolve_language("", None, text) == "vi"


def test_a_link_code_is_not_taken_for_english_words() -> None:
    assert resolve_language("", None, "AB3CD7EF") == "vi"
    assert resolve_language("", None, "ma cua toi la XK4PQ9RT") == "vi"
