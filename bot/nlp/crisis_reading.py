"""How the crisis detector reads a message: the shared tokens, tidied, key words repaired.

The detector reads the message's shared `Doc` (`bot.nlp.text.doc`), not its
string: `view` takes the lower-case tokens (`text.lowered`), tidies each one
(NFKC, no zero-width characters), applies the table's `rewrites` and joins
hyphenated words ("self-harm" -> "self harm") by re-splitting only the tokens a
rewrite covers, and gives misspelt key words the lemma they stand for: from the
table's `spelling` list, else by edit distance to its `fuzzy` words ("suicde"
-> "suicide"). `plain` is the tidied text before the rewrites, which the
composed rules read. The words of the table's conditions are read the same
way as a message, so they compare with the message's lemmas.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from spacy.tokens import Doc

from bot.nlp import text as _text
from bot.nlp.pipeline import lemmatise, nlp

# spaCy refuses texts over `nlp.max_length` (1,000,000 characters); longer
# texts are read in overlapping chunks so no cue is cut in two.
CHUNK_CHARS = 100_000
CHUNK_OVERLAP = 400
END = "<end>"  # in a condition: the clause ends here
NUMBER = "<num>"  # in a condition: any number

_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_INTRAWORD_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011\u2012\u2013](?=[^\W\d_])")

Piece = tuple[str, bool]  # a token's text and whether a space follows it


class Reader:
    """Normalises, parses and repairs text the one way the detector reads it."""

    def __init__(
        self,
        rewrites: Sequence[tuple[str, str]],
        spelling: Mapping[str, Sequence[str]],
        fuzzy: Sequence[str],
    ) -> None:
        self.rewrites = [(_INTRAWORD_HYPHEN, " ")] + [(re.compile(find), replace) for find, replace in rewrites]
        self.spelling: dict[str, str] = {
            str(variant).lower(): str(canonical) for canonical, variants in spelling.items() for variant in variants
        }
        self.fuzzy_terms = list(fuzzy)
        self._known = _known_words()
        self._repairs: dict[str, str | None] = {}  # word -> repaired lemma (or None), a cache

    def normalise(self, text: str) -> str:
        """Lower case and tidy `text` so one pattern covers its spelling variants."""
        text = _SURROGATES.sub(" ", text)
        text = _text.normalise(unicodedata.normalize("NFKC", text))
        text = _ZERO_WIDTH.sub("", text).lower()
        for pattern, replacement in self.rewrites:
            text = pattern.sub(replacement, text)
        return text

    def view(self, shared: Doc) -> Doc:
        """The detector's reading of a message's shared `Doc`: tidied, rewritten, lemmatised, repaired."""
        pieces = plain(shared)
        text = _joined(pieces)
        for pattern, replacement in self.rewrites:
            if pattern.search(text):
                pieces = _rewritten(pieces, pattern, replacement)
                text = _joined(pieces)
        words = [word for word, _ in pieces]
        return self._repaired(lemmatise(Doc(nlp().vocab, words=words, spaces=[space for _, space in pieces])))

    def doc(self, text: str) -> Doc:
        """Parse normalised text (a pattern's words) and repair misspelt key words in the lemmas."""
        return self._repaired(nlp()(text))

    def _repaired(self, doc: Doc) -> Doc:
        repairs = self._repairs
        for token in doc:
            word = token.lower_
            if word not in repairs:
                if len(repairs) > 50_000:
                    repairs.clear()
                repairs[word] = self.spelling.get(word) or self._fuzzy(word)
            canonical = repairs[word]
            if canonical:
                token.lemma_ = canonical
        return doc

    def _fuzzy(self, word: str) -> str | None:
        """The key word an unknown word is one or two typos away from, if any."""
        if len(word) < 5 or not word.isalpha() or word in self._known:
            return None
        best: tuple[int, str] | None = None
        for term in self.fuzzy_terms:
            if term[0] != word[0] or abs(len(term) - len(word)) > 2:
                continue
            limit = 1 if len(term) < 7 else 2
            distance = _text.edit_distance(word, term, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, term)
        return best[1] if best else None

    def lemmas(self, word: str) -> list[str]:
        """The lemmas one written word becomes ("won't" -> ["wo", "not"])."""
        return [t.lemma_ for t in self.doc(self.normalise(str(word)))] or [str(word)]

    def lemma(self, word: str) -> str:
        """The canonical lemma of one single-token word, read the way message words are."""
        lemmas = self.lemmas(word)
        return lemmas[0] if len(lemmas) == 1 else str(word).lower()

    def words(self, snippet: str) -> list[str]:
        """A short phrase of a condition as a list of lemmas (`<end>`, `<num>`, "=exact" kept as written)."""
        out: list[str] = []
        for word in str(snippet).split():
            if word in (END, NUMBER) or word.startswith("="):
                out.append(word.lstrip("=") or word)
            else:
                out.extend(self.lemmas(word))
        return out

    def word_set(self, words: Iterable[str]) -> frozenset[str]:
        """Lemmas of single words; "=word" keeps that exact form ("=wills" is not "will")."""
        return frozenset(str(w)[1:] if str(w).startswith("=") else self.lemma(w) for w in words)


def plain(shared: Doc) -> list[Piece]:
    """A message's shared tokens in lower case and tidied, before any rewrite."""
    pieces: list[Piece] = []
    for token in shared:
        word = _tidy(_text.lower(token.text))
        if word:
            pieces.append((word, bool(token.whitespace_)))
        elif pieces and token.whitespace_:
            pieces[-1] = (pieces[-1][0], True)
    return pieces


def plain_text(shared: Doc) -> str:
    """`plain(shared)` as one text, spaces as written."""
    return _joined(plain(shared))


def _joined(pieces: list[Piece]) -> str:
    return "".join(word + " " if space else word for word, space in pieces)


def _tidy(word: str) -> str:
    """One lower-case token's text without zero-width characters or lone surrogates, in NFKC form."""
    if word.isascii():
        return word
    word = _ZERO_WIDTH.sub("", _SURROGATES.sub("", word))
    return unicodedata.normalize("NFKC", word).lower()


def _rewritten(pieces: list[Piece], pattern: re.Pattern[str], replacement: str) -> list[Piece]:
    """`pieces` with `pattern` replaced in their text; only the pieces a match
    touches are split again, at the spaces of the replaced text."""
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for word, space in pieces:
        starts.append(position)
        ends.append(position + len(word))
        position += len(word) + space
    text = _joined(pieces)
    # Each region: the pieces [a, b) that one or more overlapping matches touch.
    regions: list[tuple[int, int, list[re.Match[str]]]] = []
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        a = bisect_right(ends, match.start())
        b = max(bisect_left(starts, match.end()), min(a + 1, len(pieces)))
        if regions and a < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(b, regions[-1][1]), regions[-1][2] + [match])
        else:
            regions.append((a, b, [match]))
    if not regions:
        return pieces
    out: list[Piece] = []
    done = 0
    for a, b, matches in regions:
        out += pieces[done:a]
        cursor = min(starts[a], matches[0].start()) if a < len(pieces) else matches[0].start()
        parts: list[str] = []
        for match in matches:
            parts += [text[cursor : match.start()], match.expand(replacement)]
            cursor = match.end()
        parts.append(text[cursor : max(cursor, ends[b - 1] if b else cursor)])
        words = "".join(parts).split()
        space = pieces[b - 1][1] if b else False
        if words:
            out += [(word, True) for word in words[:-1]] + [(words[-1], space)]
        elif out:
            out[-1] = (out[-1][0], out[-1][1] or space)
        done = b
    return out + pieces[done:]


def chunks(text: str) -> Iterable[str]:
    """`text` in pieces spaCy accepts, overlapping so no phrase is split."""
    if len(text) <= CHUNK_CHARS:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut if cut > 0 else end
        yield text[start:end]
        if end >= len(text):
            return
        start = max(end - CHUNK_OVERLAP, start + 1)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """English words of the lemma table: these are never treated as typos."""
    try:
        table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    except Exception:  # noqa: BLE001 - without the table, fuzzy repair is merely bolder
        return frozenset()
    return frozenset(str(v) for v in table.values())
