"""`reflect train`: train into `models/reflect.tar.gz`, only when inputs changed.

The fingerprint covers everything Rasa trains on (config, domain, training
data) and Rasa's version. The crisis detector and other code read their
pattern files at run time, so changing them needs no retraining.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.settings import PROJECT_DIR

MODEL_NAME = "reflect"


@dataclass(frozen=True)
class TrainResult:
    ok: bool
    trained: bool
    message: str


def model_path(project: Path = PROJECT_DIR) -> Path:
    return project / "models" / f"{MODEL_NAME}.tar.gz"


def training_inputs(project: Path = PROJECT_DIR) -> list[Path]:
    files = [project / "config.yml", project / "domain.yml"]
    files += sorted(p for p in (project / "data").rglob("*.yml") if p.is_file())
    return files


def fingerprint(project: Path = PROJECT_DIR) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"rasa=={version('rasa')}\n".encode())
    for path in training_inputs(project):
        digest.update(str(path.relative_to(project)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _fingerprint_file(project: Path) -> Path:
    return project / "models" / f"{MODEL_NAME}.fingerprint"


def is_up_to_date(project: Path = PROJECT_DIR) -> bool:
    stamp = _fingerprint_file(project)
    return (
        model_path(project).exists()
        and stamp.exists()
        and stamp.read_text().strip() == fingerprint(project)
    )


def train(force: bool = False, project: Path = PROJECT_DIR) -> TrainResult:
    """Train unless the model already matches the training inputs.

    Runs one at a time per project: a second `reflect train` (or test run) waits
    for the first, then finds the model up to date instead of overwriting it.
    """
    import fcntl

    (project / "models").mkdir(exist_ok=True)
    with open(project / "models" / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _train_unlocked(force, project)


def _train_unlocked(force: bool, project: Path) -> TrainResult:
    if not force and is_up_to_date(project):
        return TrainResult(True, False, f"Model is up to date: {model_path(project).relative_to(project)}")
    print("Training the model from config.yml, domain.yml and data/ ...", flush=True)
    wanted = fingerprint(project)
    command = [
        sys.executable, "-m", "rasa", "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", "models", "--fixed-model-name", MODEL_NAME, "--force", "--quiet",
    ]
    completed = subprocess.run(command, cwd=project, env=child_env(), capture_output=True, text=True)
    if completed.returncode != 0 or not model_path(project).exists():
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-15:])
        return TrainResult(False, False, f"Training failed (exit code {completed.returncode}):\n{tail}")
    _fingerprint_file(project).write_text(wanted + "\n")
    return TrainResult(True, True, f"Trained {model_path(project).relative_to(project)}")


def child_env() -> dict[str, str]:
    """Environment for Rasa child processes: quiet, private, same settings."""
    import os

    from bot import settings

    env = dict(os.environ)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["TF_CPP_MIN_LOG_LEVEL"] = "3"
    env["SQLALCHEMY_SILENCE_UBER_WARNING"] = "1"
    env["PYTHONWARNINGS"] = "ignore"
    env["REFLECT_DATA_DIR"] = str(settings.load().data_dir)
    return env
