"""Encrypt the free text already stored in plain (ours and Rasa's `events.data`).

Rows are read and rewritten in batches of 500, by id, in the migration's
transaction; a value that already decrypts is left as it is, so running this
again (or after an interruption) converts only what is still plain.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op

from bot.store.sealing import encrypt_plain_rows

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    encrypt_plain_rows(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("Decrypting everything back to plain text is not offered.")
