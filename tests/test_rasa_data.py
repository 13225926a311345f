"""Rasa's own checks of the training data, and NLU accuracy on held-out examples."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

# A floor against regressions on the 80/20 split of the training data. The
# project's target (0.9, on held-out text written by others) is reported by
# benchmarks/nlu_heldout.py and the README, missed or met, not asserted here.
SPLIT_FLOOR = 0.85


def rasa(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasa", *args], cwd=cwd, capture_output=True, text=True, timeout=1200)


def responses_sent_by_name() -> set[str]:
    """Responses that actions send (in a flow, between its steps) or policies predict by name rather than rules."""
    from bot.cbt import control, flow

    sources = [
        *PROJECT.joinpath("actions").glob("*.py"),
        *PROJECT.joinpath("bot", "cbt").glob("*.py"),
        *PROJECT.joinpath("bot", "nlu").glob("*_policy.py"),
    ]
    named = {name for path in sources for name in re.findall(r'"(utter_\w+)"', path.read_text(encoding="utf-8"))}
    return named | set(flow.ASK.values()) | set(flow.STEP_HELP.values()) | set(control.ASIDE_RESPONSES.values())


def test_rasa_data_validate_has_no_errors_or_warnings():
    completed = rasa("data", "validate", "--fail-on-warnings")
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-3000:]
    # Rasa warns about a response no story or rule uses; one an action sends by name is used.
    sent = responses_sent_by_name()
    warnings = [
        line for line in re.findall(r"UserWarning: (.*)", output)
        if not (m := re.match(r"The utterance '(\w+)' is not used in any story or rule", line)) or m.group(1) not in sent
    ]
    assert not warnings, "\n".join(warnings)


def test_intent_accuracy_on_held_out_examples(tmp_path):
    """Train on 80% of the NLU examples, test on the other 20% (fixed seed)."""
    split = rasa("data", "split", "nlu", "--nlu", "data/nlu", "--training-fraction", "0.8",
                 "--random-seed", "42", "--out", str(tmp_path / "split"))
    assert split.returncode == 0, split.stderr[-2000:]
    train = rasa("train", "nlu", "--config", "config.yml", "--nlu", str(tmp_path / "split" / "training_data.yml"),
                 "--out", str(tmp_path / "models"), "--fixed-model-name", "holdout")
    assert train.returncode == 0, train.stderr[-2000:]
    test = rasa("test", "nlu", "--nlu", str(tmp_path / "split" / "test_data.yml"),
                "--model", str(tmp_path / "models" / "holdout.tar.gz"), "--out", str(tmp_path / "results"))
    assert test.returncode == 0, test.stderr[-2000:]
    report = json.loads((tmp_path / "results" / "intent_report.json").read_text())
    accuracy = report["accuracy"]
    weakest = sorted(
        ((name, scores["f1-score"]) for name, scores in report.items() if isinstance(scores, dict) and "support" in scores
         and name not in ("macro avg", "weighted avg", "micro avg")),
        key=lambda item: item[1],
    )[:5]
    print(f"\nNLU held-out intent accuracy: {accuracy:.3f} (weakest: {weakest})")
    assert accuracy >= SPLIT_FLOOR, f"split accuracy {accuracy:.3f} < {SPLIT_FLOOR}; weakest: {weakest}"


def test_conversation_stories_have_no_prediction_errors(trained_model, tmp_path):
    completed = rasa("test", "core", "--model", str(trained_model), "--stories", "tests/stories",
                     "--fail-on-prediction-errors", "--out", str(tmp_path / "results"))
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]
