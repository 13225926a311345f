"""Possible reflections of one message, best first.

Their own question said back as what they wonder, then a named feeling (joined
with something else they said, with the person it comes with, or with what it
is about), then paraphrases of their most telling clauses, then the people and
topics they wrote about, then one of their words. Which candidate is said is
decided by `bot.nlp.reflection.compose`.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from bot.nlp.reflection.clauses import analyse, sentence_first, shorten
from bot.nlp.reflection.data import data
from bot.nlp.reflection.feeling_tails import feel_verb, feeling_phrase, tails
from bot.nlp.reflection.history import ReflectionHistory
from bot.nlp.reflection.overlap import content_words, key_words
from bot.nlp.reflection.paraphrase import joined, mirror_clause, their_view, versions, wondering
from bot.nlp.reflection.prompts import Candidate, rotation
from bot.nlp.reflection.pronouns import pronoun_means
from bot.nlp.reflection.words import SENTENCE_BREAK, WORD, reading_window
from bot.nlp.text import normalise

_PICK_UP = frozenset({"paraphrase", "person", "topic", "keyword"})  # must reuse one of their content words


def say_person(person: str) -> str:
    """How to name a person back: "sister" -> "your sister", "Sam" -> "Sam"."""
    return person if person[:1].isupper() else f"your {person}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _agree(plural: bool) -> dict[str, str]:
    """Verb forms for a person template: "is"/"are", "seems"/"seem"."""
    return {"is": "are", "seems": "seem"} if plural else {"is": "is", "seems": "seems"}


# Words that set a person aside from a feeling: "not (just) dad", "Kasia is not (the) problem", "rob is fine".
_SET_ASIDE_BEFORE = re.compile(r"\b(?:not|n't|nt|isn'?t|wasn'?t)\s+(?:just|only|really|even|about|because\s+of|bc\s+of)?\s*(?:my\s+|the\s+)?$", re.I)
_SET_ASIDE_AFTER = re.compile(
    r"^\W*(?:(?:is|was|'s|s)\s+|isn'?t\s+|wasn'?t\s+)(?:(?:just|really|totally|honestly)\s+)?"
    r"(?:not\b|n't\b|nt\b|fine\b|ok\b|okay\b|alright\b|great\b|lovely\b|a\s+saint\b|good\b|"
    r"(?:a\s+|the\s+)?(?:problem|issue|cause|reason)\b)|^\s*(?:isn'?t|wasn'?t)\b",
    re.I,
)


def sentence_of(window: str, start: int, end: int) -> str:
    """The sentence of `window` that holds the characters from `start` to `end`."""
    before = [m.end() for m in SENTENCE_BREAK.finditer(window, 0, start)]
    after = SENTENCE_BREAK.search(window, end)
    return window[before[-1] if before else 0 : after.start() if after else len(window)]


def linked_in(sentence: str, person: str) -> bool:
    """True when `sentence` names `person` and does not set them aside ("Kasia is not the problem",
    "not just dad", "Rob is fine"): only then is a feeling in it tied to them."""
    named = re.search(rf"(?<![\w'])(?:{re.escape(person)})(?![\w'])", sentence, re.IGNORECASE)
    if not named:
        return False
    before = sentence[max(0, named.start() - 24) : named.start()]
    after = sentence[named.end() : named.end() + 40]
    return not (_SET_ASIDE_BEFORE.search(before) or _SET_ASIDE_AFTER.match(after))


def _joinable(clauses: list, span, window: str) -> list:
    """Clauses a feeling may be said beside: those of its own sentence (joined with "dad was never like that"
    from another sentence, a feeling about someone else would be pinned on dad)."""
    whole = [c for c in clauses if not c.question and not c.feelings and len(WORD.findall(c.text)) >= 3
             and WORD.findall(c.text)[0].lower() not in _NO_OPENING]
    own = [c for c in whole if c.start <= span.start_char < c.end or (c.start >= 0 and _same_sentence(window, c.start, span.start_char))]
    return own


_NO_OPENING = frozenset({"or", "nor", "than"})  # "or your mum will kill you": half of something else


def _same_sentence(window: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return not SENTENCE_BREAK.search(window, low, high)


def set_aside(text: str, person: str) -> bool:
    """True when every sentence of `text` that names `person` sets them aside ("rob is fine, rob is a saint",
    "its not just dad"): a question about them would not follow the writer."""
    named = [m.group() for m in re.finditer(r"[^.!?\u2026\n]+", text)
             if re.search(rf"(?<![\w']){re.escape(person)}(?![\w'])", m.group(), re.IGNORECASE)]
    return bool(named) and not any(linked_in(sentence, person) for sentence in named)


def candidates(
    text: str,
    history: ReflectionHistory,
    people: Sequence[str] = (),
    topics: Sequence[str] = (),
    wanted: set[str] | None = None,
) -> Iterator[Candidate]:
    """Possible reflections, best first: (kind, reply, template id, echo check).

    `people`: relation words or names in the message ("sister", "Sam"); `topics`:
    life areas as said in a sentence ("work", "your relationship"); `wanted`: the
    message's content words (`content_words`), when the caller has them already.
    """
    window = reading_window(text)
    names = {p for p in people if p[:1].isupper()}
    clauses, spans = analyse(window, people)
    seed = normalise(window)[-200:]
    wanted = content_words(window) if wanted is None else wanted

    def fill(kind: str, section: str, check: str | None = "content", **values: str) -> Iterator[Candidate]:
        said = values.get("clause") or values.get("person") or values.get("topic") or values.get("word") or ""
        if kind in _PICK_UP and wanted and not content_words(said) & wanted:
            return  # says none of their words: not a reflection of this message
        for tid, template in rotation(section, history, seed):
            if "that {clause}" in template and values.get("clause", "").lower().startswith(("that ", "that's ", "thats ")):
                continue  # "I hear that that deadline ..."
            filled = template.format(**values, **{k.capitalize(): _capital(v) for k, v in values.items()})
            yield kind, filled, tid, check

    for asked in [c for c in clauses if c.question and c.start == sentence_first(clauses, c)][:1]:
        said = wondering(asked.text)  # a question of their own: what they wonder comes first
        if said and len(said.split()) <= 16:
            yield from fill("paraphrase", "wondering", check=None, clause=said)

    ordered = sorted(spans, key=lambda s: (not s.feeling.negated, s.feeling.intensity is not None, s.start), reverse=True)
    for span in ordered[:3]:
        phrase, last = feeling_phrase(spans, span, window)
        feel = feel_verb(span)
        # Joining the feeling with something else they said adds meaning (a complex
        # reflection); the feeling with what it is about comes next.
        others = _joinable(clauses, span, window)
        if others:
            other = shorten(max(others, key=lambda c: c.score).text)
            about = [t for t in tails(window, last) if len(WORD.findall(t)) <= 6][:1]
            for version in versions(other):
                clause = mirror_clause(version, names)
                for feeling in [phrase + t for t in about]:
                    yield from fill("feeling", "feeling_with_clause", feel=feel, feeling=feeling, clause=clause)
        about = [t for t in tails(window, last) if len(WORD.findall(t)) <= 6][:1]
        sentence = sentence_of(window, span.start_char, last.end_char)
        present = [p for p in people if linked_in(sentence, p)]
        tracked = history.tracked_person()
        if not present and tracked and pronoun_means(history.relations.get(tracked, tracked), sentence):
            present = [tracked]  # "I'm scared he'll laugh at me": he is the one just written about
        for person in present[:1]:
            if any(person.lower() in t.lower() for t in about):
                continue  # "anxious about my mum, and your mum is part of that"
            plural = person.lower() in data().plural_people
            for feeling in [phrase + t for t in about] or [phrase]:
                yield from fill(
                    "feeling", "feeling_with_person", feel=feel, feeling=feeling, person=say_person(person),
                    **_agree(plural),
                )
        for tail in tails(window, last):
            yield from fill("feeling", "feeling", feel=feel, feeling=phrase, tail=tail)
        if others:
            for version in versions(other):
                clause = mirror_clause(version, names)
                yield from fill("feeling", "feeling_with_clause", feel=feel, feeling=phrase, clause=clause)
        # The feeling alone may name the whole of a short message: that is the point.
        yield from fill("feeling", "feeling", check=None, feel=feel, feeling=phrase, tail="")

    statements = [c for c in clauses if not c.question]
    best = sorted(statements, key=lambda c: c.score, reverse=True)[:2]
    pair = joined(best, names)
    if pair:
        yield from fill("paraphrase", "joined", check="verbatim", clause=pair[0], other=pair[1])
    views: list[str] = []
    for clause in best:
        for version in versions(shorten(clause.text), names):
            mirrored = mirror_clause(version, names)
            if their_view(version):
                views.append(mirrored)
                yield from fill("paraphrase", "paraphrase_self", check="verbatim", clause=mirrored)
            yield from fill("paraphrase", "paraphrase", check="verbatim", clause=mirrored)
    for mirrored in views[:1]:
        # "You feel nobody cares": said as their view, it may hold all of a short message
        yield from fill("paraphrase", "paraphrase_self", check=None, clause=mirrored)

    for person in people:
        plural = person.lower() in data().plural_people
        yield from fill("person", "person", person=say_person(person), **_agree(plural))
    for topic in topics:
        yield from fill("topic", "topic", topic=topic)
    for word in key_words(best or clauses, window)[:2]:
        yield from fill("keyword", "keyword", check=None, word=word)
    if clauses and not statements:
        yield from fill("generic", "question", check=None)
