"""The thinking-trap detector: labels, cues, quiet on neutral text, robustness, benchmark."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from bot.nlp.distortions import LABELS, Suggestion, as_dicts, detect, to_json

PROJECT = Path(__file__).resolve().parents[1]

# Thoughts written for these tests, two or more per trap, in everyday wording.
EXAMPLES: dict[str, list[str]] = {
    "all_or_nothing": [
        "If the cake isn't perfect the whole party is ruined.",
        "I got one answer wrong, so the exam is a complete failure.",
        "Nothing I do at this job ever works out.",
    ],
    "overgeneralization": [
        "I always say the wrong thing at dinners.",
        "Every time I try to cook something it goes wrong.",
        "Nobody ever calls me back.",
    ],
    "mental_filter": [
        "All I can think about is the one typo in my report.",
        "I can't stop thinking about the one bad review we got.",
    ],
    "disqualifying_positive": [
        "They only said my drawing was good to be nice.",
        "I passed the driving test, but I just got lucky.",
        "Finishing the marathon doesn't count, anyone could do it.",
    ],
    "mind_reading": [
        "My neighbour must think I'm rude.",
        "Im sure the whole class was laughing at me.",
        "She probably thinks I'm boring.",
        "He didn't reply, he's obviously annoyed with me.",
    ],
    "fortune_telling": [
        "I'll never find a flat I can afford.",
        "The interview is going to go badly.",
        "I won't ever get better at this.",
    ],
    "catastrophizing": [
        "If I miss the train it will be a total disaster.",
        "This headache could be a brain tumour, I'm going to die.",
        "Losing this client would be the end of the world.",
        "I can't handle another week like this.",
    ],
    "emotional_reasoning": [
        "I feel useless, so I must be useless.",
        "I feel like a fraud at work so it must be true.",
        "I'm anxious about the flight, which means something bad will happen.",
    ],
    "should_statements": [
        "I should have finished the painting by now.",
        "I must never let anyone see me cry.",
        "He shouldn't have spoken to me like that.",
    ],
    "labeling": [
        "I'm such an idiot.",
        "im a total loser",
        "I am a terrible father.",
        "My brother is a selfish jerk.",
    ],
    "personalization": [
        "The team lost the match because of me.",
        "It's my fault that my parents argued.",
        "My friend seems quiet today, I must have done something wrong.",
    ],
    "blaming": [
        "It's my sister's fault that I'm always stressed.",
        "My boss made me miss my daughter's recital.",
        "If it weren't for my parents I'd be happy.",
    ],
    "comparing": [
        "Everyone else in my year already owns a house.",
        "My cousin is so much better than me at everything.",
        "Other people find dating easy, unlike me.",
    ],
}

NEUTRAL = [
    "I went to the shop and bought some milk.",
    "The weather is nice today.",
    "We are meeting for lunch on Friday at noon.",
    "My sister has a new puppy called Biscuit.",
    "I finished reading the book last night and enjoyed it.",
    "The train was on time this morning.",
    "I need to buy new running shoes.",
    "Tomorrow I will visit my grandmother.",
    "I walk to work most days.",
    "I made pasta for dinner and it was tasty.",
]


def labels(text: str) -> list[str]:
    return [s.label for s in detect(text)]


@pytest.mark.parametrize(
    "label,text", [(label, text) for label, texts in EXAMPLES.items() for text in texts]
)
def test_each_trap_is_suggested_in_the_top_three(label: str, text: str) -> None:
    assert label in labels(text)[:3], (text, detect(text))


def test_every_label_has_examples() -> None:
    assert set(EXAMPLES) == set(LABELS)


@pytest.mark.parametrize("text", [t for texts in EXAMPLES.values() for t in texts])
def test_cue_is_words_from_the_text_as_written(text: str) -> None:
    for suggestion in detect(text):
        assert suggestion.cue, suggestion
        assert suggestion.cue in text, (suggestion, text)
        assert 0.0 < suggestion.score <= 1.0


@pytest.mark.parametrize("text", NEUTRAL)
def test_everyday_sentences_get_no_suggestion(text: str) -> None:
    assert detect(text) == []


def test_suggestions_are_best_first_and_one_per_label() -> None:
    for texts in EXAMPLES.values():
        for text in texts:
            found = detect(text)
            scores = [s.score for s in found]
            assert scores == sorted(scores, reverse=True)
            assert len({s.label for s in found}) == len(found)
            assert all(s.label in LABELS for s in found)


def test_stronger_cue_ranks_first() -> None:
    # an explicit label beats a passing absolute word in the same thought
    found = detect("I'm a complete idiot, everyone saw it.")
    assert found[0].label == "labeling"
    # a spelled-out prediction beats a faint one
    strong = {s.label: s.score for s in detect("I will never pass this course.")}
    faint = {s.label: s.score for s in detect("The course will probably be hard.")}
    assert strong["fortune_telling"] > faint.get("fortune_telling", 0.0)


def test_more_cues_raise_the_score() -> None:
    one = {s.label: s.score for s in detect("I'm a failure.")}
    two = {s.label: s.score for s in detect("I'm a failure and such a loser, what an idiot I am.")}
    assert two["labeling"] >= one["labeling"]


def test_pronoun_and_contraction_variants() -> None:
    for text in ("I'm a loser", "Im a loser", "im a loser", "I am a loser", "I’m a loser"):
        assert labels(text)[:1] == ["labeling"], text
    for text in ("They think I'm weird", "he must think im weird", "She probably thinks I am weird"):
        assert "mind_reading" in labels(text), text
    for text in ("I won't ever pass", "I will never pass", "I'm never going to pass", "Im gonna fail"):
        assert "fortune_telling" in labels(text), text


def test_hedges_do_not_hide_a_cue() -> None:
    assert "all_or_nothing" in labels("I just can't do anything right.")
    assert "labeling" in labels("I'm really just a failure.")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀😀",
        "🙂👍",
        "Je suis nul, je rate toujours tout.",
        "我总是把事情搞砸",
        "Ich bin ein Versager",
        "\x00\x01\x02",
        "İstanbul İİİ",
        "?!?!",
        "a" * 20_000,
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    result = detect(text)
    assert isinstance(result, list)
    assert all(isinstance(s, Suggestion) for s in result)


def test_non_text_input_gives_nothing() -> None:
    assert detect(None) == []  # type: ignore[arg-type]
    assert detect(42) == []  # type: ignore[arg-type]


def test_emoji_around_a_thought_still_finds_it() -> None:
    found = detect("😭 I'm such a loser 😭")
    assert found[0].label == "labeling"
    assert found[0].cue in "😭 I'm such a loser 😭"


def test_five_thousand_words_are_read() -> None:
    text = " ".join(["I always fail and everyone hates me."] * 700)  # about 5,000 words
    result = detect(text)  # speed: benchmarks/speed.py
    assert result and result[0].label in LABELS


def test_json_helper() -> None:
    text = "She must think I'm stupid."
    data = json.loads(to_json(text))
    assert data == as_dicts(text)
    assert data and set(data[0]) == {"label", "score", "cue"}
    assert data[0]["label"] in LABELS
    assert json.loads(to_json("")) == []


def test_json_keeps_non_ascii_cues_readable() -> None:
    assert "’" in to_json("I’m such a failure")


# ------------------------------------------------------------------ benchmark

BENCHMARK_DATA = PROJECT.parent / "shared/benchmarks/thinking-traps/thinking_traps.jsonl"


def _benchmark_module():
    path = PROJECT / "benchmarks" / "thinking_traps.py"
    spec = importlib.util.spec_from_file_location("thinking_traps_benchmark", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not BENCHMARK_DATA.is_file(),
    reason=f"shared thinking-traps benchmark not found at {BENCHMARK_DATA}",
)
def test_benchmark_targets_are_met_on_the_dev_half() -> None:
    """The half cues may be tuned on meets the targets."""
    bench = _benchmark_module()
    ours, baseline = bench.run(BENCHMARK_DATA, split="dev")
    assert ours.recall >= bench.TARGET_RECALL, bench.report("detector", ours)
    assert ours.not_distorted_share <= bench.TARGET_NOT_DISTORTED_SHARE, bench.report("detector", ours)
    assert ours.recall > baseline.recall
    assert ours.mean_ms < 20.0  # generous: shared CI machines are slow; typical thoughts take ~1 ms


@pytest.mark.skipif(
    not BENCHMARK_DATA.is_file(),
    reason=f"shared thinking-traps benchmark not found at {BENCHMARK_DATA}",
)
def test_held_out_half_is_far_above_the_baseline() -> None:
    """A guard against regressions on the half nobody tunes on; its exact figures
    are reported by the benchmark script and the README, not tuned to here."""
    bench = _benchmark_module()
    ours, baseline = bench.run(BENCHMARK_DATA, split="heldout")
    assert ours.recall >= baseline.recall + 0.3, bench.report("detector", ours)


def test_balanced_thoughts_are_mostly_left_alone() -> None:
    """An alternative thought answers a trap; it should rarely be read as one."""
    bench = _benchmark_module()
    balanced = bench.load_balanced()
    assert len(balanced) >= 40
    assert bench.evaluate(balanced, bench.detector_labels).not_distorted_share <= 0.15


@pytest.mark.parametrize(
    "text",
    [
        "One late train doesn't mean I'm a bad employee.",
        "It's not the end of the world if I miss the party.",
        "I don't have to be perfect to be a good friend.",
    ],
)
def test_a_balanced_last_sentence_quiets_the_trap_it_answers(text: str) -> None:
    assert labels(text) == [], detect(text)



@pytest.mark.parametrize(
    "text",
    [
        # a plan in the person's own hands
        "Forgot to send the invoice. I'll email it first thing tomorrow.",
        "The boiler broke again and I'm annoyed. We're going to book an engineer for Friday.",
        # growth, not a verdict
        "I can't play the whole piece yet, and I've had four lessons.",
        # a cause put where it belongs
        "The report is late because the data came in on Friday, not because I'm careless.",
        # a comparison that names one's own strength too
        "My sister is faster at crosswords than me, and I'm better at sudoku.",
        # a future tense or a reminder alone
        "It'll be a long drive tomorrow, so I'm packing the car tonight.",
        "I should renew my bus pass before the end of the month.",
        # a worry or a feeling named
        "I'm worried that my dad's knee operation is next week.",
        "I'm stressed because I have three exams next week.",
        "I feel hurt that I wasn't invited to the party.",
        "I'm jealous that my friend got the promotion I wanted.",
    ],
)
def test_fair_thoughts_with_a_plan_or_a_plain_fact_get_no_suggestion(text: str) -> None:
    assert labels(text) == [], detect(text)


@pytest.mark.parametrize(
    "text,label",
    [
        ("My manager is why I hate Mondays.", "blaming"),
        ("I'd have finished the degree if my parents hadn't moved us abroad.", "blaming"),
        ("The team missed the deadline, and honestly that's on me.", "personalization"),
        ("The concert was great but the one wrong chord is all I keep hearing.", "mental_filter"),
        ("The coach praised my serve, but coaches say that to everyone.", "disqualifying_positive"),
        ("Since I'm this nervous, the talk must be going badly.", "emotional_reasoning"),
        ("I'm meant to have a family by 30, and I don't.", "should_statements"),
        ("Proper adults don't lose their temper in traffic.", "should_statements"),
        ("Complete idiot. Locked my keys in the car.", "labeling"),
        ("My colleague is so much more confident than me.", "comparing"),
        ("The whole evening was wasted because the oven broke.", "all_or_nothing"),
    ],
)
def test_trap_cues_beyond_the_textbook_wording(text: str, label: str) -> None:
    assert label in labels(text)[:3], detect(text)


def test_the_project_development_set_meets_the_targets() -> None:
    """The independently written development set: tune on it freely, keep it above the targets."""
    bench = _benchmark_module()
    for path in bench.PROJECT_DEV:
        ours, baseline = bench.run(path, split="all")
        assert ours.recall >= bench.TARGET_RECALL, bench.report(path.name, ours)
        assert ours.not_distorted_share <= bench.TARGET_NOT_DISTORTED_SHARE, bench.report(path.name, ours)
        assert ours.recall > baseline.recall + 0.3

def test_balancing_needs_the_marker_in_the_last_sentence() -> None:
    assert labels("It's not the end of the world, they said. But I'm a complete failure.")


def test_split_is_fixed_and_halves_the_thoughts() -> None:
    bench = _benchmark_module()
    assert bench.split_of("I always burn the toast") == bench.split_of("  i always burn the toast ")
    splits = [bench.split_of(f"thought number {i}") for i in range(400)]
    assert 150 < splits.count("dev") < 250
