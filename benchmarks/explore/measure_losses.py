"""Recall and false alarms of the loss finder on the development losses.

    .venv/bin/python benchmarks/explore/measure_losses.py [--show]

`dev_losses.jsonl`: one first mention of a loss a line ("kind" is death, pet,
miscarriage, breakup, job, diagnosis or hurt), or a hard negative ("kind" null:
"my phone died", "lost my keys"). A development set: tune on it freely.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.explore.loss import losses_in  # noqa: E402

DEV_FILE = Path(__file__).with_name("dev_losses.jsonl")


def examples(path: Path = DEV_FILE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def measure(items: list[dict], show: bool = False) -> dict[str, float]:
    """Recall of losses (found at all, and of the right kind) and false alarms on the negatives."""
    found = right_kind = false_alarms = 0
    positives = [i for i in items if i["kind"]]
    for item in items:
        losses = losses_in(item["text"])
        if not item["kind"]:
            false_alarms += bool(losses)
            if losses and show:
                print(f"FALSE ALARM {losses[0].kind}: {item['text']}")
            continue
        found += bool(losses)
        right_kind += bool(losses) and losses[0].kind == item["kind"]
        if show and (not losses or losses[0].kind != item["kind"]):
            print(f"MISSED {item['kind']} (got {[loss.kind for loss in losses]}): {item['text']}")
    return {
        "positives": len(positives),
        "recall": round(found / len(positives), 3),
        "right_kind": round(right_kind / len(positives), 3),
        "negatives": len(items) - len(positives),
        "false_alarms": false_alarms,
    }


if __name__ == "__main__":
    print(json.dumps(measure(examples(), show="--show" in sys.argv), indent=1))
