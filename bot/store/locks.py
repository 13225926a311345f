"""Conversation locks: one server at a time answers a person, in the order they wrote.

One server alone uses Rasa's in-memory lock store. Several `rasa run` servers
sharing one database share their locks in Redis (`REFLECT_REDIS_URL`).

Rasa's own `RedisLockStore` keeps a conversation's tickets as one JSON value
that each server reads, changes and writes back in separate commands, so two
servers that take a ticket at the same moment can both get the same one and
answer the same person at once. `AtomicRedisLockStore` keeps the same
first-come-first-served ticket lock, but every step (take a ticket, check
whether it is this ticket's turn, give it back) is one Lua script, which Redis
runs atomically. A ticket whose holder died expires after the lock lifetime,
so a crashed server cannot block a conversation for good.
"""
from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional
from urllib.parse import urlsplit

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore

from bot import settings

logger = logging.getLogger(__name__)

# KEYS: the queue (sorted set of tickets), their deadlines (hash), the ticket counter.
_TAKE_TICKET = """
local ticket = redis.call('INCR', KEYS[3])
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], ticket, ticket)
redis.call('HSET', KEYS[2], ticket, now_ms + tonumber(ARGV[1]))
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], 2 * tonumber(ARGV[1])) end
return ticket
"""

# 1 when it is this ticket's turn. Tickets past their deadline are dropped
# first; a waiting ticket's deadline is renewed each time it asks, the
# holder's is set once when its turn comes.
_TRY_TURN = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local deadlines = redis.call('HGETALL', KEYS[2])
for i = 1, #deadlines, 2 do
  if tonumber(deadlines[i + 1]) < now_ms and deadlines[i] ~= ARGV[1] then
    redis.call('HDEL', KEYS[2], deadlines[i])
    redis.call('ZREM', KEYS[1], deadlines[i])
  end
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return -1
end
redis.call('HSET', KEYS[2], ARGV[1], now_ms + tonumber(ARGV[2]))
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], 2 * tonumber(ARGV[2])) end
local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if head == ARGV[1] then return 1 end
return 0
"""

_GIVE_BACK = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
return 1
"""


class AtomicRedisLockStore(LockStore):
    """A first-come-first-served conversation lock in Redis whose every step is atomic."""

    POLL_S = 0.01

    def __init__(self, client: "redis.Redis", key_prefix: str = "reflect:lock:") -> None:
        super().__init__()
        self.red = client
        self.key_prefix = key_prefix
        self._take = client.register_script(_TAKE_TICKET)
        self._try = client.register_script(_TRY_TURN)
        self._give_back = client.register_script(_GIVE_BACK)

    @classmethod
    def from_url(cls, url: str) -> "AtomicRedisLockStore":
        parts = urlsplit(url)
        if parts.scheme not in ("redis", "rediss"):
            raise ValueError("REFLECT_REDIS_URL must start with redis:// or rediss://")
        return cls(redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5))

    def _keys(self, conversation_id: str) -> list[str]:
        base = self.key_prefix + conversation_id
        return [f"{base}:queue", f"{base}:deadlines", f"{base}:counter"]

    def take_ticket(self, conversation_id: str, lifetime_s: float = LOCK_LIFETIME) -> int:
        return int(self._take(keys=self._keys(conversation_id), args=[int(lifetime_s * 1000)]))

    def try_turn(self, conversation_id: str, ticket: int, lifetime_s: float = LOCK_LIFETIME) -> bool:
        """True when it is `ticket`'s turn; LockError when the ticket has expired."""
        state = int(self._try(keys=self._keys(conversation_id), args=[ticket, int(lifetime_s * 1000)]))
        if state < 0:
            raise LockError(f"The lock ticket for a conversation expired while waiting ({ticket}).")
        return state == 1

    def give_back(self, conversation_id: str, ticket: int) -> None:
        self._give_back(keys=self._keys(conversation_id), args=[ticket])

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        try:
            ticket = self.take_ticket(conversation_id, lock_lifetime)
        except redis.RedisError as error:
            raise LockError(f"Could not reach the lock store ({type(error).__name__}).") from error
        try:
            deadline = time.monotonic() + 2 * lock_lifetime
            poll = min(self.POLL_S, wait_time_in_seconds)
            while not self.try_turn(conversation_id, ticket, lock_lifetime):
                if time.monotonic() > deadline:
                    raise LockError("Timed out waiting for a conversation's lock.")
                await asyncio.sleep(poll)
            yield TicketLock(conversation_id)
        except redis.RedisError as error:
            raise LockError(f"Could not reach the lock store ({type(error).__name__}).") from error
        finally:
            try:
                self.give_back(conversation_id, ticket)
            except redis.RedisError:
                logger.warning("Could not give back a conversation lock; it expires on its own.")

    # Rasa's ticket-lock interface, for callers that inspect locks directly.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(*self._keys(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("AtomicRedisLockStore keeps its tickets in Redis scripts.")


class ReflectLockStore:
    """Builds the lock store the settings ask for (used from `endpoints.yml`).

    Rasa instantiates custom lock stores by class path; constructing this class
    returns an `AtomicRedisLockStore` or Rasa's `InMemoryLockStore` instead.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> LockStore:  # type: ignore[misc]
        url = settings.load().redis_url
        return AtomicRedisLockStore.from_url(url) if url else InMemoryLockStore()
