"""Shared fixtures: databases for the storage tests (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

import os
import uuid
from typing import Iterator, Optional

import pytest

POSTGRES_HOST = "127.0.0.1:5432"
POSTGRES_DATABASE = "test"
POSTGRES_ROLES = ("postgres", "root")


def services_required() -> bool:
    """True when REFLECT_REQUIRE_SERVICES=1: a missing service fails the test instead of skipping it."""
    return os.environ.get("REFLECT_REQUIRE_SERVICES") == "1"


def service_unavailable(reason: str) -> None:
    """Skip the test with `reason`, or fail it when services are required."""
    if services_required():
        pytest.fail(f"{reason} (REFLECT_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def _first_working_postgres_url() -> tuple[Optional[str], str]:
    import sqlalchemy as sa

    errors = []
    for role in POSTGRES_ROLES:
        url = f"postgresql://{role}@{POSTGRES_HOST}/{POSTGRES_DATABASE}"
        engine = sa.create_engine(url, future=True, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return url, ""
        except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
            errors.append(f"{role}: {str(error).strip().splitlines()[0]}")
        finally:
            engine.dispose()
    return None, "; ".join(errors)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """A URL to the development PostgreSQL (`test` database), or skip/fail."""
    url, why = _first_working_postgres_url()
    if url is None:
        service_unavailable(f"PostgreSQL at {POSTGRES_HOST} is not reachable ({why})")
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema, dropped afterwards."""
    import sqlalchemy as sa

    schema = f"reflect_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server_url, future=True)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{postgres_server_url}?options=-csearch_path%3D{schema}"
    finally:
        from bot.store import db

        db.dispose_engines()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """The repository the actions use, on a SQLite file in a fresh data folder."""
    from bot.store.repository import Repository

    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLECT_DATABASE_URL", raising=False)
    return Repository(f"sqlite:///{tmp_path / 'reflect.db'}")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A URL to a SQLite file in a fresh folder (not created yet)."""
    return f"sqlite:///{tmp_path / 'data' / 'reflect.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def db_url(request) -> str:
    """The same test on SQLite and on PostgreSQL."""
    return request.getfixturevalue({"sqlite": "sqlite_url", "postgresql": "postgres_url"}[request.param])


# --- the trained model and the running bot ---------------------------------

import json  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model trained from the project's own data (reused while data are unchanged)."""
    from bot.runtime import training

    result = training.train(force=False)
    assert result.ok, result.message
    return training.model_path()


@dataclass
class Chat:
    """One person talking to the running bot over the REST channel."""

    base_url: str
    sender: str
    token: str
    replies: list = field(default_factory=list)

    def say(self, text: str) -> list[dict]:
        """Send as a tool does: the API token, and the sender named in the body."""
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.base_url}/webhooks/rest/webhook?token={self.token}", data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            self.replies = json.loads(reply.read().decode() or "[]")
        return self.replies

    @property
    def text(self) -> str:
        """All reply texts of the last turn, joined."""
        return "\n".join(r.get("text", "") for r in self.replies)

    @property
    def buttons(self) -> list[str]:
        return [b["title"] for r in self.replies for b in r.get("buttons") or []]

    def tracker(self, token: str) -> dict:
        url = f"{self.base_url}/conversations/{self.sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as reply:
            return json.loads(reply.read().decode())

    def actions(self, token: str) -> list[str]:
        return [e.get("name") for e in self.tracker(token)["events"] if e.get("event") == "action"]


@dataclass
class RunningBot:
    servers: object
    data_dir: Path
    database_url: str
    token: str

    @property
    def base_url(self) -> str:
        return self.servers.base_url

    def chat(self, sender: str | None = None) -> Chat:
        return Chat(self.base_url, sender or f"test-{uuid.uuid4().hex[:10]}", self.token)

    @contextmanager
    def action_server_down(self) -> Iterator[None]:
        """The action server stopped for the block, then started again and answering."""
        from bot.runtime.servers import answers

        health = f"http://127.0.0.1:{self.servers.actions_port}/health"
        self.servers.actions.stop()
        try:
            assert not answers(health)
            yield
        finally:
            self.servers.actions.start()
            deadline = time.monotonic() + 120
            while not answers(health):
                assert time.monotonic() < deadline, "the action server did not come back"
                time.sleep(0.5)


@pytest.fixture(scope="session")
def running_bot(trained_model, tmp_path_factory) -> Iterator[RunningBot]:
    """The action server and the Rasa server, started once with a fresh data folder."""
    from bot.runtime.servers import Servers

    data_dir = tmp_path_factory.mktemp("reflect-data")
    saved = {k: os.environ.get(k) for k in ("REFLECT_DATA_DIR", "REFLECT_DATABASE_URL", "REFLECT_API_TOKEN")}
    os.environ["REFLECT_DATA_DIR"] = str(data_dir)
    os.environ.pop("REFLECT_DATABASE_URL", None)
    os.environ["REFLECT_API_TOKEN"] = "test-token"
    servers = Servers(port=free_port(), actions_port=free_port())
    try:
        servers.start()
        yield RunningBot(servers, data_dir, f"sqlite:///{data_dir / 'reflect.db'}", "test-token")
    finally:
        servers.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
