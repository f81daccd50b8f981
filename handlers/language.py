"""Which language to answer in: the member's choice, the platform's language code, a guess."""

from __future__ import annotations

import re
from functools import cache

from config.i18n import DEFAULT_LANG, LANGS

_VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE
)


def resolve_language(chosen: str, language_code: str | None, text: str) -> str:
    if chosen in LANGS:
        return chosen
    if language_code:
        return "en" if language_code.lower().startswith("en") else DEFAULT_LANG
    return guess_language(text)


def guess_language(text: str) -> str:
    if not text or text.startswith("/") or _VIETNAMESE_LETTERS.search(text):
        return DEFAULT_LANG
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) < 3:
        return DEFAULT_LANG  # too short to tell; Vietnamese typed without marks looks like anything
    return "en" if _detect(" ".join(words)) == "en" else DEFAULT_LANG


@cache
def _factory() -> object:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return DetectorFactory


def _detect(text: str) -> str:
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _factory()
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return DEFAULT_LANG
    for guess in ranked:
        if guess.lang in LANGS and guess.prob >= 0.8:
            return str(guess.lang)
    return DEFAULT_LANG
