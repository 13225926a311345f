"""The loss finder measured on its development set, and the acknowledgement for each kind of loss."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bot.explore.loss import losses_in
from bot.explore.loss_words import acknowledge, deceased

ROOT = Path(__file__).resolve().parents[1]


def _measure_module():
    spec = importlib.util.spec_from_file_location("measure_losses", ROOT / "benchmarks/explore/measure_losses.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_development_losses_are_found_with_few_false_alarms():
    measure = _measure_module()
    items = measure.examples()
    assert sum(1 for i in items if i["kind"]) >= 120 and sum(1 for i in items if not i["kind"]) >= 60
    figures = measure.measure(items)
    assert figures["recall"] >= 0.95 and figures["right_kind"] >= 0.93
    assert figures["false_alarms"] <= 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("since my dad passed i cant sleep", "I'm so sorry about your dad."),
        ("we scattered dads ashes at the beach", "I'm so sorry about your dad."),
        ("I went to my grandfathers funeral on Saturday.", "I'm so sorry about your grandfather."),
        ("my dad, who i was really close to, died suddenly last year", "I'm so sorry about your dad."),
        ("My boyfriend's mum passed away and he won't talk about it.", "I'm so sorry about your boyfriend's mum."),
        ("Sarah's mum died last week.", "I'm so sorry about Sarah's mum."),
        ("One of my oldest friends passed away.", "I'm so sorry about your friend."),
        ("our family dog passed away", "I'm so sorry about your dog. Losing an animal"),
        ("We lost our baby at 20 weeks.", "I'm so sorry about your loss. Losing a pregnancy"),
        ("he moved out on saturday and took the dog", "I'm sorry about the break-up."),
        ("they let me go after 10 years", "I'm sorry about your job."),
        ("my husband has been diagnosed with parkinsons", "I'm so sorry about your husband's diagnosis."),
        ("the scan showed a tumour", "I'm so sorry about the diagnosis."),
        ("He hit me again last night.", "I'm so sorry that happened to you."),
        ("RIP grandad, gone too soon", "I'm so sorry about your grandad."),
    ],
)
def test_each_kind_of_loss_is_acknowledged_specifically_and_without_a_question(text, expected):
    [loss] = losses_in(text)[:1]
    said = acknowledge(loss, text)
    assert said.startswith(expected) and "?" not in said


def test_someone_elses_relative_who_died_is_not_taken_for_the_writers_own():
    [loss] = losses_in("My friend's dad died yesterday.")
    assert (loss.who, loss.owner) == ("dad", "friend")
    assert deceased([loss]) == []  # the writer's own dad is not spoken of in the past


@pytest.mark.parametrize(
    "text",
    [
        "She left me on read again.",
        "We broke up the fight before it got bad.",
        "In history we learned how the king died.",
        "The character's mum dies in the first episode.",
        "my car died on the motorway",
        "My friend was diagnosed? No, it was nothing.",
        "He put my mum down in front of everyone.",
        "we had to put her down for a nap early",
    ],
)
def test_hard_negatives_are_no_loss(text):
    assert losses_in(text) == []


@pytest.mark.parametrize("text", ["She really hurt me when she forgot my birthday.", "My brother beat me at chess again.",
                                  "Dad beats me to the paper every morning."])
def test_hurt_feelings_and_games_are_not_being_hurt(text):
    assert losses_in(text) == []


def test_the_second_development_losses_are_found_and_acknowledged_with_few_false_alarms():
    measure = _measure_module()
    items = measure.examples(measure.DEV_FILES[1])
    assert sum(1 for i in items if i["kind"]) >= 200 and sum(1 for i in items if not i["kind"]) >= 100
    figures = measure.measure(items)
    assert figures["recall"] >= 0.9 and figures["right_kind"] >= 0.9
    assert figures["false_alarms"] <= 2
    said = measure.measure_acknowledged(items)
    assert said["acknowledged"] >= 0.9 * said["of"] and said["negatives_acknowledged"] <= 2
