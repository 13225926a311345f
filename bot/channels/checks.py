"""Checks on what a client sends, made before Rasa sees a request.

Pure functions, no web framework: each returns either the cleaned value or a
`Refusal` with the HTTP status and one line a person (or a developer) can act
on. Nothing here logs what was sent.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Optional, Union

MAX_SENDER_CHARS = 128
# Line breaks and tabs are part of what people write; other control characters are not.
KEPT_CONTROLS = {"\n", "\r", "\t"}


@dataclass(frozen=True)
class Refusal:
    status: int
    reason: str


@dataclass(frozen=True)
class Message:
    """A chat message that passed the checks, ready for Rasa's REST channel."""

    sender: Optional[str]
    text: str
    metadata: Optional[dict] = None
    extra: dict = field(default_factory=dict)

    def as_body(self) -> dict:
        body: dict[str, Any] = {"sender": self.sender, "message": self.text}
        if self.metadata is not None:
            body["metadata"] = self.metadata
        return body


def _has_lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def check_sender(value: Any) -> Union[str, Refusal]:
    """A sender id that every tracker store can keep, or why not."""
    if value is None or value == "":
        return Refusal(400, "The sender is missing: send a non-empty \"sender\" string.")
    if not isinstance(value, str):
        return Refusal(400, "The sender must be a string.")
    if not value.strip():
        return Refusal(400, "The sender is empty: send a non-empty \"sender\" string.")
    if len(value) > MAX_SENDER_CHARS:
        return Refusal(400, f"The sender is longer than {MAX_SENDER_CHARS} characters.")
    if _has_lone_surrogate(value):
        return Refusal(400, "The sender contains an invalid character (a lone surrogate).")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value):
        return Refusal(400, "The sender contains a control character.")
    return value


def clean_text(text: str) -> str:
    """The message as Rasa should see it: no NUL or other control characters,
    lone surrogates replaced, so that every store can keep it."""
    if _has_lone_surrogate(text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return "".join(
        ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) != "Cc"
    )


def parse_json(body: bytes) -> Union[Any, Refusal]:
    """The JSON value of a request body, or a refusal saying what is wrong with it."""
    if not body or not body.strip():
        return Refusal(400, "The request body is empty: send a JSON object.")
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return Refusal(400, "The request body is not UTF-8 text.")
    except (ValueError, RecursionError):
        return Refusal(400, "The request body is not valid JSON.")


def check_message(body: Any, max_chars: int, sender_required: bool = True) -> Union[Message, Refusal]:
    """Check a parsed REST-channel body: `{"sender": ..., "message": ..., "metadata": {...}}`.

    When `sender_required` is false (a session token names the sender), any
    sender in the body is ignored.
    """
    if not isinstance(body, dict):
        return Refusal(400, 'The body must be a JSON object like {"sender": "...", "message": "..."}.')
    sender: Optional[str] = None
    if sender_required:
        checked = check_sender(body.get("sender"))
        if isinstance(checked, Refusal):
            return checked
        sender = checked
    text = body.get("message")
    if text is None:
        return Refusal(400, 'The message is missing: send a "message" string.')
    if not isinstance(text, str):
        return Refusal(400, "The message must be a string.")
    if len(text) > max_chars:
        return Refusal(
            413,
            f"That message is {len(text):,} characters long, more than the {max_chars:,} I can take "
            "in one go. Nothing of it was saved. Could you send it in shorter parts?",
        )
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return Refusal(400, "The metadata must be a JSON object.")
    return Message(sender=sender, text=clean_text(text), metadata=metadata)


def is_blank(text: str) -> bool:
    """True for a message with no visible content (empty, spaces, only invisible characters)."""
    return not "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"))
