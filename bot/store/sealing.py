"""Rewriting every encrypted column in place: plain rows to sealed ones (the
encryption migration) and sealed rows to the newest key (`reflect rotate-key`).

Both walk each table by id in batches, so memory stays flat however much is
stored, and both skip what is already as wanted, so an interrupted run can
simply be started again.
"""
from __future__ import annotations

from typing import Callable, Optional

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.engine import Connection

from bot import settings
from bot.store import crypto
from bot.store.models import sealed_columns

BATCH = 500

#: Returns the new stored value, or None to leave the row as it is.
Transform = Callable[[str], Optional[str]]


def _rewrite(connection: Connection, transform: Transform, batch: Optional[int] = None) -> dict[str, int]:
    batch = batch or BATCH
    present = set(sa.inspect(connection).get_table_names())
    changed: dict[str, int] = {}
    for table_name, column_name in sealed_columns():
        if table_name not in present:
            continue
        table = sa.table(table_name, sa.column("id"), sa.column(column_name))  # raw text, no decoding
        column = table.c[column_name]
        update = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("row_id"))
            .values({column_name: sa.bindparam("new_value")})
        )
        last_id = None
        count = 0
        while True:
            query = sa.select(table.c.id, column).where(column.isnot(None)).order_by(table.c.id).limit(batch)
            if last_id is not None:
                query = query.where(table.c.id > last_id)
            rows = connection.execute(query).all()
            if not rows:
                break
            updates = []
            for row_id, value in rows:
                new_value = transform(value)
                if new_value is not None and new_value != value:
                    updates.append({"row_id": row_id, "new_value": new_value})
            if updates:
                connection.execute(update, updates)
                count += len(updates)
            last_id = rows[-1][0]
        changed[f"{table_name}.{column_name}"] = count
    return changed


def encrypt_plain_rows(connection: Connection, batch: Optional[int] = None) -> dict[str, int]:
    """Seal every value that is still plain text; returns how many per column."""

    def seal_if_plain(value: str) -> Optional[str]:
        return None if crypto.try_unseal(value) is not None else crypto.seal(value)

    return _rewrite(connection, seal_if_plain, batch)


def reseal_under_newest(connection: Connection, batch: Optional[int] = None) -> dict[str, int]:
    """Re-encrypt every value not yet under the newest key.

    Raises `crypto.UndecryptableData` (and the caller's transaction is rolled
    back) if any value cannot be decrypted with the configured keys.
    """
    newest = Fernet(crypto.fernet_key(settings.load().secret_keys[0]))

    def reseal(value: str) -> Optional[str]:
        try:
            newest.decrypt(value.encode("ascii"))
            return None
        except (InvalidToken, UnicodeEncodeError, ValueError):
            return crypto.reseal(value)

    return _rewrite(connection, reseal, batch)
