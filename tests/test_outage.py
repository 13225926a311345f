"""No silent loss: the real PostgreSQL, cut mid-conversation by a TCP proxy, then restored.

The whole bot (Rasa server and action server) stores through the proxy. While it
is cut, every message gets the clear reply and a 503, the crisis reply still goes
out, nothing is stored; once it is back, the conversation continues where it was.
"""
from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request
import uuid
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.outage import STORE_DOWN
from bot.store.repository import Repository
from tests.conftest import free_port
from tests.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.slow, pytest.mark.services]

TOKEN = "outage-test-token"


class Bot:
    def __init__(self, servers, database_url: str, data_dir, proxy: TcpProxy, postgres_port: int) -> None:
        self.servers, self.database_url, self.data_dir, self.proxy = servers, database_url, data_dir, proxy
        self.postgres_port = postgres_port

    def say(self, sender: str, text: str) -> tuple[int, list[dict]]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.servers.base_url}/webhooks/rest/webhook?token={TOKEN}", data=body,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=90) as reply:
                return reply.status, json.loads(reply.read().decode() or "[]")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read().decode() or "[]")

    def api(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"{self.servers.base_url}{path}?token={TOKEN}", timeout=60) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code


def pg_dump(bot: "Bot") -> bytes:
    url = sa.engine.make_url(bot.database_url)
    schema = url.query["options"].split("=", 1)[1]
    return subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-p", str(bot.postgres_port), "-U", url.username, "-n", schema, url.database],
        capture_output=True, timeout=120, check=True,
    ).stdout


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


@pytest.fixture(scope="module")
def bot_through_proxy(trained_model, postgres_server_url, tmp_path_factory) -> Iterator[Bot]:
    from bot.runtime.servers import Servers
    from bot.store import db

    schema = f"reflect_outage_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_server_url, future=True)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    parts = sa.engine.make_url(postgres_server_url)
    proxy = TcpProxy((parts.host, parts.port or 5432)).start()
    url = f"postgresql://{parts.username}@127.0.0.1:{proxy.port}/{parts.database}?options=-csearch_path%3D{schema}"
    data_dir = tmp_path_factory.mktemp("reflect-outage")
    names = ("REFLECT_DATA_DIR", "REFLECT_DATABASE_URL", "REFLECT_API_TOKEN", "REFLECT_SECRET_KEY")
    saved = {k: os.environ.get(k) for k in names}
    os.environ.update(REFLECT_DATA_DIR=str(data_dir), REFLECT_DATABASE_URL=url, REFLECT_API_TOKEN=TOKEN)
    os.environ.pop("REFLECT_SECRET_KEY", None)
    servers = Servers(port=free_port(), actions_port=free_port())
    try:
        servers.start()
        yield Bot(servers, url, data_dir, proxy, parts.port or 5432)
    finally:
        servers.stop()
        proxy.cut()
        db.dispose_engines()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_a_cut_database_gets_a_clear_503_for_everyone_then_the_record_continues(bot_through_proxy):
    bot = bot_through_proxy
    ana, ben = f"ana-{uuid.uuid4().hex[:8]}", f"ben-{uuid.uuid4().hex[:8]}"
    situation = "My manager sent my report back with lots of comments on Monday"
    thought = "She thinks I'm useless and I'll never get promoted"

    assert bot.say(ana, "hi")[0] == 200
    status, replies = bot.say(ana, "/choose_cbt")
    assert status == 200 and "Step 1 of 11" in texts(replies)
    status, replies = bot.say(ana, situation)
    assert status == 200 and "Step 2 of 11" in texts(replies)

    bot.proxy.cut()
    try:
        for sender, message in [(ana, thought), (ana, thought), (ana, "hello?"), (ben, "hi")]:
            status, replies = bot.say(sender, message)
            assert status == 503, (sender, message, replies)
            assert texts(replies) == STORE_DOWN  # not the menu, not a fresh session

        status, replies = bot.say(ana, "I want to kill myself")
        assert status == 503
        assert len(replies) == 2 and replies[-1]["text"] == STORE_DOWN
        assert "glad you told me" in replies[0]["text"]  # the crisis reply, with helplines
        assert "{crisis_helplines}" not in replies[0]["text"]

        assert bot.api(f"/conversations/{ana}/tracker") == 503
    finally:
        bot.proxy.restore()

    status, replies = bot.say(ana, thought)
    assert status == 200 and "Step 3 of 11" in texts(replies), replies  # where it was

    transcript = Repository(bot.database_url).transcript_for(ana)
    said = [line["text"] for line in transcript if line["who"] == "user"]
    assert said == ["hi", "/choose_cbt", situation, thought]  # nothing lost, nothing doubled, in order
    assert Repository(bot.database_url).transcript_for(ben) == []

    dump = pg_dump(bot)  # what a copy of the database holds after a real conversation
    assert ana.encode() in dump
    assert situation.encode() not in dump and thought.encode() not in dump

    logs = "\n".join(p.read_text(errors="replace") for p in (bot.data_dir / "logs").glob("*.log"))
    assert "Storage is unavailable" in logs
    for private in (situation, thought, "kill myself", ben):
        assert private not in logs
