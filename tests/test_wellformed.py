"""The fragment check: broken replies are caught, whole sentences pass."""
from __future__ import annotations

import pytest

from bot.nlp.wellformed import has_clause, is_dictionary_word, is_verb_form, problems


@pytest.mark.parametrize(
    "reply",
    [
        "What I'm hearing is that what comes up is that Dad.",  # the fragments
        "It sounds like whats the weather like tomorrow btw.",
        "If I'm hearing you right, on top of that your brother Pete.",
        "It sounds like you feel sad because my.",
        "So the funeral.",
        "At one point you wrote that your brother Pete.",
        "You also wrote that mostly at yourself.",
        "You also wrote that didnt tell mum.",
        "I hear that that your sister left.",
    ],
)
def test_fragments_are_caught(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so sorry about your dad. It sounds like it came very suddenly, too.",
        "So your dad is part of this.",
        "It sounds like you feel really hurt about your sister.",
        "I hear that your sister didn't call you back.",
        "So you miss him.",
        "What did you wish your dad would do?",
        "The word \"deadline\" stays with me.",
        "It sounds like the house feels so quiet.",
        "You feel you always mess things up with her.",
        "So there are three things on your mind: work, your mum and money.",
        "So it's work, your mum and money, all of it together.",
        "Last time you wrote that Pete sorted the will without asking you.",
    ],
)
def test_whole_sentences_pass(reply):
    assert problems(reply) == []


def test_verbs_and_words_come_from_the_shipped_word_lists():
    assert is_verb_form("rang") and is_verb_form("laughed") and is_verb_form("isn't")
    assert not is_verb_form("brother")
    assert has_clause("your brother rang") and not has_clause("your brother Pete")
    assert is_dictionary_word("Weekends") and not is_dictionary_word("Karim")


@pytest.mark.parametrize(
    "reply",
    [
        "What I'm hearing is that if you're overreacting.",
        "So do I reckon you should tell your boss.",
        "I hear that do I remember what you told me last time.",
        "So do if the trains are on strike on the 14th.",
    ],
)
def test_their_question_or_a_lone_if_clause_inside_a_frame_is_a_fragment(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "What I'm hearing is that five days since you last wrote.",
        "It sounds like ten minutes after he left.",
        "It sounds like the man who hurt you.",
        "What I'm hearing is that the week before the funeral.",
    ],
)
def test_a_that_clause_whose_only_verb_hangs_on_a_subordinator_is_a_fragment(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "What I'm hearing is that the house feels empty when you get home.",
        "It sounds like you have felt alone since he left.",
        "What I'm hearing is that your brother rang after the funeral.",
    ],
)
def test_a_main_clause_with_a_subordinate_one_after_it_is_whole(reply):
    assert problems(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "If I'm hearing you right, coming back from the wedding in Leeds.",  # an -ing form is no verb alone
        "You're saying that two-handed typing sorry.",  # "two-handed" is one word, not a subject and a verb
        "You're saying that had a long chat with your boss.",  # the subject was lost
        "If I'm hearing you right, do any good books for a train ride.",
        "You're saying that I am right.",  # the writer's "I" was never turned
    ],
)
def test_spans_that_lost_their_subject_or_their_turn_are_fragments(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    ['You\'re saying that she said "I love you".', "It sounds like he is bringing the kids.",
     "It sounds like going to the gym helps."],
)
def test_quotes_progressive_verbs_and_gerund_subjects_stay_whole(reply):
    assert problems(reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like your sister said 'tom youre just looking for someone to blame, and also that you got a reply.",
        "So whom you trained yourself when he joined.",
        "It sounds like that you were valued.",
        "If I'm hearing you right, that she'd been minding your mam.",
        "It sounds like you miss her, and also that since Tuesday.",
    ],
)
def test_cut_quotes_and_clauses_that_hang_are_fragments(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    ["It sounds like your mum said 'dont be silly' and you laughed.", "It sounds like that job mattered a lot.",
     "It sounds like you don't know, and also that you miss her."],
)
def test_closed_quotes_and_that_as_a_word_are_fine(reply):
    assert problems(reply) == []


def test_a_frame_around_nothing_but_someone_elses_quote_is_a_fragment():
    assert problems("What I'm hearing is that 'we're paying for you to party'.")
    assert problems("It sounds like your dad said 'we're paying for you to party'.") == []


def test_both_halves_of_a_reflection_joined_with_and_that_need_a_clause():
    assert problems("I hear that as someone to be managed rather than as her mother, and that you feel afraid.")
    assert problems("I hear that you miss him, and that you feel angry too.") == []


def test_a_span_opening_on_not_even_is_a_fragment():
    assert problems("So not even when your mother died.")
    assert problems("So you never cried.") == []


@pytest.mark.parametrize(
    "reply",
    [
        "So you're new at this so be patient with you.",  # a request to us said back as theirs
        "It sounds like she goes love you don't need you here.",  # direct speech, pronouns turned
        "It sounds like you've asked you that twice now.",  # the same "you" as doer and object
        "You can't see why I would stay, and it sounds like you feel tired.",  # their "you" made our "I"
        "At one point you wrote that not that anyone noticed.",
        "At one point you wrote that pretty annoyed that nobody came.",
        "It sounds like your brother live in Bristol now.",  # their grammar said back as ours
        "It sounds like she dont listen.",
        "I hear that you're tired cuz the baby was up.",  # chat shorthand
        "If I'm hearing you right, you live with people who were.",  # cut before its complement
    ],
)
def test_turned_and_borrowed_words_are_caught(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like your sister let you down.",
        "It sounds like you think you should phone her.",
        "It sounds like she made you laugh.",
        "So you want him to trust you.",
        "It sounds like you're not sure who you are at work.",
    ],
)
def test_whole_sentences_with_you_twice_pass(reply):
    assert not problems(reply)


@pytest.mark.parametrize("reply", ["What I'm hearing is that you really need to.", "I hear that maybe they are."])
def test_a_reflection_that_stops_before_what_was_said_is_caught(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply", ["So you came here instead of getting.", "It sounds like you're tired of being."]
)
def test_a_light_verb_cut_from_what_it_does_is_a_fragment(reply):
    assert problems(reply)


@pytest.mark.parametrize(
    "reply", ["What does your mum mean to you?", "You watched your dad leave.", "You let your brother win."]
)
def test_a_bare_verb_after_do_a_modal_or_let_is_whole(reply):
    assert problems(reply) == []


def test_a_long_clause_keeps_a_verb_with_its_particle():
    from bot.nlp.reflection.clauses import shorten

    clause = "my mate reckoned I should try this instead of getting on the piss every single night of the week"
    short = shorten(clause)
    assert short.split()[-1] not in ("getting", "of", "instead")
    assert problems(f"So {short.replace('my mate', 'your mate').replace(' I ', ' you ')}.") == []
