"""Schema migrations (Alembic), applied by `reflect run` and on first use.

The scripts live in `versions/`; `upgrade(url)` brings a database to the
newest one. Rasa's `events` table is Rasa's: no migration creates or alters
it (the tracker store creates it), though 0002 encrypts the rows already in it.
The version is kept in `reflect_schema_version`, so nothing clashes with
another application's Alembic table in a shared database.

To add a migration: `alembic -c bot/store/migrations/alembic.ini revision -m "what"`
with `REFLECT_DATABASE_URL` set, then write `upgrade()` by hand.
"""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
VERSION_TABLE = "reflect_schema_version"

_done: set[str] = set()
_lock = threading.Lock()


def config(url: Optional[str] = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("version_locations", str(HERE / "versions"))
    cfg.set_main_option("path_separator", "os")
    if url:
        cfg.attributes["database_url"] = url
    return cfg


def head() -> str:
    """The newest revision in `versions/`."""
    return ScriptDirectory.from_config(config()).get_current_head()


def current(url: str) -> Optional[str]:
    """The revision the database is at (None: never migrated)."""
    from bot.store.db import engine_for

    with engine_for(url).connect() as connection:
        return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


@contextmanager
def _between_processes(url: str) -> Iterator[None]:
    """One process at a time migrates a SQLite file (the Rasa server and the
    action server may open a new one together). PostgreSQL uses an advisory
    lock inside the migration transaction instead (see env.py)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    lock_path = Path(database).expanduser().with_name(Path(database).name + ".migrate-lock")
    try:
        lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield  # the folder is gone: the migration itself reports it
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def upgrade(url: str, force: bool = False) -> None:
    """Apply every migration the database does not have yet (once per process and URL)."""
    with _lock:
        if url in _done and not force:
            return
        with _between_processes(url):
            if force or current(url) != head():
                command.upgrade(config(url), "head")
                # Plain text the encryption migration replaced must not linger in
                # free pages or the write-ahead log.
                from bot.store.db import compact

                compact(url, ["events", "thought_record_emotions", "thought_records", "journal_entries",
                              "practice_results"])
        _done.add(url)


def forget_done() -> None:
    """Check again on next use (tests that swap databases under one URL)."""
    with _lock:
        _done.clear()
