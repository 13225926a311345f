"""Intent accuracy of the trained model on messages it has never seen.

    .venv/bin/python benchmarks/nlu_heldout.py [--data FILE | --dev] [--model FILE] [--no-split] [--json OUT]

By default it reads the frozen held-out set `benchmarks/heldout/nlu_intents.jsonl`
(written independently of the training data; see its README) and reports, in
one run:

- held-out accuracy overall, per intent and per flow state, and mode-choice
  accuracy (messages labelled choose_cbt or choose_explore);
- beside it, the in-sample accuracy (the model on its own training examples)
  and a split figure (a model trained on 80% of the NLU data, tested on the
  other 20%, fixed seed), so the gap between them shows how far the training
  data generalise;
- a majority-class baseline: always answering the most frequent training intent.

Each figure is given twice where it matters: for the intent the bot acts on,
and for the intent classifier alone, before the crisis detector (which runs
last and may override any message with `crisis` or a check-in). The in-sample
and split figures are for the classifier alone.

A prediction is what the bot acts on: below the fallback threshold it is
`nlu_fallback`, which counts as a miss. After a crisis message the bot asks
"Are you safe right now?", and its rules read a plain yes or no as the answer
to that question (`deny` acts as `not_safe`, `affirm` as `safe_now`, and "idk"
read as `stuck` gets the same reply as `unsure_safe`: `bot.nlu.crisis_policy`); the
acted-on figure counts them so, the classifier figure does not.

The held-out set is for measuring only: while working on the training data use
`--dev`, which reports the development sets (the retired 2026-12-01 held-out
set and `benchmarks/nlu/dev.tsv`, a state, intent and text per line) one after
the other, or `--data FILE` for any one of them.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

PROJECT = Path(__file__).resolve().parent.parent
HELD_OUT = PROJECT / "benchmarks" / "heldout" / "nlu_intents.jsonl"
MODEL = PROJECT / "models" / "reflect.tar.gz"
DEV_SETS = (
    PROJECT / "benchmarks" / "retired" / "2026-12-01" / "nlu_intents.jsonl",
    PROJECT / "benchmarks" / "nlu" / "dev.tsv",
)
MODE_INTENTS = ("choose_cbt", "choose_explore")
# Intents that no held-out line can carry: set by a detector component, not by wording alone.
NOT_MEASURED = {"crisis"}


def read_examples(path: Path) -> list[dict]:
    """Rows of {text, intent, state} from a JSONL file or a TSV (state, intent, text)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if path.suffix == ".jsonl":
            rows.append(json.loads(line))
        else:
            state, intent, text = line.split("\t", 2)
            rows.append({"state": state, "intent": intent, "text": text})
    return rows


def training_examples(nlu_dir: Path = PROJECT / "data" / "nlu") -> list[dict]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(nlu_dir))
    return [{"text": m.get("text"), "intent": m.get("intent"), "state": "training"} for m in data.intent_examples]


def _quiet() -> None:
    """Rasa logs every parse at debug level through structlog; keep the report readable."""
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))


DETECTOR_INTENTS = ("crisis", "crisis_check")
# How the rules read an intent in a state (data/rules/safety.yml): a yes or no
# straight after "Are you safe right now?" is taken as the answer to it.
ACTS_AS = {"after_crisis": {"deny": "not_safe", "affirm": "safe_now", "stuck": "unsure_safe"}}


def acted_on(state: str, intent: str) -> str:
    """The intent the bot acts on in `state` when the model predicts `intent`."""
    return ACTS_AS.get(state, {}).get(intent, intent)


def parse_all(model: Path, texts: Iterable[str]) -> list[tuple[str, str]]:
    """(intent the bot acts on, intent of the classifier before the crisis detector) per text."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    _quiet()

    async def run() -> list[tuple[str, str]]:
        out = []
        for text in texts:
            parsed = await agent.parse_message(text)
            final = (parsed.get("intent") or {}).get("name") or ""
            ranking = [r.get("name") for r in parsed.get("intent_ranking") or []]
            classifier = next((name for name in ranking if name not in DETECTOR_INTENTS), final)
            out.append((final, classifier))
        return out

    return asyncio.run(run())


def predict(model: Path, texts: Iterable[str]) -> list[str]:
    return [final for final, _ in parse_all(model, texts)]


def accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(gold == pred for gold, pred in pairs) / len(pairs) if pairs else float("nan")


def grouped(rows: list[dict], predictions: list[str], key: str) -> dict[str, dict]:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row, pred in zip(rows, predictions):
        groups[row[key]].append((row["intent"], pred))
    return {name: {"accuracy": round(accuracy(pairs), 3), "n": len(pairs)} for name, pairs in sorted(groups.items())}


def split_accuracy(seed: int = 42) -> float:
    """Train on 80% of the NLU data, test on the other 20% (as tests/test_rasa_data.py does)."""
    rasa = [sys.executable, "-m", "rasa"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        subprocess.run(rasa + ["data", "split", "nlu", "--nlu", "data/nlu", "--training-fraction", "0.8",
                               "--random-seed", str(seed), "--out", str(tmp_path / "split")],
                       cwd=PROJECT, check=True, capture_output=True)
        subprocess.run(rasa + ["train", "nlu", "--config", "config.yml", "--nlu",
                               str(tmp_path / "split" / "training_data.yml"), "--out", str(tmp_path / "models"),
                               "--fixed-model-name", "split"], cwd=PROJECT, check=True, capture_output=True)
        from rasa.shared.nlu.training_data.loading import load_data

        test = load_data(str(tmp_path / "split" / "test_data.yml")).intent_examples
        predicted = [alone for _, alone in parse_all(tmp_path / "models" / "split.tar.gz", [m.get("text") for m in test])]
        return accuracy([(m.get("intent"), p) for m, p in zip(test, predicted)])


@functools.lru_cache(maxsize=None)
def in_sample_accuracy(model: Path) -> float:
    """The classifier alone on its own training examples (the same for every data set)."""
    train = training_examples()
    in_sample = [alone for _, alone in parse_all(model, [t["text"] for t in train])]
    return round(accuracy([(t["intent"], p) for t, p in zip(train, in_sample)]), 3)


def report(data: Path, model: Path, split: bool) -> dict:
    rows = [r for r in read_examples(data) if r["intent"] not in NOT_MEASURED]
    parsed = parse_all(model, [r["text"] for r in rows])
    predictions = [acted_on(r["state"], final) for r, (final, _) in zip(rows, parsed)]
    classifier = [alone for _, alone in parsed]
    train = training_examples()
    majority, _ = Counter(t["intent"] for t in train).most_common(1)[0]
    modes = [(r["intent"], p) for r, p in zip(rows, predictions) if r["intent"] in MODE_INTENTS]
    result = {
        "data": str(data.relative_to(PROJECT) if data.is_relative_to(PROJECT) else data),
        "messages": len(rows),
        "accuracy": round(accuracy([(r["intent"], p) for r, p in zip(rows, predictions)]), 3),
        "mode_choice_accuracy": round(accuracy(modes), 3),
        "mode_choice_messages": len(modes),
        "fallback_rate": round(sum(p == "nlu_fallback" for p in predictions) / len(rows), 3),
        # The crisis detector (tier 1 and the tier-2 check-in) runs after the classifier and
        # overrides it; no line here is labelled crisis, so every override counts as a miss above.
        "detector_override_rate": round(sum(p in DETECTOR_INTENTS for p in predictions) / len(rows), 3),
        "classifier_accuracy": round(accuracy([(r["intent"], c) for r, c in zip(rows, classifier)]), 3),
        "classifier_mode_choice_accuracy": round(
            accuracy([(r["intent"], c) for r, c in zip(rows, classifier) if r["intent"] in MODE_INTENTS]), 3),
        "classifier_per_intent": grouped(rows, classifier, "intent"),
        "classifier_per_state": grouped(rows, classifier, "state"),
        "per_intent": grouped(rows, predictions, "intent"),
        "per_state": grouped(rows, predictions, "state"),
        "in_sample_accuracy": in_sample_accuracy(model),
        "training_examples": len(train),
        "majority_baseline": {
            "intent": majority,
            "accuracy": round(accuracy([(r["intent"], majority) for r in rows]), 3),
        },
    }
    if split:
        result["split_accuracy"] = round(split_accuracy(), 3)
    return result


def print_report(result: dict) -> None:
    print(f"NLU accuracy on {result['data']} ({result['messages']} messages)")
    print(f"  overall            {result['accuracy']:.3f}")
    print(f"  mode choice        {result['mode_choice_accuracy']:.3f} ({result['mode_choice_messages']} messages)")
    print(f"  fallback rate      {result['fallback_rate']:.3f}")
    print(f"  crisis detector    {result['detector_override_rate']:.3f} of messages overridden (crisis or check-in)")
    print(f"  classifier alone   {result['classifier_accuracy']:.3f} overall, "
          f"{result['classifier_mode_choice_accuracy']:.3f} mode choice (before the crisis detector)")
    print(f"  in-sample          {result['in_sample_accuracy']:.3f} ({result['training_examples']} training examples)")
    if "split_accuracy" in result:
        print(f"  80/20 split        {result['split_accuracy']:.3f}")
    base = result["majority_baseline"]
    print(f"  majority baseline  {base['accuracy']:.3f} (always {base['intent']})")
    print("per state:            acted on  classifier")
    for name, row in result["per_state"].items():
        alone = result["classifier_per_state"][name]["accuracy"]
        print(f"  {name:<20} {row['accuracy']:.3f}     {alone:.3f}  n={row['n']}")
    print("per intent:           acted on  classifier")
    for name, row in result["per_intent"].items():
        alone = result["classifier_per_intent"][name]["accuracy"]
        print(f"  {name:<20} {row['accuracy']:.3f}     {alone:.3f}  n={row['n']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--data", type=Path, default=HELD_OUT)
    which.add_argument("--dev", action="store_true", help="the development sets instead of the held-out set")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--no-split", action="store_true", help="skip the 80/20 split (saves a training run)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sets = DEV_SETS if args.dev else (args.data.resolve(),)
    results = [report(data, args.model, split=not args.no_split and i == 0) for i, data in enumerate(sets)]
    for result in results:
        print_report(result)
    if args.json:
        payload = results if args.dev else results[0]
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
