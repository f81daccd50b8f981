"""Every catalog key the code names exists in every language: a key misspelt in a rarely
taken branch would otherwise surface as a KeyError in front of a user."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from config.i18n import LANGS, catalogs

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "scheduler", "storage", "content", "config")
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
# calls whose string arguments are never catalog keys (table and logger names)
NOT_KEYS = {
    "ForeignKey",
    "getLogger",
    "import_module",
    "create_subprocess_exec",
    "built_once",  # a compiled statement's cache key
    "text",
    "Index",
    "UniqueConstraint",
}


def named_keys() -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "locales" in path.parts or "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in NOT_KEYS:
                    continue
                values = [*node.args, *(k.value for k in node.keywords)]
                for arg in values:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and KEY.match(arg.value):
                        keys.add((arg.value, str(path.relative_to(ROOT))))
    return keys


def test_the_scan_finds_the_code_s_keys() -> None:
    # guards the test itself: a scan that found nothing would pass vacuously
    assert len({key for key, _ in named_keys()}) > 300


def test_every_key_named_in_the_code_is_in_every_catalog() -> None:
    table = catalogs()
    missing = sorted(
        f"{where}: {key} ({lang})" for key, where in named_keys() for lang in LANGS if key not in table[lang]
    )
    assert not missing, "\n".join(missing)
