"""`reflect run` and a plain `rasa run` as a person would start them."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT, Chat, free_port

pytestmark = pytest.mark.slow


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REFLECT_DATABASE_URL", None)
    env.update({"REFLECT_DATA_DIR": str(data_dir), "REFLECT_API_TOKEN": "run-token", **extra})
    return env


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else "exited"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def _read_until(process: subprocess.Popen, text: str) -> str:
    """What `reflect run` printed, up to and including the line containing `text`."""
    seen = []
    for line in process.stdout:
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"{text!r} never printed:\n{''.join(seen)}")


def _post_json(url: str, body: dict, headers: dict) -> tuple[int, object]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read().decode() or "null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode() or "null")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_reflect_run_answers_over_rest_and_stores_the_conversation(trained_model, tmp_path, monkeypatch):
    from bot.store.repository import Repository

    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))  # read with the key the servers generated there
    port, actions_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--port", str(port), "--actions-port", str(actions_port)],
        cwd=PROJECT, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        started = _read_until(process, "Press Ctrl-C to stop.")
        chat = Chat(f"http://localhost:{port}", "run-test", "run-token")
        chat.say("hi")
        assert "Reflect" in chat.text
        chat.say("/choose_explore")

        transcript = Repository(f"sqlite:///{tmp_path / 'reflect.db'}").transcript_for("run-test")
        assert [t["who"] for t in transcript][:2] == ["user", "bot"]
        assert transcript[0]["text"] == "hi"
        assert transcript[-1]["mode"] == "explore"

        assert _status(f"http://localhost:{port}/status") == 401
        assert _status(f"http://localhost:{port}/status?token=run-token") == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    assert "Reflect is running" in started
    assert f"Your chat:     http://127.0.0.1:{port}/?token=run-token" in started
    assert process.returncode == 0


def _pid_of(pattern: str) -> int:
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()
    assert found, f"no process matches {pattern!r}"
    return int(found[0])


def test_reflect_run_restarts_either_server_when_it_dies(trained_model, tmp_path):
    port, actions_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--port", str(port), "--actions-port", str(actions_port)],
        cwd=PROJECT, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _read_until(process, "Press Ctrl-C to stop.")
        os.kill(_pid_of(f"actions.server --port {actions_port}"), signal.SIGKILL)
        _read_until(process, "The action server stopped (killed by SIGKILL); restarting it.")
        _wait_for(f"http://localhost:{actions_port}/health", process, timeout=120)

        chat = Chat(f"http://localhost:{port}", "restarts", "run-token")
        chat.say("/choose_cbt")
        os.kill(_pid_of(f"rasa run --enable-api .* --port {port}"), signal.SIGKILL)
        _read_until(process, "The Rasa server stopped (killed by SIGKILL); restarting it.")
        _wait_for(f"http://localhost:{port}/version", process, timeout=240)
        chat.say("In the kitchen this morning")  # the same conversation, where it was
        assert "Step 2 of 11" in chat.text
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)


def test_reflect_run_gives_up_after_repeated_failures(tmp_path, monkeypatch):
    from bot.runtime import servers

    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path))
    bot = servers.Servers(port=free_port(), actions_port=free_port())
    bot.actions.command = [sys.executable, "-c", "import sys; print('broken on purpose'); sys.exit(3)"]
    bot.rasa.command = [sys.executable, "-c", "import time; time.sleep(60)"]
    bot.rasa.start()
    bot.actions.start()
    try:
        reason = None
        for attempt in range(servers.MAX_RESTARTS + 1):
            bot.actions.process.wait(timeout=30)
            reason = bot.watch_once(now=float(attempt))
            if reason:
                break
        assert reason and "giving up" in reason and "exit code 3" in reason
        assert "broken on purpose" in reason
        assert attempt == servers.MAX_RESTARTS
    finally:
        bot.stop()


def test_a_port_in_use_is_a_one_line_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        completed = subprocess.run(
            [sys.executable, "-m", "bot.cli", "run", "--port", str(port), "--actions-port", str(free_port())],
            cwd=PROJECT, env=_env(tmp_path), capture_output=True, text=True, timeout=600,
        )
    assert completed.returncode == 1
    assert f"Port {port} is already in use" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_plain_rasa_run_reads_the_same_settings_and_guards_the_api(trained_model, tmp_path):
    port, actions_port = free_port(), free_port()
    endpoints = tmp_path / "endpoints.yml"  # endpoints.yml with the action server on a free port
    endpoints.write_text((PROJECT / "endpoints.yml").read_text().replace("5055", str(actions_port)))
    actions = subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--port", str(actions_port)],
        cwd=PROJECT, env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    shared = {"REFLECT_OPEN_SIGNUP": "1", "REFLECT_ALLOWED_ORIGINS": "https://journal.example.org"}
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--enable-api", "--endpoints", str(endpoints),
         "--credentials", "credentials.yml", "--port", str(port), "--model", str(trained_model)],
        cwd=PROJECT, env=_env(tmp_path, RASA_TELEMETRY_ENABLED="false", **shared),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _wait_for(f"http://localhost:{port}/version", process)
        _wait_for(f"http://localhost:{actions_port}/health", actions)
        assert _status(f"http://localhost:{port}/status") == 401
        assert _status(f"http://localhost:{port}/status?token=run-token") == 200
        chat = Chat(f"http://localhost:{port}", "plain-rasa", "run-token")
        chat.say("are you a real person?")
        assert "not a person" in chat.text
        assert (tmp_path / "reflect.db").exists()
        chat.say("/choose_cbt")
        chat.say("At the bus stop")  # validated by the action server: the secret reached it
        assert "Step 2 of 11" in chat.text

        # REFLECT_OPEN_SIGNUP=1: a visitor without the token gets a private session.
        visitor = _post_json(f"http://localhost:{port}/session", {}, {"Origin": "https://journal.example.org"})
        assert visitor[0] == 201 and visitor[1]["sender"].startswith("s-")
        assert _post_json(f"http://localhost:{port}/session", {}, {"Origin": "https://elsewhere.example"})[0] == 403
    finally:
        process.terminate()
        actions.terminate()
        process.communicate(timeout=60)
        actions.wait(timeout=60)
