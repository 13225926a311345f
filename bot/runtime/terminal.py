"""`reflect chat`: the same bot in the terminal, over the REST channel."""
from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from contextlib import ExitStack
from typing import Any

from bot.runtime.servers import Servers, StartupError, answers

EXIT_WORDS = {"/quit", "/exit", "quit", "exit"}


def send(base_url: str, sender: str, message: str, timeout: float = 60.0) -> list[dict[str, Any]]:
    """POST one message to the REST channel and return the bot's replies."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.loads(reply.read().decode() or "[]")


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


def chat(sender: str, port: int = 5005, actions_port: int = 5055) -> int:
    base_url = f"http://localhost:{port}"
    with ExitStack() as stack:
        if not answers(f"{base_url}/version"):
            print("Starting Reflect (about a minute) ...", flush=True)
            try:
                stack.enter_context(Servers(port, actions_port))
            except StartupError as error:
                print(str(error), file=sys.stderr)
                return 1
        print("Type a message and press Enter. A number picks a button. Ctrl-D or /quit ends.\n")
        buttons = render(send(base_url, sender, "/greet"))
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
                buttons = render(send(base_url, sender, text))
            except (urllib.error.URLError, OSError) as error:
                print(f"(Reflect did not answer: {error}. Is the server still running?)\n")
    return 0
