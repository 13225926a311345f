"""Rate limits for the chat routes: generous for a person, a wall for a script.

A token bucket per key (a session, an address): `burst` requests at once, then
`per_minute` a minute. Buckets live in memory in each server process, which is
enough to stop one client from flooding one server; the map is pruned so that
many keys cannot grow it without bound.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Optional

MAX_KEYS = 50_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def allow(self, key: str) -> bool:
        """Take one token for `key`; False when it has none left."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= MAX_KEYS:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True

    def retry_after(self, key: str) -> int:
        """Seconds until `key` may send again (at least 1)."""
        bucket: Optional[_Bucket] = self._buckets.get(key)
        if bucket is None or self.rate <= 0:
            return 1
        return max(1, int((1.0 - bucket.tokens) / self.rate) + 1)

    def _prune(self, now: float) -> None:
        """Drop full buckets (idle keys); if none are idle, drop the oldest half."""
        full_after = self.burst / self.rate if self.rate > 0 else float("inf")
        idle = [key for key, b in self._buckets.items() if now - b.updated >= full_after]
        for key in idle:
            del self._buckets[key]
        if len(self._buckets) >= MAX_KEYS:
            oldest = sorted(self._buckets, key=lambda k: self._buckets[k].updated)
            for key in oldest[: len(oldest) // 2]:
                del self._buckets[key]


class Limits:
    """The limits of one server: messages per session, per address, and new sessions per address."""

    def __init__(self) -> None:
        self.per_session = RateLimiter(per_minute=40, burst=20)
        self.per_address = RateLimiter(per_minute=240, burst=60)
        self.new_sessions = RateLimiter(per_minute=10, burst=10)
