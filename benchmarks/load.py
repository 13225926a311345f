"""`make bench`: Reflect under load, against a stock `rasa init` bot in the same run.

Both bots are trained and served the same way (`rasa run` over the REST
channel on this machine); Reflect with its action server and its database in
the loop. Simulated people talk at once through scripted conversations: for
Reflect a full thought record, exploratory turns with long entries and a
practice round; for the stock bot its own mood conversation. Printed and
written to `benchmarks/results/load.json`, with a plot in `load.png`:

- training time, and start to first answer;
- latency p50 / p95 / p99, throughput and errors at each number of people;
- peak memory of each server process;
- turn latency against the length of the conversation so far;
- Reflect only: one person's turns again after 10,000 other conversations
  were written to its database, and, when PostgreSQL, Redis and nginx are on
  this machine, throughput with one server and with two behind nginx.

    .venv/bin/python benchmarks/load.py [--people 1,5,10] [--history 1000] [--skip-training]
        [--others 10000] [--no-scale-out]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

PROJECT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT / "benchmarks" / "results"
STOCK_DIR = PROJECT / "benchmarks" / "results" / "stock-bot"
TOKEN = "bench-token"

ENTRY = (
    "Work was a lot today. My manager moved the deadline again and I stayed late to fix someone else's "
    "mistakes. When I got home my partner asked why I was so quiet and I snapped at her, which I hate. "
    "It reminds me of how my dad used to come home and go silent, and we all tiptoed around him. "
) * 6

REFLECT_SCRIPTS = {
    "thought record": [
        "hi", "/choose_cbt", "In the team meeting when my idea was ignored",
        "Nobody ever listens to me, I'm invisible", "sad 70, angry 50", "80",
        "mind reading and overgeneralization", "They moved on quickly to the next item",
        "Sam nodded at my idea afterwards and asked me to write it up",
        "Some people heard me, and one meeting doesn't show I'm invisible", "sad 40, angry 30", "55",
        "Send Sam the write-up tomorrow",
    ],
    "exploring": ["hi", "/choose_explore", ENTRY, "I think I'm scared of becoming him.", ENTRY,
                  "Maybe. It's hard to say out loud.", "I'm done for today"],
    "practice": ["hi", "/choose_practice", "mind reading", "catastrophizing", "all or nothing",
                 "labeling", "should statements", "stop"],
}
STOCK_SCRIPT = ["hi", "I'm feeling sad", "no", "bye", "hello", "I am great", "are you a bot?", "goodbye"]


@dataclass
class Server:
    """A bot being measured: its base URL, how to send to it, its processes."""

    name: str
    base_url: str
    processes: list[subprocess.Popen]
    token: Optional[str] = None
    start_s: float = 0.0
    train_s: Optional[float] = None
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    def send(self, sender: str, text: str) -> float:
        """Send one message; the seconds until the whole reply came back."""
        query = f"?token={self.token}" if self.token else ""
        request = urllib.request.Request(
            f"{self.base_url}/webhooks/rest/webhook{query}",
            data=json.dumps({"sender": sender, "message": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as reply:
            reply.read()
            if reply.status != 200:
                raise RuntimeError(f"HTTP {reply.status}")
        return time.perf_counter() - started


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONWARNINGS="ignore")
    env.update(extra)
    return env


def _timed(command: list[str], cwd: Path, env: dict) -> float:
    started = time.monotonic()
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")
    return time.monotonic() - started


def _wait_for_first_answer(server: Server, started: float, sender: str = "bench-first") -> float:
    deadline = started + 600
    while time.monotonic() < deadline:
        for process in server.processes:
            if process.poll() is not None:
                raise SystemExit(f"{server.name}: a server process exited while starting")
        try:
            server.send(sender, "hi")
            return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise SystemExit(f"{server.name} did not answer within 10 minutes")


def start_reflect(data_dir: Path, train: bool, **settings: str) -> Server:
    env = _env(REFLECT_DATA_DIR=str(data_dir), REFLECT_API_TOKEN=TOKEN)
    env.pop("REFLECT_DATABASE_URL", None)
    env.pop("REFLECT_REDIS_URL", None)
    env.update(settings)
    python = sys.executable
    train_s = _timed([python, "-m", "bot.cli", "train", "--force"], PROJECT, env) if train else None
    port, actions_port = _free_port(), _free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [python, "-m", "bot.cli", "run", "--port", str(port), "--actions-port", str(actions_port)],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    server = Server("Reflect", f"http://127.0.0.1:{port}", [process], token=TOKEN, train_s=train_s)
    server.start_s = _wait_for_first_answer(server, started)
    return server


def start_stock(train: bool) -> Server:
    python = sys.executable
    env = _env()
    train_s = None
    if not (STOCK_DIR / "domain.yml").exists():
        STOCK_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([python, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(STOCK_DIR)],
                       cwd=STOCK_DIR, env=env, capture_output=True, check=True)
        train = True
    if train:
        train_s = _timed([python, "-m", "rasa", "train", "--force", "--fixed-model-name", "stock"], STOCK_DIR, env)
    model = STOCK_DIR / "models" / "stock.tar.gz"
    if not model.exists():
        _timed([python, "-m", "rasa", "train", "--fixed-model-name", "stock"], STOCK_DIR, env)
    port = _free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [python, "-m", "rasa", "run", "--enable-api", "--model", str(model), "--interface", "127.0.0.1",
         "--port", str(port)],
        cwd=STOCK_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    server = Server("stock rasa init", f"http://127.0.0.1:{port}", [process], train_s=train_s)
    server.start_s = _wait_for_first_answer(server, started)
    return server


def stop(server: Server) -> None:
    import signal

    for process in server.processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)


# --- memory ------------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pid: int) -> tuple[str, float]:
    try:
        command = (Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return command, int(line.split()[1]) / 1024
    except OSError:
        pass
    return "", 0.0


def _label(command: str) -> str:
    if "actions.server" in command or "rasa_sdk" in command:
        return "action server"
    if "rasa run" in command or "-m rasa" in command:
        return "rasa server"
    return "supervisor"


class MemoryWatch:
    """Samples the resident memory of a server's process tree while a block runs."""

    def __init__(self, server: Server) -> None:
        self.server, self._stop = server, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            totals: dict[str, float] = {}
            for root in self.server.processes:
                for pid in _tree(root.pid):
                    command, rss = _rss_mb(pid)
                    if rss:
                        totals[_label(command)] = totals.get(_label(command), 0.0) + rss
            totals["all"] = sum(v for k, v in totals.items() if k != "all")
            for name, value in totals.items():
                self.server.peak_rss_mb[name] = max(self.server.peak_rss_mb.get(name, 0.0), value)
            self._stop.wait(0.25)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --- workloads -----------------------------------------------------------------

def percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}

    def at(q: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def run_people(server: Server, people: int, scripts: list[list[str]], rounds: int) -> dict:
    """`people` at once, each going through every script `rounds` times."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def person(index: int) -> None:
        nonlocal errors
        for turn_number in range(rounds * len(scripts)):  # every script once a round, each person starting elsewhere
            sender = f"bench-{uuid.uuid4().hex[:12]}"
            for text in scripts[(index + turn_number) % len(scripts)]:
                try:
                    took = server.send(sender, text)
                    with lock:
                        latencies.append(took)
                except (urllib.error.URLError, OSError, RuntimeError):
                    with lock:
                        errors += 1

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=people) as pool:
        list(pool.map(person, range(people)))
    wall = time.monotonic() - started
    return {"people": people, "messages": len(latencies), "errors": errors,
            "throughput_msg_s": len(latencies) / wall if wall else 0.0, **percentiles(latencies)}


def run_history(server: Server, turns: int, message: str) -> list[float]:
    """Latency of each turn of one long conversation, in milliseconds."""
    sender = f"bench-long-{uuid.uuid4().hex[:8]}"
    return [1000 * server.send(sender, message) for _ in range(turns)]


def measure(server: Server, people_levels: list[int], scripts: list[list[str]], history: int,
            history_message: str, rounds: int) -> dict:
    result: dict = {"bot": server.name, "train_s": server.train_s, "start_to_first_answer_s": server.start_s}
    run_people(server, 2, scripts, 1)  # warm up
    with MemoryWatch(server):
        result["load"] = [run_people(server, people, scripts, rounds) for people in people_levels]
        curve = run_history(server, history, history_message)
    result["history_ms"] = curve
    window = max(1, min(10, len(curve) // 10))
    result["history_first_ms"] = statistics.median(curve[:window])
    result["history_last_ms"] = statistics.median(curve[-window:])
    result["peak_rss_mb"] = {k: round(v, 1) for k, v in server.peak_rss_mb.items()}
    return result


# --- a busy database and a second server ------------------------------------------

FILL_SCRIPT = """
import json, sys, time
from bot.store import db
from bot.store.models import JournalEntry, rasa_metadata
from bot.store.tracker import _EncryptedEvent
url, people = sys.argv[1], int(sys.argv[2])
engine = db.engine_for(url)
db.init_db(url)
rasa_metadata.create_all(engine)
from sqlalchemy.orm import Session
now = time.time()
for start in range(0, people, 500):
    with Session(engine) as session:
        for n in range(start, min(people, start + 500)):
            sender = f"other-{n:05d}"
            turn = [("action", {"event": "action", "name": "action_listen"}),
                    ("user", {"event": "user", "text": f"an entry about my week, number {n}"}),
                    ("bot", {"event": "bot", "text": "What stands out for you in that?"})]
            for type_name, data in turn * 4:
                data = dict(data, timestamp=now)
                session.add(_EncryptedEvent(sender_id=sender, type_name=type_name, timestamp=now, data=json.dumps(data)))
            session.add(JournalEntry(sender=sender, text=f"an entry about my week, number {n}", themes=["work"]))
        session.commit()
with engine.connect() as connection:  # as a database that grew over months would be: written through
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
"""


def fill_database(data_dir: Path, people: int) -> float:
    """Write `people` other conversations (12 events and a journal entry each) into Reflect's database."""
    url = f"sqlite:///{data_dir / 'reflect.db'}"
    env = _env(REFLECT_DATA_DIR=str(data_dir))
    env.pop("REFLECT_DATABASE_URL", None)
    return _timed([sys.executable, "-c", FILL_SCRIPT, url, str(people)], PROJECT, env)


def busy_database(server: Server, data_dir: Path, others: int, scripts: list[list[str]], rounds: int) -> dict:
    """One person's turns just before and just after `others` conversations are written beside theirs."""
    rounds = max(rounds, 2)  # one person's turns vary by step: enough of each for a steady median
    before = run_people(server, 1, scripts, rounds)
    fill_s = fill_database(data_dir, others)
    after = run_people(server, 1, scripts, rounds)
    return {"others": others, "fill_s": fill_s, "before": before, "after": after}


def services_available() -> Optional[str]:
    """None when PostgreSQL, Redis and nginx are here, else why not."""
    import socket

    from bot.runtime import nginx

    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError:
            return f"{name} is not reachable on 127.0.0.1:{port}"
    if not os.path.exists(nginx.BINARY):
        return "nginx is not installed"
    return None


def scale_out(scripts: list[list[str]], people: int, rounds: int) -> dict:
    """Throughput of one Reflect server, then two behind nginx, on the machine's PostgreSQL and Redis."""
    import sqlalchemy as sa

    from bot.runtime.nginx import Balancer

    schema = f"reflect_bench_{uuid.uuid4().hex[:8]}"
    admin_engine = sa.create_engine("postgresql://postgres@127.0.0.1:5432/test", future=True)
    with admin_engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    shared = {"REFLECT_DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}",
              "REFLECT_REDIS_URL": "redis://127.0.0.1:6379/7", "REFLECT_SECRET_KEY": "bench-shared-key"}
    results: dict = {}
    servers: list[Server] = []
    balancer = None
    try:
        with tempfile.TemporaryDirectory(prefix="reflect-bench-scale-") as folder:
            for count in (1, 2):
                while len(servers) < count:
                    servers.append(start_reflect(Path(folder) / f"server-{len(servers)}", False, **shared))
                target = servers[0]
                if count == 2:
                    ports = [int(server.base_url.rsplit(":", 1)[1]) for server in servers]
                    balancer = Balancer(Path(folder) / "nginx", ports, _free_port())
                    balancer.start()
                    target = Server("Reflect x2", balancer.url, [], token=TOKEN)
                run_people(target, 2, scripts, 1)  # warm up
                results[f"{count}_server"] = run_people(target, people, scripts, rounds)
    finally:
        if balancer is not None:
            balancer.stop()
        for server in servers:
            stop(server)
        with admin_engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin_engine.dispose()
    return results


# --- report ----------------------------------------------------------------------

def report(reflect: dict, stock: dict) -> str:
    def ratio(a: Optional[float], b: Optional[float]) -> str:
        return f"{a / b:.2f}x" if a and b else "-"

    rows = [("training (s)", reflect["train_s"], stock["train_s"]),
            ("start to first answer (s)", reflect["start_to_first_answer_s"], stock["start_to_first_answer_s"])]
    for mine, theirs in zip(reflect["load"], stock["load"]):
        people = mine["people"]
        rows += [(f"{people} people: p50 (ms)", mine["p50_ms"], theirs["p50_ms"]),
                 (f"{people} people: p95 (ms)", mine["p95_ms"], theirs["p95_ms"]),
                 (f"{people} people: p99 (ms)", mine["p99_ms"], theirs["p99_ms"]),
                 (f"{people} people: throughput (msg/s)", mine["throughput_msg_s"], theirs["throughput_msg_s"]),
                 (f"{people} people: errors", mine["errors"], theirs["errors"])]
    rows += [("memory, all processes (MB)", reflect["peak_rss_mb"].get("all"), stock["peak_rss_mb"].get("all")),
             ("turn at start of a conversation (ms)", reflect["history_first_ms"], stock["history_first_ms"]),
             (f"turn after {len(reflect['history_ms'])} turns (ms)", reflect["history_last_ms"],
              stock["history_last_ms"])]
    lines = [f"{'':40} {'Reflect':>12} {'stock':>12} {'ratio':>8}"]
    for name, mine, theirs in rows:
        fmt = (lambda v: "-" if v is None else f"{v:12.1f}")
        lines.append(f"{name:40} {fmt(mine):>12} {fmt(theirs):>12} {ratio(mine, theirs):>8}")
    lines.append(f"Reflect, turn after {len(reflect['history_ms'])} turns / first turn: "
                 f"{reflect['history_last_ms'] / reflect['history_first_ms']:.2f}x")
    busy = reflect.get("busy_database")
    if busy:
        lines.append(f"Reflect, one person's p50 with {busy['others']:,} other conversations in the database: "
                     f"{busy['after']['p50_ms']:.1f} ms against {busy['before']['p50_ms']:.1f} ms just before "
                     f"({busy['after']['p50_ms'] / busy['before']['p50_ms']:.2f}x)")
    scale = reflect.get("scale_out")
    if scale:
        one, two = scale["1_server"], scale["2_server"]
        lines.append(f"Reflect on PostgreSQL and Redis, {one['people']} people: one server "
                     f"{one['throughput_msg_s']:.1f} msg/s (p95 {one['p95_ms']:.0f} ms), two behind nginx "
                     f"{two['throughput_msg_s']:.1f} msg/s (p95 {two['p95_ms']:.0f} ms); errors {one['errors']} / "
                     f"{two['errors']}")
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """The figures of a run as a Markdown table, as the README shows them."""
    reflect, stock = results["reflect"], results["stock"]

    def row(name: str, mine: Optional[float], theirs: Optional[float], digits: int = 0) -> str:
        def fmt(value: Optional[float]) -> str:
            return "-" if value is None else f"{value:,.{digits}f}"
        ratio = f"{mine / theirs:.2f}x" if mine and theirs else "-"
        return f"| {name} | {fmt(mine)} | {fmt(theirs)} | {ratio} |"

    lines = ["| | Reflect | stock `rasa init` bot | ratio |", "|---|---|---|---|",
             row("training from scratch (s)", reflect["train_s"], stock["train_s"]),
             row("start to first answer (s)", reflect["start_to_first_answer_s"], stock["start_to_first_answer_s"])]
    for mine, theirs in zip(reflect["load"], stock["load"]):
        people = mine["people"]
        lines += [row(f"{people} at once: p50 (ms)", mine["p50_ms"], theirs["p50_ms"]),
                  row(f"{people} at once: p95 (ms)", mine["p95_ms"], theirs["p95_ms"]),
                  row(f"{people} at once: p99 (ms)", mine["p99_ms"], theirs["p99_ms"]),
                  row(f"{people} at once: throughput (msg/s)", mine["throughput_msg_s"], theirs["throughput_msg_s"], 1),
                  row(f"{people} at once: errors", mine["errors"], theirs["errors"])]
    lines += [row("peak memory, all server processes (MB)", reflect["peak_rss_mb"].get("all"),
                  stock["peak_rss_mb"].get("all")),
              row("a turn at the start of a conversation (ms)", reflect["history_first_ms"], stock["history_first_ms"]),
              row(f"a turn after {len(reflect['history_ms']):,} turns (ms)", reflect["history_last_ms"],
                  stock["history_last_ms"])]
    return "\n".join(lines)


def plot(reflect: dict, stock: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for result, colour in ((reflect, "tab:blue"), (stock, "tab:green")):
        people = [row["people"] for row in result["load"]]
        left.plot(people, [row["p50_ms"] for row in result["load"]], "-o", color=colour, label=f"{result['bot']} p50")
        left.plot(people, [row["p95_ms"] for row in result["load"]], "--s", color=colour, alpha=0.6,
                  label=f"{result['bot']} p95")
        right.plot(range(1, len(result["history_ms"]) + 1), result["history_ms"], "-", color=colour,
                   linewidth=0.8, label=result["bot"])
    left.set(xlabel="people at once", ylabel="latency (ms)", title="Latency against concurrency")
    right.set(xlabel="turn number in one conversation", ylabel="latency (ms)", title="Latency against history")
    left.legend()
    right.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", default="1,5,10", help="numbers of people at once (default 1,5,10)")
    parser.add_argument("--rounds", type=int, default=1, help="times each person goes through every script (default 1)")
    parser.add_argument("--history", type=int, default=1000, help="turns in the long conversation (default 1000)")
    parser.add_argument("--skip-training", action="store_true", help="reuse trained models; do not time training")
    parser.add_argument("--others", type=int, default=10_000,
                        help="other conversations written to Reflect's database before measuring again (default 10000)")
    parser.add_argument("--no-scale-out", action="store_true", help="skip one server against two behind nginx")
    parser.add_argument("--markdown", action="store_true", help="print the last run's figures as a Markdown table")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads((RESULTS / "load.json").read_text())))
        return 0
    people = [int(p) for p in args.people.split(",") if p.strip()]
    RESULTS.mkdir(parents=True, exist_ok=True)

    results = {}
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as data_dir:
        for name, start, scripts, message in (
            ("stock", lambda: start_stock(not args.skip_training), [STOCK_SCRIPT], "hi"),
            ("reflect", lambda: start_reflect(Path(data_dir), not args.skip_training),
             list(REFLECT_SCRIPTS.values()), "thanks"),
        ):
            print(f"Measuring {name} ...", flush=True)
            server = start()
            try:
                results[name] = measure(server, people, scripts, args.history, message, args.rounds)
                if name == "reflect" and args.others:
                    results[name]["busy_database"] = busy_database(server, Path(data_dir), args.others, scripts,
                                                                   args.rounds)
            finally:
                stop(server)
    why_not = "--no-scale-out given" if args.no_scale_out else services_available()
    if why_not is None:
        print("Measuring Reflect with one server and with two behind nginx ...", flush=True)
        results["reflect"]["scale_out"] = scale_out(list(REFLECT_SCRIPTS.values()), max(people), args.rounds)
    else:
        print(f"Scale-out not measured: {why_not}.")

    results["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "python": platform.python_version(), "measured_at": time.strftime("%Y-%m-%d %H:%M")}
    (RESULTS / "load.json").write_text(json.dumps(results, indent=2))
    plot(results["reflect"], results["stock"], RESULTS / "load.png")
    print(report(results["reflect"], results["stock"]))
    print(f"Figures: {RESULTS / 'load.json'}; plot: {RESULTS / 'load.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
