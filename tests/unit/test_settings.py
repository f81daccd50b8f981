from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings


def test_defaults_to_a_sqlite_file_under_data() -> None:
    assert Settings(_env_file=None).async_database_url() == "sqlite+aiosqlite:///data/chibo.sqlite3"  # type: ignore[call-arg]


def test_urls_as_people_write_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://chibo:mk@db.local/chibo")
    assert Settings(_env_file=None).async_database_url() == "postgresql+asyncpg://chibo:mk@db.local/chibo"  # type: ignore[call-arg]
    monkeypatch.setenv("DATABASE_URL", "sqlite:////var/lib/chibo/chibo.sqlite3")
    assert Settings(_env_file=None).async_database_url() == "sqlite+aiosqlite:////var/lib/chibo/chibo.sqlite3"  # type: ignore[call-arg]


def test_a_dot_env_file_in_the_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=123:abc\nTELEGRAM_API_BASE=http://127.0.0.1:8081/\nWEBHOOK_SECRET=s\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.telegram_bot_token == "123:abc"
    assert settings.telegram_api_base == "http://127.0.0.1:8081"
    assert settings.webhook_secret == "s"
