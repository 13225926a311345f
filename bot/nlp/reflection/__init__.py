"""Reflective listening: turn pronouns, pick a key clause, compose a reflection.

The exploratory mode answers mostly by mirroring: it names the person's feeling
or paraphrases what they said, in their own words with "I" turned into "you",
and never repeats itself within a session. It gives no advice and no verdicts.
A paraphrase may be trimmed ("I guess", "just", a trailing "too" or "again") or
lightly rephrased ("this deadline is killing me" -> "that deadline is weighing
on you"), but never says the whole message back word for word; every reply to
a message with something in it reuses at least one of its words, and a generic
line is the very last resort.

One job a module: `words` (the text as written), `pronouns`, `language` (short
answers, lists, other languages), `clauses`, `paraphrase`, `feeling_tails`,
`overlap` (which of their words a reply takes up), `prompts` (template rotation
and fixed lines), `candidates`, `compose` (`reflect`) and `history`. Templates
and word lists are in `patterns/reflection.yml`, read by `data`. Nothing here
knows about open questions or themes across entries: those live in
`bot.explore`, which passes people, topics and a question chooser to `reflect`.
"""
from __future__ import annotations

from bot.nlp.reflection.candidates import say_person
from bot.nlp.reflection.clauses import MAX_CLAUSE_WORDS, after_correction, key_clause, ranked_clauses
from bot.nlp.reflection.compose import OpenQuestion, QuestionChooser, Reflection, reflect
from bot.nlp.reflection.history import HISTORY_LIMIT, PERSON_TURNS, ReflectionHistory
from bot.nlp.reflection.language import is_other_language, is_short_answer, list_items
from bot.nlp.reflection.paraphrase import mirror_clause, wondering
from bot.nlp.reflection.prompts import join_words, number_word
from bot.nlp.reflection.pronouns import mentions_third_person, pronoun_means, turn_pronouns
from bot.nlp.reflection.words import WINDOW_CHARS, reading_window

__all__ = [
    "HISTORY_LIMIT", "MAX_CLAUSE_WORDS", "PERSON_TURNS", "WINDOW_CHARS", "OpenQuestion", "QuestionChooser", "after_correction",
    "Reflection", "ReflectionHistory", "is_other_language", "is_short_answer", "join_words", "key_clause",
    "list_items", "mentions_third_person", "mirror_clause", "number_word", "pronoun_means",
    "ranked_clauses", "reading_window", "reflect", "say_person", "turn_pronouns", "wondering",
]
