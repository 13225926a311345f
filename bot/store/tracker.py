"""Rasa's SQL tracker store on `REFLECT_DATABASE_URL`, with the events encrypted.

`ReflectTrackerStore` is Rasa's `SQLTrackerStore` with its own event model:
the same `events` table and columns, but `data` (the whole event, so every
message and slot value) goes through `PrivateText`, and `intent_name` /
`action_name` stay empty. It opens the database through `bot.store.db`, so it
shares the engine settings of everything else (0600 SQLite file,
`secure_delete`, no SQL parameters in error messages).

No silent loss: Rasa wraps every tracker store in `FailSafeTrackerStore`,
which on any error answers from a blank in-memory tracker. This store tells
the request it is part of that the database failed (`bot.outage`), so the
reply becomes "I can't save right now" with a 503, and it refuses to save a
tracker in a request whose load failed, so a blank fallback tracker can never
be written over (or appended to) a stored conversation.

Flat in history: a turn's tracker comes from `bot.store.recent` (the state so
far plus the recent events, checked against the database with one indexed
query), and a save appends just the events the turn added.
"""
from __future__ import annotations

import contextlib
import json
import logging
import threading
from typing import Any, Generator, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot import outage, redaction, settings
from bot.store import db
from bot.store.crypto import UndecryptableData
from bot.store.db import StoreUnavailable
from bot.store.models import events_table, rasa_metadata
from bot.store.recent import STORED_MARK, Conversation, RecentTurns, Snapshot

logger = logging.getLogger(__name__)

_EventsBase = declarative_base(metadata=rasa_metadata)


class _EncryptedEvent(_EventsBase):
    """Rasa's `SQLEvent` row, with `data` encrypted (see `bot.store.models.events_table`)."""

    __table__ = events_table


class ReflectTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` on the project's database, events encrypted, failures never silent."""

    Base = _EventsBase
    SQLEvent = _EncryptedEvent

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        # Not SQLTrackerStore.__init__: that one loops forever while the
        # database is down and logs raw driver errors. The table is made on
        # first use instead, and the server starts and answers clearly.
        self.database_url = host if host and "://" in host else settings.load().database_url
        self.engine = db.engine_for(self.database_url)
        self.sessionmaker = sessionmaker(bind=self.engine, future=True)
        self._ready = False
        self._ready_lock = threading.Lock()
        self._recent = RecentTurns()
        TrackerStore.__init__(self, domain, event_broker, **kwargs)
        try:
            self._prepare()
        except StoreUnavailable as error:
            logger.warning("Storage is not available yet; will retry on first use (%s).", error)
        outage.install_on_rasa_server(self)
        redaction.install()

    # --- plumbing -------------------------------------------------------------

    def _prepare(self) -> None:
        """Migrations first (they encrypt any plain rows), then Rasa's table."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            db.init_db(self.database_url)
            try:
                rasa_metadata.create_all(self.engine)
            except (exc.ProgrammingError, exc.IntegrityError):
                rasa_metadata.create_all(self.engine)  # another server created it at the same moment
            except exc.DBAPIError as error:
                if db.is_unavailable(error):
                    raise StoreUnavailable(db.describe(self.database_url, error)) from error
                raise
            self._ready = True

    def _failed(self, error: StoreUnavailable) -> StoreUnavailable:
        outage.note_failure()
        return error

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        """A session; any database error fails this request loudly (see the module doc)."""
        try:
            self._prepare()
        except StoreUnavailable as error:
            raise self._failed(error)
        session = self.sessionmaker()
        try:
            yield session
        except exc.DBAPIError as error:
            with contextlib.suppress(exc.DBAPIError):
                session.rollback()
            if db.is_unavailable(error):
                raise self._failed(StoreUnavailable(db.describe(self.database_url, error))) from error
            # e.g. a value the database refuses: still nothing may pass as saved.
            raise self._failed(
                StoreUnavailable(f"the database refused the conversation ({type(error.orig or error).__name__})")
            ) from error
        except UndecryptableData:
            outage.note_failure()
            logger.error(
                "A stored conversation cannot be decrypted with the configured key(s); "
                "answering 'storage unavailable' instead of starting it afresh."
            )
            raise
        finally:
            session.close()

    # --- Rasa's interface -------------------------------------------------------

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's tracker, as much of it as a turn needs (see `bot.store.recent`)."""
        if not self.domain:
            return await self._retrieve(sender_id, fetch_events_from_all_sessions=False)
        with self.session_scope() as session:
            conversation = self._up_to_date(session, sender_id)
        return conversation.tracker(self.domain.slots) if conversation else None

    def _up_to_date(self, session: Session, sender_id: Text) -> Optional[Conversation]:
        """The remembered conversation, brought up to date with the database (None if it has no events)."""
        event = self.SQLEvent
        count, newest = (
            session.query(sa.func.count(event.id), sa.func.max(event.id)).filter(event.sender_id == sender_id).one()
        )
        if not count:
            self._recent.forget(sender_id)
            return None
        conversation = self._recent.get(sender_id)
        if conversation and (conversation.snapshot.count, conversation.snapshot.newest_id) == (count, newest):
            return conversation
        if conversation and newest > conversation.snapshot.newest_id:
            added = self._events(session, sender_id, after_id=conversation.snapshot.newest_id)
            if conversation.snapshot.count + len(added) == count:  # only appended to, e.g. by another server
                conversation.add(added)
                conversation.snapshot = Snapshot(count, newest)
                return conversation
        events = self._events(session, sender_id)
        return self._recent.load(sender_id, events, self.domain.slots, Snapshot(count, newest))

    def _events(self, session: Session, sender_id: Text, after_id: int = 0) -> list[Event]:
        """The sender's stored events after `after_id`, in order, decrypted and decoded."""
        event = self.SQLEvent
        rows = session.query(event).filter(event.sender_id == sender_id, event.id > after_id).order_by(event.id)
        return deserialise_events([json.loads(row.data) for row in rows])

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrieve(conversation_id, fetch_events_from_all_sessions=True)

    async def keys(self) -> Iterable[Text]:
        with self.session_scope() as session:
            return [sender for (sender,) in session.query(self.SQLEvent.sender_id).distinct().all()]

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the events not stored yet (Rasa's rule), encrypted, intent/action names left empty.

        Inside a request that will be answered with 503, a failed save returns
        quietly: raising would make Rasa's fail-safe wrapper keep a copy of
        the conversation in memory, which nothing ever reads.
        """
        if outage.failed_in_this_request():
            return  # loaded from nowhere: what is in memory is not the stored conversation
        try:
            await self._save(tracker)
        except StoreUnavailable:
            if outage.failed_in_this_request():
                return
            raise

    async def _save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        stored = getattr(tracker, STORED_MARK, None)
        with self.session_scope() as session:
            if stored is None:  # not handed out by `retrieve`: Rasa's rule (count what is stored)
                new_events = list(self._additional_events(session, tracker))
            else:
                new_events = list(tracker.events)[stored:]
            rows = [
                self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=event.timestamp,
                    intent_name=None,
                    action_name=None,
                    data=json.dumps(event.as_dict()),
                )
                for event in new_events
            ]
            session.add_all(rows)
            session.flush()
            newest = max((row.id for row in rows), default=None)
            session.commit()
        setattr(tracker, STORED_MARK, len(tracker.events))
        self._remember(tracker.sender_id, new_events, newest, known=stored is not None)

    def _remember(self, sender_id: Text, new_events: list, newest: Optional[int], known: bool) -> None:
        """Keep the remembered conversation in step with what this save wrote."""
        conversation = self._recent.get(sender_id)
        if not known or conversation is None:
            self._recent.forget(sender_id)  # read afresh next time
        elif newest is not None:
            conversation.add(new_events)
            conversation.snapshot = Snapshot(conversation.snapshot.count + len(new_events), newest)
