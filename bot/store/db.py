"""Engines and sessions: the one place that opens, commits and closes them.

The project's tables live in the same database as Rasa's SQL tracker store
(table `events`), but in their own `MetaData` (`bot.store.models.Base`), so
creating ours never touches Rasa's and the other way round.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

__all__ = ["StoreUnavailable", "engine_for", "session_scope", "init_db", "dispose_engines", "ping", "compact"]


class StoreUnavailable(Exception):
    """The database cannot be reached (gone, locked, refused, unwritable).

    Raised instead of SQLAlchemy's `OperationalError` so callers can tell the
    person kindly and try again later. The open transaction was rolled back,
    so nothing already stored is lost or half-written.
    """


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()

# Rasa's SQL tracker store puts its tables into this PostgreSQL schema when the
# variable is set (rasa.core.tracker_store.create_engine_kwargs). We follow it so
# that the transcript and `forget` see the same `events` table as Rasa does.
_RASA_POSTGRESQL_SCHEMA = "POSTGRESQL_SCHEMA"


def _private_sqlite_file(database: str) -> None:
    """Create the SQLite file (and its folder) readable by this user only.

    SQLite gives its `-wal` and `-shm` files the mode of the database file, so
    making that one 0600 before SQLite opens it covers all three.
    """
    path = Path(database).expanduser()
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                _private_sqlite_file(database)
            except OSError:
                pass  # the folder is gone or unwritable: the first query says so (StoreUnavailable)
        on_disk = bool(database) and database != ":memory:" and not database.startswith("file:")
        engine = sa.create_engine(
            parsed,
            future=True,
            hide_parameters=True,  # errors never carry what a person wrote
            connect_args={"check_same_thread": False, "timeout": 15},
            # Connections are kept open between turns (opening one costs more than most
            # queries); each is checked to be still on the file at this path when taken.
            **({"poolclass": sa.pool.QueuePool, "pool_size": 4, "max_overflow": 8} if on_disk else {}),
        )
        if on_disk:
            _follow_the_file(engine, database)

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            try:
                if database and database != ":memory:":
                    cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA foreign_keys=ON")
                # Deleted rows are overwritten with zeros, not just unlinked.
                cursor.execute("PRAGMA secure_delete=ON")
            finally:
                cursor.close()

        return engine

    connect_args: dict = {}
    if backend == "postgresql":
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = 10
        schema = os.environ.get(_RASA_POSTGRESQL_SCHEMA)
        if schema and "options" not in parsed.query:
            connect_args["options"] = f"-csearch_path={schema}"
    return sa.create_engine(
        parsed, future=True, pool_pre_ping=True, hide_parameters=True, connect_args=connect_args
    )


def _follow_the_file(engine: Engine, database: str) -> None:
    """A pooled connection is used only while its file is still the one at `database`.

    An open SQLite connection keeps writing to its file even after the file or
    its folder is moved or replaced (an unmounted disk, a restored backup); a
    fresh connection would fail or see the new file instead. So each connection
    remembers the file's identity when opened, and is dropped at checkout when
    that no longer matches, and the pool opens a new one, which fails loudly if
    the database is gone.
    """

    def identity() -> Optional[tuple[int, int]]:
        try:
            status = os.stat(database)
        except OSError:
            return None
        return status.st_dev, status.st_ino

    @sa.event.listens_for(engine, "connect")
    def _remember(_dbapi_connection, record) -> None:
        record.info["file"] = identity()

    @sa.event.listens_for(engine, "checkout")
    def _still_there(_dbapi_connection, record, _proxy) -> None:
        remembered = record.info.get("file")
        if remembered is None or remembered != identity():
            raise exc.DisconnectionError("the database file moved or went away")


def engine_for(url: str) -> Engine:
    """The engine for `url`, created once per URL and process."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create_engine(url)
        return engine


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (tests, shutdown)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def is_unavailable(error: BaseException) -> bool:
    """True for errors that mean "the database cannot be reached or written"."""
    return isinstance(error, exc.DBAPIError) and _is_unavailable(error)


def _is_unavailable(error: exc.DBAPIError) -> bool:
    return isinstance(error, (exc.OperationalError, exc.InterfaceError)) or bool(
        getattr(error, "connection_invalidated", False)
    )


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits when the block ends, rolls back if it raises.

    A database that cannot be reached surfaces as `StoreUnavailable`.
    """
    session = Session(engine_for(url), future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except exc.DBAPIError as error:
        _rollback_quietly(session)
        if _is_unavailable(error):
            raise StoreUnavailable(_describe(url, error)) from error
        raise
    except BaseException:
        _rollback_quietly(session)
        raise
    finally:
        session.close()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except exc.DBAPIError:
        # The connection is already gone; the server discards the transaction.
        pass


def describe(url: str, error: exc.DBAPIError) -> str:
    """One line about why the database is unavailable: no password, no SQL, no values."""
    return _describe(url, error)


def _describe(url: str, error: exc.DBAPIError) -> str:
    safe_url = make_url(url).render_as_string(hide_password=True)
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason = lines[0] if lines else type(error).__name__
    return f"the database at {safe_url} is not available ({reason})"


def init_db(url: str) -> None:
    """Bring the project's tables up to date (Alembic migrations; never Rasa's `events`)."""
    from bot.store import migrations

    try:
        migrations.upgrade(url)
    except exc.DBAPIError as error:
        if _is_unavailable(error):
            raise StoreUnavailable(_describe(url, error)) from error
        raise


def ping(url: str) -> None:
    """Raise `StoreUnavailable` unless the database answers."""
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            # Reading the schema makes SQLite open the file, not just answer from memory.
            connection.execute(
                sa.text("SELECT count(*) FROM sqlite_master" if engine.dialect.name == "sqlite" else "SELECT 1")
            )
    except exc.DBAPIError as error:
        if _is_unavailable(error):
            raise StoreUnavailable(_describe(url, error)) from error
        raise


def compact(url: str, tables: list[str]) -> list[str]:
    """Make deleted rows physically go: what was done, in words, for the report.

    SQLite: `secure_delete` already zeroed the freed pages; VACUUM rebuilds the
    file without them and the WAL is checkpointed and truncated, so no older
    copy of a page survives in it. PostgreSQL: VACUUM marks the dead rows'
    space free for reuse; it does not overwrite them (see the README).
    """
    engine = engine_for(url)
    done: list[str] = []
    try:
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                connection.exec_driver_sql("VACUUM")
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            done += ["freed pages overwritten (secure_delete)", "database file rebuilt (VACUUM)",
                     "write-ahead log emptied"]
        elif engine.dialect.name == "postgresql":
            present = set(sa.inspect(engine).get_table_names())
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                for table in tables:
                    if table in present:
                        connection.exec_driver_sql(f'VACUUM "{table}"')
            done.append("PostgreSQL VACUUM run on the tables (space marked for reuse, not overwritten)")
    except exc.DBAPIError as error:
        if _is_unavailable(error):
            raise StoreUnavailable(_describe(url, error)) from error
        raise
    return done
