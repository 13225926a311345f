"""The storage side of the `reflect` commands: prepare, erase, purge, rotate the key.

Each function returns what happened as data; `bot.cli` turns it into words.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from bot import settings
from bot.store import db, migrations, sealing
from bot.store.repository import Repository


def secure_data_dir(data_dir: Optional[Path] = None) -> list[Path]:
    """Make the data folder, the files in it and its `logs/` folder this user's only.

    Files made by older versions (or under a loose umask) were world-readable.
    Only group and other permissions are taken away, and only at the top level
    and in `logs/`, so a data folder pointed at a busy place breaks nothing.
    Returns what was changed.
    """
    root = settings.private_dir(data_dir or settings.data_dir_path())
    changed: list[Path] = []

    def tighten(path: Path) -> None:
        if path.is_symlink():
            return
        mode = path.stat().st_mode
        if mode & 0o077:
            path.chmod(mode & 0o700)
            changed.append(path)

    for path in sorted(root.iterdir()):
        if path.is_file():
            tighten(path)
    logs = root / "logs"
    if logs.is_dir() and not logs.is_symlink():
        tighten(logs)
        for path in sorted(logs.rglob("*")):
            tighten(path)
    return changed


@dataclass
class Prepared:
    migrated_from: Optional[str]
    migrated_to: str
    purged: Optional[dict] = None
    permissions_fixed: list[Path] = field(default_factory=list)


def prepare(database_url: Optional[str] = None) -> Prepared:
    """What `reflect run` does before starting the servers: migrate, tighten, purge."""
    config = settings.load()
    url = database_url or config.database_url
    fixed = secure_data_dir(config.data_dir)
    before = _current(url)
    db.init_db(url)
    purged = None
    days = settings.retention_days()
    if days is not None:
        purged = Repository(url).purge(days)
    return Prepared(before, migrations.head(), purged, fixed)


def _current(url: str) -> Optional[str]:
    try:
        return migrations.current(url)
    except Exception:  # noqa: BLE001 - unreachable: init_db right after says so properly
        return None


@dataclass
class Rotation:
    resealed: int
    key_source: str  # "file" or "env"
    keys_in_env: int = 0


def rotate_key(database_url: Optional[str] = None) -> Rotation:
    """Re-encrypt everything stored under the newest key.

    With the generated key file: a new key is put in front of the old one(s),
    everything is re-encrypted, then the file keeps only the new key. With
    `REFLECT_SECRET_KEY`: the person puts a new key first themselves; this
    re-encrypts under it, after which the others may be removed.
    All-or-nothing per pass; if interrupted, the old keys are still there
    and running it again finishes the job.
    """
    config = settings.load()
    url = database_url or config.database_url
    db.init_db(url)
    if os.environ.get("REFLECT_SECRET_KEY"):
        count = _reseal_everything(url)
        return Rotation(count, "env", len(config.secret_keys))
    old_keys = config.secret_keys
    new_key = secrets.token_urlsafe(32)
    settings.write_private(config.key_file, ",".join([new_key, *old_keys]))
    count = _reseal_everything(url)
    settings.write_private(config.key_file, new_key)
    return Rotation(count, "file")


def _reseal_everything(url: str) -> int:
    engine = db.engine_for(url)
    total = 0
    # A second pass catches rows a running server wrote under an old key
    # while the first pass ran (servers pick up a changed key file at once).
    for _ in range(3):
        with engine.begin() as connection:
            changed = sum(sealing.reseal_under_newest(connection).values())
        total += changed
        if not changed:
            break
    db.compact(url, ["events", "thought_record_emotions", "thought_records", "journal_entries", "practice_results"])
    return total
