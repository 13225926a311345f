"""Encrypt the free text already stored in plain (ours and Rasa's `events.data`),
and empty the intent and action names Rasa kept in clear beside it.

Rows are read and rewritten in batches of 500, by id, in the migration's
transaction; a value that already decrypts is left as it is, so running this
again (or after an interruption) converts only what is still plain.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

from bot.store.sealing import encrypt_plain_rows

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    encrypt_plain_rows(connection)
    if "events" in sa.inspect(connection).get_table_names():
        # Rasa filled these in clear; an intent such as `crisis` says too much.
        op.execute(
            "UPDATE events SET intent_name = NULL, action_name = NULL "
            "WHERE intent_name IS NOT NULL OR action_name IS NOT NULL"
        )


def downgrade() -> None:
    raise NotImplementedError("Decrypting everything back to plain text is not offered.")
