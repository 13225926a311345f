"""Dynamic-therapy moves: tentative, in the person's words, never advice or a verdict."""
from __future__ import annotations

import pytest

from bot.explore.moves import both_sides, mixed_feelings, past_link, underneath, unspoken_feeling
from bot.nlp.wellformed import is_well_formed

ADVICE = ("you should", "try to", "you need to", "you must", "it's because", "this means")


def test_fine_and_otherwise_are_both_held():
    line = mixed_feelings("I'm fine, honestly. I just cried all weekend.")
    assert line == "You said you're fine, and also that you just cried all weekend. Both might be true at once."


@pytest.mark.parametrize(
    "text, first, second",
    [
        ("I love him but I'm so angry at him.", "love", "anger"),
        ("I miss Dad but I'm also relieved it's over, and sad.", "relief", "sadness"),
    ],
)
def test_mixed_feelings_are_named_side_by_side(text, first, second):
    line = mixed_feelings(text)
    assert first in line and second in line and ("Both" in line or "both" in line)


@pytest.mark.parametrize("text", ["Work was ok.", "I feel sad and tired.", "I'm fine."])
def test_one_sided_messages_get_no_mixed_feelings_line(text):
    assert mixed_feelings(text) is None


def test_a_link_to_the_past_is_followed_only_when_they_make_it():
    assert past_link("It reminds me of when we were kids and Dad made us shake hands.")
    assert past_link("We shook hands after the meeting.") is None


def test_an_unspoken_feeling_is_guessed_tentatively_and_only_when_none_is_named():
    guess = unspoken_feeling("My manager criticised my report in front of the whole team.")
    assert guess.feeling == "embarrassment" and guess.text.startswith(("I wonder", "Maybe", "I imagine"))
    assert unspoken_feeling("My manager criticised me in front of the whole team and I felt humiliated.") is None
    assert unspoken_feeling("We had pasta for dinner.") is None


@pytest.mark.parametrize(
    "line",
    [
        mixed_feelings("I'm fine, honestly. I just cried all weekend."),
        mixed_feelings("I love him but I'm so angry at him."),
        past_link("It reminds me of when I was little."),
        unspoken_feeling("Nobody called on my birthday, I was on my own all day.").text,
    ],
)
def test_moves_are_never_advice_or_verdicts(line):
    assert not any(phrase in line.lower() for phrase in ADVICE)


def test_a_guess_is_still_made_when_a_different_feeling_is_named():
    guess = unspoken_feeling("Pete sorted the house without asking me. I was furious but said nothing.")
    assert guess.feeling == "hurt"


def test_a_softer_feeling_is_wondered_about_under_anger_never_asserted():
    guess = underneath("I'm so angry at him for leaving everything in a mess.")
    assert guess.feeling == "hurt" and "anger" in guess.text
    assert guess.text.startswith(("I wonder", "Sometimes")) and "maybe" in guess.text.lower() or "wonder" in guess.text
    assert underneath("I'm angry and hurt that he left.") is None
    assert underneath("We had pasta for dinner.") is None


@pytest.mark.parametrize(
    "text, line",
    [
        ("I was furious but I didn't say anything.", "you were furious, and at the same time you didn't say anything"),
        ("I love him but he drives me mad.", "you love him, and at the same time he drives you mad"),
    ],
)
def test_both_sides_of_a_but_are_held_together(text, line):
    said = both_sides(text)
    assert line in said.lower() and is_well_formed(said)


@pytest.mark.parametrize("text", ["He said yes, but then he left.", "Not good but ok.", "Is it fine but weird?"])
def test_no_both_sides_without_two_whole_clauses(text):
    assert both_sides(text) is None


def test_grief_is_wondered_about_tentatively():
    from bot.explore.moves import grief_guess

    assert grief_guess(0).feeling == "grief" and "grief" in grief_guess(1).text
    assert grief_guess(2).text.startswith(("I wonder", "Maybe", "I imagine"))


def test_being_reminded_of_someone_who_died_is_not_a_link_to_long_ago():
    assert past_link("everything reminds me of her, the bread she bought, the sunday calls") is None
    assert past_link("It reminded me of the time we all went to Bundoran as kids")


@pytest.mark.parametrize(
    "text, feeling",
    [
        ("my neighbour came round with soup and it helped a bit", "relief"),
        ("for the first time since the funeral we laughed at the dinner table", "relief"),
        ("some nights I think taking the job in Glasgow was a mistake", "regret"),
    ],
)
def test_a_feeling_implied_but_not_named_is_wondered_about(text, feeling):
    guess = unspoken_feeling(text)
    assert guess is not None and guess.feeling == feeling


def test_both_sides_of_a_longer_but_are_held_together():
    line = both_sides("My flatmate is kind to me but she keeps inviting people over on weeknights and I never rest.")
    assert line and "at the same time" in line
