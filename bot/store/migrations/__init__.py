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

import threading
from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

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


def upgrade(url: str, force: bool = False) -> None:
    """Apply every migration the database does not have yet (once per process and URL)."""
    with _lock:
        if url in _done and not force:
            return
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
