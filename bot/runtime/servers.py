"""`reflect run`: the action server and the Rasa server as child processes.

Both bind to `REFLECT_HOST` (default 127.0.0.1) and write their logs to
`$REFLECT_DATA_DIR/logs/`; the terminal shows only what a person needs: the
link to the chat, restarts and why, and why something stopped. Either server
is restarted when it dies; after repeated failures in a short time `reflect
run` gives up with the reason instead of restarting forever.
"""
from __future__ import annotations

import ctypes
import ipaddress
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

from bot import datafiles, settings
from bot.runtime.training import child_env, model_path
from bot.settings import PROJECT_DIR

READY_TIMEOUT_S = 240.0
PR_SET_PDEATHSIG = 1
# Give up after this many restarts of one server within RESTART_WINDOW_S.
MAX_RESTARTS = 5
RESTART_WINDOW_S = 300.0


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


def connect_host(bind_host: str) -> str:
    """The address to reach a server bound to `bind_host` from this machine
    (loopback when it listens on every interface)."""
    try:
        address = ipaddress.ip_address(bind_host.strip("[]")) if bind_host else None
    except ValueError:
        return bind_host  # a host name
    if address is None or address.is_unspecified:
        return "[::1]" if address is not None and address.version == 6 else "127.0.0.1"
    return f"[{address}]" if address.version == 6 else str(address)


def write_run_endpoints(actions_port: int, data_dir: Path, host: str = "127.0.0.1") -> Path:
    """A copy of endpoints.yml whose action server URL uses `actions_port`."""
    endpoints = datafiles.load(PROJECT_DIR / "endpoints.yml")
    endpoints["action_endpoint"] = {"url": f"http://{connect_host(host)}:{actions_port}/webhook"}
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
    restarts: list[float] = field(default_factory=list)

    def may_restart(self, now: float) -> bool:
        """Record a restart; False when there were too many in the window."""
        self.restarts = [t for t in self.restarts if now - t < RESTART_WINDOW_S] + [now]
        return len(self.restarts) <= MAX_RESTARTS

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
        self.host = config.host
        logs = config.data_dir / "logs"
        self.actions = Child(
            "action server",
            [sys.executable, "-m", "actions.server", "--port", str(actions_port), "--host", self.host],
            logs / "actions.log",
        )
        endpoints = write_run_endpoints(actions_port, config.data_dir, self.host)
        cors = ["--cors"] + list(config.allowed_origins) if config.allowed_origins else []
        self.rasa = Child(
            "Rasa server",
            [
                sys.executable, "-m", "rasa", "run", "--enable-api",
                "--model", str(model_path()), "--endpoints", str(endpoints),
                "--credentials", "credentials.yml", "--interface", self.host, "--port", str(port), *cors,
            ],
            logs / "rasa.log",
        )

    @property
    def base_url(self) -> str:
        return f"http://{connect_host(self.host)}:{self.port}"

    @property
    def owner_link(self) -> str:
        """The chat page, opened as its owner (the link carries the API token)."""
        return f"{self.base_url}/?token={settings.load().api_token}"

    def start(self) -> None:
        for port in (self.port, self.actions_port):
            if not port_is_free(port, self.host):
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
            self.actions: f"http://{connect_host(self.host)}:{self.actions_port}/health",
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

    def watch_once(self, now: Optional[float] = None) -> Optional[str]:
        """Restart a server that died; return a reason to give up after repeated failures."""
        now = time.monotonic() if now is None else now
        for child in (self.rasa, self.actions):
            code = child.exit_code()
            if code is None:
                continue
            why = _exit_reason(code)
            if not child.may_restart(now):
                return (
                    f"The {child.name} stopped ({why}) {len(child.restarts) - 1} times in "
                    f"{int(RESTART_WINDOW_S / 60)} minutes; giving up. Last lines of its log "
                    f"({child.log_path}):\n{child.last_lines()}"
                )
            print(f"The {child.name} stopped ({why}); restarting it.", flush=True)
            child.stop()
            child.start()
        return None


def _exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


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
        f"  Your chat:     {servers.owner_link}\n"
        f"                 (open it in your browser; the link is your key, keep it to yourself)\n"
        f"  REST channel:  POST {servers.base_url}/webhooks/rest/webhook?token=<REFLECT_API_TOKEN>\n"
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
