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
    host: str = "127.0.0.1"
    allowed_origins: tuple[str, ...] = ()
    open_signup: bool = False
    max_message_chars: int = 20_000

    @property
    def secret_keys(self) -> list[str]:
        """The secret keys, newest first (`REFLECT_SECRET_KEY` split on commas,
        or the lines of the generated key file). The first one encrypts; all of
        them decrypt, so data written under an older key stays readable until
        `reflect rotate-key` has moved it to the newest."""
        return split_keys(self.secret_key)

    @property
    def secret_key(self) -> str:
        """`REFLECT_SECRET_KEY` (or the key file) as written: comma-separated, newest first."""
        return _secret("REFLECT_SECRET_KEY", self.key_file)

    @property
    def key_file(self) -> Path:
        return self.data_dir / "secret.key"

    @property
    def api_token(self) -> str:
        return _secret("REFLECT_API_TOKEN", self.data_dir / "api.token")


def split_keys(value: str) -> list[str]:
    """Keys from a comma-separated list (newest first), in order, blanks dropped."""
    keys = [part.strip() for part in value.replace("\n", ",").split(",")]
    keys = [key for key in keys if key]
    if not keys:
        raise ValueError("REFLECT_SECRET_KEY (or the key file) holds no key")
    return keys


def _private_temporary(path: Path, text: str) -> Path:
    """`text` written beside `path` under a temporary name, readable by this user only (0600)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, text.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return temporary


def write_private(path: Path, text: str) -> None:
    """Replace `path` atomically with `text`, readable by this user only (0600)."""
    os.replace(_private_temporary(path, text), path)


def _secret(env_name: str, path: Path) -> str:
    """The value of `env_name`, or one generated once into `path` (mode 0600).

    Several processes start at once (Rasa, the action server): the file is
    written under a temporary name and linked into place, so a reader never
    sees it half-written and only the first writer's value is kept.
    """
    value = os.environ.get(env_name)
    if value:
        return value
    if path.exists():
        return path.read_text().strip()
    temporary = _private_temporary(path, secrets.token_urlsafe(32))
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process won: use its value
    finally:
        os.unlink(temporary)
    return path.read_text().strip()


def private_dir(path: Path) -> Path:
    """Create `path` if needed and make it accessible to this user only (0700)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except PermissionError:
        pass  # not ours (e.g. a shared mount): leave it as the owner set it
    return path


def data_dir_path() -> Path:
    """Where `REFLECT_DATA_DIR` points (not created)."""
    return Path(os.environ.get("REFLECT_DATA_DIR") or "var").resolve()


def retention_days() -> int | None:
    """`REFLECT_RETENTION_DAYS` as a positive whole number, or None when unset."""
    value = (os.environ.get("REFLECT_RETENTION_DAYS") or "").strip()
    if not value:
        return None
    try:
        days = int(value)
    except ValueError:
        raise ValueError(
            f"REFLECT_RETENTION_DAYS must be a whole number of days, like 90 (it is {value!r})."
        ) from None
    if days < 1:
        raise ValueError(f"REFLECT_RETENTION_DAYS must be at least 1 (it is {days}).")
    return days


def load() -> Settings:
    """Read the settings from the environment (cheap; call whenever needed)."""
    data_dir = private_dir(data_dir_path())
    database_url = os.environ.get("REFLECT_DATABASE_URL") or f"sqlite:///{data_dir / 'reflect.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        redis_url=os.environ.get("REFLECT_REDIS_URL") or None,
        locale=(os.environ.get("REFLECT_LOCALE") or "INTL").upper(),
        host=os.environ.get("REFLECT_HOST") or "127.0.0.1",
        allowed_origins=tuple(
            origin.strip().rstrip("/") for origin in (os.environ.get("REFLECT_ALLOWED_ORIGINS") or "").split(",")
            if origin.strip()
        ),
        open_signup=os.environ.get("REFLECT_OPEN_SIGNUP") == "1",
        max_message_chars=_positive_int("REFLECT_MAX_MESSAGE_CHARS", 20_000),
    )


def _positive_int(env_name: str, default: int) -> int:
    raw = os.environ.get(env_name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{env_name} must be a whole number, not {raw!r}.") from None
    if value <= 0:
        raise ValueError(f"{env_name} must be greater than 0.")
    return value
