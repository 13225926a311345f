"""Themes of one journal entry: people, feelings, life areas, references to the past.

Themes are stored with each entry as short strings ("person:sister",
"feeling:anxious", "context:work", "past") so that patterns across entries can
be counted later without reading the texts again. Word lists are in
`data/themes.yml`; feelings come from `bot.nlp.feelings`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from bot.nlp.feelings import feeling_spans
from bot import datafiles
from bot.nlp.phrasebook import Rules
from bot.nlp.text import doc as shared_doc
from bot.explore.theme_words import say_theme
from bot.nlp.reflection import say_person
from bot.nlp.wellformed import is_chat_shorthand, is_dictionary_word, is_verb_form

DATA_FILE = datafiles.data_path(__file__, "data/themes.yml")
KINDS = ("person", "feeling", "context", "past", "theme")

__all__ = ["Themes", "extract_themes", "relations_of", "say_person", "say_theme", "same_theme", "themes_of"]


@dataclass
class Themes:
    """What an entry is about. Lists keep the order found; `as_list` is sorted for storage."""

    people: list[str] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    past: bool = False

    def as_list(self) -> list[str]:
        """Stable, deduplicated strings: people, feelings, contexts (each sorted), then "past"."""
        items = [f"person:{p}" for p in sorted(set(self.people))]
        items += [f"feeling:{f}" for f in sorted(set(self.feelings))]
        items += [f"context:{c}" for c in sorted(set(self.contexts))]
        if self.past:
            items.append("past")
        return items

    @classmethod
    def from_list(cls, items: Iterable[str]) -> "Themes":
        """The inverse of `as_list`; unknown kinds are ignored."""
        themes = cls()
        for item in items:
            kind, _, value = str(item).partition(":")
            if kind == "past":
                themes.past = True
            elif value and kind == "person" and value not in themes.people:
                themes.people.append(value)
            elif value and kind == "feeling" and value not in themes.feelings:
                themes.feelings.append(value)
            elif value and kind == "context" and value not in themes.contexts:
                themes.contexts.append(value)
        return themes

    def __bool__(self) -> bool:
        return bool(self.people or self.feelings or self.contexts or self.past)


@dataclass(frozen=True)
class _Lexicon:
    relations: Rules
    contexts: Rules
    past: Rules
    relation_words: frozenset[str]
    standalone: frozenset[str]
    possessives: frozenset[str]
    modifiers: frozenset[str]
    not_names: frozenset[str]
    name_verbs: frozenset[str]
    lowercase_not_names: frozenset[str]
    name_before: frozenset[str]
    place_words: frozenset[str]
    social_verbs: frozenset[str]
    place_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data: dict[str, Any] = datafiles.load(DATA_FILE)
    people = data["people"]
    context_words = {w for words in data["contexts"].values() for w in words if isinstance(w, str)}
    return _Lexicon(
        relations=Rules({"person": people["relations"]}),
        contexts=Rules(data["contexts"], inflect=True),
        past=Rules({"past": data["past"]}),
        relation_words=frozenset(people["relations"]),
        standalone=frozenset(people["standalone"]),
        possessives=frozenset(people["possessives"]),
        modifiers=frozenset(people["modifiers"]),
        not_names=frozenset(people["not_names"]) | frozenset(context_words) | frozenset(people["relations"]),
        name_verbs=frozenset(people["name_verbs"]),
        lowercase_not_names=frozenset(people["lowercase_not_names"]),
        name_before=frozenset(people["name_before"]),
        place_words=frozenset(people["place_words"]),
        social_verbs=frozenset(people["social_verbs"]),
        place_nouns=frozenset(people["place_nouns"]),
    )


@lru_cache(maxsize=1)
def _same_person() -> dict[str, str]:
    groups = datafiles.load(DATA_FILE)["people"]["same_person"]
    return {str(word): str(key) for key, words in groups.items() for word in words}


def same_theme(theme: str) -> str:
    """The key under which a theme is counted: "person:father" and "person:dad" are both "person:dad"."""
    kind, _, value = theme.partition(":")
    if kind == "person":
        key = _same_person().get(value.lower())
        if key:
            return f"person:{key}"
    return theme


def extract_themes(text: str | Doc, known: Iterable[str] = ()) -> Themes:
    """People ("sister", "Sam"), the writer's feelings, life areas and past references in `text`.

    `known`: names this person wrote about before; they count wherever they stand.
    A relationship word right next to a name ("my brother Pete") is the same
    person, kept as the name.
    """
    lex = _lexicon()
    doc = text if isinstance(text, Doc) else shared_doc(text)
    themes = Themes()
    names = _names(doc, lex, frozenset(known))
    named_at = {i for i, _ in names}
    relations = [word for i, end, word in _relations(doc, lex) if not ({i - 1, end} & named_at or _named_before(doc, i, named_at))]
    for person in relations + [name for _, name in names]:
        if person not in themes.people:
            themes.people.append(person)
    for span in feeling_spans(doc):
        if not span.feeling.negated and span.feeling.canonical not in themes.feelings:
            themes.feelings.append(span.feeling.canonical)
    for match in lex.contexts.find(doc):
        at = match.start - 1
        while at >= 0 and (doc[at].lower_ in lex.modifiers or doc[at].lower_ in _ORDINALS):
            at -= 1  # "her first husband", "his new boss"
        owner = doc[at].lower_ if at >= 0 else ""
        if (owner in _OTHERS_OWN or owner in _OTHERS_POSSESSIVES) and match.end - match.start == 1:
            continue  # "if you did your job", "his boss", "her first husband", "Mum's house": someone else's life
        if match.label == "school" and _school_as_a_time(doc, match.start):
            continue  # "I see her only after school", "pick the kids up from school": a time of day
        if match.label in _ABOUT_ONESELF and _someone_elses(doc, match.start, lex):
            continue  # "My mother died after a long illness": her health, not the writer's
        if match.label not in themes.contexts:
            themes.contexts.append(match.label)
    themes.past = bool(lex.past.find(doc))
    return themes


def relations_of(text: str, names: Iterable[str]) -> dict[str, str]:
    """Who each name is, where the text says so: "my brother Pete", "Pete, my brother", "Pete is my brother" or
    "my brother ... his name is Pete" -> {"Pete": "brother"}."""
    lex = _lexicon()
    words = "|".join(re.escape(w) for w in sorted(lex.relation_words, key=len, reverse=True))
    found: dict[str, str] = {}
    for name in names:
        n = re.escape(name)
        match = re.search(
            rf"\b(?:my|our) (?:\w+ )?({words}),? {n}\b|\b{n}, (?:my|our) (?:\w+ )?({words})\b"
            rf"|\b{n} (?:is|was) (?:\w+ )?(?:my|our) (?:\w+ )?({words})\b"
            rf"|\b(?:my|our) (?:\w+ )?({words})\b[^.!?]*(?:[.!?]+[^.!?]*){{0,2}}?\b(?:her|his|their) name(?:'s| is| was) {n}\b",
            text, re.IGNORECASE,
        )
        if match:
            found[name] = next(g for g in match.groups() if g).lower()
    return found


def _may_be_a_name(token: Token, nxt: Token | None, lex: _Lexicon) -> bool:
    """After "my husband": "frank" may be a name, "keeps" or "left" may not; "rob" only before a verb ("rob says")."""
    word = token.lower_
    if not is_verb_form(word):
        return True
    if word.endswith(("s", "ed", "ing")) or token.lemma_.lower() != word:
        return False
    return nxt is not None and (nxt.lower_ in lex.name_verbs or _past_verb(nxt))


# Life areas that are the writer's own only when the sentence is about them.
_ABOUT_ONESELF = frozenset({"health"})
_SELF_WORDS = frozenset("i i'm im i've ive i'd i'll me my myself".split())
_THIRD_PERSONS = frozenset("she he they she's he's they're shes hes".split())


def _someone_elses(doc: Doc, start: int, lex: _Lexicon) -> bool:
    """True when the nearest person before `start` in its sentence is someone else ("my mother ... illness")."""
    for token in reversed(doc[:start]):
        if token.text in (".", "!", "?") or "\n" in token.text:
            return False
        word = token.lower_
        if word in _SELF_WORDS and word != "my":
            return False
        if word in _THIRD_PERSONS or word in lex.relation_words:
            return True
        if word == "my":
            return False
    return False


def _school_as_a_time(doc: Doc, start: int) -> bool:
    """True for "after school", "before school", "the school run", "(pick ...) up from school"."""
    before = " ".join(t.lower_ for t in doc[max(0, start - 5) : start])
    word = doc[start].lower_
    nxt = doc[start + 1].lower_ if start + 1 < len(doc) else ""
    return word == "school" and (
        before.endswith(("after", "before")) or nxt == "run"
        or (before.endswith("from") and any(w in before.split() for w in ("pick", "picking", "picked", "collect", "collecting", "fetch")))
    )


_SPEECH_VERBS = frozenset("said says say goes went asked asks told tells replied replies shouted yelled".split())
_OTHERS_POSSESSIVES = frozenset({"her", "his", "their", "its", "whose", "'s", "'", "s'"})


def _relations(doc: Doc, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """Relationship words after "my"/"our" ("my older sister" -> "sister"), or standalone ("Mum"), with their tokens."""
    found: list[tuple[int, int, str]] = []
    for match in lex.relations.find(doc):
        word = doc[match.start : match.end].text.lower()
        i = match.start - 1
        while i >= 0 and doc[i].lower_ in lex.modifiers:
            i -= 1
        owned = i >= 0 and doc[i].lower_ in lex.possessives
        someone_elses = i >= 0 and doc[i].lower_ in _OTHERS_POSSESSIVES  # "her mum", "Lou's mum"
        spoken_to = i >= 0 and doc[i].lower_ in _SPEECH_VERBS  # "he said mum i just ...": the one spoken to
        if owned or (word in lex.standalone and not someone_elses and not spoken_to):
            found.append((match.start, match.end, word))
    return found


def _named_before(doc: Doc, start: int, named_at: set[int]) -> bool:
    """True for "Pete, my brother": a name, a comma, then the relationship word."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("my", "our", "older", "younger", "little", "big", "best", "eldest", "youngest"):
        i -= 1
    return i >= 1 and doc[i].text == "," and (i - 1) in named_at


def _names(doc: Doc, lex: _Lexicon, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Capitalised first names ("Sam") with their token, told apart from days, places and other capitalised words.

    A name counts next to a relationship word ("my brother Pete"), before a verb
    ("Pete rang"), or in the middle of a sentence unless the words around make it
    a place ("up the Hill", "from Poland", "Hill Street"). At a sentence start
    only a known name or one followed by a verb counts.
    """
    letters = [c for c in doc.text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > len(letters) * 0.6:
        return []  # shouting or title case: capitals say nothing
    found: list[tuple[int, str]] = []
    if not any(c.isupper() for t in doc if t.text != "I" for c in t.text):
        return _lowercase_names(doc, lex, known)
    for token in doc:
        if not _looks_like_name(token, lex):
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if _called_by_name(token):
            continue  # "'i couldnt bear it Siobhan'": someone speaking to the writer, not about a person
        if token.text in known:
            found.append((token.i, token.text))
            continue
        beside_relation = prev is not None and prev.lower_ in lex.relation_words
        if beside_relation:
            found.append((token.i, token.text))
            continue
        if nxt is not None and (nxt.lower_ in lex.place_nouns or _capitalised(nxt)):
            continue  # "Hill Street", "Primrose Hill", "New York"
        if _at_sentence_start(token):
            after = doc[token.i + 2 : token.i + 4]
            appositive = nxt is not None and nxt.text == "," and len(after) == 2 and after[0].lower_ in lex.possessives \
                and after[1].lower_ in lex.relation_words  # "Pete, my brother, ..."
            unusual = not is_dictionary_word(token.lower_)  # "Pete", "Karim"; not "Coffee", "Dinner"
            if nxt is None or not (
                appositive or nxt.lower_ in lex.name_verbs or (unusual and (_past_verb(nxt) or nxt.lower_ in ("and", "'s")))
            ):
                continue
        elif prev is not None and (prev.lower_ in ("a", "an", "this", "that") or _capitalised(prev)):
            continue
        elif prev is not None and prev.lower_ in lex.place_words:
            before = doc[token.i - 2] if token.i > 1 else None
            if not (prev.lower_ == "to" and before is not None and before.lower_ in lex.social_verbs):
                continue
        found.append((token.i, token.text))
    return found


_OTHERS_OWN = frozenset("your his her their its".split())  # "your job": the job of the one spoken about
_ORDINALS = frozenset("first second third last previous".split())
_DETERMINERS = frozenset("the a an this that these those my your his her our their its some any every no each".split())


def _lowercase_names(doc: Doc, lex: _Lexicon, known: frozenset[str]) -> list[tuple[int, str]]:
    """Names in a message written all in lower case ("lou came and found me"), said back capitalised ("Lou").

    A word counts when it was a name before ("Jake" in an earlier entry), or when
    it is no dictionary word and stands before a verb or "and", or after "with",
    "told" and the like; contractions without apostrophes, chat words and a word
    after "the", "my" and the like ("the resit is next week") never do.
    """
    found: list[tuple[int, str]] = []
    for token in doc:
        word = token.lower_
        name = word.capitalize()
        if not token.is_alpha or len(word) < 3 or word in STOP_WORDS or word in lex.not_names \
                or word in lex.lowercase_not_names or word in _feeling_words() or is_chat_shorthand(word):
            continue
        if name in known:
            found.append((token.i, name))
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        owner = doc[token.i - 2] if token.i > 1 else None
        if (prev is not None and prev.lower_ in lex.relation_words and owner is not None and owner.lower_ in lex.possessives
                and _may_be_a_name(token, nxt, lex)):
            found.append((token.i, name))  # "my husband frank", "my son daniel": a name, even when also a word
            continue
        if (prev is not None and prev.lower_ in ("and", "with") and nxt is not None
                and (nxt.lower_ in lex.name_verbs or _past_verb(nxt)) and not is_verb_form(word)):
            found.append((token.i, name))  # "me and sam broke up": a name beside the writer
            continue
        if is_dictionary_word(word) or is_verb_form(word) or token.lemma_.lower() != word:
            continue  # "came", "said": words, not names
        if word.endswith("in") and is_verb_form(word + "g"):
            continue  # "gettin", "puttin": a verb with its g dropped
        if prev is not None and prev.lower_ in _DETERMINERS:
            continue  # "the resit is next week": a thing, whatever the word
        before_verb = nxt is not None and (nxt.lower_ in lex.name_verbs or _past_verb(nxt) or nxt.lower_ in ("and", "'s", "is", "was"))
        after_cue = prev is not None and prev.lower_ in lex.name_before
        if before_verb or after_cue:
            found.append((token.i, name))
    return found


_CLOSING_QUOTES = frozenset("'\"\u2019\u201d")


def _called_by_name(token: Token) -> bool:
    """A name that ends someone's quoted words ("... bear it Siobhan'"): the one spoken to, often the writer."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    after = token.doc[token.i + 2] if token.i + 2 < len(token.doc) else None
    if nxt is not None and nxt.text in _CLOSING_QUOTES:
        return True
    return nxt is not None and nxt.is_punct and after is not None and after.text in _CLOSING_QUOTES


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.lower_ not in ("i",)


def _past_verb(token: Token) -> bool:
    """ "rang", "texted", "broke": a verb form in the past (or a present "-s" form) right after a name."""
    word = token.lower_
    return token.is_alpha and is_verb_form(word) and (word.endswith(("ed", "s")) or word != token.lemma_.lower())


def _looks_like_name(token: Token, lex: _Lexicon) -> bool:
    text = token.text
    if len(text) < 2 or not token.is_alpha or not text[0].isupper() or not text[1:].islower():
        return False
    lower = token.lower_
    singular = lower[:-1] if lower.endswith("s") else lower  # "Saturdays", "Christmases"
    return (
        lower not in lex.not_names and singular not in lex.not_names and lower not in STOP_WORDS
        and lower not in _feeling_words()
    )


def _at_sentence_start(token: Token) -> bool:
    i = token.i - 1
    doc = token.doc
    while i >= 0 and (doc[i].is_quote or doc[i].is_bracket or doc[i].is_space):
        i -= 1
    if i < 0:
        return True
    prev = doc[i]
    return prev.text in (".", "!", "?", "...", ":", "\n") or prev.is_digit or "\n" in prev.text or prev.text in ("-", "*", "\u2022") or prev.text.endswith((".", "!", "?"))


@lru_cache(maxsize=1)
def _feeling_words() -> frozenset[str]:
    from bot.nlp.feelings import LEXICON_FILE

    data = datafiles.load(LEXICON_FILE)
    return frozenset(w for words in data["families"].values() for w in words)


@lru_cache(maxsize=1)
def _life_themes() -> tuple[Rules, dict[str, str]]:
    data = datafiles.load(DATA_FILE)["themes"]
    return Rules({name: words for name, words in data["words"].items()}), dict(data["feelings"])


def themes_of(text: str | Doc, losses: Iterable[Any] = ()) -> list[str]:
    """Life themes of a message: grief, loss, anger, shame, loneliness (and hurt), in that order of finding.

    `losses`: what `bot.explore.loss.losses_in` found in it (each has a `.theme`).
    """
    rules, by_feeling = _life_themes()
    doc = text if isinstance(text, Doc) else shared_doc(text)
    found = [loss.theme for loss in losses]
    found += [m.label for m in rules.find(doc)]
    found += [by_feeling[s.feeling.canonical] for s in feeling_spans(doc)
              if not s.feeling.negated and s.feeling.canonical in by_feeling]
    return list(dict.fromkeys(found))


def relation_word(word: str) -> bool:
    """True for a word naming someone by relation ("mother", "sister", "boss")."""
    return word.lower() in _lexicon().relation_words
