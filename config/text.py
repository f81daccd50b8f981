"""Vietnamese text as people type it: with or without diacritics, any case, Telex leftovers."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_TONE_KEYS = "sfrxj"
_VOWELS = set("aeiouy")


def fold(text: str) -> str:
    """Lowercase ASCII with diacritics removed and spaces collapsed: 'Làm theo gương Bác'
    and 'lam theo guong bac' fold to the same key."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().lower()


def _untelex_word(word: str) -> str:
    # A Telex typist whose input method was off leaves marks as letters: "cos mawtj" for
    # "có mặt". Undo the doubled vowels, the w hook, dd and a trailing tone key.
    w = word
    if len(w) > 2 and w[-1] in _TONE_KEYS and any(c in _VOWELS for c in w[:-1]):
        w = w[:-1]
    w = w.replace("dd", "d")
    w = re.sub(r"([aeo])\1", r"\1", w)
    w = re.sub(r"([aou])w", r"\1", w)
    return w


def untelex(folded: str) -> str:
    return " ".join(_untelex_word(w) for w in folded.split(" "))


def same_words(text: str, phrase: str) -> bool:
    """Does the user's text say this phrase, with or without diacritics or Telex leftovers?"""
    got = fold(text).strip(" .!?")
    want = fold(phrase)
    return got == want or untelex(got) == want


def name_key(name: str) -> str:
    """The key people are matched by: folded, punctuation dropped."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


_PHRASE_END = re.compile(r"[,;:]|\s[—–-]")
# words that open a phrase: cutting just before one leaves whole words behind
_OPENERS = {"về", "và", "của", "cho", "trong", "với", "để", "theo", "tại", "năm", "những", "các"}


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, keeping the beginning: cut between words, at the end of a
    phrase (a comma, a dash) when one falls in the last third, and "…" where it was cut.
    Vietnamese words are often two syllables ("đội ngũ", "tiên phong"): a phrase boundary
    never splits one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    cut = room if text[limit - 1] == " " else room[: room.rfind(" ")] if " " in room else room
    least = (2 * limit) // 3
    phrases = [m.start() for m in _PHRASE_END.finditer(cut) if m.start() >= least]
    if not phrases:
        phrases = [m.start() for m in re.finditer(r" (\w+)", cut) if m.start() >= least and m[1] in _OPENERS]
    if phrases:
        cut = cut[: phrases[-1]]
    return cut.rstrip(" ,;:—–-") + "…"
