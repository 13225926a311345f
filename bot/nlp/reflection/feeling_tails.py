"""A named feeling with what it is about: "anxious" + " about the exam tomorrow".

What follows a feeling word through a link ("about", "that", "because") is said
back with pronouns turned, cut at the next clause and never left hanging.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.feelings import FeelingSpan
from bot.nlp.reflection.data import data
from bot.nlp.reflection.paraphrase import part_of
from bot.nlp.reflection.pronouns import turn_pronouns
from bot.nlp.reflection.words import SENTENCE_BREAK, WORD, lower


def tails(window: str, span: FeelingSpan) -> list[str]:
    """What the feeling is about (" about work because ..."), and the same cut before "because"."""
    tail = _tail(window, span)
    if not tail:
        return []
    found = [tail]
    cut = data().reason_link.search(tail)
    if cut and len(WORD.findall(tail[: cut.start()])) >= 2:
        found.append(tail[: cut.start()])
    part = part_of(found[-1], keep=2)
    if part:
        found.append(part)
    return found


def _tail(window: str, span: FeelingSpan) -> str:
    """What the feeling is about: " about the exam", " that she left", or ""."""
    tables = data()
    sentence_end = SENTENCE_BREAK.search(window, span.end_char)
    rest = window[span.end_char : sentence_end.start() if sentence_end else len(window)]
    words = list(WORD.finditer(rest))
    if not words or lower(words[0].group()) not in tables.tail_links:
        return ""
    if rest[: words[0].start()].strip():
        return ""
    end = len(rest)
    stop = re.search(r"[,;:]|\s[-\u2013\u2014]\s", rest)
    if stop:
        end = stop.start()
    for i, word in enumerate(words):
        if word.start() >= end:
            break
        low = lower(word.group())
        nxt = lower(words[i + 1].group()) if i + 1 < len(words) else ""
        if i > 0 and (low in tables.split_always - {"because"} or (low in tables.split_before_subject and nxt in tables.subjects)):
            end = word.start()
            break
        if i >= 10:
            end = word.start()
            break
    piece = rest[:end].rstrip(" ,;:-")
    inner = list(WORD.finditer(piece))
    while len(inner) > 1 and lower(inner[-1].group()) in STOP_WORDS - tables.tail_ends:
        piece = piece[: inner[-1].start()].rstrip(" ,;:-")
        inner = inner[:-1]
    if len(inner) < 2:
        return ""
    return " " + turn_pronouns(piece).strip()


def feeling_phrase(spans: list[FeelingSpan], chosen: FeelingSpan, window: str) -> tuple[str, FeelingSpan]:
    """The chosen feeling, joined with one that follows it directly ("sad and lonely")."""
    phrase = chosen.feeling.phrase
    index = spans.index(chosen)
    if index + 1 < len(spans):
        nxt = spans[index + 1]
        gap = window[chosen.end_char : nxt.start_char]
        if re.fullmatch(r"\s*(,|,?\s*and|,?\s*or)\s*", gap) and nxt.feeling.negated == chosen.feeling.negated:
            return f"{phrase} and {nxt.feeling.phrase}", nxt
    return phrase, chosen


def feel_verb(span: FeelingSpan) -> str:
    """"feel", "felt", "don't feel" or "didn't feel", as the feeling was said."""
    if span.feeling.negated:
        return "didn't feel" if span.past else "don't feel"
    return "felt" if span.past else "feel"
