"""Session tokens: a person's key to their own conversation.

A session is a random sender id and a token that proves it was issued by this
server: `v1.<sender>.<signature>`, where the signature is an HMAC of the sender
under a key derived from `REFLECT_SECRET_KEY`. The server reads the sender from
the token and never from the request body, so holding a token gives access to
that one conversation and to no other. Tokens signed with an older key (after
a rotation) stay valid while that key is still listed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Optional

from bot import keys

PURPOSE = "session"
VERSION = "v1"
SENDER_PREFIX = "s-"


@dataclass(frozen=True)
class Session:
    sender: str
    token: str


def _signature(sender: str, key: bytes) -> str:
    digest = hmac.new(key, sender.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_session() -> Session:
    """A fresh, unguessable sender id and its signed token."""
    sender = SENDER_PREFIX + secrets.token_urlsafe(18)
    return Session(sender, token_for(sender))


def token_for(sender: str) -> str:
    """The token for `sender`, signed with the newest key."""
    return f"{VERSION}.{sender}.{_signature(sender, keys.derived_keys(PURPOSE)[0])}"


def sender_from(token: Optional[str]) -> Optional[str]:
    """The sender a token was issued for, or None when it is not a valid token."""
    if not token or len(token) > 256:
        return None
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != VERSION or not parts[1].startswith(SENDER_PREFIX):
        return None
    sender, signature = parts[1], parts[2]
    for key in keys.derived_keys(PURPOSE):
        if hmac.compare_digest(signature.encode(), _signature(sender, key).encode()):
            return sender
    return None
