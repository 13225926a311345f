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
    """Make the data folder 0700 and everything in it 0600/0700; returns what was changed.

    Files made by older versions (or with a loose umask) were world-readable.
    """
    root = settings.private_dir(data_dir or settings.data_dir_path())
    changed: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        for name in subfolders:
            path = Path(folder) / name
            if not path.is_symlink() and path.stat().st_mode & 0o077:
                path.chmod(0o700)
                changed.append(path)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and path.stat().st_mode & 0o077:
                path.chmod(0o600)
                changed.append(path)
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
