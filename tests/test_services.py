"""Scale-out on the machine's own services: Rasa's SQL tracker store on PostgreSQL
and the Redis lock store (skipped without them unless REFLECT_REQUIRE_SERVICES=1)."""
from __future__ import annotations

import asyncio
import socket
import uuid

import pytest
from rasa.core.lock_store import RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.locks import ReflectLockStore, redis_lock_store
from bot.store.repository import Repository
from bot.store.tracker import ReflectTrackerStore
from tests.conftest import service_unavailable

pytestmark = pytest.mark.services


@pytest.fixture
def redis_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        service_unavailable(f"Redis at 127.0.0.1:6379 is not reachable ({error})")
    return "redis://127.0.0.1:6379/5"


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


def test_lock_store_uses_redis_when_configured(redis_url, monkeypatch):
    monkeypatch.setenv("REFLECT_REDIS_URL", redis_url)
    store = ReflectLockStore()
    assert isinstance(store, RedisLockStore)

    other = redis_lock_store(redis_url)  # a second server on the same Redis
    conversation = f"person-{uuid.uuid4().hex}"
    first = store.issue_ticket(conversation)
    second = other.issue_ticket(conversation)
    assert second == first + 1
    assert other.get_lock(conversation).is_locked(second)  # waits for the first server
    store.finish_serving(conversation, first)
    assert not other.get_lock(conversation).is_locked(second)
    other.finish_serving(conversation, second)
    other.delete_lock(conversation)


def test_lock_store_is_in_memory_without_redis(monkeypatch):
    monkeypatch.delenv("REFLECT_REDIS_URL", raising=False)
    assert type(ReflectLockStore()).__name__ == "InMemoryLockStore"
