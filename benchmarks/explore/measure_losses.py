"""Recall and false alarms of the loss finder, and acknowledgements in a real session, on the development losses.

    .venv/bin/python benchmarks/explore/measure_losses.py [--show] [--finder-only]

Two development sets, one first mention of a loss a line, or a hard negative
("my phone died", "lost my keys"); tune on both freely:

- `dev_losses.jsonl`: "kind" is death, pet, miscarriage, breakup, job,
  diagnosis or hurt; null for a negative.
- `dev_losses_2026-12-03b.jsonl`, written without sight of the code: "kind" is
  death, pet_death, miscarriage, breakup, divorce, diagnosis, job_loss, hurt,
  estrangement, home_loss or failure; "none" for a negative.

For each set: recall of losses found at all and of the right kind, false alarms
on the negatives, and, with each line sent as the first message of a journaling
session through `JournalSession` (a fresh temporary SQLite per run), how many
losses are met with an acknowledgement before any question and how many
negatives wrongly are.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.explore.loss import losses_in  # noqa: E402

HERE = Path(__file__).parent
DEV_FILE = HERE / "dev_losses.jsonl"
DEV_FILES = (DEV_FILE, HERE / "dev_losses_2026-12-03b.jsonl")
# Each set's kind names, said as the finder's kinds (None: no loss).
KINDS: dict[Optional[str], Optional[str]] = {
    None: None, "none": None, "death": "death", "pet": "pet", "pet_death": "pet", "miscarriage": "miscarriage",
    "breakup": "breakup", "divorce": "breakup", "job": "job", "job_loss": "job", "diagnosis": "diagnosis",
    "hurt": "hurt", "estrangement": "estrangement", "home_loss": "home", "failure": "failure",
}
# An acknowledgement: the apology the loss wording opens with, said before any question.
ACKNOWLEDGED = re.compile(r"^[^?]*\bsorry\b", re.IGNORECASE)


def examples(path: Path = DEV_FILE) -> list[dict]:
    """The lines of one set, each with "kind" said as the finder's kind and "written" as the set wrote it."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**item, "written": item["kind"], "kind": KINDS[item["kind"]]} for item in items]


def measure(items: list[dict], show: bool = False) -> dict[str, Any]:
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
            print(f"MISSED {item.get('written', item['kind'])} (got {[loss.kind for loss in losses]}): {item['text']}")
    return {
        "positives": len(positives),
        "recall": round(found / len(positives), 3),
        "right_kind": round(right_kind / len(positives), 3),
        "negatives": len(items) - len(positives),
        "false_alarms": false_alarms,
    }


def first_replies(texts: list[str]) -> list[str]:
    """Each text sent as the first message of its own journaling session; the bot's reply to each."""
    from bot.explore.journal import ExploreState, JournalSession
    from bot.store.repository import Repository

    with tempfile.TemporaryDirectory() as folder:
        repo = Repository(f"sqlite:///{folder}/losses.db")
        replies = []
        for n, text in enumerate(texts):
            reply = JournalSession(repo, f"person-{n}").turn(text, None, ExploreState())
            replies.append(" ".join(said for said, _ in reply.messages))
        return replies


def measure_acknowledged(items: list[dict], show: bool = False) -> dict[str, Any]:
    """How many losses are acknowledged on first mention, and how many negatives wrongly are."""
    replies = first_replies([item["text"] for item in items])
    acknowledged = wrongly = 0
    for item, reply in zip(items, replies):
        said = bool(ACKNOWLEDGED.search(reply))
        if item["kind"]:
            acknowledged += said
            if show and not said:
                print(f"NOT ACKNOWLEDGED {item.get('written', item['kind'])}: {item['text']}\n    -> {reply}")
        else:
            wrongly += said
            if show and said:
                print(f"WRONGLY ACKNOWLEDGED: {item['text']}\n    -> {reply}")
    return {"acknowledged": acknowledged, "of": sum(1 for i in items if i["kind"]), "negatives_acknowledged": wrongly}


def main(argv: list[str]) -> None:
    show = "--show" in argv
    for path in DEV_FILES:
        items = examples(path)
        if show:
            print(f"== {path.name}")
        figures = measure(items, show=show)
        if "--finder-only" not in argv:
            figures |= measure_acknowledged(items, show=show)
        print(json.dumps({path.name: figures}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
