"""Practice drills: the bank, spaced repetition, scoring and answer reading."""
import random
from collections import Counter

import pytest

from bot.cbt.drills import (
    RECENT_WINDOW,
    Drill,
    bank,
    labels_from_answer,
    pick_next,
    score_answer,
    session_score,
)

THIRTEEN = [
    "all_or_nothing", "overgeneralization", "mental_filter", "disqualifying_positive",
    "mind_reading", "fortune_telling", "catastrophizing", "emotional_reasoning",
    "should_statements", "labeling", "personalization", "blaming", "comparing",
]


def _labels() -> list[str]:
    try:
        from bot.nlp.distortions import LABELS
    except ImportError:
        return THIRTEEN
    return list(LABELS)


def test_bank_is_large_varied_and_well_formed() -> None:
    drills = bank()
    assert len(drills) >= 80
    ids = [d.id for d in drills]
    assert len(ids) == len(set(ids))
    assert len({d.thought for d in drills}) == len(drills)
    for d in drills:
        assert 1 <= len(d.labels) <= 2, d.id
        assert set(d.labels) <= set(_labels()), d.id
        assert d.why.strip() and "\n" not in d.why.strip(), d.id
    areas = {d.area for d in drills}
    assert {"work", "school", "friends", "family", "dating", "health", "money",
            "sport", "parenting", "social media"} <= areas


def test_every_label_appears_at_least_four_times() -> None:
    counts = Counter(label for d in bank() for label in d.labels)
    for label in _labels():
        assert counts[label] >= 4, label
    assert set(_labels()) == set(THIRTEEN)


def _row(drill: Drill, chosen: list[str]) -> dict:
    return {
        "drill_id": drill.id,
        "correct_labels": list(drill.labels),
        "chosen_labels": chosen,
        "correct": set(drill.labels) <= set(chosen),
    }


def _history(miss_mind_reading: bool) -> list[dict]:
    drills = bank()
    mind = [d for d in drills if d.labels == ("mind_reading",)][:3]
    others = [d for d in drills if "mind_reading" not in d.labels][:10]
    rows = [_row(d, ["labeling"] if miss_mind_reading else ["mind_reading"]) for d in mind]
    rows += [_row(d, list(d.labels)) for d in others]  # the last 10: all right
    return rows


def _mind_reading_share(history: list[dict]) -> int:
    rng = random.Random(1234)
    picks = [pick_next(history, rng) for _ in range(200)]
    return sum("mind_reading" in d.labels for d in picks)


def test_missed_trap_comes_back_clearly_more_often() -> None:
    missed = _mind_reading_share(_history(miss_mind_reading=True))
    spotted = _mind_reading_share(_history(miss_mind_reading=False))
    fresh = _mind_reading_share([])
    assert missed >= 2 * spotted, (missed, spotted)
    assert missed >= 2 * fresh, (missed, fresh)


def test_nothing_repeats_within_the_last_ten() -> None:
    rng = random.Random(7)
    history: list[dict] = []
    for _ in range(150):
        drill = pick_next(history, rng)
        recent = [row["drill_id"] for row in history[-RECENT_WINDOW:]]
        assert drill.id not in recent
        history.append(_row(drill, []))  # always missed: heavy weights, still no repeats


def test_history_rows_from_export_match_by_thought() -> None:
    drill = bank()[0]
    rows = [{"thought": drill.thought, "correct_labels": list(drill.labels),
             "chosen_labels": [], "correct": False}]
    for seed in range(30):
        assert pick_next(rows, random.Random(seed)).id != drill.id


def test_same_seed_same_drills() -> None:
    history = _history(miss_mind_reading=True)
    first = [pick_next(history, random.Random(99)).id for _ in range(5)]
    again = [pick_next(history, random.Random(99)).id for _ in range(5)]
    assert first == again


def _drill(drill_id: str) -> Drill:
    return next(d for d in bank() if d.id == drill_id)


def test_fully_right_answer() -> None:
    d = _drill("work-05")  # mind reading only
    fb = score_answer(d, ["mind_reading"])
    assert fb.correct and fb.right == ["mind_reading"] and not fb.missed and not fb.extra
    assert fb.message.startswith("Yes, that's mind reading.")
    assert d.why in fb.message


def test_extra_labels_are_also_worth_considering() -> None:
    fb = score_answer(_drill("work-05"), ["mind_reading", "personalization"])
    assert fb.correct
    assert fb.extra == ["personalization"]
    assert "personalization" in fb.message and "worth considering" in fb.message


def test_partly_right_names_what_was_missed_and_why() -> None:
    d = _drill("work-04")  # disqualifying the positive + mind reading
    fb = score_answer(d, ["mind_reading"])
    assert not fb.correct
    assert fb.right == ["mind_reading"] and fb.missed == ["disqualifying_positive"]
    assert "You spotted mind reading" in fb.message
    assert "disqualifying the positive (deciding that good things don't count)" in fb.message and d.why in fb.message


def test_wrong_answer_is_kind_and_explains() -> None:
    d = _drill("work-01")
    fb = score_answer(d, ["labeling"])
    assert not fb.correct and fb.extra == ["labeling"] and fb.missed == ["all_or_nothing"]
    assert fb.message.startswith("Not quite: the clearest trap here is all-or-nothing thinking (")
    assert d.why in fb.message


def test_a_wrong_answer_to_a_drill_with_two_traps_names_both_in_one_sentence() -> None:
    d = next(drill for drill in bank() if len(drill.labels) == 2)
    wrong = next(label for label in THIRTEEN if label not in d.labels)
    fb = score_answer(d, [wrong])
    assert "the traps here are" in fb.message and " and " in fb.message and ";" not in fb.message.split(".")[0]


def test_no_answer_still_explains() -> None:
    fb = score_answer(_drill("work-01"), [])
    assert not fb.correct and fb.message.startswith("This one is all-or-nothing thinking")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mind reading", ["mind_reading"]),
        ("I think it's fortune telling and catastrophising", ["fortune_telling", "catastrophizing"]),
        ("black and white thinking", ["all_or_nothing"]),
        ("should statements", ["should_statements"]),
        ("labelling", ["labeling"]),
        ("comparison", ["comparing"]),
        ("discounting the positive", ["disqualifying_positive"]),
    ],
)
def test_labels_from_answer(text: str, expected: list) -> None:
    found = labels_from_answer(text)
    for label in expected:
        assert label in found, (text, found)


def test_labels_from_answer_finds_nothing_in_unrelated_text() -> None:
    assert labels_from_answer("no idea, sorry") == []


def test_session_score() -> None:
    results = [{"correct": True}] * 7 + [{"correct": False}] * 3
    assert session_score(results) == "7 out of 10 right"
    assert session_score([score_answer(_drill("work-05"), ["mind_reading"])]) == "1 out of 1 right"
    assert session_score([]) == "No drills answered yet"


def test_a_trap_named_to_rule_it_out_is_no_answer() -> None:
    assert labels_from_answer("not mind reading") == []
    assert labels_from_answer("fortune telling, not catastrophising") == ["fortune_telling"]


def test_no_trap_is_the_answer_three_times_in_any_ten() -> None:
    """Even for someone who keeps missing one trap, the traps shown stay balanced."""
    rng = random.Random(11)
    history: list[dict] = []
    for _ in range(200):
        drill = pick_next(history, rng)
        missed = ["labeling"] if "mind_reading" in drill.labels else list(drill.labels)
        history.append(_row(drill, missed))
    for start in range(len(history) - RECENT_WINDOW + 1):
        window = Counter(label for row in history[start:start + RECENT_WINDOW] for label in row["correct_labels"])
        assert max(window.values()) <= 2, (start, window.most_common(2))
    shown = Counter(label for row in history for label in row["correct_labels"])
    assert shown["mind_reading"] >= max(count for label, count in shown.items() if label != "mind_reading")
