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


def fold_in_place(text: str) -> str:
    """`fold` one character at a time, keeping the length (spaces are not collapsed), so
    that a match in the folded text marks the same span of what was typed."""
    out = []
    for c in text:
        base = "".join(
            d
            for d in unicodedata.normalize("NFD", c.replace("đ", "d").replace("Đ", "D"))
            if not unicodedata.combining(d)
        ).lower()
        out.append(base if len(base) == 1 else c)
    return "".join(out)


# Zero-width characters that phones and copy-paste leave inside words ("co\u200bmat").
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
# Words said before a phrase in a chat with the bot ("em có mặt", "cháu đã đọc", "I read it")
# and after it ("có mặt rồi ạ", "đã nhận nhé"): they add politeness, not meaning.
PRONOUNS = frozenset({"em", "toi", "minh", "chau", "con", "anh", "chi", "bac", "co", "chu", "ong", "ba", "i"})
PARTICLES = frozenset({"a", "roi", "nhe", "nha", "day", "oi", "ah", "now", "thanks"})


def spoken(text: str) -> str:
    """The words of a chat message: folded, invisible characters and punctuation dropped."""
    return " ".join(_PUNCTUATION.sub(" ", fold(_INVISIBLE.sub("", text))).split())


def _compact(words: list[str]) -> str:
    return "".join(words)


def phrase_keys(*phrases: str) -> frozenset[str]:
    """The keys `says` compares with, made once per set of phrases: "có mặt" and "comat"
    are one key."""
    return frozenset(_compact(spoken(p).split()) for p in phrases)


def _forms(words: list[str]) -> set[str]:
    """The words, without a leading pronoun, without trailing particles, and both."""
    forms = set()
    tails = [words]
    while tails[-1] and tails[-1][-1] in PARTICLES:
        tails.append(tails[-1][:-1])
    for tail in tails:
        forms.add(_compact(tail))
        if len(tail) > 1 and tail[0] in PRONOUNS:
            forms.add(_compact(tail[1:]))
    return forms


def says(text: str, keys: frozenset[str]) -> bool:
    """Does the whole message say one of the phrases (`phrase_keys`), with or without
    diacritics, spaces, punctuation, Telex leftovers, a pronoun before or a particle after?
    "Em có mặt ạ", "có mặt rồi", "comat", "co mat a!" all say "có mặt"; "không có mặt" does not."""
    words = spoken(text).split()
    if not words or len(words) > 8:
        return False
    return bool((_forms(words) | _forms(untelex(" ".join(words)).split())) & keys)


def starts_saying(text: str, phrases: tuple[str, ...]) -> str | None:
    """What follows one of `phrases` at the start of the message (after "cho", a pronoun),
    as typed: "Em xin vắng, con ốm" → "con ốm"; None when it does not start with one.
    Longer phrases are tried first."""
    tokens: list[tuple[str, int]] = []  # each spoken word with the end of its token in `text`
    for m in re.finditer(r"\S+", text):
        tokens.extend((w, m.end()) for w in spoken(m.group()).split())
    words = [w for w, _ in tokens]
    start = 0
    if start < len(words) and words[start] == "cho":
        start += 1
    if start < len(words) and words[start] in PRONOUNS:
        start += 1
    for phrase in sorted((spoken(p).split() for p in phrases), key=len, reverse=True):
        for at in {0, start}:
            end = at + len(phrase)
            if phrase and words[at:end] == phrase:
                return text[tokens[end - 1][1] :].strip().lstrip(",.:;-–—").strip()
    return None


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
