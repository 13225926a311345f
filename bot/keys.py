"""Keys derived from `REFLECT_SECRET_KEY`, one per purpose.

`REFLECT_SECRET_KEY` may hold several keys, comma-separated, newest first, so
that a key can be rotated: new material is signed with the newest key and
anything signed with an older one is still accepted. Each purpose (session
tokens, the action server's shared secret, ...) gets its own derived key, so a
value made for one purpose is never valid for another.
"""
from __future__ import annotations

import hashlib
import hmac

from bot import settings


def derive(purpose: str, key: str) -> bytes:
    """A 32-byte key for `purpose`, derived from one secret key."""
    return hmac.new(key.encode(), f"reflect/{purpose}/v1".encode(), hashlib.sha256).digest()


def derived_keys(purpose: str) -> list[bytes]:
    """The derived key for `purpose` from every configured key, newest first."""
    return [derive(purpose, key) for key in settings.load().secret_keys]


ACTION_SECRET_HEADER = "X-Reflect-Action-Secret"


def action_secret() -> str:
    """The shared secret the Rasa server sends to the action server (newest key)."""
    return derived_keys("action-server")[0].hex()


def accepted_action_secrets() -> list[str]:
    """Every secret the action server accepts: one per configured key."""
    return [key.hex() for key in derived_keys("action-server")]
