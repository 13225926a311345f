"""Reflect's own input channel: the gate in front of the Rasa server.

Listed in `credentials.yml`, so it is in place on every way the server is
started, a plain `rasa run --enable-api --credentials credentials.yml` too. It
adds to Rasa's server:

- `POST /session`: a new private session (a random sender id and its signed
  token) for the owner (`?token=<REFLECT_API_TOKEN>`), or for any visitor when
  `REFLECT_OPEN_SIGNUP=1`.
- A request middleware that checks every request before Rasa sees it: the
  Origin, the API token or session token, the shape of a chat message, and the
  rate limits. On the REST webhook the sender comes from the session token,
  never from the body; tools that hold the API token name the sender.
- A response middleware that turns an empty reply (an action failed, usually
  because the action server is restarting) into a short "please send that
  again", so nobody is met with silence.
- The shared secret on calls to the action server (see `bot.keys`).
"""
from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Optional, Text
from urllib.parse import unquote, urlsplit

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import keys, settings
from bot.channels import checks, pages, sessions, speedups
from bot.channels.limits import Limits

logger = logging.getLogger(__name__)

REST_WEBHOOK = "/webhooks/rest/webhook"
SESSION_PATH = "/session"
# Anyone may call these: health checks and (with the web widget) the chat page.
OPEN_PATHS = {"/", "/version", "/webhooks/rest/", "/webhooks/rest"}
CONVERSATION_PREFIX = "/conversations/"

BLANK_REPLY = "I didn't catch any words there. Whenever you're ready, type what's on your mind."
RESTARTING_REPLY = (
    "One moment, please: part of me is restarting and I couldn't finish answering that. "
    "Please send it again in a few seconds."
)
FAILED_REPLY = "Sorry, something went wrong on my side and I couldn't answer that. Please send it again."


def _error(status: int, reason: str, headers: Optional[dict] = None) -> HTTPResponse:
    return response.json({"error": reason}, status=status, headers=headers)


def _chat_reply(sender: Optional[str], text: str, status: int = 200) -> HTTPResponse:
    """A reply in the REST channel's own shape, so a chat window shows it."""
    return response.json([{"recipient_id": sender or "", "text": text}], status=status)


def _bearer(request: Request) -> Optional[str]:
    header = request.headers.get("authorization") or ""
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


LOOPBACK = {"127.0.0.1", "::1"}


def _address(request: Request) -> str:
    """The client's address; behind a proxy on this machine (nginx), the one it forwards."""
    peer = request.ip or "unknown"
    forwarded = request.headers.get("x-forwarded-for")
    if peer in LOOPBACK and forwarded:
        return forwarded.split(",")[-1].strip() or peer
    return peer


class Gate:
    """Everything checked before Rasa sees a request, for one server."""

    def __init__(self, config: settings.Settings) -> None:
        self.api_token = config.api_token
        self.allowed_origins = set(config.allowed_origins)
        self.open_signup = config.open_signup
        self.max_message_chars = config.max_message_chars
        self.limits = Limits()

    # --- who is asking -------------------------------------------------
    def has_api_token(self, request: Request) -> bool:
        provided = request.args.get("token") or ""
        return bool(provided) and hmac.compare_digest(provided.encode(), self.api_token.encode())

    def origin_allowed(self, request: Request) -> bool:
        """No Origin (not a browser), the server's own origin, or one of REFLECT_ALLOWED_ORIGINS."""
        origin = request.headers.get("origin")
        if origin is None:
            return True
        origin = origin.rstrip("/")
        if origin in self.allowed_origins:
            return True
        own_host = (request.headers.get("host") or "").lower()
        return bool(own_host) and urlsplit(origin).netloc.lower() == own_host

    # --- the middleware ------------------------------------------------
    async def on_request(self, request: Request) -> Optional[HTTPResponse]:
        if not self.origin_allowed(request):
            return _error(403, "This origin may not call Reflect. Add it to REFLECT_ALLOWED_ORIGINS to allow it.")
        path = request.path
        if request.method == "OPTIONS" or path in OPEN_PATHS or path == SESSION_PATH:
            return None
        if pages.open_path(path):  # the widget's pages; `/me` checks the session itself
            return None
        if path == REST_WEBHOOK:
            return self._check_chat(request)
        if not self.has_api_token(request):
            return _error(401, "Add ?token=<REFLECT_API_TOKEN> to call Reflect's HTTP API.")
        if path.startswith(CONVERSATION_PREFIX):
            try:
                conversation_id = unquote(path[len(CONVERSATION_PREFIX):].split("/", 1)[0], errors="strict")
            except UnicodeDecodeError:
                return _error(400, "The conversation id is not valid UTF-8.")
            checked = checks.check_sender(conversation_id)
            if isinstance(checked, checks.Refusal):
                return _error(checked.status, checked.reason.replace("sender", "conversation id"))
        return None

    def _check_chat(self, request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST":
            return None
        session_sender = sessions.sender_from(_bearer(request))
        is_tool = session_sender is None and self.has_api_token(request)
        if session_sender is None and not is_tool:
            return _error(
                401,
                "Start a session first (POST /session) and send its token as 'Authorization: Bearer <token>', "
                "or add ?token=<REFLECT_API_TOKEN>.",
            )
        if not is_tool:
            for limiter, key in (
                (self.limits.per_session, session_sender),
                (self.limits.per_address, _address(request)),
            ):
                if not limiter.allow(key):
                    wait = limiter.retry_after(key)
                    return response.json(
                        [{"recipient_id": session_sender, "text": f"You're sending messages faster than I can "
                          f"take them in. Please wait {wait} seconds and send that again."}],
                        status=429, headers={"Retry-After": str(wait)},
                    )
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return _error(415, "Send the message as JSON with 'Content-Type: application/json'.")
        body = checks.parse_json(request.body)
        if isinstance(body, checks.Refusal):
            return _error(body.status, body.reason)
        message = checks.check_message(body, self.max_message_chars, sender_required=is_tool)
        if isinstance(message, checks.Refusal):
            sender = session_sender or (body.get("sender") if isinstance(body, dict) else None)
            if message.status == 413:
                return _chat_reply(sender if isinstance(sender, str) else None, message.reason, status=413)
            return _error(message.status, message.reason)
        sender = session_sender or message.sender
        if checks.is_blank(message.text):
            return _chat_reply(sender, BLANK_REPLY)
        request.parsed_json = {**message.as_body(), "sender": sender}
        return None

    async def on_response(self, request: Request, reply: HTTPResponse) -> Optional[HTTPResponse]:
        if request.path != REST_WEBHOOK or request.method != "POST" or reply.status != 200:
            return None
        if getattr(reply, "body", None) != b"[]":
            return None
        sender = (request.parsed_json or {}).get("sender") if isinstance(request.parsed_json, dict) else None
        healthy = await _action_server_answers(request.app)
        return _chat_reply(sender, FAILED_REPLY if healthy else RESTARTING_REPLY)

    # --- sessions ------------------------------------------------------
    async def new_session(self, request: Request) -> HTTPResponse:
        if not (self.open_signup or self.has_api_token(request)):
            return _error(
                401,
                "Open the chat with the link Reflect printed when it started (it carries the owner's token).",
            )
        if not self.has_api_token(request) and not self.limits.new_sessions.allow(_address(request)):
            return _error(429, "Too many new sessions from this address. Please wait a minute.",
                          headers={"Retry-After": "60"})
        session = sessions.new_session()
        return response.json({"sender": session.sender, "token": session.token}, status=201)


async def _action_server_answers(app: Sanic) -> bool:
    """True when the action server's health check answers within a second."""
    endpoint = getattr(getattr(getattr(app.ctx, "agent", None), "action_endpoint", None), "url", None)
    if not endpoint:
        return True
    health = endpoint.rsplit("/", 1)[0] + "/health"
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=1.0)) as client:
            async with client.get(health) as reply:
                return reply.status == 200
    except (aiohttp.ClientError, OSError, TimeoutError):
        return False
    except Exception:  # noqa: BLE001 - a failed probe only changes the wording
        return False


async def _send_action_secret(app: Sanic, loop: Any = None) -> None:
    """Calls to the action server carry the shared secret (every way of starting the server)."""
    endpoint = getattr(getattr(app.ctx, "agent", None), "action_endpoint", None)
    if endpoint is not None:
        endpoint.headers[keys.ACTION_SECRET_HEADER] = keys.action_secret()


class ReflectWebInput(InputChannel):
    """Puts the gate in front of Rasa's server; adds `POST /session`."""

    @classmethod
    def name(cls) -> Text:
        return "reflect"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "ReflectWebInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        _guard_app()
        return Blueprint("reflect_webhook", __name__)


def _guard_app() -> None:
    try:
        app = Sanic.get_app("rasa_server")
    except Exception:  # noqa: BLE001 - not inside Rasa's server (e.g. `rasa shell`'s own app)
        return
    speedups.install()
    config = settings.load()
    gate = Gate(config)
    # Bodies far beyond any message are cut off unread; up to this size a too-long
    # message is read and answered with a clear 413 in the chat. (Escaped JSON
    # takes up to 6 bytes a character.)
    app.config.REQUEST_MAX_SIZE = max(8_000_000, config.max_message_chars * 6 + 65_536)
    app.register_middleware(gate.on_request, "request")
    app.register_middleware(gate.on_response, "response")
    app.add_route(gate.new_session, SESSION_PATH, methods=["POST"], name="reflect_new_session")
    pages.register(app)
    app.register_listener(_send_action_secret, "after_server_start")
    logger.info("Reflect's gate is in front of the server.")
