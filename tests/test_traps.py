"""Psychoeducation texts for the thinking traps, and reading trap names from text."""
from __future__ import annotations

import pytest

from bot.cbt.traps import (
    GENERAL_QUESTIONS,
    Trap,
    all_traps,
    explanation,
    label_from_text,
    labels_from_text,
    socratic_questions,
    trap,
)
from bot.nlp.distortions import LABELS
from tests.responses import text as said


def test_every_label_has_a_trap_in_label_order() -> None:
    assert [t.label for t in all_traps()] == list(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_every_trap_has_all_fields(label: str) -> None:
    t = trap(label)
    assert isinstance(t, Trap)
    for field in ("name", "short", "definition", "example", "question"):
        value = getattr(t, field)
        assert isinstance(value, str) and value.strip(), (label, field)
    assert 2 <= len(t.socratic) <= 4, label
    assert all(q.strip().endswith("?") for q in t.socratic), label
    assert t.question.strip().endswith("?"), label
    assert len(t.short) <= 80, "short is for a button list"
    assert t.name[0].isupper()


def test_names_are_distinct() -> None:
    names = [t.name.lower() for t in all_traps()]
    assert len(set(names)) == len(names)


def test_unknown_label_says_which() -> None:
    with pytest.raises(KeyError, match="nonsense"):
        trap("nonsense")


def test_general_questions() -> None:
    assert len(GENERAL_QUESTIONS) >= 3
    assert any("friend" in q for q in GENERAL_QUESTIONS)
    assert any("evidence" in q for q in GENERAL_QUESTIONS)


@pytest.mark.parametrize(
    "text,label",
    [
        ("What is catastrophizing?", "catastrophizing"),
        ("what's catastrophising", "catastrophizing"),
        ("CATASTROPHIZING", "catastrophizing"),
        ("Mind-reading?", "mind_reading"),
        ("mind reading", "mind_reading"),
        ("what does jumping to conclusions mean", "mind_reading"),
        ("explain black and white thinking", "all_or_nothing"),
        ("All-or-nothing thinking", "all_or_nothing"),
        ("should statements", "should_statements"),
        ("Overgeneralisation", "overgeneralization"),
        ("over-generalizing", "overgeneralization"),
        ("what is the mental filter", "mental_filter"),
        ("disqualifying the positive", "disqualifying_positive"),
        ("Fortune telling", "fortune_telling"),
        ("emotional reasoning", "emotional_reasoning"),
        ("labelling", "labeling"),
        ("personalisation", "personalization"),
        ("blaming myself", "personalization"),
        ("self-blame", "personalization"),
        ("blaming others", "blaming"),
        ("comparing and despairing", "comparing"),
        ("emotional_reasoning", "emotional_reasoning"),
    ],
)
def test_label_from_text_variants(text: str, label: str) -> None:
    assert label_from_text(text) == label


@pytest.mark.parametrize("text", ["", "   ", "hello there", "I had a nice day", "🙂"])
def test_label_from_text_none(text: str) -> None:
    assert label_from_text(text) is None
    assert labels_from_text(text) == []


def test_label_from_text_tolerates_none() -> None:
    assert label_from_text(None) is None  # type: ignore[arg-type]


def test_labels_from_text_finds_several_in_order() -> None:
    assert labels_from_text("Mind reading and fortune telling") == ["mind_reading", "fortune_telling"]
    assert labels_from_text("fortune-telling, catastrophising, and fortune telling again") == [
        "fortune_telling",
        "catastrophizing",
    ]
    assert labels_from_text("labeling; should statements") == ["labeling", "should_statements"]


def test_socratic_questions_confirmed_traps_first_then_general() -> None:
    questions = socratic_questions(["mind_reading", "fortune_telling"])
    mind, fortune = trap("mind_reading").socratic, trap("fortune_telling").socratic
    assert questions[: len(mind)] == list(mind)
    assert questions[len(mind) : len(mind) + len(fortune)] == list(fortune)
    assert questions[-len(GENERAL_QUESTIONS) :] == list(GENERAL_QUESTIONS)


def test_socratic_questions_have_no_duplicates() -> None:
    questions = socratic_questions(list(LABELS) + ["mind_reading", "mind_reading"])
    assert len(questions) == len(set(questions))


def test_socratic_questions_without_labels_are_the_general_ones() -> None:
    assert socratic_questions([]) == list(GENERAL_QUESTIONS)
    assert socratic_questions(["not_a_trap"]) == list(GENERAL_QUESTIONS)


def test_brief_questions_are_offered() -> None:
    assert "What do you actually know" in " ".join(trap("mind_reading").socratic)
    assert "What else could happen" in " ".join(trap("fortune_telling").socratic)
    assert "anything in between" in " ".join(trap("all_or_nothing").socratic)


def test_explain_holds_definition_example_and_question() -> None:
    t = trap("catastrophizing")
    text = said(explanation("catastrophizing"))
    assert t.name in text and t.definition in text and t.example in text and t.question in text


def test_trap_texts_have_one_home() -> None:
    """traps.yml holds every trap's texts; no module, the domain or the benchmark keeps a second copy."""
    from tests.conftest import PROJECT

    sources = [*PROJECT.glob("bot/**/*.py"), *PROJECT.glob("actions/*.py"),
               PROJECT / "benchmarks" / "thinking_traps.py", PROJECT / "domain.yml"]
    read = {path: path.read_text(encoding="utf-8") for path in sources}
    for t in all_traps():
        for text in (t.short, t.definition, t.example.strip("“”"), t.question, *t.socratic):
            copies = [str(path.relative_to(PROJECT)) for path, source in read.items() if text in source]
            assert not copies, (t.label, text, copies)
    # A table keyed by trap label (names, meanings) belongs in traps.yml; the detector's cues are its own.
    outside_detector = {path: source for path, source in read.items() if "nlp" not in path.parts}
    for label in LABELS:
        tables = [str(path.relative_to(PROJECT)) for path, source in outside_detector.items() if f'"{label}":' in source]
        assert not tables, (label, tables)
