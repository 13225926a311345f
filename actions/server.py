"""The action server, answering only the Rasa server.

`python -m actions.server --port 5055` is rasa-sdk's own server with two
differences: it binds to `REFLECT_HOST` (default 127.0.0.1) instead of every
interface, and every call except the health check must carry the shared secret
that the Rasa server sends (`bot.keys`). A call without it gets 401 and no
data; a body that is not JSON is refused, so a web page cannot reach the
action server with a form post.

It runs without TensorFlow: nothing in the actions uses it, but spaCy's
`thinc` imports it whenever it is installed (Rasa installs it), which costs
about 450 MB and 15 seconds. Once listening, it loads the language resources
in the background (`bot.warmup`), so no person's turn pays for them.
"""
from __future__ import annotations

import argparse
import hmac
import logging
import sys
from typing import Optional, Sequence

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import keys, settings

logger = logging.getLogger(__name__)

OPEN_PATHS = {"/health"}


def secret_middleware(accepted: Sequence[str]):
    """A request middleware that refuses calls without the shared secret."""
    accepted_bytes = [secret.encode() for secret in accepted]

    async def require_secret(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        provided = (request.headers.get(keys.ACTION_SECRET_HEADER) or "").encode()
        if not any(hmac.compare_digest(provided, secret) for secret in accepted_bytes):
            return response.json({"error": "This server answers only Reflect's Rasa server."}, status=401)
        if request.method == "POST":
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if content_type != "application/json":
                return response.json({"error": "Send JSON with 'Content-Type: application/json'."}, status=415)
        return None

    return require_secret


def without_tensorflow() -> None:
    """Make `import tensorflow` fail in this process, so thinc skips it (call before the actions load)."""
    if "tensorflow" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]  # Python's marker for "not importable"


def build_app(warm: bool = False) -> Sanic:
    app = create_app("actions", cors_origins=None)
    app.register_middleware(secret_middleware(keys.accepted_action_secrets()), "request")
    if warm:
        from bot import warmup

        app.register_listener(lambda *_: warmup.warm_in_background(), "after_server_start")
    return app


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Reflect's action server (rasa-sdk), bound to loopback.")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--host", default=None, help="interface to bind (default: REFLECT_HOST or 127.0.0.1)")
    args = parser.parse_args(argv)
    utils.configure_colored_logging("INFO")
    utils.update_sanic_log_level()
    host = args.host or settings.load().host
    without_tensorflow()
    app = build_app(warm=True)
    logger.info(f"Action server listening on {host}:{args.port}")
    app.run(host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
