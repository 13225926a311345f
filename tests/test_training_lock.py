"""Two trainings of the same project run one after the other, never over each other."""
from __future__ import annotations

import fcntl
import threading
from pathlib import Path

from bot.runtime import training


def _project_with_current_model(root: Path) -> Path:
    (root / "data").mkdir()
    (root / "data" / "nlu.yml").write_text('version: "3.1"\nnlu: []\n')
    (root / "config.yml").write_text("language: en\n")
    (root / "domain.yml").write_text('version: "3.1"\n')
    (root / "models").mkdir()
    training.model_path(root).write_bytes(b"model")
    (root / "models" / f"{training.MODEL_NAME}.fingerprint").write_text(training.fingerprint(root) + "\n")
    return root


def test_a_second_training_waits_for_the_first_then_finds_the_model_current(tmp_path: Path) -> None:
    project = _project_with_current_model(tmp_path)
    results: list[training.TrainResult] = []
    with open(project / "models" / ".train.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a training in progress
        waiter = threading.Thread(target=lambda: results.append(training.train(project=project)))
        waiter.start()
        waiter.join(timeout=1.0)
        assert waiter.is_alive() and not results, "training did not wait for the one in progress"
        fcntl.flock(held, fcntl.LOCK_UN)
    waiter.join(timeout=10)
    assert results and results[0].ok and not results[0].trained
