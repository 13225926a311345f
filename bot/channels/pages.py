"""The web widget's pages and a person's own data, on the Rasa server's port.

- `GET /` the chat page (Rasa's own "Hello from Rasa" is answered here first),
  `GET /progress` the progress page, `GET /help` the helplines for
  `REFLECT_LOCALE`, `GET /web/<file>` the widget's static files (`bot/web/`).
- `/me/...`: the person's own data, only with `Authorization: Bearer <session
  token>`, and only ever for the sender inside that token:
  `GET /me/history` (the transcript), `GET /me/state` (mode and step),
  `GET /me/progress` (charts' data), `GET /me/export?format=json|md`,
  `DELETE /me` and `POST /me/erase` (erase everything).

Pages are static files with a strict Content-Security-Policy: scripts and
styles only from this server, nothing inline, no framing, no referrer (the
owner's link carries the API token in its query string).
"""
from __future__ import annotations

import asyncio
import html
import json
import logging
import mimetypes
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Callable, Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import progress, safety, settings
from bot.channels import sessions

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
STATIC_PREFIX = "/web/"
PAGE_PATHS = {"/": "index.html", "/progress": "progress.html"}
HELP_PATH = "/help"
ME_PREFIX = "/me"
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}
DATA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".html": "text/html; charset=utf-8"}

# The chat page shows this many of the latest lines; the download has them all.
HISTORY_LINES = 1000
NO_SESSION = "Open the chat first: this needs your session (Authorization: Bearer <session token>)."
STORE_DOWN = "Your data can't be reached right now. Please try again in a minute."


def open_path(path: str) -> bool:
    """Paths the gate lets through without the API token: these pages check the session themselves."""
    return path in PAGE_PATHS or path == HELP_PATH or path.startswith(STATIC_PREFIX) or (
        path == ME_PREFIX or path.startswith(ME_PREFIX + "/")
    )


# --- pages --------------------------------------------------------------


@lru_cache(maxsize=32)
def _read(name: str) -> bytes:
    return (WEB_DIR / name).read_bytes()


def _page(name: str) -> HTTPResponse:
    return response.raw(_read(name), content_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


def help_page(locale: Optional[str] = None) -> str:
    """The helplines for `locale` (default: REFLECT_LOCALE) as a small HTML page, every line escaped."""
    code = safety.normalise_locale(locale) if locale else safety.locale_from_env()
    lines = [line.lstrip("- ").strip() for line in safety.helplines(code).splitlines() if line.strip()]
    items = "\n".join(f"      <li>{html.escape(line)}</li>" for line in lines)
    template = _read("help.html").decode("utf-8")
    return template.replace("{{helplines}}", items)


async def serve_pages(request: Request) -> Optional[HTTPResponse]:
    """Request middleware: the chat page at `/` (before Rasa's own `/` route)."""
    if request.method not in ("GET", "HEAD") or request.path not in PAGE_PATHS:
        return None
    return _page(PAGE_PATHS[request.path])


async def progress_page(request: Request) -> HTTPResponse:
    return _page("progress.html")


async def static_file(request: Request, name: str) -> HTTPResponse:
    path = WEB_DIR / name
    if not _STATIC_NAME.match(name) or ".." in name or not path.is_file():
        return response.json({"error": "No such file."}, status=404, headers=DATA_HEADERS)
    content_type = STATIC_TYPES.get(path.suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache",
               # The widget may be embedded in another site (REFLECT_ALLOWED_ORIGINS).
               "Cross-Origin-Resource-Policy": "cross-origin"}
    return response.raw(_read(name), content_type=content_type, headers=headers)


async def helplines(request: Request) -> HTTPResponse:
    return response.html(help_page(), headers=PAGE_HEADERS)


# --- the person's own data ------------------------------------------------


def _sender(request: Request) -> Optional[str]:
    header = request.headers.get("authorization") or ""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return sessions.sender_from(value.strip() or None)


def _refuse(status: int, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status, headers=DATA_HEADERS)


class PersonalData:
    """The `/me` routes, on one repository."""

    def __init__(self, repository_factory: Callable[[], Any]) -> None:
        self._factory = repository_factory
        self._repository: Any = None

    @property
    def repository(self) -> Any:
        if self._repository is None:
            self._repository = self._factory()
        return self._repository

    async def _call(self, method: str, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, partial(getattr(self.repository, method), *args))

    async def _guarded(self, request: Request, work: Callable[[str], Any]) -> HTTPResponse:
        sender = _sender(request)
        if sender is None:
            return _refuse(401, NO_SESSION)
        try:
            return await work(sender)
        except Exception as error:  # noqa: BLE001 - never a traceback (or a person's words) in a reply or log
            logger.error("A /me request failed: %s", type(error).__name__)
            return _refuse(503, STORE_DOWN)

    async def history(self, request: Request) -> HTTPResponse:
        async def work(sender: str) -> HTTPResponse:
            transcript = await self._call("transcript_for", sender)
            earlier = max(0, len(transcript) - HISTORY_LINES)
            transcript = transcript[earlier:]
            lines = [
                {"at": progress._iso(line.get("at")), "who": line.get("who"), "text": line.get("text"),
                 "mode": line.get("mode")}
                for line in transcript
            ]
            return response.json({"sender": sender, "transcript": lines, "earlier": earlier}, headers=DATA_HEADERS)

        return await self._guarded(request, work)

    async def state(self, request: Request) -> HTTPResponse:
        async def work(sender: str) -> HTTPResponse:
            mode, loop_name = None, None
            agent = getattr(request.app.ctx, "agent", None)
            store = getattr(agent, "tracker_store", None)
            if store is not None:
                tracker = await store.retrieve(sender)
                if tracker is not None:
                    mode = tracker.get_slot("mode")
                    loop_name = tracker.active_loop_name
            return response.json(
                {"mode": mode, "in_thought_record": loop_name == "thought_record_form"}, headers=DATA_HEADERS
            )

        return await self._guarded(request, work)

    async def progress(self, request: Request) -> HTTPResponse:
        async def work(sender: str) -> HTTPResponse:
            records = await self._call("thought_records_for", sender, None)
            practice = await self._call("practice_for", sender)
            entries = await self._call("journal_entries_for", sender)
            return response.json(progress.summary(records, practice, entries), headers=DATA_HEADERS)

        return await self._guarded(request, work)

    async def export(self, request: Request) -> HTTPResponse:
        fmt = request.args.get("format") or "json"
        if fmt not in ("json", "md"):
            return _refuse(400, "Ask for format=json or format=md.")

        async def work(sender: str) -> HTTPResponse:
            data = await self._call("export", sender)
            if fmt == "md":
                from bot.export import to_markdown

                body, content_type = to_markdown(data).encode("utf-8"), "text/markdown; charset=utf-8"
            else:
                body, content_type = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"), \
                    "application/json; charset=utf-8"
            headers = {**DATA_HEADERS, "Content-Disposition": f'attachment; filename="reflect-export.{fmt}"'}
            return response.raw(body, content_type=content_type, headers=headers)

        return await self._guarded(request, work)

    async def erase(self, request: Request) -> HTTPResponse:
        async def work(sender: str) -> HTTPResponse:
            result = await self._call("erase", sender)
            deleted = result.get("deleted", result) if isinstance(result, dict) else {}
            logger.info("A person erased their data.")
            return response.json({"erased": True, "deleted": deleted}, headers=DATA_HEADERS)

        return await self._guarded(request, work)


def _default_repository() -> Any:
    from bot.store.repository import Repository

    return Repository(settings.load().database_url)


def register(app: Sanic, repository_factory: Callable[[], Any] = _default_repository) -> None:
    """Add the pages and the `/me` routes to Rasa's server (called by the gate)."""
    data = PersonalData(repository_factory)
    app.register_middleware(serve_pages, "request")
    # Routing comes before middleware in Sanic: "/" is Rasa's route (answered by
    # `serve_pages`), "/progress" needs one of its own.
    app.add_route(progress_page, "/progress", methods=["GET"], name="reflect_progress_page")
    app.add_route(static_file, STATIC_PREFIX + "<name>", methods=["GET"], name="reflect_static")
    app.add_route(helplines, HELP_PATH, methods=["GET"], name="reflect_help")
    app.add_route(data.history, "/me/history", methods=["GET"], name="reflect_me_history")
    app.add_route(data.state, "/me/state", methods=["GET"], name="reflect_me_state")
    app.add_route(data.progress, "/me/progress", methods=["GET"], name="reflect_me_progress")
    app.add_route(data.export, "/me/export", methods=["GET"], name="reflect_me_export")
    app.add_route(data.erase, "/me", methods=["DELETE"], name="reflect_me_delete")
    app.add_route(data.erase, "/me/erase", methods=["POST"], name="reflect_me_erase")
