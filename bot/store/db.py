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
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

__all__ = ["StoreUnavailable", "engine_for", "session_scope", "init_db", "dispose_engines"]


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


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            parsed,
            future=True,
            connect_args={"check_same_thread": False, "timeout": 15},
        )

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            try:
                if database and database != ":memory:":
                    cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA foreign_keys=ON")
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
    return sa.create_engine(parsed, future=True, pool_pre_ping=True, connect_args=connect_args)


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


def _describe(url: str, error: exc.DBAPIError) -> str:
    safe_url = make_url(url).render_as_string(hide_password=True)
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason = lines[0] if lines else type(error).__name__
    return f"the database at {safe_url} is not available ({reason})"


def init_db(url: str) -> None:
    """Create the project's tables that do not exist yet (never Rasa's)."""
    from bot.store.models import Base

    engine = engine_for(url)
    try:
        try:
            Base.metadata.create_all(engine)
        except (exc.ProgrammingError, exc.IntegrityError):
            # Several servers starting at once may race to create the same
            # table; once one has won, the second attempt finds it there.
            Base.metadata.create_all(engine)
    except exc.DBAPIError as error:
        if _is_unavailable(error):
            raise StoreUnavailable(_describe(url, error)) from error
        raise
