"""Settings read once from the environment and an optional `.env` in the working directory."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = ""
    data_dir: Path = Path("data")

    telegram_bot_token: str = ""
    telegram_api_base: str = ""
    telegram_bot_username: str = ""

    zalo_bot_token: str = ""
    zalo_api_base: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_path: str = "/zalo/webhook"
    zalo_groups_enabled: bool = False  # for when Zalo opens groups to bots
    public_base_url: str = ""  # where chibo's web endpoint (file links) is reachable; else WEBHOOK_BASE_URL

    webhook_base_url: str = ""
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    webhook_secret: str = ""
    webhook_path_telegram: str = "/telegram/webhook"

    tz: str = Field(default="Asia/Ho_Chi_Minh")
    default_committee: str = "Đảng bộ"
    log_level: str = "INFO"

    @field_validator("telegram_api_base", "zalo_api_base", "public_base_url")
    @classmethod
    def _strip_slash(cls, v: str) -> str:
        return v.rstrip("/")

    def files_base_url(self) -> str:
        """Where links to files served by chibo point; empty when nothing public is configured."""
        return (self.public_base_url or self.webhook_base_url).rstrip("/")

    def async_database_url(self) -> str:
        """The SQLAlchemy async URL: accepts `sqlite:///…` and `postgresql://…` as people write them."""
        url = self.database_url.strip()
        if not url:
            return f"sqlite+aiosqlite:///{(self.data_dir / 'chibo.sqlite3').as_posix()}"
        return async_url(url)


def async_url(url: str) -> str:
    for plain, driver in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url
