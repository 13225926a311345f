"""Reflect's own input channel.

For now it does one job: it puts token auth in front of Rasa's HTTP API on
every way the server is started, including a plain
`rasa run --enable-api --credentials credentials.yml`, which on its own would
leave the API open. The token is `REFLECT_API_TOKEN` (or the one generated into
the data directory) and is passed as `?token=`, as Rasa's own clients do.
The chat webhooks stay open: they are how people talk to the bot.
"""
from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings

logger = logging.getLogger(__name__)

OPEN_PATHS = ("/", "/version")
OPEN_PREFIXES = ("/webhooks/",)


def is_open(path: str) -> bool:
    """Paths anyone may call without the API token."""
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def token_middleware(token: str) -> Callable[[Request], Awaitable[Optional[HTTPResponse]]]:
    """A Sanic request middleware that rejects API calls without `?token=`."""

    async def require_token(request: Request) -> Optional[HTTPResponse]:
        if is_open(request.path):
            return None
        provided = request.args.get("token") or ""
        if hmac.compare_digest(provided.encode(), token.encode()):
            return None
        return response.json(
            {
                "status": "failure",
                "reason": "NotAuthenticated",
                "message": "Add ?token=<REFLECT_API_TOKEN> to call Reflect's HTTP API.",
            },
            status=401,
        )

    return require_token


class ReflectWebInput(InputChannel):
    """Guards Rasa's HTTP API with the project's token."""

    @classmethod
    def name(cls) -> Text:
        return "reflect"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "ReflectWebInput":
        return cls()

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        _guard_app(settings.load().api_token)
        return Blueprint("reflect_webhook", __name__)


def _guard_app(token: str) -> None:
    try:
        app = Sanic.get_app("rasa_server")
    except Exception:  # the API is off (no `--enable-api`): nothing to guard
        return
    app.register_middleware(token_middleware(token), "request")
    logger.info("Rasa's HTTP API requires REFLECT_API_TOKEN.")
