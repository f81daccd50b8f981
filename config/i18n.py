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
    where: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        for lang in LANGS:
            table = _table(info.name, lang)
            for key in table.keys() & merged[lang].keys():
                raise RuntimeError(
                    f"message key {key!r} is in both config/locales/{where[key]}.py and config/locales/{info.name}.py"
                )
            merged[lang].update(table)
            where.update(dict.fromkeys(table, info.name))
    return merged


def _table(module_name: str, lang: str) -> dict[str, str]:
    module = importlib.import_module(f"config.locales.{module_name}")
    table: dict[str, str] = getattr(module, lang.upper())
    return table


def catalogs_of(module_name: str) -> set[str]:
    """The keys of one catalog module (config/locales/<name>.py), in every language."""
    return {key for lang in LANGS for key in _table(module_name, lang)}


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
