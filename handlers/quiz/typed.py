"""An answer as people type it: a letter (A, b.), a number (2), several (A, C; 1 và 3), or
the choice's own words with or without diacritics."""

from __future__ import annotations

import re

from config.text import fold, name_key

_TOKENS = re.compile(r"[\s,;/&+]+")
_LEAD = re.compile(r"^(dap an|em chon|toi chon|chon|phuong an|cau)\s+")


def understood(text: str, shown: list[str]) -> list[int] | None:
    """The choices (as shown, 0 = first) the text names, or None when it names none plainly."""
    key = name_key(text)
    if not key:
        return None
    exact = [i for i, choice in enumerate(shown) if name_key(choice) == key]
    if exact:
        return exact[:1]
    words = [w.strip(".)") for w in _TOKENS.split(_LEAD.sub("", fold(text).strip(" .!?"))) if w and w != "va"]
    picked: list[int] = []
    for word in words:
        if len(word) == 1 and "a" <= word <= "f" and ord(word) - ord("a") < len(shown):
            picked.append(ord(word) - ord("a"))
        elif word.isdigit() and 1 <= int(word) <= len(shown):
            picked.append(int(word) - 1)
        else:
            picked = []
            break
    if picked:
        return sorted(set(picked))
    if len(key) >= 3:
        containing = [i for i, choice in enumerate(shown) if key in name_key(choice)]
        if len(containing) == 1:
            return containing
    return None
