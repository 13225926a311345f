"""One normaliser and one tokenisation for every reader of a message.

`normalise` straightens apostrophes and keeps the length of the text, so
character offsets found in the normalised text hold in the original. `doc`
parses a message once per process with the shared pipeline and hands the same
`Doc` to every reader that asks (feelings, themes, reflections, the crisis and
thinking-trap detectors); readers must not change its tokens. Detectors that
compare lower-case words take `lowered(doc)`: a copy of the same tokens in
lower case with their lemmas, made without tokenising the text again.
`words` is the plain lower-cased word list for callers that need no spaCy.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Doc

from bot.nlp.pipeline import lemmatise, parse

# Curly quotes, the modifier letter apostrophe, the prime and the backtick all
# stand for the apostrophe of "don't" in what people type.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Someone's exact words in quotes: "...", curly quotes, or single quotes that
# open before a word and close after one ("she said 'dont worry about me'").
QUOTED = re.compile(
    r'"[^"\n]*"'
    r"|\u201c[^\u201d\n]*\u201d"
    r"|(?<![\w])['\u2018](?=\w)[^\n]*?(?<=[^\s'\u2018])['\u2019](?![\w])"
)


def normalise(text: str) -> str:
    """`text` with its apostrophes straightened; same length, so offsets still hold."""
    return text.translate(_APOSTROPHES)


def lower(text: str) -> str:
    """`text` lower-cased character by character, so offsets still hold ("İ" stays "İ")."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def doc(text: str) -> Doc:
    """The shared pipeline's `Doc` of `normalise(text)`, made once per text (read-only)."""
    return parse(normalise(text))


def doc_of(text: str | Doc) -> Doc:
    """`text`'s shared `Doc`; a `Doc` passed in is the one already made for the message."""
    return text if isinstance(text, Doc) else doc(text)


def lowered(parsed: Doc) -> Doc:
    """A copy of the tokens of `parsed` in lower case, with the lemmas of the
    lower-case words (same tokens, same character offsets; the caller's own copy)."""
    copy = Doc(parsed.vocab, words=[lower(t.text) for t in parsed], spaces=[bool(t.whitespace_) for t in parsed])
    for token, original in zip(copy, parsed):
        token.norm_ = original.norm_  # "ca" of "can't" keeps the norm "can"
    return lemmatise(copy)


def words(text: str) -> list[str]:
    """The lower-cased words of `text` ("Don't go" -> ["don't", "go"]); numbers and punctuation left out."""
    return _WORD.findall(normalise(text).lower())


def any_of(phrases: Iterable[str]) -> re.Pattern[str]:
    """An expression that finds any of `phrases` as whole words, any case, the longest first."""
    alternatives = sorted({str(p).lower() for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b", re.IGNORECASE)


def edit_distance(a: str, b: str, limit: int = 1_000) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1: "anxiuos"), stopping past `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def nearest_spelling(word: str, words: Iterable[str]) -> str | None:
    """The one word of `words` that `word` is a slip of: same first letter, within one edit
    (two from eight letters); None when there is none or more than one is as near."""
    limit = 1 if len(word) < 8 else 2
    near = [(edit_distance(word, w, limit), w) for w in words if abs(len(w) - len(word)) <= limit and w[:1] == word[:1]]
    near = [(d, w) for d, w in near if d <= limit]
    if not near:
        return None
    best = min(d for d, _ in near)
    closest = {w for d, w in near if d == best}
    return closest.pop() if len(closest) == 1 else None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where someone's exact words stand in quotes: [(start, end)]."""
    return [m.span() for m in QUOTED.finditer(text)]
