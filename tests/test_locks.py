"""Conversation locks shared by several servers, on the machine's real Redis."""
from __future__ import annotations

import asyncio
import multiprocessing
import socket
import time
import uuid

import pytest
import redis

from bot.store.locks import AtomicRedisLockStore, ReflectLockStore
from tests.conftest import service_unavailable

pytestmark = pytest.mark.services

REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def redis_url() -> str:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        service_unavailable(f"Redis at 127.0.0.1:6379 is not reachable ({error})")
    return REDIS_URL


def test_the_settings_choose_the_atomic_store_with_redis_and_memory_without(redis_url, monkeypatch):
    monkeypatch.setenv("REFLECT_REDIS_URL", redis_url)
    assert isinstance(ReflectLockStore(), AtomicRedisLockStore)
    monkeypatch.delenv("REFLECT_REDIS_URL")
    assert type(ReflectLockStore()).__name__ == "InMemoryLockStore"


def test_rasas_own_redis_store_can_give_two_servers_the_same_ticket(redis_url):
    """Why the project has its own store: Rasa's reads and writes a ticket in two steps."""
    from rasa.core.lock_store import RedisLockStore

    a, b = (RedisLockStore(host="127.0.0.1", port=6379, db=5, key_prefix="race") for _ in range(2))
    conversation = f"race-{uuid.uuid4().hex}"
    lock_a, lock_b = a.get_or_create_lock(conversation), b.get_or_create_lock(conversation)
    ticket_a, ticket_b = lock_a.issue_ticket(60), lock_b.issue_ticket(60)
    a.save_lock(lock_a)
    b.save_lock(lock_b)
    assert ticket_a == ticket_b  # both servers now believe it is their turn
    a.delete_lock(conversation)


def test_two_servers_take_turns_in_the_order_they_asked(redis_url):
    first_server, second_server = AtomicRedisLockStore.from_url(redis_url), AtomicRedisLockStore.from_url(redis_url)
    conversation = f"turns-{uuid.uuid4().hex}"
    first = first_server.take_ticket(conversation)
    second = second_server.take_ticket(conversation)
    assert second == first + 1
    assert first_server.try_turn(conversation, first)
    assert not second_server.try_turn(conversation, second)
    first_server.give_back(conversation, first)
    assert second_server.try_turn(conversation, second)
    second_server.give_back(conversation, second)
    assert not redis.Redis.from_url(redis_url).keys(f"reflect:lock:{conversation}*")  # nothing left behind


def test_a_dead_holder_blocks_a_conversation_only_for_the_lock_lifetime(redis_url):
    store = AtomicRedisLockStore.from_url(redis_url)
    conversation = f"dead-{uuid.uuid4().hex}"
    crashed = store.take_ticket(conversation, lifetime_s=0.3)
    assert store.try_turn(conversation, crashed, lifetime_s=0.3)  # ... and never gives it back

    async def next_person() -> float:
        started = time.monotonic()
        async with store.lock(conversation, lock_lifetime=0.3):
            return time.monotonic() - started

    waited = asyncio.run(next_person())
    assert 0.1 < waited < 5


def _hammer(url: str, conversation: str, rounds: int) -> None:
    """One server process: `rounds` turns of a non-atomic read-modify-write inside the lock."""
    store = AtomicRedisLockStore.from_url(url)
    client = redis.Redis.from_url(url)

    async def run() -> None:
        for _ in range(rounds):
            async with store.lock(conversation):
                inside = client.incr(f"{conversation}:inside")
                client.set(f"{conversation}:most", max(int(client.get(f"{conversation}:most") or 0), inside))
                value = int(client.get(f"{conversation}:count") or 0)
                await asyncio.sleep(0.001)
                client.set(f"{conversation}:count", value + 1)
                client.decr(f"{conversation}:inside")

    asyncio.run(run())


def test_many_servers_at_once_never_hold_one_conversation_together(redis_url):
    conversation = f"hammer-{uuid.uuid4().hex}"
    processes = [
        multiprocessing.get_context("spawn").Process(target=_hammer, args=(redis_url, conversation, 40))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    client = redis.Redis.from_url(redis_url)
    assert int(client.get(f"{conversation}:count")) == 160  # no lost update
    assert int(client.get(f"{conversation}:most")) == 1  # never two holders at once
    client.delete(f"{conversation}:count", f"{conversation}:most", f"{conversation}:inside")
