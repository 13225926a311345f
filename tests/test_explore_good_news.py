"""Good news and mended bonds get a warm word before the reflection."""
from __future__ import annotations

import pytest

from bot.explore.good_news import good_news_in


@pytest.mark.parametrize(
    "text, kind",
    [
        ("they rang this morning, I got the job at the garden centre!", "new_job"),
        ("passed my theory test today", "passed"),
        ("my sister came round and we made up, finally", "made_up"),
        ("she called on friday and we both cried and talked for hours", "made_up"),
    ],
)
def test_good_news_is_found(text, kind):
    assert good_news_in(text)[:1] == [kind]


@pytest.mark.parametrize(
    "text",
    ["I didn't get the job at the bakery", "if I get the job we can move", "I made up an excuse to leave early",
     "hoping I passed my exam"],
)
def test_hopes_failures_and_other_senses_are_no_news(text):
    assert not good_news_in(text)


def test_good_news_is_welcomed_before_the_reflection_once_a_session(repo):
    from bot.explore.journal import ExploreState, JournalSession

    session = JournalSession(repo, "good-news-person")
    reply = session.turn("I got the job at the library! I start in March and I'm nervous about it.", None, ExploreState())
    first = reply.messages[0][0]
    assert first.startswith("Congratulations")
    again = session.turn("I got the job and I keep telling everyone about the library.", None, reply.state)
    assert "Congratulations" not in again.messages[0][0]
