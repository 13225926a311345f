"""Splitting a message into clauses and ranking them by how much they are worth reflecting.

Sentences are cut at commas and at conjunctions ("but", "because", "and I ...");
a clause with a feeling or a person counts most, a question least.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.feelings import FeelingSpan, feeling_spans
from bot.nlp.reflection.data import data
from bot.nlp.reflection.ownership import theirs
from bot.nlp.reflection.language import is_other_language, is_short_answer
from bot.nlp.reflection.words import WORD, inside, lower, reading_window
from bot.nlp.text import doc, quoted_spans, words

MAX_CLAUSE_WORDS = 12
_SENTENCE = re.compile(r"[^.!?\u2026\n]+[.!?\u2026]*")


@dataclass
class Clause:
    """One clause of the window read: its text and offsets, sentence number, feelings, people and score."""

    text: str
    start: int
    end: int
    sentence: int
    question: bool
    feelings: list[FeelingSpan] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    score: float = 0.0


def _split_clauses(text: str) -> list[Clause]:
    """Sentences, then clauses at commas and conjunctions ("but", "because", "and I ...")."""
    tables = data()
    quoted = quoted_spans(text)
    clauses: list[Clause] = []
    for index, sentence in enumerate(_SENTENCE.finditer(text)):
        s_start, s_end = sentence.span()
        question = sentence.group().rstrip().endswith("?")
        cuts = [s_start]
        for punct in re.finditer(r"[,;:]|\s[-\u2013\u2014]\s", sentence.group()):
            if not inside(quoted, s_start + punct.start()):
                cuts.append(s_start + punct.end())
        words = list(WORD.finditer(text, s_start, s_end))
        for i, word in enumerate(words):
            low = lower(word.group())
            nxt = lower(words[i + 1].group()) if i + 1 < len(words) else ""
            if i == 0 or inside(quoted, word.start()):
                continue
            two_back = lower(words[i - 2].group()) if i >= 2 else ""
            if low == "and" and two_back == "and":
                continue  # "dad left and mum and I had to": "mum and I" is one subject
            if low in tables.split_always or (low in tables.split_before_subject and nxt in tables.subjects):
                cuts.append(word.start())
        cuts = sorted(set(cuts)) + [s_end]
        for start, end in zip(cuts, cuts[1:]):
            clause = _clean_clause(text, start, end)
            if clause:
                clauses.append(Clause(clause[0], clause[1], clause[2], index, question))
    return clauses


def _clean_clause(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Trim punctuation and leading fillers ("so", "honestly", "but"); None when nothing is left."""
    tables = data()
    while True:
        while start < end and not (text[start].isalnum() or text[start] in "\"'\u201c\u2018"):
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] in "\"'\u201d\u2019"):
            end -= 1
        words = list(WORD.finditer(text, start, end))
        if not words:
            return None
        fillers = tables.fillers_by_first.get(lower(words[0].group()), ())
        lowers = tuple(lower(w.group()) for w in words[:4]) if fillers else ()
        for filler in fillers:
            if lowers[: len(filler)] == filler:
                if len(filler) == len(words):
                    return None
                start = words[len(filler)].start()
                break
        else:
            break
    if len(words) < 2:
        return None
    return text[start:end], start, end


def _person_in(clause: str, people: Iterable[str]) -> list[str]:
    found = []
    for person in people:
        flags = 0 if person[:1].isupper() else re.IGNORECASE
        if re.search(rf"(?<!\w){re.escape(person)}(?!\w)", clause, flags):
            found.append(person)
    return found


def analyse(window: str, people: Sequence[str]) -> tuple[list[Clause], list[FeelingSpan]]:
    """Clauses of `window` with their feelings and people, scored for being worth reflecting."""
    parsed = doc(window)  # the same Doc the themes of this turn were read from
    spans = [s for s in feeling_spans(parsed) if theirs(parsed, s)]  # not "only sad" after "she was not angry"
    clauses = _split_clauses(window)
    first_person = data().first_person
    for position, clause in enumerate(clauses):
        clause.feelings = [s for s in spans if clause.start <= s.start_char < clause.end]
        clause.people = _person_in(clause.text, people)
        said = words(clause.text)
        score = 0.0
        if any(not s.feeling.negated for s in clause.feelings):
            score += 3
        elif clause.feelings:
            score += 2
        if clause.people:
            score += 2
        if first_person & set(said):
            score += 1
        if 3 <= len(said) <= MAX_CLAUSE_WORDS:
            score += 1
        elif len(said) > MAX_CLAUSE_WORDS + 2:
            score -= 1
        if clause.question:
            score -= 2
        clause.score = score + position * 0.01
    return clauses, spans


def shorten(clause: str) -> str:
    """At most about MAX_CLAUSE_WORDS words, cut before a preposition or link where possible."""
    words = list(WORD.finditer(clause))
    if len(words) <= MAX_CLAUSE_WORDS:
        return clause
    tables = data()
    cut_words = tables.part_cuts | tables.long_clause_cuts
    for i in range(MAX_CLAUSE_WORDS, 3, -1):
        nxt = lower(words[i + 1].group()) if i + 1 < len(words) else ""
        if lower(words[i].group()) == "and" and nxt in tables.and_partners:
            continue  # "mum and I had to": cutting there leaves "mum" hanging
        if lower(words[i].group()) in tables.part_cuts and lower(words[i - 1].group()) in tables.particle_verbs:
            continue  # "instead of getting | on the piss": the particle belongs to its verb
        if lower(words[i].group()) in cut_words:
            return clause[: words[i].start()].rstrip(" ,;:-")
    end = MAX_CLAUSE_WORDS
    while end > 3 and lower(words[end - 1].group()) in STOP_WORDS:
        end -= 1
    if end > 5 and lower(words[end - 1].group()) in tables.particle_verbs and lower(words[end - 2].group()) in _GERUND_LINKS:
        end -= 2  # "instead of getting | on the piss": the verb goes with the phrase it lost
        while end > 3 and lower(words[end - 1].group()) in STOP_WORDS | {"instead"}:
            end -= 1
    return clause[: words[end - 1].end()]


# Words that take a verb in -ing after them ("instead of getting", "without making").
_GERUND_LINKS = frozenset("of for about from without by after before".split())


def sentence_first(clauses: Sequence[Clause], clause: Clause) -> int:
    """Where the sentence of `clause` starts (its first clause)."""
    return min(c.start for c in clauses if c.sentence == clause.sentence)


def ranked_clauses(text: str, people: Sequence[str] = ()) -> list[str]:
    """Clauses of `text` worth reflecting, best first, shortened, as written.

    Feelings and people (`people`: names or relation words) count most;
    questions, greetings and fillers least or not at all.
    """
    if is_short_answer(text) or is_other_language(text):
        return []
    clauses, _ = analyse(reading_window(text), people)
    ranked = sorted(clauses, key=lambda c: (not c.question, c.score), reverse=True)
    return list(dict.fromkeys(shorten(c.text) for c in ranked))


def key_clause(text: str, people: Sequence[str] = ()) -> str | None:
    """One short clause worth reflecting, as written: one with a feeling or a person if any.

    Greetings and fillers are skipped; long entries are read from their last part.
    None when nothing is left (a greeting, "idk", other languages).
    """
    ranked = ranked_clauses(text, people)
    return ranked[0] if ranked else None


def after_correction(text: str) -> str:
    """What the writer means when they take something back: the text after the last correction
    ("Back then I felt proud. Actually, no, I should correct myself. It was always a burden" ->
    "It was always a burden"); `text` itself when there is none or nothing follows it."""
    last = None
    for last in data().corrections.finditer(text or ""):
        pass
    if last is None:
        return text
    rest = text[last.end():].strip()
    return rest if len(rest.split()) >= 3 else text
