"""Message catalogs (Vietnamese first, English second). Each feature keeps its own catalog
module under `config/locales/`; they are merged here once, at first use."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


@cache
def catalogs() -> dict[str, dict[str, str]]:
    import config.locales as pkg

    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"config.locales.{info.name}")
        for lang in LANGS:
            table: dict[str, str] = getattr(module, lang.upper())
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged


def t(lang: str, key: str, **values: object) -> str:
    table = catalogs()
    text = table.get(lang if lang in table else DEFAULT_LANG, {}).get(key)
    if text is None:
        text = table[DEFAULT_LANG][key]
    return text.format(**values) if values else text


@dataclass(frozen=True, slots=True)
class Text:
    """A catalog message kept as its key and values, for text made before the reader's
    language is known (a roster check, a topic file's error, a service's refusal); rendered
    where it is shown. A value that is itself a Text is rendered in the same language."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        values = {k: v.render(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return t(lang, self.key, **values)
