"""The end of an exploratory session: a short summary in the person's own words.

It names what they wrote about and the feelings they named, gives back one or
two of their own phrases (pronouns turned), and asks for one thing to take
away. No interpretation, no advice.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, Optional, Sequence

from bot import datafiles
from bot.nlp.feelings import FeelingSpan, feeling_spans, feelings_in
from bot.explore.theme_words import say_theme
from bot.nlp.reflection import after_correction, join_words, mirror_clause, ranked_clauses
from bot.nlp.reflection.ownership import theirs
from bot.nlp.text import any_of, doc as shared_doc
from bot.nlp.wellformed import is_chat_shorthand, is_well_formed

MIN_PHRASE_WORDS = 5  # a phrase given back without a feeling in it says at least this much
MAX_FEELINGS = 8  # every feeling they named, within reason ("anxious, ashamed, guilty, angry, all at once")
TAKE_AWAY = "Before you go, what is one thing you'd like to take away from today?"
DATA_FILE = datafiles.data_path(__file__, "data/closing.yml")


@lru_cache(maxsize=1)
def _not_said_back() -> re.Pattern[str]:
    return any_of(_data()["not_said_back"])


@lru_cache(maxsize=1)
def _data() -> dict:
    return datafiles.load(DATA_FILE)


def closing_summary(texts: Sequence[str], themes: Sequence[str], relations: Optional[Mapping[str, str]] = None) -> str:
    """A few sentences summing up the session, ending with a question about what to take away.

    `relations`: who the names are, as the person said before ("Lorna": "sister"), so one person is named once.
    """
    texts = [t for t in texts if t and t.strip()]
    about = [say_theme(t) for t in topics(texts, themes, relations) if not _said_as_feeling(t)][:4]
    feelings = _feelings(texts) or [t.partition(":")[2] for t in _unique(themes) if t.startswith("feeling:")]
    names = [t.partition(":")[2] for t in themes if t.startswith("person:") and t[7:8].isupper()]
    phrases = _phrases(texts, names)
    parts = ["Thank you for taking this time for yourself."]
    if about:
        parts.append(f"You wrote about {join_words(about)}.")
    if feelings:  # their words, whatever part of speech: "grieving", "a mess", "ashamed"
        named = feelings[:MAX_FEELINGS]
        parts.append(f"The feeling{'s' if len(named) > 1 else ''} you named: {join_words(named)}.")
    if phrases:
        parts.append(f"At one point you wrote that {phrases[0]}.")
    if len(phrases) > 1:
        parts.append(f"You also wrote that {phrases[1]}.")
    parts.append(TAKE_AWAY)
    return " ".join(parts)


def topics(texts: Sequence[str], themes: Sequence[str], relations: Optional[Mapping[str, str]] = None) -> list[str]:
    """What the session was about: people first, the most written about first, each once, then the rest
    in stored order.

    One person is named once: the relation of a named person ("my wife Kasia", "her name is kayla" after "my
    girlfriend", or `relations` from earlier entries) is said as the name, and two words for one relation
    ("mum", "mother") as the one used most. Chat shorthand read as a name ("Shoulda", "Ppl") is no one; the
    life areas a person already stands for (a relationship beside the partner) or that say too little to
    name ("home") are left out.
    """
    items = [t for t in _unique(themes) if not t.startswith("feeling:")]
    joined = " ".join(texts)
    people = [t for t in items if t.startswith("person:") and not is_chat_shorthand(t[7:].lower())]
    names = [t[7:] for t in people if t[7:8].isupper()]
    known = {name: rel.lower() for name, rel in (relations or {}).items() if name in names}
    counts: dict[str, int] = {}
    for person in people:
        counts[_key(person)] = counts.get(_key(person), 0) + _mentions(person[7:], joined)
    kept: dict[str, str] = {}
    merged: list[str] = []  # relations said as a name
    for person in sorted(people, key=lambda t: -_mentions(t[7:], joined)):
        value = person[7:]
        if not value[:1].isupper() and any(
            _same_one(value, name, joined) or (name in known and _key(f"person:{known[name]}") == _key(person))
            for name in names
        ):
            merged.append(value)
            continue  # "my sister" when Lorna is the sister: Lorna
        kept.setdefault(_key(person), person)
    people = sorted(kept.values(), key=lambda t: -counts[_key(t)])
    partnered = any(is_partner(r) for r in [*merged, *known.values(), *(t[7:] for t in people)])
    rest = [t for t in items if not t.startswith("person:") and t not in _UNNAMED_AREAS
            and not (t == "context:relationship" and partnered)]
    return people + rest


# Life areas not named in a summary: "home" (a house, a bedroom, "close to home") says nothing of what was written.
_UNNAMED_AREAS = frozenset({"context:home"})


def _key(person: str) -> str:
    """One key for the words of one relation ("person:mother" and "person:mum" are "person:mum")."""
    from bot.explore.themes import same_theme

    return same_theme(person) if person[7:8].islower() else person


def is_partner(relation: str) -> bool:
    """True for a partner's relation word ("girlfriend", "husband", "ex")."""
    return relation in set(_data().get("partners", ()))


def _said_as_feeling(theme: str) -> bool:
    """True for a life theme made of feelings ("theme:loneliness", "theme:anger"): the feelings they named say it
    in their words, and a theme word can be one they never used (Mira's "alone" is not their loneliness)."""
    return theme in set(_data().get("feeling_themes", ()))


def _mentions(word: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w']){re.escape(word)}(?![\w'])", text, re.IGNORECASE))


def _same_one(relation: str, name: str, text: str) -> bool:
    """True when `text` says the name is that relation: "my wife Kasia", "Kasia, my wife", "Kasia ... she is my wife",
    "my girlfriend broke up with me ... her name is kayla" (not "Kayla and my dad": two people)."""
    r, n = re.escape(relation), re.escape(name)
    return bool(re.search(
        rf"\b(?:my|our) {r},? {n}\b|\b{n}, (?:my|our) (?:ex[- ]?)?{r}\b"
        rf"|\b{n}\b(?:(?!\b(?:and|or|with|to|from|for|about|like)\b)[^.!?]){{0,40}}?"
        rf"\b(?:is|was|'s|are|were)\s+(?:\w+\s+)?(?:my|our) (?:ex[- ]?)?{r}\b"
        rf"|\b(?:my|our) {r}\b[^.!?]*(?:[.!?]+[^.!?]*){{0,2}}?\b(?:her|his|their) name(?:'s| is| was) {n}\b",
        text, re.IGNORECASE,
    ))


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _feelings(texts: Sequence[str]) -> list[str]:
    """The feelings they named as theirs, in their words ("hurt", "really anxious" -> "anxious"), each once.

    A feeling they deny later ("No, I do not feel proud", "I did not say I am tired") is not listed, nor one
    a sentence gives someone else ("She was not angry, only sad that I hide it"); "empty and mad" and a
    reply of feeling words alone ("kinda empty. and mad.") count each.
    """
    found: list[str] = []
    for text in texts:
        text = after_correction(text[-4000:])  # "I felt proud. Actually, no, ..."
        doc = shared_doc(text)
        for span in feeling_spans(doc):
            feeling = span.feeling
            if feeling.negated:
                found = [f for f in found if f != feeling.adjective]
                continue
            if feeling.word.isascii() and _theirs(doc, span):
                found += [feeling.adjective, *(f.adjective for f in _joined_feelings(doc, span.end))]
        found += [f.adjective for f in _bare_feelings(text)]
    return list(dict.fromkeys(found))


def _theirs(doc, span: FeelingSpan) -> bool:
    """False when the nearest person before the feeling in its sentence is someone else ("She was not angry
    about the job, only sad that I hide it"; "my mother was proud")."""
    from bot.explore.themes import relation_word

    return theirs(doc, span, relation_word)


def _joined_feelings(doc, end: int) -> list:
    """Feeling words joined to one just found ("I feel empty and mad"), however each is said alone."""
    found = []
    i = end
    while i + 1 < len(doc) and doc[i].lower_ in ("and", "or", ",") and doc[i + 1].is_alpha:
        said = feelings_in(f"I feel {doc[i + 1].lower_}")
        if not said or said[0].negated:
            break
        found.append(said[0])
        i += 2
    return found


_BARE_FILLER = frozenset("and or but so kinda kind of sorta very really a bit just also too yes yeah ya yea mostly "
                         "quite pretty little lot".split())


_ACKNOWLEDGING = frozenset("good great cool nice fine okay ok right sure".split())


def _bare_feelings(text: str) -> list:
    """The feelings of a sentence that is nothing but feeling words ("kinda empty. and mad."): an answer to us."""
    found = []
    for sentence in re.split(r"[.!?\n]+", text):
        words = [w for w in re.findall(r"[a-z']+", sentence.lower()) if w not in _BARE_FILLER]
        if not 0 < len(words) <= 3 or set(words) & _ACKNOWLEDGING:
            continue  # "Good. So anyway": a word of agreement, not a feeling
        said = [feelings_in(f"I feel {w}") for w in words]
        if all(s and not s[0].negated for s in said):
            found += [s[0] for s in said]
    return found


def _phrases(texts: Sequence[str], names: Sequence[str]) -> list[str]:
    """One or two of their own clauses (not bare feelings, already named; nothing said in anger or
    pain, `data/closing.yml`), in the order written."""
    scored: list[tuple[int, int, str]] = []
    for position, text in enumerate(texts):
        for clause in ranked_clauses(text, names)[:3]:
            if len(clause.split()) < 3 or _bare_feeling(clause) or _not_said_back().search(clause):
                continue
            if len(clause.split()) < MIN_PHRASE_WORDS and not feelings_in(clause):
                continue  # "my mum is fine", "I work there": too slight to be what the session held
            if any(f.negated for f in feelings_in(clause)):
                continue  # "I do not feel proud": a correction of ours, not what the session held
            phrase = mirror_clause(clause, names).rstrip(".!?,;: ")
            for name in names:  # "kayla texted you": a name written in lower case is still a name
                phrase = re.sub(rf"\b{re.escape(name.lower())}\b", name, phrase)
            if not _opens_on_its_subject(phrase):
                continue  # "only sad that you hide it", "yea like with your dad ...", "you said you feel empty"
            if not is_well_formed(f"You also wrote that {phrase}."):
                continue  # "that your brother Pete", "that mostly at yourself": not a clause
            weight = 2 if feelings_in(clause) else 0
            weight += 1 if any(n in clause for n in names) or " my " in f" {clause.lower()} " else 0
            scored.append((weight, position, phrase))
            break
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:2]
    chosen = [phrase for _, _, phrase in sorted(best, key=lambda item: item[1])]
    return list(dict.fromkeys(chosen))


_NO_SUBJECT_OPENERS = frozenset("only just even also still yea yeah ya yes like so and but well ok okay idk lol "
                                "because cause cuz when if".split())
_SOMEONE_SAID = re.compile(r"^(?:you (?:said|say|mean|meant)\b|(?!you\b)[\w']+(?: [\w']+)? (?:said|says|told you)\b)",
                           re.IGNORECASE)


def _opens_on_its_subject(phrase: str) -> bool:
    """True when a phrase to give back starts on who it is about, not on a hedge, a filler or someone's words."""
    words = phrase.split()
    return bool(words) and words[0].lower() not in _NO_SUBJECT_OPENERS and not _SOMEONE_SAID.match(phrase)


def _bare_feeling(clause: str) -> bool:
    """True for "I feel really hurt": a feeling and nothing else to give back."""
    feelings = feelings_in(clause)
    return bool(feelings) and len(clause.split()) <= 4
