"""The closing summary: their themes, feelings and phrases, then one thing to take away."""
from __future__ import annotations

from bot.explore.closing import TAKE_AWAY, closing_summary

TEXTS = [
    "Hi. My sister didn't call me back after my birthday, and I feel really hurt.",
    "idk",
    "I'm so anxious about work because my boss wants the report by Friday",
]
THEMES = ["person:sister", "person:boss", "feeling:hurt", "feeling:anxious", "context:work"]


def test_summary_names_themes_feelings_and_their_own_phrases():
    text = closing_summary(TEXTS, THEMES)
    assert "You wrote about your sister, your boss and work." in text
    assert "The feelings you named: hurt and anxious." in text
    assert "your sister didn't call you back" in text
    assert "my " not in text.lower().replace("take away", "")  # pronouns turned
    assert text.endswith(TAKE_AWAY)


def test_short_answers_are_not_quoted():
    assert "idk" not in closing_summary(TEXTS, THEMES)


def test_names_and_past_are_said_naturally():
    text = closing_summary(["I told Sam about it. When I was a kid this happened too."], ["person:Sam", "past"])
    assert "You wrote about Sam and the past." in text


def test_empty_session_still_asks_for_one_thing():
    text = closing_summary([], [])
    assert text.endswith(TAKE_AWAY) and "wrote" not in text


def test_feelings_come_from_themes_when_texts_name_none():
    assert "The feeling you named: lonely." in closing_summary(["It was a long week."], ["feeling:lonely"])


def test_words_said_in_anger_or_pain_are_not_read_back_in_the_summary():
    texts = ["The vet missed it and honestly I could kill that vet.", "I walked his old route by the canal on Sunday."]
    summary = closing_summary(texts, ["theme:grief"])
    assert "kill" not in summary and "walked his old route" in summary


def test_a_feeling_taken_back_is_not_listed_as_named():
    text = "Back then I felt proud. Actually, no, I should correct myself. It was always a burden and I felt trapped."
    summary = closing_summary([text], [])
    assert "proud" not in summary


def test_the_summary_names_the_person_most_written_about_first_and_each_person_once():
    texts = ["My partner Ines moved out. Ines took the plants. I keep texting Ines and deleting it.",
             "Ines is my partner of six years. Ines said we need space. My cousin Leo came by."]
    themes = ["person:Leo", "person:Ines", "person:partner", "context:relationship"]
    said = closing_summary(texts, themes)
    assert "You wrote about Ines and Leo." in said and "your partner" not in said  # and no "your relationship" beside her


def test_slight_lines_are_not_given_back_as_what_the_session_held():
    said = closing_summary(["The flat is fine. I keep waking at four and thinking about the money."], ["context:home"])
    assert "flat is fine" not in said
