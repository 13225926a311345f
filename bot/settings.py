"""Configuration, read from the environment in one place.

Every setting has a default that needs nothing installed: a SQLite file and
generated secrets in the data directory. See the README for the table.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    redis_url: str | None
    locale: str

    @property
    def secret_key(self) -> str:
        return _secret("REFLECT_SECRET_KEY", self.data_dir / "secret.key")

    @property
    def api_token(self) -> str:
        return _secret("REFLECT_API_TOKEN", self.data_dir / "api.token")


def _secret(env_name: str, path: Path) -> str:
    """The value of `env_name`, or one generated once into `path` (mode 0600)."""
    value = os.environ.get(env_name)
    if value:
        return value
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, value.encode())
    finally:
        os.close(fd)
    return value


def load() -> Settings:
    """Read the settings from the environment (cheap; call whenever needed)."""
    data_dir = Path(os.environ.get("REFLECT_DATA_DIR") or "var").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("REFLECT_DATABASE_URL") or f"sqlite:///{data_dir / 'reflect.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        redis_url=os.environ.get("REFLECT_REDIS_URL") or None,
        locale=(os.environ.get("REFLECT_LOCALE") or "INTL").upper(),
    )
