"""Nothing in the shipped project is copied from the measure-only thinking-traps data set.

That data set (CC BY-NC-ND 4.0) may be used to measure the detector, never to
build it: no run of six or more words of its thoughts may appear in `bot/`,
where the cue tables, drill bank and other texts live. (The NLU examples in
`data/` are not checked: a few everyday six-word idioms such as "is driving me
up the wall" occur in both.) Users' machines do not have the data set, so the
test is skipped there.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT.parent / "shared/benchmarks/thinking-traps/thinking_traps.jsonl"
RUN = 6
WORD = re.compile(r"[a-z']+")
SHIPPED = [PROJECT / "bot"]
TEXT_SUFFIXES = {".py", ".yml", ".yaml", ".json", ".jsonl", ".txt", ".md", ".html", ".js", ".css"}

pytestmark = pytest.mark.skipif(
    not DATA.is_file(), reason=f"thinking-traps data set not found at {DATA} (only on development machines)"
)


def runs(text: str, n: int = RUN) -> set[str]:
    """Every run of `n` words in `text`, lower-cased, punctuation ignored."""
    words = WORD.findall(text.lower().replace("\u2019", "'"))
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def shipped_files() -> list[Path]:
    files: list[Path] = []
    for root in SHIPPED:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        files += [p for p in candidates if p.is_file() and p.suffix in TEXT_SUFFIXES]
    return files


def dataset_runs() -> set[str]:
    found: set[str] = set()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            found |= runs(re.sub(r"\s*->\s*$", "", json.loads(line)["prompt"]))
    return found


def test_the_check_finds_a_copied_thought() -> None:
    """The check itself works: a thought of the data set, pasted, is caught."""
    thoughts = [json.loads(line)["prompt"] for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    pasted = "Today I wrote: " + max(thoughts, key=len).replace("->", "").lower()
    assert runs(pasted) & dataset_runs()
    assert not runs("I walked the dog along the river before the rain came in") & dataset_runs()


def test_no_six_word_run_of_the_data_set_is_shipped() -> None:
    source = dataset_runs()
    shared = [
        f"{path.relative_to(PROJECT)}: {run}"
        for path in shipped_files()
        for run in sorted(runs(path.read_text(encoding="utf-8", errors="ignore")) & source)
    ]
    assert not shared, "copied from the thinking-traps data set:\n" + "\n".join(shared)
