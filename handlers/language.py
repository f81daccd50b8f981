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
    # whole words only: a link code "AB3CD7EF" is not the three words "AB", "CD", "EF"
    words = re.findall(r"(?<![A-Za-z0-9])[A-Za-z]+(?![A-Za-z0-9])", text)
    if len(words) < 3:
        return DEFAULT_LANG  # too short to tell; Vietnamese typed without marks looks like anything
    if _looks_vietnamese(words):
        return DEFAULT_LANG  # "cam on chibo", "phan tiep theo": langdetect calls these English
    return "en" if _detect(" ".join(words)) == "en" else DEFAULT_LANG


# a Vietnamese syllable written without its marks: onset, one to three vowels, a final
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}"
    r"(ng|nh|ch|[cmnptiouy])?$"
)
_OUR_NAMES = {"chibo", "zalo", "ok", "oke"}


def _looks_vietnamese(words: list[str]) -> bool:
    """Most words are Vietnamese syllables: the guess stays Vietnamese. English has syllables
    like "to" and "the" too, but few sentences where most words are one such syllable."""
    lowered = [w.lower() for w in words if w.lower() not in _OUR_NAMES]
    if not lowered:
        return True
    fits = sum(1 for w in lowered if _SYLLABLE.match(w))
    return fits * 10 >= len(lowered) * 7


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
