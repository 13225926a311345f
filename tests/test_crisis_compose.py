"""Tier-1 cues composed from meanings (bot/nlp/crisis_compose.py): a means or a
place with an act or a time, farewells with finality, a person hurt now.
Sentences written for these tests, not taken from any benchmark set."""
from __future__ import annotations

import pytest

from bot.nlp import crisis_compose
from bot.nlp.crisis import is_crisis

COMPOSED = [
    "got the pills lined up on my desk. gonna do it when mum is asleep",
    "im up on the multi storey, level 6. i want to jump",
    "Im at the viaduct. Been here a while. I think I'll let go",
    "the hose is on the exhaust and im sitting in the car",
    "turned the gas on and shut the door",
    "i swallowed all my tablets about an hour ago and im so cold",
    "took the lot with a bottle of vodka",
    "this is my final entry. you will find me tomorrow",
    "my stepdad has my mum by the throat right now and im hiding upstairs",
    "theres rope in the garage and im done, tonight",
    "haven't eaten in a week and i fainted twice today, my chest hurts",
    "Walking to the bridge now. Dont try to call",
    "my brother says hes going to kill himself and hes got pills",
]
EVERYDAY = [
    "did an hour of jump rope then a swim",
    "we went cliff jumping on holiday, amazing",
    "I'm not going to jump, I'm just tired of the commute over the bridge",
    "took two tablets for my headache with a glass of water",
    "goodbye everyone, off on my holiday tomorrow at 6am",
    "left a note for my flatmate about the bins",
    "my dad is hitting golf balls at the range again",
    "walking to the bridge now to meet my sister for lunch",
    "the film ends with him on the roof ready to jump",
    "I skipped lunch because of a long meeting and felt faint, had a sandwich",
]


@pytest.mark.parametrize("text", COMPOSED)
def test_composed_meanings_are_a_crisis(text: str) -> None:
    assert crisis_compose.category(text) is not None or is_crisis(text)
    assert is_crisis(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_ordinary_uses_of_the_same_words_are_not(text: str) -> None:
    assert crisis_compose.category(text) is None


def test_a_negated_act_is_not_an_act() -> None:
    assert crisis_compose.category("i have my pills here but im not going to do it") is None


def test_spelling_and_apostrophes_do_not_matter() -> None:
    assert crisis_compose.category("I’M ON THE ROOF AND I’M GOING TO JUMP") is not None
    assert crisis_compose.category("im on teh roof and im gonna jump") is not None


def test_a_rule_naming_an_unknown_concept_is_refused() -> None:
    table = {"concepts": {"a": {"phrases": ["x"]}}, "rules": [{"category": "means", "needs": ["a", "b"]}]}
    with pytest.raises(ValueError):
        crisis_compose.build(table)


@pytest.mark.parametrize("value", [None, "", 3, "\U0001f600" * 20])
def test_odd_input_is_none(value: object) -> None:
    assert crisis_compose.category(value) is None  # type: ignore[arg-type]


def test_words_are_the_texts_own_not_the_tokenizers() -> None:
    # spaCy's tokenizer splits "im" and "cant"; the composer reads them whole.
    assert crisis_compose.category("im at the bridge. cant stop myself, going to jump") is not None
    assert crisis_compose.category("at the bridge. im not going to jump") is None


def test_numbers_and_their_spacing() -> None:
    assert crisis_compose.category("im on level 9 of the car park and im going to jump") is not None
    assert crisis_compose.category("have my pills, at 3am i will do it") is not None
    assert crisis_compose.category("have my pills, at 3 amazing") is None


def test_a_phrase_may_end_next_to_a_number_but_not_inside_a_word() -> None:
    assert crisis_compose.category("the rope2 is ready, tonight i do it") is not None
    assert crisis_compose.category("the ropey one is ready, tonight i do it") is None


def test_overlapping_phrases_read_the_longest_first() -> None:
    # "going to do" (negated) is read whole, so its "do it" is not read again on its own.
    assert crisis_compose.category("pills here. dont think im going to do it") is None


def test_phrases_may_be_token_patterns() -> None:
    table = {
        "concepts": {"a": {"phrases": [[{"LOWER": "rope"}, {"ORTH": "#"}]]}, "b": {"phrases": ["now"]}},
        "rules": [{"category": "means", "needs": ["a", "b"]}],
    }
    built = crisis_compose.build(table)
    assert built.category("rope 5 now") == "means"
    assert built.category("rope now") is None
    with pytest.raises(ValueError):
        crisis_compose.build({"concepts": {"a": {"phrases": [[{"LOWR": "x"}]]}}})


# Kinds of crisis a single concept list missed: fumes in a sealed space, a
# ligature and a point to hang it from, poison and drinking it, a stash or all
# of the tablets, cutting gone too far, violence heard with distress, a threat
# with a weapon, being locked in, someone coming into a child's room at night,
# a fixed date, under a vehicle, purging with a body failing, someone who
# cannot be woken. Each has an everyday twin with the same words.
COMPOSED_KINDS = [
    "charcoal is lit in the bathroom and I sealed the door gaps",
    "the scarf is tied to the loft hatch, im ready",
    "i have the weedkiller here and im going to drink it when they go out",
    "ive been stockpiling my sertraline for months. sunday",
    "swallowing all of my codeine now",
    "i cut my thigh and it wont stop bleeding, i wanted it to",
    "downstairs hes punching her and she keeps crying",
    "the girl across the landing is begging him, I can hear it through the floor",
    "my husband is in the hall with a hammer saying he will kill us",
    "she locked me in the shed and took my phone",
    "my cousin comes to my room at night when everyone is asleep and he touches me, tonight again",
    "the date is set. no going back now",
    "the last bus passes at midnight and I'll be in front of it",
    "made myself throw up all day, now the room spins and my heart is pounding",
    "my brother is unconscious and theres an empty bottle of pills by him",
    "by the yellow line at the edge of the platform, the freight train is due",
    "heading to the coast road now. I'm not coming back",
    "oven on, door shut, towels under the door",
    "my stepdad is strangling my sister in the hall",
    "holding the stanley knife against my wrist",
    "sat in the bath with the heater plugged in beside me",
    "12 floors up and opening the window all the way",
    "downed a bottle of rum and took my whole prescription",
    "out in the forest with the tow rope, there's a strong branch here",
    "sealed the kitchen and lit a barbecue inside",
    "took way too many of my sleeping tablets, feel dizzy",
    "he threw her down the stairs and she is not moving",
]
EVERYDAY_KINDS = [
    "the charcoal for the barbecue is in the garage",
    "tied the bunting to the banister for her birthday",
    "put weedkiller on the patio, the slugs are back too",
    "the pharmacy said keep my sertraline in a cool place",
    "i cut my finger chopping carrots and it wont stop bleeding",
    "the kids were screaming and hitting the pinata at the party",
    "my dad said he will kill me if I scratch the car again lol",
    "accidentally locked me in the loo at work, had to shout for a colleague",
    "my daughter comes to my room at night after a nightmare",
    "we set the date for the wedding, no going back now",
    "the bus drove off in front of me and the next one is at midnight",
    "threw up all night with food poisoning and my heart was racing",
    "my teenager is not waking up for school and his room is full of empty crisp packets",
    "stood back from the edge of the platform when the express came through",
    "heading to my mums now, not coming back till sunday",
    "we had a goodbye dinner for my sister tonight before she flies out",
    "my brother is beating me at chess again",
    "held an ice pack against my wrist after I sprained it",
    "dried my hair with the hairdryer after the bath",
    "on the 9th floor at work, opening the window for some fresh air",
    "hung the hammock rope round the beam on the veranda",
    "my toddler climbs into my bed at night when there's a thunderstorm",
    "reversed into a tree in the car park and dented the bumper",
    "hosed the patio and taped up the crack in the shed window",
]


@pytest.mark.parametrize("text", COMPOSED_KINDS)
def test_each_kind_of_composed_crisis_is_found(text: str) -> None:
    assert is_crisis(text), text


@pytest.mark.parametrize("text", EVERYDAY_KINDS)
def test_the_everyday_twins_of_those_kinds_are_not(text: str) -> None:
    assert not is_crisis(text), text


def test_tier_two_rules_are_warning_signs_not_tier_one() -> None:
    table = {
        "concepts": {"gift": {"phrases": ["gave my bike"]}, "for_good": {"phrases": ["for good"]}},
        "rules": [{"category": "farewell", "tier": 2, "needs": ["gift", "for_good"]}],
    }
    built = crisis_compose.build(table)
    assert built.category("gave my bike to my cousin for good") is None
    assert built.category("gave my bike to my cousin for good", tier=2) == "farewell"


def test_a_rule_of_another_tier_is_refused() -> None:
    with pytest.raises(ValueError):
        crisis_compose.build({"concepts": {"a": {"phrases": ["x"]}}, "rules": [{"category": "means", "tier": 3, "needs": ["a"]}]})


@pytest.mark.parametrize(
    "text",
    [
        "I'm fine really. Anyway the bath is run, I'm going to have a soak and an early night. Thank you for listening",
        "on the ward all night handing out meds and changing beds, now i'm home and shattered",
        "my brother says he doesn't want me on my own at christmas, so I'm going to his",
    ],
)
def test_everyday_endings_and_work_talk_are_not_composed_crises(text):
    assert crisis_compose.category(text) is None
    assert is_crisis(text) is False
