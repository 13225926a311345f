"""Turning pronouns to mirror the speaker, and following "she"/"him" back to a person.

"I was scared my mum would leave me" is said back as "you were scared your mum
would leave you". A heuristic without a parser: the pronoun tables and the word
lists that decide subject or object are in `patterns/reflection.yml`.
"""
from __future__ import annotations

import re

from bot.nlp.reflection.data import Data, data
from bot.nlp.reflection.words import WORD, inside, lower, reading_window
from bot.nlp.feelings import mended
from bot.nlp.text import QUOTED, normalise, quoted_spans


def turn_pronouns(text: str) -> str:
    """Mirror the speaker: "I was scared my mum would leave me" -> "you were scared your mum would leave you".

    Contractions typed without an apostrophe get it back ("shes" -> "she's")
    and misspelt feeling words are mended ("anxous" -> "anxious"), so a
    reflection never shows the person their own typo.
    "you" becomes "I" at the start of a clause and "me" after a verb or
    preposition; "am"/"was" agree with the new subject. Words inside quotes are
    someone else's and stay untouched, as does "you" in reported speech ("she
    said you never listen"). Everything else is kept character for character.
    """
    tables = data()
    quoted = quoted_spans(text)
    words = list(WORD.finditer(text))
    lowers = [lower(m.group()) for m in words]
    replace: dict[int, str] = {}
    speech_clause = False
    for i, match in enumerate(words):
        starts_clause = _starts_clause(text, words, i)
        if starts_clause:
            speech_clause = False
        if inside(quoted, match.start()):
            continue
        word = lowers[i]
        prev = None if starts_clause else lowers[i - 1]
        nxt = lowers[i + 1] if i + 1 < len(words) and not _starts_clause(text, words, i + 1) else None
        if word in tables.speech_verbs and prev not in tables.speech_own:
            speech_clause = True
        if match.group() == "US":
            continue
        if word in tables.to_you:
            replace[i] = tables.to_you[word]
            if word in ("i", "we") and nxt in tables.after_you:
                replace[i + 1] = tables.after_you[nxt]
            if word == "i" and prev in tables.after_you:
                replace[i - 1] = tables.after_you[prev]
        elif word in ("you", "u") and (word == "you" or match.group() == "u"):
            if speech_clause or prev == "thank":
                continue
            subject = _you_is_subject(prev, nxt, tables)
            replace[i] = "I" if subject else "me"
            if subject and nxt in tables.after_i:
                replace[i + 1] = tables.after_i[nxt]
            if prev in tables.before_i:
                replace[i - 1] = tables.before_i[prev]
        elif word in tables.to_me:
            if speech_clause:
                continue
            replace[i] = tables.to_me[word]
        elif tidy := tables.apostrophes.get(word) or (match.group().islower() and mended(word)):
            replace[i] = tidy[0].upper() + tidy[1:] if match.group()[:1].isupper() else tidy
    if not replace:
        return text
    out: list[str] = []
    last = 0
    for i, match in enumerate(words):
        if i not in replace:
            continue
        out.append(text[last : match.start()])
        out.append(_match_case(match.group(), replace[i], _sentence_start(text, match.start()), tables))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _starts_clause(text: str, words: list[re.Match[str]], i: int) -> bool:
    """True when word i opens the text or follows punctuation."""
    if i == 0:
        return True
    gap = text[words[i - 1].end() : words[i].start()]
    return bool(re.search(r"[.,;:!?\u2026()\"\u201c\u201d\u2014\u2013\n]|\s[-']\s|^'|\s'", gap))


def _sentence_start(text: str, position: int) -> bool:
    """True when only spaces, quotes or brackets stand between `position` and a sentence end."""
    before = text[:position].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?\u2026\n:"


def _you_is_subject(prev: str | None, nxt: str | None, tables: Data) -> bool:
    """Heuristic without a parser: "you" opens a clause -> "I"; after a verb or preposition -> "me"."""
    if prev in tables.prepositions:
        return False
    if prev is None or prev in tables.clause_starters or prev in tables.auxiliaries:
        return True
    if nxt is not None and (nxt in tables.subject_followers or nxt.endswith("n't")):
        return True
    return prev in tables.that_verbs and nxt is not None


def _match_case(original: str, replacement: str, sentence_start: bool, tables: Data) -> str:
    """Give `replacement` the case and apostrophe style of `original`."""
    if "\u2019" in original:
        replacement = replacement.replace("'", "\u2019")
    if len(original) > 1 and original.isupper() and original.lower() not in tables.own_contractions:
        return replacement.upper()
    if replacement == "I" or replacement.startswith(("I'", "I\u2019")):
        return replacement
    if sentence_start:
        return replacement[0].upper() + replacement[1:]
    return replacement


def mentions_third_person(text: str) -> bool:
    """True when `text` says "she", "him", "them" ... outside quotes: maybe the last person mentioned."""
    unquoted = QUOTED.sub(" ", reading_window(text))
    return any(w.lower() in data().third_person for w in WORD.findall(unquoted))


def pronoun_means(person: str, text: str) -> bool:
    """True when "she"/"he" in `text` can only mean `person`: their word says which, and only that one is used.

    "I miss her" after "mum" means mum; after "Jo" (whose pronoun is unknown), or with "he" too, it is uncertain,
    and an uncertain referent is never named.
    """
    tables = data()
    words = {w.lower() for w in WORD.findall(QUOTED.sub(" ", normalise(text)))}
    used = [g for g, forms in tables.pronoun_forms.items() if words & forms]
    known = [g for g, people in tables.pronoun_people.items() if person.lower() in people]
    return len(used) == 1 and known == used
