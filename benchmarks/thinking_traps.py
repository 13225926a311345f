"""Measure the thinking-trap detector on development and held-out thoughts.

Two sources, each scored for the detector and for a naive cue-word baseline in
the same run (top-1 precision, top-3 recall per label and overall, the share of
"Not distorted" thoughts given any suggestion, mean time per thought):

- The third-party thinking-traps data set (Sharma et al., ACL 2023; CC BY-NC-ND
  4.0), read in place from the shared folder and never copied into the project
  (see its SOURCE.md). It is split once, by a hash of each thought (the data set
  has no other id): the *dev* half is the only one cues may be tuned on; the
  *held-out* half is reported and never looked at line by line.
- `benchmarks/traps/balanced_dev.txt`: balanced thoughts written for the project
  as a development set (how many still get a suggestion).
- `benchmarks/traps/*.jsonl`: labelled thoughts written for the project as
  development sets (`{"thought", "labels"}`; `["not_distorted"]` or [] for a
  fair thought); tune on them freely, and `--misses` lists what they miss.
- `benchmarks/heldout/thinking_traps.jsonl`, written for the project by someone
  who has seen neither the cues nor the data set; frozen, report only.

The exit status follows the targets on the held-out half (unless --no-fail).

    .venv/bin/python benchmarks/thinking_traps.py [--data FILE] [--split dev|heldout|all]
        [--project-dev FILE ...] [--misses] [--no-fail]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(PROJECT_DIR))

from bot.cbt.traps import label_for_name  # noqa: E402
from bot.nlp.distortions import LABELS, detect  # noqa: E402

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared/benchmarks/thinking-traps/thinking_traps.jsonl"
)

PROJECT_HELDOUT = PROJECT_DIR / "benchmarks/heldout/thinking_traps.jsonl"
BALANCED_DEV = PROJECT_DIR / "benchmarks/traps/balanced_dev.txt"
PROJECT_DEV = sorted((PROJECT_DIR / "benchmarks/traps").glob("*.jsonl"))

TARGET_RECALL = 0.65
TARGET_NOT_DISTORTED_SHARE = 0.25

NOT_DISTORTED = "not distorted"
PROJECT_NOT_DISTORTED = "not_distorted"
IGNORED = {"negative feeling or emotion"}


def dataset_label(name: str) -> str | None:
    """The project label for a data set's trap name ("Overgeneralizing"), by the
    names and aliases in `bot/cbt/data/traps.yml` (see SOURCE.md); None if unknown."""
    return label_for_name(name)


# Detector under test: text -> labels, best first.
Detector = Callable[[str], list[str]]


@dataclass
class Thought:
    """One distinct thought with its gold labels (empty when not distorted)."""

    text: str
    gold: set[str] = field(default_factory=set)
    not_distorted: bool = False


@dataclass
class Scores:
    """The benchmark's figures for one detector."""

    top1_precision: float
    recall: float
    recall_per_label: dict[str, float]
    pairs_per_label: dict[str, int]
    not_distorted_share: float
    mean_ms: float
    suggested_share: float

    def passes(self) -> bool:
        return (
            self.recall >= TARGET_RECALL
            and self.not_distorted_share <= TARGET_NOT_DISTORTED_SHARE
        )


def load(path: Path) -> list[Thought]:
    """Group the benchmark lines by thought; drop lines that are not thinking traps.

    Reads the third-party format ({"prompt": "<thought> ->", "completion": " <Label>"},
    one line per label) and the project's ({"text" or "thought", "labels": [...]},
    [] or ["not_distorted"] = not distorted).
    """
    thoughts: dict[str, Thought] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if "text" in row or "thought" in row:  # the project's own format
                text = row.get("text", row.get("thought", "")).strip()
                thought = thoughts.setdefault(text, Thought(text))
                labels = set(row["labels"]) - {PROJECT_NOT_DISTORTED}
                unknown = labels - set(LABELS)
                if unknown:
                    raise ValueError(f"unknown label in benchmark: {sorted(unknown)}")
                thought.gold.update(labels)
                thought.not_distorted = not labels
                continue
            text = re.sub(r"\s*->\s*$", "", row["prompt"]).strip()
            name = row["completion"].strip().lower()
            if name in IGNORED:
                continue
            thought = thoughts.setdefault(text, Thought(text))
            if name == NOT_DISTORTED:
                thought.not_distorted = True
            elif label := dataset_label(name):
                thought.gold.add(label)
            else:
                raise ValueError(f"unknown label in benchmark: {row['completion']!r}")
    for thought in thoughts.values():  # a thought with a trap label counts as distorted
        if thought.gold:
            thought.not_distorted = False
    return list(thoughts.values())


def load_balanced(path: Path = BALANCED_DEV) -> list[Thought]:
    """The project's development set of balanced (not distorted) thoughts, one a line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Thought(line.strip(), not_distorted=True) for line in lines if line.strip() and not line.startswith("#")]


def split_of(text: str) -> str:
    """"dev" or "heldout": a fixed half of the thoughts, chosen by a hash of the text."""
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "heldout"


def subset(thoughts: Sequence[Thought], split: str) -> list[Thought]:
    """The thoughts of one split ("dev", "heldout"); "all" keeps them all."""
    if split == "all":
        return list(thoughts)
    return [t for t in thoughts if split_of(t.text) == split]


def evaluate(thoughts: Sequence[Thought], detector: Detector) -> Scores:
    """Score `detector` on `thoughts` (see the module docstring for the figures)."""
    hits: dict[str, int] = defaultdict(int)
    pairs: dict[str, int] = defaultdict(int)
    suggested = top1_right = nd_total = nd_flagged = 0
    started = time.perf_counter()
    for thought in thoughts:
        labels = detector(thought.text)
        if labels:
            suggested += 1
            top1_right += labels[0] in thought.gold
        if thought.not_distorted:
            nd_total += 1
            nd_flagged += bool(labels)
        for label in thought.gold:
            pairs[label] += 1
            hits[label] += label in labels[:3]
    elapsed = time.perf_counter() - started
    total_pairs = sum(pairs.values())
    return Scores(
        top1_precision=top1_right / suggested if suggested else 0.0,
        recall=sum(hits.values()) / total_pairs if total_pairs else 0.0,
        recall_per_label={l: hits[l] / pairs[l] for l in LABELS if pairs[l]},
        pairs_per_label={l: pairs[l] for l in LABELS if pairs[l]},
        not_distorted_share=nd_flagged / nd_total if nd_total else 0.0,
        mean_ms=1000 * elapsed / len(thoughts) if thoughts else 0.0,
        suggested_share=suggested / len(thoughts) if thoughts else 0.0,
    )


def detector_labels(text: str) -> list[str]:
    """The project's detector, as labels only."""
    return [s.label for s in detect(text)]


# A quick cue-word list, the kind one writes in five minutes: the bar to beat.
BASELINE_CUES: dict[str, str] = {
    "always": "overgeneralization", "never": "overgeneralization",
    "everyone": "all_or_nothing", "nobody": "all_or_nothing", "nothing": "all_or_nothing",
    "should": "should_statements", "must": "should_statements",
    "idiot": "labeling", "loser": "labeling", "stupid": "labeling", "failure": "labeling",
    "think": "mind_reading", "will": "fortune_telling",
    "worst": "catastrophizing", "terrible": "catastrophizing", "ruined": "catastrophizing",
    "feel": "emotional_reasoning", "fault": "personalization", "blame": "blaming",
    "than": "comparing", "only": "mental_filter", "lucky": "disqualifying_positive",
}


def baseline_labels(text: str) -> list[str]:
    """Labels of the cue words found in `text`, in order of first appearance."""
    found: list[str] = []
    for word in re.findall(r"[a-z']+", text.lower()):
        label = BASELINE_CUES.get(word)
        if label and label not in found:
            found.append(label)
    return found


def report(name: str, scores: Scores) -> str:
    """A plain-text block of one detector's figures."""
    rows = [
        f"{name}",
        f"  top-1 precision          {scores.top1_precision:.3f}",
        f"  top-3 recall (overall)   {scores.recall:.3f}   target >= {TARGET_RECALL}",
        f"  not-distorted flagged    {scores.not_distorted_share:.3f}   target <= {TARGET_NOT_DISTORTED_SHARE}",
        f"  thoughts with a suggestion {scores.suggested_share:.3f}",
        f"  mean time per thought    {scores.mean_ms:.2f} ms",
        "  top-3 recall per label:",
    ]
    for label, value in scores.recall_per_label.items():
        rows.append(f"    {label:24s} {value:.3f}  (n={scores.pairs_per_label[label]})")
    return "\n".join(rows)


def run(path: Path = DEFAULT_DATA, split: str = "heldout") -> tuple[Scores, Scores]:
    """Evaluate the detector and the baseline on one split of the file at `path`."""
    return _run(subset(load(path), split))


def _run(thoughts: Sequence[Thought]) -> tuple[Scores, Scores]:
    detect("warm up")  # compile the cue tables outside the timing
    return evaluate(thoughts, detector_labels), evaluate(thoughts, baseline_labels)


def _section(title: str, thoughts: Sequence[Thought]) -> Scores:
    ours, baseline = _run(thoughts)
    print(f"== {title}: {len(thoughts)} thoughts\n")
    print(report("detector (bot.nlp.distortions)", ours))
    print()
    print(report("baseline (cue-word list)", baseline))
    print()
    return ours


def misses(thoughts: Sequence[Thought], detector: Detector = detector_labels) -> str:
    """The thoughts of a project development set the detector gets wrong: a gold
    label outside the top three, or a suggestion for a fair thought. Never used on
    the third-party set, whose sentences are for measuring only."""
    rows = []
    for thought in thoughts:
        labels = detector(thought.text)
        if thought.not_distorted and labels:
            rows.append(f"  FLAGGED {labels}  {thought.text}")
        missed = sorted(label for label in thought.gold if label not in labels[:3])
        if missed:
            rows.append(f"  MISSED {missed} got {labels}  {thought.text}")
    return "\n".join(rows)


def _shown(path: Path) -> str:
    """`path` relative to the project when it is inside it."""
    path = path.resolve()
    return str(path.relative_to(PROJECT_DIR)) if path.is_relative_to(PROJECT_DIR) else str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="third-party JSONL file")
    parser.add_argument(
        "--split", choices=["dev", "heldout", "all", "both"], default="both",
        help="which half of the third-party set to score (default: dev, then held-out)",
    )
    parser.add_argument(
        "--project-dev", type=Path, nargs="*", default=PROJECT_DEV,
        help="the project's labelled development files (default: benchmarks/traps/*.jsonl)",
    )
    parser.add_argument("--misses", action="store_true", help="list the misses on the project's development files")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when targets are missed")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"benchmark file not found: {args.data} (pass --data FILE)", file=sys.stderr)
        return 2
    thoughts = load(args.data)
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    judged: Scores | None = None
    for split in splits:
        scores = _section(f"{args.data.name}, {split} half", subset(thoughts, split))
        if split in ("heldout", "all"):
            judged = scores
    if args.split in ("both", "dev"):
        balanced = load_balanced()
        flagged = evaluate(balanced, detector_labels).not_distorted_share
        base = evaluate(balanced, baseline_labels).not_distorted_share
        print(f"== {BALANCED_DEV.relative_to(PROJECT_DIR)} (dev, written for the project): {len(balanced)} balanced thoughts")
        print(f"  given a suggestion: detector {flagged:.3f}, baseline {base:.3f}\n")
        for path in args.project_dev:
            dev = load(path)
            _section(f"{_shown(path)} (dev, written for the project)", dev)
            if args.misses and not path.resolve().is_relative_to(DEFAULT_DATA.parent.resolve()):
                print(misses(dev) + "\n")
    if PROJECT_HELDOUT.is_file() and args.split in ("both", "heldout"):
        _section(f"{PROJECT_HELDOUT.relative_to(PROJECT_DIR)} (written for the project)", load(PROJECT_HELDOUT))
    if judged is None:
        return 0
    if judged.passes():
        print("targets met on the held-out half")
        return 0
    print("targets MISSED on the held-out half")
    return 0 if args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
