"""The first schema: thought records, their emotions, practice results, journal entries.

Databases made before migrations existed (by `create_all`) already have these
tables; for them this revision only records that they are there.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())

    if "thought_records" not in existing:
        op.create_table(
            "thought_records",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sender", sa.String(255), nullable=False),
            sa.Column("created_at", _utc(), nullable=False),
            sa.Column("updated_at", _utc(), nullable=False),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("situation", sa.Text),
            sa.Column("automatic_thought", sa.Text),
            sa.Column("belief_before", sa.Integer),
            sa.Column("belief_after", sa.Integer),
            sa.Column("distortions", sa.JSON, nullable=False),
            sa.Column("evidence_for", sa.Text),
            sa.Column("evidence_against", sa.Text),
            sa.Column("alternative_thought", sa.Text),
            sa.Column("next_step", sa.Text),
            sa.Column("current_step", sa.String(64)),
            sa.CheckConstraint("status IN ('draft', 'done')", name="ck_thought_records_status"),
        )
        op.create_index("ix_thought_records_sender", "thought_records", ["sender"])
        op.create_index(
            "uq_thought_records_one_draft",
            "thought_records",
            ["sender"],
            unique=True,
            sqlite_where=sa.text("status = 'draft'"),
            postgresql_where=sa.text("status = 'draft'"),
        )

    if "thought_record_emotions" not in existing:
        op.create_table(
            "thought_record_emotions",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "record_id",
                sa.Integer,
                sa.ForeignKey("thought_records.id", ondelete="CASCADE"),
                nullable=False,
            ),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("before", sa.Integer),
            sa.Column("after", sa.Integer),
            sa.Column("position", sa.Integer, nullable=False),
        )
        op.create_index("ix_thought_record_emotions_record_id", "thought_record_emotions", ["record_id"])

    if "practice_results" not in existing:
        op.create_table(
            "practice_results",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sender", sa.String(255), nullable=False),
            sa.Column("at", _utc(), nullable=False),
            sa.Column("drill_id", sa.String(128)),
            sa.Column("thought", sa.Text),
            sa.Column("answer", sa.Text),
            sa.Column("correct_labels", sa.JSON, nullable=False),
            sa.Column("chosen_labels", sa.JSON, nullable=False),
            sa.Column("correct", sa.Boolean, nullable=False),
        )
        op.create_index("ix_practice_results_sender", "practice_results", ["sender"])

    if "journal_entries" not in existing:
        op.create_table(
            "journal_entries",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("sender", sa.String(255), nullable=False),
            sa.Column("created_at", _utc(), nullable=False),
            sa.Column("updated_at", _utc(), nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("themes", sa.Text, nullable=False),
            sa.Column("takeaway", sa.Text),
        )
        op.create_index("ix_journal_entries_sender", "journal_entries", ["sender"])
        op.create_index("ix_journal_entries_created_at", "journal_entries", ["created_at"])


def downgrade() -> None:
    for table in ("journal_entries", "practice_results", "thought_record_emotions", "thought_records"):
        op.drop_table(table)
