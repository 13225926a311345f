"""`reflect chat`: the same bot in the terminal, over the REST channel.

The terminal is one more private session: the first `reflect chat` asks the
server for a session (as the owner, with the API token) and keeps it in the
data folder (`chat-session.json`, mode 0600), so the next `reflect chat`
continues the same conversation.
"""
from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Optional

from bot import settings
from bot.channels import sessions
from bot.runtime.servers import Servers, StartupError, answers, connect_host

EXIT_WORDS = {"/quit", "/exit", "quit", "exit"}
SESSION_FILE = "chat-session.json"


def _post(url: str, body: Optional[dict], headers: Optional[dict] = None, timeout: float = 60.0) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body or {}).encode(), method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return json.loads(reply.read().decode() or "null")
    except urllib.error.HTTPError as error:
        # 413 and 429 carry a message for the chat; other refusals say why in "error".
        payload = json.loads(error.read().decode() or "null")
        if isinstance(payload, list):
            return payload
        raise


def terminal_session(base_url: str, data_dir: Path) -> str:
    """The terminal's session token: the one kept in the data folder, or a new one."""
    path = data_dir / SESSION_FILE
    if path.exists():
        token = json.loads(path.read_text()).get("token")
        if sessions.sender_from(token):
            return token
    token = settings.load().api_token
    created = _post(f"{base_url}/session?token={token}", None)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"sender": created["sender"], "token": created["token"]}, handle)
    return created["token"]


def send(base_url: str, session_token: str, message: str, timeout: float = 60.0) -> list[dict[str, Any]]:
    """POST one message to the REST channel as the session's person; return the replies."""
    replies = _post(
        f"{base_url}/webhooks/rest/webhook", {"message": message},
        headers={"Authorization": f"Bearer {session_token}"}, timeout=timeout,
    )
    return replies or []


def render(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Print replies; return the buttons of the last one (numbered for typing)."""
    buttons: list[dict[str, Any]] = []
    for reply in replies:
        if reply.get("text"):
            print(f"Reflect: {reply['text'].replace('**', '')}\n")
        buttons = reply.get("buttons") or buttons
    for number, button in enumerate(buttons, start=1):
        print(f"  [{number}] {button.get('title')}")
    if buttons:
        print()
    return buttons


def chat(port: int = 5005, actions_port: int = 5055) -> int:
    base_url = f"http://{connect_host(settings.load().host)}:{port}"
    with ExitStack() as stack:
        if not answers(f"{base_url}/version"):
            print("Starting Reflect (about a minute) ...", flush=True)
            try:
                stack.enter_context(Servers(port, actions_port))
            except StartupError as error:
                print(str(error), file=sys.stderr)
                return 1
        print("Type a message and press Enter. A number picks a button. Ctrl-D or /quit ends.\n")
        session_token = terminal_session(base_url, settings.load().data_dir)
        buttons = render(send(base_url, session_token, "/greet"))
        while True:
            try:
                text = input("You: ").strip()
            except (EOFError, KeyboardInterrupt):
                print()
                return 0
            if text.lower() in EXIT_WORDS:
                return 0
            if text.isdigit() and 1 <= int(text) <= len(buttons):
                text = buttons[int(text) - 1]["payload"]
            if not text:
                continue
            try:
                buttons = render(send(base_url, session_token, text))
            except (urllib.error.URLError, OSError) as error:
                print(f"(Reflect did not answer: {error}. Is the server still running?)\n")
    return 0
