"""Rasa's own SQL tracker store, pointed at `REFLECT_DATABASE_URL`.

Rasa's `SQLTrackerStore` accepts a full SQLAlchemy URL as its host; this class
only supplies that URL from the project settings so that `endpoints.yml` needs
no environment variables. The conversation events land in the `events` table
of the same database as everything else Reflect stores.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot import settings


class ReflectTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` on the project's database URL."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        url = host or settings.load().database_url
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
