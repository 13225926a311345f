"""The action server runs without TensorFlow and loads its language resources before anyone asks."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import PROJECT, free_port


def test_the_action_server_never_loads_tensorflow_and_warms_up_once_listening(tmp_path: Path) -> None:
    log = tmp_path / "actions.log"
    env = dict(os.environ, REFLECT_DATA_DIR=str(tmp_path / "data"))
    env.pop("REFLECT_DATABASE_URL", None)
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "actions.server", "--port", str(free_port())],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 240
        while "Language resources loaded" not in log.read_text() and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()[-2000:]
            time.sleep(0.5)
        assert "Language resources loaded" in log.read_text(), "the warm-up never finished"
        assert "failed" not in log.read_text().split("Language resources loaded")[0].lower()
        mapped = Path(f"/proc/{server.pid}/maps").read_text()
        assert "tensorflow" not in mapped, "TensorFlow's libraries are loaded in the action server"
    finally:
        server.terminate()
        server.wait(timeout=60)
