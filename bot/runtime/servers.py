"""`reflect run`: the action server and the Rasa server as child processes.

Both write their logs to `$REFLECT_DATA_DIR/logs/`; the terminal shows only
what a person needs: the addresses, restarts, and why something stopped.
"""
from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

import yaml

from bot import settings
from bot.runtime.training import child_env, model_path
from bot.settings import PROJECT_DIR

READY_TIMEOUT_S = 240.0
PR_SET_PDEATHSIG = 1


class StartupError(RuntimeError):
    """A server could not be started; the message says why in one line."""


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def answers(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status < 500
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when `reflect run` itself dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: children are still stopped on every normal exit


def write_run_endpoints(actions_port: int, data_dir: Path) -> Path:
    """A copy of endpoints.yml whose action server URL uses `actions_port`."""
    endpoints = yaml.safe_load((PROJECT_DIR / "endpoints.yml").read_text())
    endpoints["action_endpoint"] = {"url": f"http://localhost:{actions_port}/webhook"}
    path = data_dir / "endpoints.run.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return path


@dataclass(eq=False)
class Child:
    name: str
    command: list[str]
    log_path: Path
    process: Optional[subprocess.Popen] = None
    _log: Optional[IO[bytes]] = field(default=None, repr=False)

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            self.command, cwd=PROJECT_DIR, env=child_env(), stdout=self._log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )

    def exit_code(self) -> Optional[int]:
        return None if self.process is None else self.process.poll()

    def stop(self, timeout: float = 10.0) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log:
            self._log.close()
            self._log = None

    def last_lines(self, count: int = 8) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-count:])


class Servers:
    """The action server and the Rasa server, started and stopped together."""

    def __init__(self, port: int = 5005, actions_port: int = 5055) -> None:
        self.port = port
        self.actions_port = actions_port
        config = settings.load()
        logs = config.data_dir / "logs"
        self.actions = Child(
            "action server",
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
            logs / "actions.log",
        )
        endpoints = write_run_endpoints(actions_port, config.data_dir)
        self.rasa = Child(
            "Rasa server",
            [
                sys.executable, "-m", "rasa", "run", "--enable-api",
                "--model", str(model_path()), "--endpoints", str(endpoints),
                "--credentials", "credentials.yml", "--port", str(port), "--cors", "*",
            ],
            logs / "rasa.log",
        )

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        for port in (self.port, self.actions_port):
            if not port_is_free(port):
                raise StartupError(
                    f"Port {port} is already in use: stop the program using it or choose "
                    "another with --port / --actions-port."
                )
        if not model_path().exists():
            raise StartupError("No trained model: run `reflect train` first.")
        self.actions.start()
        self.rasa.start()
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        waiting = {
            self.actions: f"http://localhost:{self.actions_port}/health",
            self.rasa: f"{self.base_url}/version",
        }
        while waiting:
            for child, url in list(waiting.items()):
                if child.exit_code() is not None:
                    raise StartupError(f"The {child.name} exited while starting:\n{child.last_lines()}")
                if answers(url):
                    del waiting[child]
            if time.monotonic() > deadline:
                names = ", ".join(child.name for child in waiting)
                raise StartupError(f"Timed out waiting for: {names}. See {settings.load().data_dir / 'logs'}.")
            time.sleep(0.5)

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()

    def __enter__(self) -> "Servers":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def watch_once(self) -> Optional[str]:
        """Restart a dead action server; return a reason when Rasa has died."""
        code = self.rasa.exit_code()
        if code is not None:
            return f"The Rasa server stopped (exit code {code}). Last lines of its log:\n{self.rasa.last_lines()}"
        code = self.actions.exit_code()
        if code is not None:
            print(f"The action server stopped (exit code {code}); restarting it.", flush=True)
            self.actions.stop()
            self.actions.start()
        return None


def run_forever(port: int = 5005, actions_port: int = 5055) -> int:
    """Start both servers, print the addresses, and watch them until Ctrl-C."""
    servers = Servers(port, actions_port)
    print("Starting the action server and the Rasa server (this takes about a minute) ...", flush=True)
    try:
        servers.start()
    except StartupError as error:
        servers.stop()
        print(str(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        servers.stop()
        return 130
    print(
        f"Reflect is running.\n"
        f"  REST channel:  POST {servers.base_url}/webhooks/rest/webhook  "
        '{"sender": "you", "message": "hi"}\n'
        f"  Terminal chat: reflect chat (in another terminal)\n"
        f"  Logs:          {settings.load().data_dir / 'logs'}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    try:
        while True:
            reason = servers.watch_once()
            if reason:
                print(reason, file=sys.stderr)
                servers.stop()
                return 1
            time.sleep(1.0)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        servers.stop()
        return 0
