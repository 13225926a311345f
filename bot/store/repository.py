"""What the bot stores for a person, with intention-revealing methods.

Reads return plain dicts with timezone-aware UTC datetimes; `export()` returns
the JSON-ready shape of DESIGN.md ("Export JSON") with ISO 8601 strings.
Every method runs in one transaction: a failure leaves nothing half-written.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from sqlalchemy import exc, select
from sqlalchemy.orm import Session, selectinload

from bot.store import db
from bot.store.db import StoreUnavailable
from bot.store.models import (
    DONE, DRAFT, Emotion, JournalEntry, PracticeResult, ThoughtRecord, events_table, utcnow,
)

__all__ = ["Repository", "StoreUnavailable", "RECORD_FIELDS"]

#: The thought-record keys of the export contract, in contract order.
RECORD_FIELDS = (
    "situation",
    "automatic_thought",
    "emotions",
    "belief_before",
    "belief_after",
    "distortions",
    "evidence_for",
    "evidence_against",
    "alternative_thought",
    "next_step",
)
_TEXT_FIELDS = ("situation", "automatic_thought", "evidence_for", "evidence_against", "alternative_thought", "next_step")

# Rasa's conversation events, as the tracker store writes them (`data` encrypted).
_rasa_events = events_table
# Rasa events after which no slot is set any more (the tracker is reset).
_SLOT_RESETTING_EVENTS = {"restart", "session_started", "reset_slots"}


def _rating(value: Any, field: str) -> Optional[int]:
    """A 0-100 rating as an int, or None; anything else is a programming error.

    The message names the field and the kind of value, never the value: it may
    be what a person typed, and error messages end up in logs.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{field} must be a number from 0 to 100, not a boolean")
    try:
        number = round(float(value))
    except (TypeError, ValueError):
        raise ValueError(f"{field} must be a number from 0 to 100, not a {type(value).__name__} that is not one") from None
    if not 0 <= number <= 100:
        raise ValueError(f"{field} must be from 0 to 100")
    return number


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return None if moment is None else moment.astimezone(timezone.utc).isoformat()


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


class Repository:
    """Everything stored for people, behind one database URL.

    Tables are created on first use. Any method may raise `StoreUnavailable`
    when the database cannot be reached.
    """

    def __init__(self, database_url: Optional[str] = None) -> None:
        if database_url is None:
            from bot import settings

            database_url = settings.load().database_url
        self.database_url = database_url
        self._ready = False

    # --- plumbing ---------------------------------------------------------

    def _session(self):
        if not self._ready:
            db.init_db(self.database_url)
            self._ready = True
        return db.session_scope(self.database_url)

    # --- thought records --------------------------------------------------

    @staticmethod
    def _fill(row: ThoughtRecord, record: dict) -> None:
        for field in _TEXT_FIELDS:
            value = record.get(field)
            setattr(row, field, None if value is None else str(value))
        row.belief_before = _rating(record.get("belief_before"), "belief_before")
        row.belief_after = _rating(record.get("belief_after"), "belief_after")
        row.distortions = [str(label) for label in (record.get("distortions") or [])]
        row.emotions = [
            Emotion(
                name=str(emotion["name"]),
                before=_rating(emotion.get("before"), "emotion before"),
                after=_rating(emotion.get("after"), "emotion after"),
                position=position,
            )
            for position, emotion in enumerate(record.get("emotions") or [])
        ]
        row.updated_at = utcnow()

    @staticmethod
    def _record_dict(row: ThoughtRecord) -> dict:
        record: dict[str, Any] = {"id": row.id, "created_at": row.created_at}
        for field in RECORD_FIELDS:
            if field == "emotions":
                record["emotions"] = [
                    {"name": e.name, "before": e.before, "after": e.after} for e in row.emotions
                ]
            elif field == "distortions":
                record["distortions"] = list(row.distortions or [])
            else:
                record[field] = getattr(row, field)
        record["updated_at"] = row.updated_at
        return record

    @staticmethod
    def _draft_row(session: Session, sender: str) -> Optional[ThoughtRecord]:
        query = (
            select(ThoughtRecord)
            .where(ThoughtRecord.sender == sender, ThoughtRecord.status == DRAFT)
            .options(selectinload(ThoughtRecord.emotions))
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        return session.execute(query).scalar_one_or_none()

    def save_draft(self, sender: str, record: dict, current_step: Optional[str]) -> int:
        """Keep the unfinished thought record (one per sender); returns its id."""
        for attempt in (1, 2):
            try:
                with self._session() as session:
                    row = self._draft_row(session, sender)
                    if row is None:
                        row = ThoughtRecord(sender=sender, status=DRAFT)
                        session.add(row)
                    self._fill(row, record)
                    row.current_step = current_step
                    session.flush()
                    return row.id
            except exc.IntegrityError:
                # Another server inserted this person's draft at the same moment;
                # the second attempt finds it and updates it.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def draft_for(self, sender: str) -> Optional[dict]:
        """The unfinished thought record with "id", "current_step", "updated_at"; or None."""
        with self._session() as session:
            row = self._draft_row(session, sender)
            if row is None:
                return None
            record = self._record_dict(row)
            record["current_step"] = row.current_step
            return record

    def discard_draft(self, sender: str) -> None:
        """Throw away the unfinished thought record, if any."""
        with self._session() as session:
            row = self._draft_row(session, sender)
            if row is not None:
                session.delete(row)

    def save_thought_record(self, sender: str, record: dict) -> int:
        """Store a finished thought record (finishing the draft if there is one)."""
        with self._session() as session:
            row = self._draft_row(session, sender)
            if row is None:
                row = ThoughtRecord(sender=sender)
                session.add(row)
            self._fill(row, record)
            row.status = DONE
            row.current_step = None
            session.flush()
            return row.id

    def thought_records_for(self, sender: str, limit: Optional[int] = 10) -> list[dict]:
        """Finished thought records, newest first."""
        with self._session() as session:
            query = (
                select(ThoughtRecord)
                .where(ThoughtRecord.sender == sender, ThoughtRecord.status == DONE)
                .options(selectinload(ThoughtRecord.emotions))
                .order_by(ThoughtRecord.created_at.desc(), ThoughtRecord.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            return [self._record_dict(row) for row in session.execute(query).scalars()]

    def thought_record(self, sender: str, record_id: int) -> Optional[dict]:
        """One finished thought record of this sender, or None."""
        with self._session() as session:
            row = session.execute(
                select(ThoughtRecord)
                .where(
                    ThoughtRecord.id == record_id,
                    ThoughtRecord.sender == sender,
                    ThoughtRecord.status == DONE,
                )
                .options(selectinload(ThoughtRecord.emotions))
            ).scalar_one_or_none()
            return None if row is None else self._record_dict(row)

    # --- practice ---------------------------------------------------------

    def save_practice(
        self,
        sender: str,
        drill_id: str,
        thought: str,
        answer: str,
        correct_labels: Iterable[str],
        chosen_labels: Iterable[str],
        correct: bool,
    ) -> int:
        """Store one answered drill; returns its id."""
        with self._session() as session:
            row = PracticeResult(
                sender=sender,
                at=utcnow(),
                drill_id=drill_id,
                thought=thought,
                answer=answer,
                correct_labels=list(correct_labels),
                chosen_labels=list(chosen_labels),
                correct=bool(correct),
            )
            session.add(row)
            session.flush()
            return row.id

    def practice_for(self, sender: str, limit: Optional[int] = None) -> list[dict]:
        """Answered drills, oldest first (the latest `limit` of them when given)."""
        with self._session() as session:
            query = select(PracticeResult).where(PracticeResult.sender == sender)
            if limit is not None:
                query = query.order_by(PracticeResult.at.desc(), PracticeResult.id.desc()).limit(limit)
            else:
                query = query.order_by(PracticeResult.at, PracticeResult.id)
            rows = list(session.execute(query).scalars())
            if limit is not None:
                rows.reverse()
            return [
                {
                    "id": row.id,
                    "at": row.at,
                    "drill_id": row.drill_id,
                    "thought": row.thought,
                    "answer": row.answer,
                    "correct_labels": list(row.correct_labels or []),
                    "chosen_labels": list(row.chosen_labels or []),
                    "correct": bool(row.correct),
                }
                for row in rows
            ]

    # --- journal ----------------------------------------------------------

    def save_journal_entry(
        self, sender: str, text: str, themes: Iterable[str], takeaway: Optional[str] = None
    ) -> int:
        """Store a journal entry; returns its id."""
        with self._session() as session:
            now = utcnow()
            row = JournalEntry(
                sender=sender, created_at=now, updated_at=now, text=text, themes=list(themes or []), takeaway=takeaway
            )
            session.add(row)
            session.flush()
            return row.id

    def update_journal_entry(
        self,
        sender: str,
        entry_id: int,
        text: Optional[str] = None,
        themes: Optional[Iterable[str]] = None,
        takeaway: Optional[str] = None,
    ) -> bool:
        """Change the given fields of one of the sender's entries; False if there is none."""
        with self._session() as session:
            row = session.execute(
                select(JournalEntry).where(JournalEntry.id == entry_id, JournalEntry.sender == sender)
            ).scalar_one_or_none()
            if row is None:
                return False
            if text is not None:
                row.text = text
            if themes is not None:
                row.themes = list(themes)
            if takeaway is not None:
                row.takeaway = takeaway
            row.updated_at = utcnow()
            return True

    def journal_entries_for(
        self, sender: str, since: Optional[datetime] = None, limit: Optional[int] = None
    ) -> list[dict]:
        """Journal entries, newest first; `since` (naive means UTC) is inclusive."""
        with self._session() as session:
            query = select(JournalEntry).where(JournalEntry.sender == sender)
            if since is not None:
                query = query.where(JournalEntry.created_at >= _as_utc(since))
            query = query.order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
            if limit is not None:
                query = query.limit(limit)
            return [self._entry_dict(row) for row in session.execute(query).scalars()]

    def journal_entry(self, sender: str, entry_id: int) -> Optional[dict]:
        """One journal entry of this sender, or None."""
        with self._session() as session:
            row = session.execute(
                select(JournalEntry).where(JournalEntry.id == entry_id, JournalEntry.sender == sender)
            ).scalar_one_or_none()
            return self._entry_dict(row) if row else None

    @staticmethod
    def _entry_dict(row: JournalEntry) -> dict:
        return {
            "id": row.id,
            "created_at": row.created_at,
            "updated_at": row.updated_at,
            "text": row.text,
            "themes": list(row.themes or []),
            "takeaway": row.takeaway,
        }

    # --- the conversation, from Rasa's tracker store ------------------------

    @staticmethod
    def _has_rasa_events(session: Session) -> bool:
        return sa.inspect(session.connection()).has_table("events")

    def transcript_for(self, sender: str) -> list[dict]:
        """What was said, in order: [{"at", "who": "user"|"bot", "text", "mode"}].

        "mode" is the value of the `mode` slot when the message was sent.
        Empty when Rasa has not created its `events` table yet.
        """
        with self._session() as session:
            if not self._has_rasa_events(session):
                return []
            rows = session.execute(
                select(_rasa_events.c.type_name, _rasa_events.c.timestamp, _rasa_events.c.data)
                .where(_rasa_events.c.sender_id == sender)
                .order_by(_rasa_events.c.id)
            ).all()
        transcript: list[dict] = []
        mode: Optional[str] = None
        for type_name, timestamp, data in rows:
            try:
                event = json.loads(data) if data else {}
            except ValueError:
                continue
            kind = event.get("event", type_name)
            if kind == "slot" and event.get("name") == "mode":
                mode = event.get("value")
            elif kind in _SLOT_RESETTING_EVENTS:
                mode = None
            elif kind in ("user", "bot") and event.get("text"):
                moment = event.get("timestamp", timestamp)
                transcript.append(
                    {
                        "at": None if moment is None else datetime.fromtimestamp(float(moment), timezone.utc),
                        "who": kind,
                        "text": event["text"],
                        "mode": mode,
                    }
                )
        return transcript

    # --- export and erase --------------------------------------------------

    def export(self, sender: str) -> dict:
        """Everything stored for one person, in the export contract's JSON shape."""
        exported_at = utcnow()
        records = self.thought_records_for(sender, limit=None)
        records.reverse()  # oldest first reads like a diary
        entries = self.journal_entries_for(sender)
        entries.reverse()
        return {
            "sender": sender,
            "exported_at": _iso(exported_at),
            "transcript": [
                {"at": _iso(line["at"]), "who": line["who"], "text": line["text"], "mode": line["mode"]}
                for line in self.transcript_for(sender)
            ],
            "thought_records": [_exported_record(r) for r in records],
            "journal_entries": [
                {
                    "id": e["id"],
                    "created_at": _iso(e["created_at"]),
                    "text": e["text"],
                    "themes": e["themes"],
                    "takeaway": e["takeaway"],
                }
                for e in entries
            ],
            "practice": [
                {
                    "at": _iso(p["at"]),
                    "thought": p["thought"],
                    "answer": p["answer"],
                    "correct_labels": p["correct_labels"],
                    "chosen_labels": p["chosen_labels"],
                    "correct": p["correct"],
                }
                for p in self.practice_for(sender)
            ],
        }

    def forget(self, sender: str) -> dict:
        """Erase everything stored for one person, Rasa's events included.

        Returns how many rows went from each place. All or nothing; then the
        freed space is overwritten where the database allows it (`compact`).
        """
        with self._session() as session:
            counts = self._delete(session, sender=sender)
        return counts

    def erase(self, sender: str) -> dict:
        """`forget`, then make it physical; returns {"deleted": counts, "compacted": [what was done]}.

        This is what `reflect forget` and the web page's erase call.
        """
        counts = self.forget(sender)
        return {"deleted": counts, "compacted": db.compact(self.database_url, _ALL_TABLES)}

    def purge(self, older_than_days: int, now: Optional[datetime] = None) -> dict:
        """Delete everything created more than `older_than_days` ago, for everyone.

        Returns {"cutoff": ISO8601, "deleted": counts, "compacted": [...]}.
        A draft counts by when it was last changed, so a record someone is
        still working on is kept.
        """
        if older_than_days < 1:
            raise ValueError("older_than_days must be at least 1")
        cutoff = (now or utcnow()) - timedelta(days=older_than_days)
        with self._session() as session:
            counts = self._delete(session, before=cutoff)
        return {"cutoff": _iso(cutoff), "deleted": counts, "compacted": db.compact(self.database_url, _ALL_TABLES)}

    def _delete(self, session: Session, sender: Optional[str] = None, before: Optional[datetime] = None) -> dict:
        """Delete one person's rows (`sender`) or everyone's older rows (`before`)."""

        def where(created, owner):
            if sender is not None:
                return owner == sender
            return created < before

        record_filter = (
            ThoughtRecord.sender == sender
            if sender is not None
            else sa.or_(
                sa.and_(ThoughtRecord.status == DONE, ThoughtRecord.created_at < before),
                sa.and_(ThoughtRecord.status == DRAFT, ThoughtRecord.updated_at < before),
            )
        )
        record_ids = select(ThoughtRecord.id).where(record_filter).scalar_subquery()
        quiet = {"synchronize_session": False}
        counts = {
            "emotions": session.execute(
                sa.delete(Emotion).where(Emotion.record_id.in_(record_ids)).execution_options(**quiet)
            ).rowcount,
            "thought_records": session.execute(
                sa.delete(ThoughtRecord).where(record_filter).execution_options(**quiet)
            ).rowcount,
            "journal_entries": session.execute(
                sa.delete(JournalEntry)
                .where(where(JournalEntry.created_at, JournalEntry.sender))
                .execution_options(**quiet)
            ).rowcount,
            "practice": session.execute(
                sa.delete(PracticeResult)
                .where(where(PracticeResult.at, PracticeResult.sender))
                .execution_options(**quiet)
            ).rowcount,
            "events": 0,
        }
        if self._has_rasa_events(session):
            condition = (
                _rasa_events.c.sender_id == sender
                if sender is not None
                else _rasa_events.c.timestamp < before.timestamp()
            )
            counts["events"] = session.execute(sa.delete(_rasa_events).where(condition)).rowcount
        return counts


def _exported_record(record: dict) -> dict:
    """A stored record in the contract's shape: every feeling in `emotions` has its 0-100 "before".

    A feeling the person named only when re-rating has no "before"; it goes to the added
    field `emotions_added` (name and "after") instead of breaking the contract's `emotions`.
    """
    exported = {"id": record["id"], "created_at": _iso(record["created_at"]), **{f: record[f] for f in RECORD_FIELDS}}
    emotions = record.get("emotions") or []
    exported["emotions"] = [e for e in emotions if e.get("before") is not None]
    exported["emotions_added"] = [{"name": e["name"], "after": e.get("after")} for e in emotions if e.get("before") is None]
    return exported


_ALL_TABLES = ["events", "thought_record_emotions", "thought_records", "journal_entries", "practice_results"]
