"""Alembic's entry point: runs the migrations on the project's engine."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from bot import settings
from bot.store.db import engine_for
from bot.store.migrations import VERSION_TABLE
from bot.store.models import Base

config = context.config
url = config.attributes.get("database_url") or settings.load().database_url


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate compares only the project's tables: `events` is Rasa's."""
    return not (type_ == "table" and name in ("events", VERSION_TABLE))


def run_migrations_online() -> None:
    engine = engine_for(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            version_table=VERSION_TABLE,
            include_object=include_object,
            render_as_batch=engine.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if engine.dialect.name == "postgresql":
                # Several servers starting at once: one migrates, the others wait.
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(7036775620211)"))
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Reflect's migrations run online only (`reflect run` applies them).")
run_migrations_online()
