"""Two Reflect servers behind nginx, sharing the machine's PostgreSQL and Redis.

Many people talk at once; each person's consecutive messages land on different
servers, and some people send two messages at the same moment. Afterwards every
conversation's event log must be complete and in order: each message stored
exactly once, each followed by its own answer before the next message begins.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import free_port, service_unavailable

pytestmark = [pytest.mark.services, pytest.mark.slow]

TOKEN = "scale-token"


def _post(url: str, sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook?token={TOKEN}", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        return json.loads(reply.read().decode() or "[]")


def _events(url: str, sender: str) -> list[dict]:
    with urllib.request.urlopen(f"{url}/conversations/{sender}/tracker?token={TOKEN}", timeout=60) as reply:
        return json.loads(reply.read().decode())["events"]


@pytest.fixture
def redis_db_url():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as error:
        service_unavailable(f"Redis at 127.0.0.1:6379 is not reachable ({error})")
    return "redis://127.0.0.1:6379/6"


@pytest.fixture
def nginx_binary() -> str:
    from bot.runtime import nginx

    if not os.path.exists(nginx.BINARY):
        service_unavailable("nginx is not installed (Debian package nginx-light)")
    return nginx.BINARY


def test_two_servers_behind_nginx_keep_every_conversation_whole_and_in_order(
    trained_model, postgres_url, redis_db_url, nginx_binary, tmp_path, monkeypatch
):
    from bot.runtime.nginx import Balancer
    from bot.runtime.servers import Servers
    from bot.store import admin

    monkeypatch.setenv("REFLECT_DATABASE_URL", postgres_url)
    monkeypatch.setenv("REFLECT_REDIS_URL", redis_db_url)
    monkeypatch.setenv("REFLECT_API_TOKEN", TOKEN)
    monkeypatch.setenv("REFLECT_SECRET_KEY", "scale-out-shared-key")
    servers = []
    balancer = None
    try:
        for name in ("one", "two"):
            monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path / name))
            admin.prepare()
            bot = Servers(port=free_port(), actions_port=free_port())
            servers.append(bot)
            bot.actions.start()  # both start before waiting for either: they load in parallel
            bot.rasa.start()
        for bot in servers:
            bot._wait_until_ready()

        balancer = Balancer(tmp_path / "nginx", [bot.port for bot in servers], free_port(), nginx_binary)
        balancer.start()
        balanced = balancer.url
        direct = [bot.base_url for bot in servers]

        script = ["/greet", "/choose_explore", "My brother never calls me back and I feel forgotten.",
                  "It reminds me of being the youngest at home.", "thanks"]
        people = [f"scale-{uuid.uuid4().hex[:8]}" for _ in range(8)]

        def talk(index: int, sender: str) -> None:
            for turn, text in enumerate(script):
                # consecutive messages go to different servers (directly, or round-robin via nginx)
                url = balanced if index % 2 else direct[(index + turn) % 2]
                _post(url, sender, text)

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(talk, range(len(people)), people))

        # Two messages of one conversation at the same moment, one to each server.
        racers = [f"race-{uuid.uuid4().hex[:8]}" for _ in range(6)]
        barrier = threading.Barrier(2)

        def send_at_once(sender: str, server: int, text: str) -> None:
            barrier.wait()
            _post(direct[server], sender, text)

        for sender in racers:
            _post(direct[0], sender, "/greet")
            threads = [threading.Thread(target=send_at_once, args=(sender, n, f"thanks {n}")) for n in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)

        for sender in people:
            events = _events(direct[0], sender)
            said = [e["text"] for e in events if e["event"] == "user"]
            assert said == script, sender
            _assert_whole_turns(events)
        for sender in racers:
            events = _events(direct[1], sender)
            said = [e["text"] for e in events if e["event"] == "user"]
            assert said[0] == "/greet" and sorted(said[1:]) == ["thanks 0", "thanks 1"], said
            _assert_whole_turns(events)
    finally:
        if balancer is not None:
            balancer.stop()
        for bot in servers:
            bot.stop()


def _assert_whole_turns(events: list[dict]) -> None:
    """Every message is answered before the next one is taken in: each `user`
    event comes right after an `action_listen`, and each turn ends with one."""
    previous_action = None
    for event in events:
        if event["event"] == "user":
            assert previous_action == "action_listen", "a message was taken in while another was being answered"
            previous_action = None
        elif event["event"] == "action":
            previous_action = event["name"]
    assert previous_action == "action_listen", "the last turn did not finish"
