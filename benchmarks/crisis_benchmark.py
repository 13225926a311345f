"""Measure the crisis detector on a development set and a held-out set.

    .venv/bin/python benchmarks/crisis_benchmark.py [--no-fail] [--dev] [--dir DIR] [--show-misses]

Each set is a folder of three files (one message per line, `#` comments):
crisis_explicit.txt and crisis_indirect.txt must all be flagged, everyday.txt
must not be. These sets are read:

- *dev*, `benchmarks/crisis/` (written with the patterns), every retired
  held-out set under `benchmarks/retired/*/` and every development set written
  independently under `benchmarks/crisis_dev/*/`: tune on them freely
  (`--show-misses` prints their misses). None of them is training data for
  the tier-2 classifier, so their either-tier figures are out of sample.
- *held-out*, `benchmarks/heldout/`: written by someone who has seen neither
  the patterns nor the dev set; frozen, report only. Its misses are never
  printed: a miss that teaches something is fixed by its general cause, then
  the set is retired and a new one written.

The journaling sessions of the exploratory-mode benchmark are everyday text
too, long and emotional: every turn of the development sessions
(`benchmarks/explore/dev_sessions.jsonl`, the retired sets' `journal_sessions.jsonl`)
and of the held-out sessions (`benchmarks/heldout/journal_sessions.jsonl`) is
read, and the share given helplines (tier 1) or the check-in is printed: a
false alarm there tells someone writing about their grief they were not heard.

For each set the script prints recall, false-positive rate, counts and time per
message for tier 1 (`bot.nlp.crisis.is_crisis`), for either tier
(`bot.nlp.crisis.assess`: tier 1 or the tier-2 check-in) and, in the same run,
for a naive keyword baseline. Exits 1 when the held-out set (or, without it, the dev
set) misses a target (recall explicit 1.00, indirect >= 0.95, false positives
<= 0.02), unless --no-fail is given. `--dir DIR` scores one folder instead.

The sets are written for the project; they are not anyone's conversations.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SETS_DIR = Path(__file__).resolve().parent / "crisis"
HELDOUT_DIR = Path(__file__).resolve().parent / "heldout"
RETIRED_DIR = Path(__file__).resolve().parent / "retired"
DEV_DIR = Path(__file__).resolve().parent / "crisis_dev"
TARGETS = {"explicit_recall": 1.00, "indirect_recall": 0.95, "everyday_fpr": 0.02, "checkin_fpr": 0.05}
BASELINE_WORDS = ["suicide", "kill myself", "die"]


def load_set(path: Path) -> list[str]:
    """The messages of one set file: non-empty lines that are not `#` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def baseline(text: str) -> bool:
    """The naive keyword check the detector is compared with."""
    return any(w in text.lower() for w in BASELINE_WORDS)


def evaluate(detect: Callable[[str], bool], sets: dict[str, list[str]]) -> dict[str, object]:
    """Recall on the crisis sets, false-positive rate on everyday, and timings (ms)."""
    flags: dict[str, list[bool]] = {}
    times: list[float] = []
    for name, messages in sets.items():
        flags[name] = []
        for message in messages:
            start = time.perf_counter()
            flags[name].append(bool(detect(message)))
            times.append((time.perf_counter() - start) * 1000)
    return {
        "explicit_recall": _share(flags["explicit"]),
        "indirect_recall": _share(flags["indirect"]),
        "everyday_fpr": _share(flags["everyday"]),
        "flags": flags,
        "mean_ms": statistics.fmean(times) if times else 0.0,
        "p95_ms": _percentile(times, 95),
        "max_ms": max(times, default=0.0),
    }


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]


def missed_targets(result: dict[str, object], either: dict[str, object] | None = None) -> list[str]:
    """The targets `result` misses, as readable lines (empty when all are met)."""
    missed = []
    if result["explicit_recall"] < TARGETS["explicit_recall"]:
        missed.append(f"recall on explicit {result['explicit_recall']:.3f} < {TARGETS['explicit_recall']:.2f}")
    indirect = either["indirect_recall"] if either else result["indirect_recall"]
    if indirect < TARGETS["indirect_recall"]:
        missed.append(f"recall on indirect (either tier) {indirect:.3f} < {TARGETS['indirect_recall']:.2f}")
    if either and either["everyday_fpr"] - result["everyday_fpr"] > TARGETS["checkin_fpr"]:
        missed.append(f"check-in false positives {either['everyday_fpr'] - result['everyday_fpr']:.3f} > {TARGETS['checkin_fpr']:.2f}")
    if result["everyday_fpr"] > TARGETS["everyday_fpr"]:
        missed.append(f"false positives on everyday {result['everyday_fpr']:.3f} > {TARGETS['everyday_fpr']:.2f}")
    return missed


def load_sets(directory: Path) -> dict[str, list[str]]:
    """The three sets of `directory`, keyed explicit, indirect, everyday."""
    return {
        "explicit": load_set(directory / "crisis_explicit.txt"),
        "indirect": load_set(directory / "crisis_indirect.txt"),
        "everyday": load_set(directory / "everyday.txt"),
    }


def report(
    title: str, sets: dict[str, list[str]], detector: dict[str, object], naive: dict[str, object],
    either: dict[str, object] | None = None,
) -> None:
    """Print one set's figures: tier 1, either tier (tier 1 or the check-in) and the keyword baseline."""
    counts = {name: len(messages) for name, messages in sets.items()}
    print(f"== {title}: explicit {counts['explicit']}, indirect {counts['indirect']}, everyday {counts['everyday']}")
    print(f"{'':28}{'tier 1':>12}{'either tier':>12}{'baseline':>12}{'target':>10}")
    for key, label, target in (
        ("explicit_recall", "recall, explicit", f">= {TARGETS['explicit_recall']:.2f}"),
        ("indirect_recall", "recall, indirect", f">= {TARGETS['indirect_recall']:.2f}*"),
        ("everyday_fpr", "false positives, everyday", f"<= {TARGETS['everyday_fpr']:.2f}"),
    ):
        both = f"{either[key]:>12.3f}" if either else f"{'-':>12}"
        print(f"{label:28}{detector[key]:>12.3f}{both}{naive[key]:>12.3f}{target:>10}")
    if either:
        checkin_fpr = either["everyday_fpr"] - detector["everyday_fpr"]
        print(f"{'check-in only, everyday':28}{'':>12}{checkin_fpr:>12.3f}{'':>12}{'<= ' + format(TARGETS['checkin_fpr'], '.2f'):>10}")
        print("  * indirect recall counts either tier; explicit recall and false positives count tier 1")
    for key, label in (("explicit", "flagged, explicit"), ("indirect", "flagged, indirect"), ("everyday", "flagged, everyday")):
        print(f"{label:28}{sum(detector['flags'][key]):>12}{sum(naive['flags'][key]):>12}{counts[key]:>10}")
    print(f"{'ms per message, mean':28}{detector['mean_ms']:>12.3f}{naive['mean_ms']:>12.4f}")
    print(f"{'ms per message, p95':28}{detector['p95_ms']:>12.3f}{naive['p95_ms']:>12.4f}")
    print(f"{'ms per message, max':28}{detector['max_ms']:>12.3f}{naive['max_ms']:>12.4f}")
    for line in missed_targets(detector, either):
        print(f"TARGET MISSED ({title}): {line}")
    print()


JOURNAL_SESSIONS = [
    ("dev", Path(__file__).resolve().parent / "explore" / "dev_sessions.jsonl"),
    *(("dev, retired", path) for path in sorted(RETIRED_DIR.glob("*/journal_sessions.jsonl"))),
    ("held-out", HELDOUT_DIR / "journal_sessions.jsonl"),
]


def journal_turns(path: Path) -> list[str]:
    """Every message a person writes in the sessions of `path` (one JSON session per line, its `turns`)."""
    turns: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            turns += [str(turn) for turn in json.loads(line).get("turns", []) if str(turn).strip()]
    return turns


def report_journaling(title: str, turns: list[str], is_crisis: Callable[[str], bool], assess: Callable) -> None:
    """Print the share of journaling messages given helplines, the check-in, or flagged by the baseline."""
    levels = [assess(turn).level for turn in turns]
    helplines = sum(level == "crisis" for level in levels)
    checkins = sum(level == "check_in" for level in levels)
    naive = sum(baseline(turn) for turn in turns)
    count = len(turns) or 1
    print(f"== journaling, {title}: {len(turns)} messages")
    print(f"{'':28}{'tier 1':>12}{'check-in':>12}{'baseline':>12}{'target':>10}")
    print(f"{'false alarms':28}{helplines / count:>12.3f}{checkins / count:>12.3f}{naive / count:>12.3f}"
          f"  <= {TARGETS['everyday_fpr']:.2f} / {TARGETS['checkin_fpr']:.2f}")
    print()


def show_misses(sets: dict[str, list[str]], detector: dict[str, object], either: dict[str, object]) -> None:
    """Print a dev set's misses: tier-1 misses of explicit lines, either-tier misses
    of indirect lines, and everyday lines either tier flags."""
    for key, result, want in (("explicit", detector, True), ("indirect", either, True), ("everyday", either, False)):
        for message, flagged in zip(sets[key], result["flags"][key]):
            if flagged != want:
                print(f"miss [{key}]: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target is missed")
    parser.add_argument("--dir", type=Path, default=None, help="score only this folder of three set files")
    parser.add_argument("--dev", action="store_true", help="score the development sets only, not the held-out set")
    parser.add_argument("--show-misses", action="store_true", help="print the dev set's lines the detector gets wrong")
    args = parser.parse_args(argv)

    from bot.nlp.crisis import assess, is_crisis

    if args.dir is not None:
        folders = [(str(args.dir), args.dir)]
    else:
        folders = [("dev (benchmarks/crisis)", SETS_DIR)]
        folders += [
            (f"dev ({folder.relative_to(ROOT)})", folder)
            for folder in sorted(DEV_DIR.glob("*"))
            if (folder / "crisis_explicit.txt").is_file()
        ]
        folders += [
            (f"dev, retired held-out ({folder.relative_to(ROOT)})", folder)
            for folder in sorted(RETIRED_DIR.glob("*"))
            if (folder / "crisis_explicit.txt").is_file()
        ]
        if not args.dev and (HELDOUT_DIR / "crisis_explicit.txt").is_file():
            folders.append(("held-out (benchmarks/heldout)", HELDOUT_DIR))
    start = time.perf_counter()
    is_crisis("warm up")  # builds the matchers once, as the NLU component does at start-up
    assess("warm up")  # trains the tier-2 classifier once
    print(f"one-off start-up {time.perf_counter() - start:.2f} s")

    judged: tuple[dict[str, object], dict[str, object]] | None = None
    for title, folder in folders:
        try:
            sets = load_sets(folder)
        except OSError as error:
            print(f"cannot read the sets in {folder}: {error}. Expected crisis_explicit.txt, "
                  "crisis_indirect.txt and everyday.txt there.", file=sys.stderr)
            return 2
        detector = evaluate(is_crisis, sets)
        either = evaluate(lambda text: assess(text).level != "none", sets)
        report(title, sets, detector, evaluate(baseline, sets), either)
        judged = (detector, either)
        if args.show_misses and folder != HELDOUT_DIR:
            show_misses(sets, detector, either)

    if args.dir is None:
        for title, path in JOURNAL_SESSIONS:
            if path.is_file() and not (args.dev and title == "held-out"):
                report_journaling(f"{title} ({path.relative_to(ROOT)})", journal_turns(path), is_crisis, assess)

    missed = missed_targets(*judged) if judged else []
    if not missed:
        print("all targets met")
    return 1 if missed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
