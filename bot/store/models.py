"""The project's tables (Rasa's `events` table is declared by the tracker store).

Everything a person writes goes through `PrivateText` / `PrivateJSON`, which
encrypt on the way in and decrypt on the way out (`bot.store.crypto`). What is
stored in clear: sender ids, times, ratings, statuses, the step a draft is at,
and thinking-trap labels (from a fixed list).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Optional

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

from bot.store.crypto import seal, unseal

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# --- the one place conversation text passes on its way in and out ----------


class PrivateText(TypeDecorator):
    """Free text a person wrote or was shown about themselves, encrypted at rest."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Optional[str], dialect) -> Optional[str]:
        return None if value is None else seal(str(value))

    def process_result_value(self, value: Optional[str], dialect) -> Optional[str]:
        return None if value is None else unseal(value)


class PrivateJSON(TypeDecorator):
    """A JSON value derived from what a person wrote (e.g. journal themes), encrypted at rest."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> Optional[str]:
        return None if value is None else seal(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: Optional[str], dialect) -> Any:
        return None if value is None else json.loads(unseal(value))


class UTCDateTime(TypeDecorator):
    """A moment in time, always returned timezone-aware in UTC.

    SQLite keeps no zone, so values are stored as naive UTC there; PostgreSQL
    gets `timestamptz`. Naive values passed in are taken to be UTC.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect) -> Optional[datetime]:
        if value is None:
            return None
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Optional[datetime], dialect) -> Optional[datetime]:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


DRAFT = "draft"
DONE = "done"


class ThoughtRecord(Base):
    """A CBT thought record; `status` is "draft" while the form is being filled."""

    __tablename__ = "thought_records"

    id = sa.Column(sa.Integer, primary_key=True)
    sender = sa.Column(sa.String(255), nullable=False, index=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = sa.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    status = sa.Column(sa.String(16), nullable=False, default=DRAFT)
    situation = sa.Column(PrivateText)
    automatic_thought = sa.Column(PrivateText)
    belief_before = sa.Column(sa.Integer)
    belief_after = sa.Column(sa.Integer)
    distortions = sa.Column(sa.JSON, nullable=False, default=list)
    evidence_for = sa.Column(PrivateText)
    evidence_against = sa.Column(PrivateText)
    alternative_thought = sa.Column(PrivateText)
    next_step = sa.Column(PrivateText)
    current_step = sa.Column(sa.String(64))

    emotions = relationship(
        "Emotion",
        order_by="Emotion.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        back_populates="record",
    )

    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'done')", name="ck_thought_records_status"),
        # At most one draft per person: the form resumes where they left off.
        sa.Index(
            "uq_thought_records_one_draft",
            "sender",
            unique=True,
            sqlite_where=sa.text("status = 'draft'"),
            postgresql_where=sa.text("status = 'draft'"),
        ),
    )


class Emotion(Base):
    """One feeling in a thought record, rated 0-100 before and after."""

    __tablename__ = "thought_record_emotions"

    id = sa.Column(sa.Integer, primary_key=True)
    record_id = sa.Column(
        sa.Integer, sa.ForeignKey("thought_records.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name = sa.Column(PrivateText, nullable=False)
    before = sa.Column(sa.Integer)
    after = sa.Column(sa.Integer)
    position = sa.Column(sa.Integer, nullable=False, default=0)

    record = relationship("ThoughtRecord", back_populates="emotions")


class PracticeResult(Base):
    """One answered thinking-trap drill."""

    __tablename__ = "practice_results"

    id = sa.Column(sa.Integer, primary_key=True)
    sender = sa.Column(sa.String(255), nullable=False, index=True)
    at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    drill_id = sa.Column(sa.String(128))
    thought = sa.Column(PrivateText)
    answer = sa.Column(PrivateText)
    correct_labels = sa.Column(sa.JSON, nullable=False, default=list)
    chosen_labels = sa.Column(sa.JSON, nullable=False, default=list)
    correct = sa.Column(sa.Boolean, nullable=False, default=False)


class JournalEntry(Base):
    """A free-form entry from exploratory mode."""

    __tablename__ = "journal_entries"

    id = sa.Column(sa.Integer, primary_key=True)
    sender = sa.Column(sa.String(255), nullable=False, index=True)
    created_at = sa.Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    updated_at = sa.Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    text = sa.Column(PrivateText, nullable=False)
    themes = sa.Column(PrivateJSON, nullable=False, default=list)
    takeaway = sa.Column(PrivateText)


# --- Rasa's conversation events ------------------------------------------------
#
# The columns of Rasa's `SQLTrackerStore.SQLEvent`, in a MetaData of their own:
# the tracker store (`bot.store.tracker`) creates this table, the migrations
# leave it alone except to encrypt old rows. `data` is the whole event as
# JSON (what was said, slot values), so it is encrypted; `intent_name` and
# `action_name` are left empty, since an intent such as `crisis` says something
# about the person too.

rasa_metadata = sa.MetaData()

events_table = sa.Table(
    "events",
    rasa_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", PrivateText),
)


def sealed_columns() -> list[tuple[str, str]]:
    """Every (table, column) holding encrypted text, for migrations and key rotation."""
    tables = [*Base.metadata.sorted_tables, events_table]
    return [
        (table.name, column.name)
        for table in tables
        for column in table.columns
        if isinstance(column.type, (PrivateText, PrivateJSON))
    ]
