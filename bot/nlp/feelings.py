"""Feeling words in a message: which feeling, how strong, and whether negated.

Reflective listening names the person's own feeling back to them, so this
module must not turn "not happy" into "happy", nor "she was angry" into the
writer's anger, nor read someone's quoted words as the writer's feeling. The
words live in `patterns/feelings.yml`; the rules here only decide intensity,
negation, tense and whose feeling it is, from nearby tokens (the shared
pipeline has no parser). A misspelt feeling word is mended (`mended`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from bot import datafiles
from bot.datafiles import Schema
from bot.nlp import text as _text
from bot.nlp.matching import Entry
from bot.nlp.phrasebook import Match, Rules
from bot.nlp.wellformed import is_dictionary_word, is_noun, is_verb_form

LEXICON_FILE = datafiles.data_path(__file__, "patterns/feelings.yml")
_WINDOW = 6  # tokens looked back for negation, cue and owner
_ADVERBS = {"always", "still", "just", "also", "often", "sometimes", "usually", "constantly", "been", "actually"}
_PAST = {"felt", "was", "were", "got", "became", "had"}


@dataclass(frozen=True)
class Feeling:
    """One feeling the person names: the word as written, its family, grading and negation."""

    word: str
    canonical: str
    intensity: str | None = None
    negated: bool = False

    @property
    def adjective(self) -> str:
        """How to say it after "you feel" ("anxiety" -> "anxious", an emoji -> its family)."""
        return _lexicon().say_as.get(self.word, self.word if self.word.isascii() else self.canonical)

    @property
    def phrase(self) -> str:
        """Intensity and adjective: "really anxious", or "anxious"."""
        return f"{self.intensity} {self.adjective}" if self.intensity else self.adjective


@dataclass(frozen=True)
class FeelingSpan:
    """A feeling with where it sits (token and character offsets) and its tense."""

    feeling: Feeling
    start: int
    end: int
    start_char: int
    end_char: int
    past: bool


@dataclass(frozen=True)
class _Lexicon:
    rules: Rules
    needs_cue: frozenset[str]
    not_followed_by: dict[str, frozenset[str]]
    feel_verbs: frozenset[str]
    be_forms: frozenset[str]
    first_person: frozenset[str]
    say_as: dict[str, str]
    intensity: frozenset[tuple[str, ...]]
    negation: frozenset[str]
    clause_breaks: frozenset[str]
    self_words: frozenset[str]
    other_words: frozenset[str]
    single_words: dict[str, str]  # one-word feeling -> its family, for mending misspellings


class FeelingTable(Schema):
    """The keys of `patterns/feelings.yml` (documented in its header)."""

    families: dict[str, list[Entry]]
    needs_cue: list[str]
    not_followed_by: dict[str, list[str]]
    feel_verbs: list[str]
    be_forms: list[str]
    first_person: list[str]
    say_as: dict[str, str]
    emoji: dict[str, str] = {}
    intensity: list[str]
    negation: list[str]
    clause_breaks: list[str]
    self_words: list[str]
    other_words: list[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = datafiles.load(LEXICON_FILE, FeelingTable)
    table: dict[str, list[Any]] = {family: list(words) for family, words in data.families.items()}
    say_as = dict(data.say_as)
    for emoji, family in data.emoji.items():
        table.setdefault(family, []).append(emoji)
        say_as[emoji] = family
    return _Lexicon(
        rules=Rules(table),
        needs_cue=frozenset(data.needs_cue),
        not_followed_by={k: frozenset(v) for k, v in data.not_followed_by.items()},
        feel_verbs=frozenset(data.feel_verbs),
        be_forms=frozenset(data.be_forms),
        first_person=frozenset(data.first_person),
        say_as=say_as,
        intensity=frozenset(tuple(p.split()) for p in data.intensity),
        negation=frozenset(data.negation),
        clause_breaks=frozenset(data.clause_breaks),
        self_words=frozenset(data.self_words),
        other_words=frozenset(data.other_words),
        single_words={
            str(word).lower(): family
            for family, words in data.families.items()
            for word in words
            if isinstance(word, str) and word.isalpha() and word.isascii()
        },
    )


@lru_cache(maxsize=4096)
def mended(word: str) -> str | None:
    """The feeling word a misspelt word stands for ("embarassed" -> "embarrassed", "anxous" -> "anxious"), or None.

    Only words of five letters or more that are not English words are mended,
    within one edit (two from eight letters), and only when one feeling is that
    close: "frustated" is "frustrated", "lonley" is "lonely", "board" stays "board".
    """
    word = word.lower()
    if len(word) < 5 or not word.isalpha() or not word.isascii():
        return None
    words = _lexicon().single_words
    if word in words or word in STOP_WORDS or is_dictionary_word(word) or is_verb_form(word):
        return None  # "shall" is not a misspelt "small"
    return _text.nearest_spelling(word, words)


def feelings_in(text: str | Doc) -> list[Feeling]:
    """The writer's own feelings in `text`, in order (negated ones marked, others' left out)."""
    return [span.feeling for span in feeling_spans(text)]


def feeling_spans(text: str | Doc) -> list[FeelingSpan]:
    """Like `feelings_in`, with offsets and tense, for composing reflections."""
    lex = _lexicon()
    doc = text if isinstance(text, Doc) else _text.doc(text)
    found: list[FeelingSpan] = []
    quoted = _text.quoted_spans(doc.text)
    for match in _with_misspellings(lex.rules.find(doc), doc):
        if any(start <= doc[match.start].idx < end for start, end in quoted):
            continue  # someone else's exact words ("she'd say 'don't be worrying about me'")
        word = doc[match.start : match.end].text.lower()
        word = mended(word) or word
        following = doc[match.end].lower_ if match.end < len(doc) else ""
        if following in lex.not_followed_by.get(word, ()):
            continue
        intensity, before = _intensity(doc, match.start, lex)
        if word in lex.needs_cue and not _has_cue(doc, before, lex):
            continue
        if word in lex.needs_cue and _describes_noun(doc, match.end):
            continue  # "I was good worker", "she is good woman": a quality, not a feeling
        if _our_word_questioned(doc, match.start, match.end):
            continue  # "loneliness?? no": the word we offered, questioned
        if not _is_own(doc, before, lex):
            continue
        negated = _negated(doc, before, intensity, lex)
        feeling = Feeling(word=word, canonical=match.label, intensity=intensity, negated=negated)
        found.append(
            FeelingSpan(
                feeling=feeling,
                start=match.start,
                end=match.end,
                start_char=doc[match.start].idx,
                end_char=doc[match.end - 1].idx + len(doc[match.end - 1].text),
                past=_is_past(doc, before, lex),
            )
        )
    negated = {span.feeling.canonical for span in found if span.feeling.negated}
    if negated:
        # "where is happiness. I am not happy": a bare mention of a feeling they deny elsewhere is not theirs
        found = [span for span in found if span.feeling.negated or span.feeling.canonical not in negated
                 or _has_cue(doc, _intensity(doc, span.start, lex)[1], lex)]
    return found


# Nouns after a feeling word that say when, not what ("I feel good today").
_WHEN = frozenset("today tonight tomorrow yesterday now lately recently anymore again mostly overall honestly "
                  "though tho rn inside sometimes morning mornings evening evenings night nights".split())


def _describes_noun(doc: Doc, end: int) -> bool:
    """True when the word before `end` qualifies the noun after it ("good worker"), rather than a feeling."""
    if end >= len(doc):
        return False
    following = doc[end]
    word = following.lower_
    if not following.is_alpha or word in _WHEN or word in STOP_WORDS or word in _lexicon().single_words:
        return False
    return is_noun(word) and not is_verb_form(word)


def _our_word_questioned(doc: Doc, start: int, end: int) -> bool:
    """True for a feeling word said alone as a question ("embarrassed?", "loneliness??"): the word we offered."""
    if end >= len(doc) or doc[end].text[:1] != "?":
        return False
    i = start - 1
    while i >= 0 and doc[i].is_alpha and doc[i].lower_ in ("a", "some", "bit", "the", "feeling", "feel", "like"):
        i -= 1
    return i < 0 or doc[i].is_punct or doc[i].text == "\n"


def _with_misspellings(matches: list[Match], doc: Doc) -> list[Match]:
    """`matches` plus misspelt feeling words outside them ("so anxous"), in text order."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    extra = []
    for token in doc:
        if token.i in taken or not token.is_alpha or _a_name(token):
            continue
        word = mended(token.text)
        if word:
            extra.append(Match(_lexicon().single_words[word], token.i, token.i + 1))
    return sorted(matches + extra, key=lambda m: m.start) if extra else matches


def _intensity(doc: Doc, start: int, lex: _Lexicon) -> tuple[str | None, int]:
    """Grading words right before `start` (up to two stacked) and where they begin."""
    words: list[str] = []
    i = start
    for _ in range(2):
        for length in (3, 2, 1):
            if i - length < 0:
                continue
            key = tuple(t.lower_ for t in doc[i - length : i])
            if key in lex.intensity:
                words[:0] = [doc[i - length : i].text.lower()]
                i -= length
                break
        else:
            break
    return (" ".join(words) or None), i


def _back(doc: Doc, before: int, lex: _Lexicon) -> list[Token]:
    """Tokens before `before` within the clause, nearest first."""
    tokens: list[Token] = []
    for i in range(before - 1, max(before - _WINDOW, 0) - 1, -1):
        token = doc[i]
        if token.is_punct or token.lower_ in lex.clause_breaks or token.text == "\n":
            break
        tokens.append(token)
    return tokens


def _has_cue(doc: Doc, before: int, lex: _Lexicon) -> bool:
    """True after "feel", or after a first-person "I'm / I was / I've been / I get"."""
    back = [t for t in _back(doc, before, lex) if t.lower_ not in (_ADVERBS - {"been"}) | lex.negation]
    if not back:
        return False
    if back[0].lower_ in lex.feel_verbs:
        return True
    if back[0].lower_ not in lex.be_forms:
        return False
    rest = back[1:]
    if back[0].lower_ == "been" and rest and rest[0].lower_ in {"'ve", "have", "ve", "'d", "had"}:
        rest = rest[1:]
    return bool(rest) and rest[0].lower_ in lex.first_person


def _is_own(doc: Doc, before: int, lex: _Lexicon) -> bool:
    """False when the nearest person word in the clause is someone else ("she was angry")."""
    for distance, token in enumerate(_back(doc, before, lex)):
        word = token.lower_
        if word in ("my", "our"):
            return distance == 0
        if word in lex.self_words:
            return True
        if word in lex.other_words or _a_name(token):
            return False
    return True


def _a_name(token: Token) -> bool:
    """A capitalised word that is someone's name ("Jo", "Pete"): inside a sentence, or first and no dictionary word."""
    if not (token.is_alpha and token.text[:1].isupper() and token.text[1:].islower()):
        return False
    first = token.i == 0 or token.doc[token.i - 1].is_punct or token.doc[token.i - 1].text == "\n"
    return not first or not is_dictionary_word(token.text)


def _negated(doc: Doc, before: int, intensity: str | None, lex: _Lexicon) -> bool:
    """True when a negation precedes the feeling in its clause ("not happy", "don't feel sad")."""
    for token in _back(doc, before, lex)[:4]:
        if token.lower_ == "no" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _ANSWER_NO_NEXT:
            continue  # "no its stress": "no" answers us, the feeling after it is said
        if token.lower_ in lex.negation:
            # "never felt so alone" is emphasis, not negation.
            return not (token.lower_ == "never" and intensity in ("so", "this", "more"))
    return False


# After an interjected "no" ("no, it's stress", "no its more anger"): "no" answers, it negates nothing.
_ANSWER_NO_NEXT = frozenset("it its it's i im i'm that thats that's this just mostly more really".split())


def _is_past(doc: Doc, before: int, lex: _Lexicon) -> bool:
    """True when the nearest verb before the feeling is past ("I was", "I felt")."""
    for token in _back(doc, before, lex):
        word = token.lower_
        if word in _PAST:
            return True
        if word in lex.feel_verbs or word in lex.be_forms or word in {"is", "are", "'re"}:
            return False
    return False
