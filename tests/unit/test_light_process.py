"""chibo stays light: heavy libraries load when first needed, not when chibo starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.migrate import alembic_config, heads

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "openpyxl", "numpy", "PIL", "langdetect", "alembic")


def test_importing_the_bot_loads_no_heavy_library() -> None:
    code = f"import sys, bot.app, bot.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_the_heads_read_without_alembic_are_alembics_heads() -> None:
    from alembic.script import ScriptDirectory

    assert heads() == set(ScriptDirectory.from_config(alembic_config()).get_heads())
