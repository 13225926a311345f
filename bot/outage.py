"""What the Rasa server answers while the database cannot be read or written.

Every message then gets the same clear reply ("I can't save right now, so I
didn't take in your last message...") and HTTP 503, from the first message of
an outage to the last, whoever sends it. Crisis language still gets the
crisis reply first: it needs no storage. Nothing is processed against a blank
conversation, so nothing stored is lost, reordered or rewound, and once the
database is back the conversation continues where it was.

Two checks, both installed on the Rasa server by the tracker store:

- before a chat message or an HTTP API call, the database is pinged; if it
  does not answer, the request is answered here and Rasa never sees it;
- if the database fails during the request anyway, the tracker store marks
  the request (`note_failure`) and the response is replaced on the way out.

Logs say that storage is unavailable and why, never who wrote or what.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import re
from dataclasses import dataclass
from typing import Any, Optional

logger = logging.getLogger(__name__)

CRISIS_RESPONSE = "utter_crisis_support"
CHECK_IN_RESPONSE = "utter_crisis_checkin"
# Sent by the server, not by the dialogue (which cannot run without storage), so
# it is not a domain response: `rasa data validate` rejects responses no story uses.
STORE_DOWN = "I can't save right now, so I didn't take in your last message. Please try again in a minute."
GUARDED_PREFIXES = ("/webhooks/", "/conversations/")


@dataclass
class _RequestState:
    failed: bool = False


_request: contextvars.ContextVar[Optional[_RequestState]] = contextvars.ContextVar(
    "reflect_storage_request", default=None
)


def begin_request() -> None:
    """Start tracking storage failures for the request being handled."""
    _request.set(_RequestState())


def note_failure() -> bool:
    """The database failed during the current request; False outside a request (nobody to tell)."""
    state = _request.get()
    if state is None:
        return False
    state.failed = True
    return True


def failed_in_this_request() -> bool:
    state = _request.get()
    return bool(state and state.failed)


# --- the reply -------------------------------------------------------------------


def _response_text(domain: Any, name: str) -> Optional[str]:
    responses = getattr(domain, "responses", None) or {}
    for variant in responses.get(name) or []:
        if variant.get("text"):
            return variant["text"]
    return None


def reply_texts(message: Optional[str], domain: Any = None) -> list[str]:
    """The texts to send instead of a normal reply while storage is down.

    Crisis language gets the crisis reply (helplines for `REFLECT_LOCALE`)
    before the storage notice; a tier-2 check-in gets the check-in.
    """
    texts: list[str] = []
    if message:
        from bot import safety
        from bot.nlp import crisis

        assess = getattr(crisis, "assess", None)  # the two-tier contract; `is_crisis` before it
        level = assess(message).level if assess else ("crisis" if crisis.is_crisis(message) else "none")
        name = {"crisis": CRISIS_RESPONSE, "check_in": CHECK_IN_RESPONSE}.get(level)
        text = _response_text(domain, name) if name else None
        if text:
            helplines = safety.helplines(safety.locale_from_env())
            texts.append(re.sub(r"\{crisis_helplines\}", lambda _m: helplines, text))
    texts.append(STORE_DOWN)
    return texts


# --- the Sanic side ------------------------------------------------------------------


def _guarded(path: str) -> bool:
    return path.startswith(GUARDED_PREFIXES)


def _body(request: Any) -> dict:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - not JSON: the channel itself will say so
        return {}
    return body if isinstance(body, dict) else {}


class _Guard:
    def __init__(self, store: Any) -> None:
        self.store = store
        self.down = False

    def _mark(self, down: bool, why: str = "") -> None:
        if down and not self.down:
            logger.warning("Storage is unavailable; answering chat messages with 503 until it is back (%s).", why)
        elif not down and self.down:
            logger.warning("Storage is available again.")
        self.down = down

    def response(self, request: Any) -> Any:
        from sanic import response

        if request.path.startswith("/webhooks/"):
            body = _body(request)
            message = body.get("message") if isinstance(body.get("message"), str) else body.get("text")
            sender = body.get("sender") if isinstance(body.get("sender"), str) else None
            texts = reply_texts(message if isinstance(message, str) else None, getattr(self.store, "domain", None))
            return response.json([{"recipient_id": sender, "text": text} for text in texts], status=503)
        return response.json(
            {
                "version": None,
                "status": "failure",
                "message": "Storage is unavailable right now; nothing was read or changed. Try again in a minute.",
                "reason": "StorageUnavailable",
                "code": 503,
            },
            status=503,
        )

    async def before(self, request: Any) -> Any:
        begin_request()
        if not _guarded(request.path) or request.method == "OPTIONS":
            return None
        from bot.store.db import StoreUnavailable, ping

        try:
            await asyncio.get_running_loop().run_in_executor(None, ping, self.store.database_url)
        except StoreUnavailable as error:
            self._mark(True, str(error))
            return self.response(request)
        self._mark(False)
        return None

    async def after(self, request: Any, response: Any) -> Any:
        if failed_in_this_request() and _guarded(request.path) and getattr(response, "status", 200) < 500:
            self._mark(True, "a read or write failed during a request")
            return self.response(request)
        return None


def install_on_rasa_server(store: Any) -> bool:
    """Put the guard in front of the running Rasa server's routes (once); False if there is none."""
    try:
        from sanic import Sanic

        app = Sanic.get_app("rasa_server")
    except Exception:  # noqa: BLE001 - no server (rasa shell, tests, scripts): nothing to guard
        return False
    if getattr(app.ctx, "reflect_storage_guard", None) is not None:
        app.ctx.reflect_storage_guard.store = store
        return True
    guard = _Guard(store)
    app.ctx.reflect_storage_guard = guard
    app.register_middleware(guard.before, "request")
    app.register_middleware(guard.after, "response")
    return True
