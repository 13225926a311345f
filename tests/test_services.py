"""Scale-out on the machine's own services: Rasa's SQL tracker store on PostgreSQL
(skipped without it unless REFLECT_REQUIRE_SERVICES=1). The Redis locks are in test_locks.py."""
from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.repository import Repository
from bot.store.tracker import ReflectTrackerStore

pytestmark = pytest.mark.services


def test_tracker_store_on_postgresql_is_read_back_by_the_export(postgres_url, monkeypatch):
    monkeypatch.setenv("REFLECT_DATABASE_URL", postgres_url)
    store = ReflectTrackerStore(domain=Domain.empty())
    tracker = DialogueStateTracker.from_events(
        "pg-person",
        [ActionExecuted("action_listen"), UserUttered("hello there"), SlotSet("mode", "explore"),
         BotUttered("What's on your mind?")],
    )
    asyncio.run(store.save(tracker))
    transcript = Repository(postgres_url).export("pg-person")["transcript"]
    assert [(t["who"], t["text"], t["mode"]) for t in transcript] == [
        ("user", "hello there", None), ("bot", "What's on your mind?", "explore")]
