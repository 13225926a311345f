"""The lock store: Rasa's `RedisLockStore` when `REFLECT_REDIS_URL` is set.

Several `rasa run` servers sharing one database must also share conversation
locks, or two of them could answer the same person at once. One server alone
needs no Redis and uses Rasa's in-memory lock store.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from bot import settings


def redis_lock_store(url: str) -> RedisLockStore:
    """A `RedisLockStore` for a `redis://[user:password@]host[:port][/db]` URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError("REFLECT_REDIS_URL must start with redis:// or rediss://")
    db = int(parts.path.strip("/") or 1)
    return RedisLockStore(
        host=parts.hostname or "localhost",
        port=parts.port or 6379,
        db=db,
        username=parts.username,
        password=parts.password,
        use_ssl=parts.scheme == "rediss",
        key_prefix="reflect",
    )


class ReflectLockStore:
    """Builds the lock store the settings ask for (used from `endpoints.yml`).

    Rasa instantiates custom lock stores by class path; constructing this class
    returns a ready `RedisLockStore` or `InMemoryLockStore` instead.
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> LockStore:  # type: ignore[misc]
        url = settings.load().redis_url
        return redis_lock_store(url) if url else InMemoryLockStore()
