"""The one pattern compiler: spaCy's own pattern format, plus three expansions.

A pattern file lists entries whose `pattern` is either a phrase (a string,
for spaCy's `PhraseMatcher`) or a spaCy `Matcher` token pattern (a list of
token dicts: `LOWER`, `LEMMA`, `IN`, `NOT_IN`, `OP`, `IS_PUNCT`, `LIKE_NUM`,
`_`...). On top of that format, and nothing else:

- `$NAME` inside an `IN` or `NOT_IN` list stands for the words of the file's
  word list NAME (`{LEMMA: {IN: [$PILL, tablet]}}`);
- a token `{ONE_OF: [[...], [...], []]}` is a choice of token sequences (`[]`:
  the choice may be left out); a pattern with choices stands for every
  combination, expanded here into plain patterns;
- with `inflect=True`, a phrase also stands for the regular English
  inflections of its first word ("worry about" -> "worries about", "worried
  about", "worrying about"): a word-list expansion for tables that name a
  verb once (explore's life areas).

Every expanded pattern is checked by spaCy (`Matcher(validate=True)`), so a
misspelt attribute fails when the file is loaded. The custom token attribute
`_.number` (the value of a whole number written in digits, -1 otherwise) lets
a pattern ask for a number in a range: `{_: {number: {">=": 10, "<=": 999}}}`.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Sequence, Union

from spacy.matcher import Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

ONE_OF = "ONE_OF"

Pattern = list[dict[str, Any]]
Entry = Union[str, Pattern]  # a phrase or a token pattern, as written in a file

_VALID: set[str] = set()  # token dicts spaCy has accepted (as sorted JSON)


def _number(token: Token) -> int:
    """The value of a whole number written in digits ("15"), -1 for anything else ("015", "ten")."""
    text = token.text
    return int(text) if text.isdigit() and text.isascii() and str(int(text)) == text else -1


if not Token.has_extension("number"):
    Token.set_extension("number", getter=_number)


def expand(pattern: Pattern, words: Mapping[str, Sequence[str]]) -> list[Pattern]:
    """The plain spaCy patterns one written token pattern stands for."""
    options: list[Pattern] = [[]]
    for token in pattern:
        choices = _choices(token, words)
        options = [head + tail for head in options for tail in choices]
    return [option for option in options if option]


def compile_entries(
    entries: Iterable[Entry], words: Mapping[str, Sequence[str]], vocab: Vocab, where: str, inflect: bool = False
) -> tuple[list[str], list[Pattern]]:
    """(phrases, token patterns) of a list of entries, the patterns expanded and validated.

    `where` names the entries in error messages ("crisis.yml groups[3]");
    with `inflect`, each phrase comes with the inflections of its first word.
    """
    phrases: list[str] = []
    patterns: list[Pattern] = []
    for number, entry in enumerate(entries):
        if isinstance(entry, str):
            phrases += sorted(inflected(entry)) if inflect else [entry]
            continue
        try:
            expanded = expand(entry, words)
            if not expanded:
                raise ValueError("the pattern matches nothing")
            validate(expanded, vocab)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{where} pattern {number} {entry!r}: {error}") from error
        patterns += expanded
    return phrases, patterns


def inflections(word: str) -> set[str]:
    """Regular English inflections of one word (worry -> worries, worried, worrying).

    Over-generating is harmless: a non-word never appears in a message.
    """
    forms = {word}
    if not word.isalpha():
        return forms
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def inflected(phrase: str) -> set[str]:
    """`phrase` with its first word in each of its inflections."""
    first, _, rest = phrase.partition(" ")
    return {f"{form} {rest}".strip() for form in inflections(first)}


def validate(patterns: list[Pattern], vocab: Vocab) -> None:
    """Raise ValueError when spaCy does not accept one of `patterns`.

    spaCy's schema checks token by token; expanded patterns share most of
    their tokens, so each distinct token is checked once per process.
    """
    fresh: dict[str, dict[str, Any]] = {}
    for pattern in patterns:
        for token in pattern:
            key = json.dumps(token, sort_keys=True)
            if key not in _VALID and key not in fresh:
                fresh[key] = token
    if fresh:
        Matcher(vocab, validate=True).add("check", [[token] for token in fresh.values()])
        _VALID.update(fresh)


def merge(choices: list[Pattern]) -> list[Pattern]:
    """Fold one-word choices into a single `IN` token per attribute, so patterns do not multiply."""
    merged: dict[str, set[str]] = {}
    rest: list[Pattern] = []
    for choice in choices:
        if len(choice) == 1 and len(choice[0]) == 1:
            (attr, value), = choice[0].items()
            if attr in ("LEMMA", "LOWER") and isinstance(value, str):
                value = {"IN": [value]}
            if attr in ("LEMMA", "LOWER") and isinstance(value, dict) and set(value) == {"IN"}:
                merged.setdefault(attr, set()).update(value["IN"])
                continue
        if choice not in rest:
            rest.append(choice)
    return [[{attr: {"IN": sorted(values)}}] for attr, values in merged.items()] + rest


def _choices(token: dict[str, Any], words: Mapping[str, Sequence[str]]) -> list[Pattern]:
    """The token sequences one written token may stand for."""
    if ONE_OF not in token:
        return [[_with_words(token, words)]]
    if set(token) != {ONE_OF}:
        raise ValueError(f"{ONE_OF} stands alone in its token: {token!r}")
    alternatives: list[Pattern] = []
    for sequence in token[ONE_OF]:
        alternatives += expand(sequence, words) if sequence else [[]]
    return merge(alternatives)


def _with_words(value: Any, words: Mapping[str, Sequence[str]]) -> Any:
    """`value` (a token dict or part of one) with every `$NAME` in an IN/NOT_IN list replaced by its words."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("IN", "NOT_IN") and isinstance(item, list):
                out[key] = _listed(item, words)
            else:
                out[key] = _with_words(item, words)
        return out
    return value


def _listed(items: list[Any], words: Mapping[str, Sequence[str]]) -> list[Any]:
    """An IN/NOT_IN list with its `$NAME` references expanded, each value once, sorted."""
    values: set[Any] = set()
    for item in items:
        if isinstance(item, str) and item.startswith("$"):
            if item[1:] not in words:
                raise KeyError(f"unknown word list {item}")
            values.update(str(word) for word in words[item[1:]])
        else:
            values.add(item)
    return sorted(values, key=str)
