"""Themes of an entry: people, feelings, life areas and the past, as stable strings."""
from __future__ import annotations

import pytest

from bot.explore.themes import Themes, extract_themes


@pytest.mark.parametrize(
    "text, person",
    [
        ("My sister didn't call me back.", "sister"),
        ("my older sister is visiting", "sister"),
        ("I argued with my Mum again", "mum"),
        ("my mom keeps calling", "mom"),
        ("Mum was upset with me", "mum"),
        ("my best friend moved away", "best friend"),
        ("My boss ignored me", "boss"),
        ("Things with my partner are hard", "partner"),
        ("I told Sam about it.", "Sam"),
        ("Sam said it was fine.", "Sam"),
        ("I saw my friend Jess yesterday", "Jess"),
        ("Sam claimed credit for my idea in the team meeting", "Sam"),
        ("Priya ghosted me after the party.", "Priya"),
    ],
)
def test_people(text, person):
    assert person in extract_themes(text).people


@pytest.mark.parametrize(
    "text",
    [
        "I went to London on Monday in December.",
        "Today was long. Honestly I don't know.",
        "Her sister is a teacher",  # someone else's relations
        "I watched Netflix and then Christmas stuff with God knows who",
        "I AM SO ANGRY RIGHT NOW",
        "Coffee was cold.",
        "Dinner took forever.",
    ],
)
def test_not_people(text):
    assert extract_themes(text).people == []


@pytest.mark.parametrize(
    "text, context",
    [
        ("I'm anxious about work", "work"),
        ("My boss yelled at me", "work"),
        ("I can't afford the rent this month", "money"),
        ("My dissertation is due", "university"),
        ("I have exams next week", "school"),
        ("My boyfriend and I broke up", "relationship"),
        ("I couldn't sleep again and the doctor didn't help", "health"),
        ("Nobody replied in the group chat", "social"),
        ("Being at home is tense", "home"),
    ],
)
def test_contexts(text, context):
    assert context in extract_themes(text).contexts


def test_work_the_verb_is_no_context():
    assert extract_themes("I tried but it didn't work").contexts == []


@pytest.mark.parametrize(
    "text",
    ["When I was a kid my dad shouted a lot", "As a child I hid in my room", "Growing up we moved a lot",
     "That was years ago", "Back in school nobody talked to me", "I used to love drawing"],
)
def test_past_references(text):
    assert extract_themes(text).past


@pytest.mark.parametrize("text", ["I'm used to it", "I need to get used to this", "Tomorrow is the deadline"])
def test_no_past_reference(text):
    assert not extract_themes(text).past


def test_feelings_are_canonical_and_negated_ones_left_out():
    themes = extract_themes("I'm not happy. I feel so worried and a bit lonely.")
    assert themes.feelings == ["anxious", "lonely"]


def test_as_list_is_sorted_deduplicated_and_round_trips():
    themes = extract_themes(
        "My sister and my boss at work... my sister again! When I was a kid I felt anxious. I'm anxious now."
    )
    items = themes.as_list()
    assert items == ["person:boss", "person:sister", "feeling:anxious", "context:work", "past"]
    assert Themes.from_list(items).as_list() == items
    assert extract_themes("My sister and my boss at work... my sister again! When I was a kid I felt anxious. "
                          "I'm anxious now.").as_list() == items


def test_empty_text_has_no_themes():
    assert extract_themes("").as_list() == []
    assert not Themes.from_list(["unknown:thing"])


@pytest.mark.parametrize("text", ["her mum made us lasagne", "that was Lou's mum not mine", "his dad picked us up"])
def test_someone_elses_mum_or_dad_is_not_the_writers(text):
    assert not [t for t in extract_themes(text, []).as_list() if t in ("person:mum", "person:dad")]


@pytest.mark.parametrize(
    "text, people",
    [
        ("me and jake broke up last week. hes already following some girl", ["Jake"]),
        ("my best freind lou said she never liked him anyway", ["Lou"]),
        ("i rang dev last night and it turned into a row", ["Dev"]),
        ("ive been crying all day and everyone is annoying lol", []),
        ("i looked desperate. and the resit is next week and i havent opened the book", []),
        ("thanks for puttin that on me. gettin sick of it tbh", []),
    ],
)
def test_people_are_found_in_messages_written_all_in_lower_case(text, people):
    assert extract_themes(text, []).people == people


def test_someone_elses_job_is_not_the_writers_work():
    assert "context:work" not in extract_themes("they dont happen if you do your job properly", []).as_list()
    assert "context:work" not in extract_themes("his boss shouted at him", []).as_list()
    assert "context:work" in extract_themes("my boss shouted at me again", []).as_list()


def test_a_name_that_ends_someones_quoted_words_is_the_one_spoken_to_not_a_person_written_about():
    assert extract_themes("he said 'i didnt go because i couldnt bear it Siobhan'. I get it now", []).people == []
    assert "Tom" in extract_themes("my sister said 'Tom is lying' again", []).people


@pytest.mark.parametrize(
    "text, people",
    [
        ("my wife grace made soup and we ate in silence", ["Grace"]),  # a name that is also a word, after "my wife"
        ("me and ruby fell out over the rent", ["Ruby"]),
        ("my brother keeps ringing at midnight", ["brother"]),  # "keeps" is no name
        ("she texted me lowkey annoyed, tbh idk", []),  # chat words are no names
        ("i have geog and physics tomorrow and no revision done", []),  # school subjects neither
        ("my son in law came to fix the fence", ["son in law"]),
        ("she looked up and said dad you're late again", []),  # the one spoken to in reported words
    ],
)
def test_people_told_apart_from_words_names_and_quotes(text, people):
    assert extract_themes(text).people == people


def test_after_school_is_a_time_not_a_theme():
    assert "school" not in extract_themes("I only see my nephew after school on Fridays").contexts
    assert "school" in extract_themes("school is where it all goes wrong for me").contexts
