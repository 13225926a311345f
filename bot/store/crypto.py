"""Encryption at rest: every free text goes through `seal` on its way in and
`unseal` on its way out.

The keys are `REFLECT_SECRET_KEY` (comma-separated, newest first) or the key
file generated once into the data directory (mode 0600). Each secret is turned
into a Fernet key with HKDF, so any string works as a secret and the key used
for storage is never the one used to sign session tokens. `MultiFernet`
encrypts with the newest key and decrypts with any of them: a key can be
added in front, and `reflect rotate-key` then moves every stored value to it.

A value no configured key can decrypt raises `UndecryptableData`: a lost or
wrong key must be a loud error, never an empty conversation.
"""
from __future__ import annotations

import base64
import os
import threading
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot import settings

__all__ = ["UndecryptableData", "seal", "unseal", "reseal", "is_sealed_with_newest", "fernet_key", "keyring"]

_HKDF_SALT = b"reflect"
_HKDF_INFO = b"reflect/storage/v1"


class UndecryptableData(RuntimeError):
    """A stored value that none of the configured keys can decrypt."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Stored data cannot be decrypted with the configured key(s). "
            "REFLECT_SECRET_KEY (or the secret.key file in the data folder) is not the key "
            "this data was written with; put the old key back (it may follow the new one, "
            "comma-separated) and run `reflect rotate-key`." + (f" ({detail})" if detail else "")
        )


def fernet_key(secret: str) -> bytes:
    """The Fernet key derived from one secret (any string)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(
        secret.encode("utf-8")
    )
    return base64.urlsafe_b64encode(derived)


_cache_lock = threading.Lock()
_cache: tuple[Optional[tuple], Optional[MultiFernet]] = (None, None)


def _source() -> tuple:
    """What the keys currently come from; changes whenever the keys may have."""
    value = os.environ.get("REFLECT_SECRET_KEY")
    if value:
        return ("env", value)
    path = settings.data_dir_path() / "secret.key"
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ("file", str(path), None)
    return ("file", str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def keyring() -> MultiFernet:
    """The MultiFernet for the configured keys (rebuilt when they change)."""
    global _cache
    source = _source()
    with _cache_lock:
        cached_source, cached = _cache
        if cached is not None and cached_source == source and source[-1] is not None:
            return cached
        keys = settings.load().secret_keys  # generates the key file on first use
        ring = MultiFernet([Fernet(fernet_key(key)) for key in keys])
        _cache = (_source(), ring)
        return ring


def seal(plain: str) -> str:
    """`plain` encrypted with the newest key (a Fernet token, ASCII)."""
    return keyring().encrypt(plain.encode("utf-8")).decode("ascii")


def unseal(stored: str) -> str:
    """The plain text of a value written by `seal` (any configured key)."""
    try:
        return keyring().decrypt(stored.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError, ValueError) as error:
        raise UndecryptableData(type(error).__name__) from None


def try_unseal(stored: str) -> Optional[str]:
    """The plain text, or None when `stored` is not a token for these keys."""
    try:
        return unseal(stored)
    except UndecryptableData:
        return None


def reseal(stored: str) -> str:
    """`stored` re-encrypted under the newest key (`reflect rotate-key`)."""
    try:
        return keyring().rotate(stored.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError, ValueError) as error:
        raise UndecryptableData(type(error).__name__) from None


def is_sealed_with_newest(stored: str) -> bool:
    """True when the newest key alone decrypts `stored`."""
    newest = Fernet(fernet_key(settings.load().secret_keys[0]))
    try:
        newest.decrypt(stored.encode("ascii"))
        return True
    except (InvalidToken, UnicodeEncodeError, ValueError):
        return False
