"""Reflective listening: turn pronouns, pick a key clause, compose a reflection.

The exploratory mode answers mostly by mirroring: it names the person's feeling
or paraphrases what they said, in their own words with "I" turned into "you",
and never repeats itself within a session. It gives no advice and no verdicts.
A paraphrase may be trimmed ("I guess", "just", a trailing "too" or "again") or
lightly rephrased ("this deadline is killing me" -> "that deadline is weighing
on you"), but never says the whole message back word for word; every reply to
a message with something in it reuses at least one of its words, and a generic
line is the very last resort.

This module knows nothing about open questions or themes across entries (those
live in `bot.explore`, which imports this one); `reflect` takes the message's
themes and a question chooser as arguments. Templates and word lists are in
`patterns/reflection.yml`.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Protocol, Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from bot.nlp.feelings import FeelingSpan, feeling_spans
from bot.nlp.phrasebook import data_file, load_data, normalise, parse_normalised
from bot.nlp.wellformed import has_clause, is_dictionary_word, is_noun, is_verb_form, is_well_formed

_PROPER = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december christmas easter mum dad".split()
)

DATA_FILE = data_file(__file__, "patterns/reflection.yml")
WINDOW_CHARS = 2000  # long entries: only the last part is read for a reflection
MAX_CLAUSE_WORDS = 12
HISTORY_LIMIT = 500  # remembered replies per session (hashes)
PERSON_TURNS = 6  # how many turns "she"/"him" may still point back to the last person mentioned

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_QUOTED = re.compile(
    r'"[^"\n]*"'
    r"|\u201c[^\u201d\n]*\u201d"
    r"|(?<![\w])['\u2018](?=\w)[^\n]*?(?<=[^\s'\u2018])['\u2019](?![\w])"
)
_SENTENCE = re.compile(r"[^.!?\u2026\n]+[.!?\u2026]*")
_LIST_MARKER = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}[.)]|[-*\u2022])\s+")
_SENTENCE_BREAK = re.compile(r"[.!?\u2026\n]")


# ---------------------------------------------------------------------------
# History


@dataclass
class ReflectionHistory:
    """What this session has already said: reply hashes, question ids, template ids.

    It also keeps the last person the writer mentioned ("sister", "Sam") and the
    turn they were last referred to, so that "she", "him" or "them" in a later
    message can be followed as the same person. Stored in a Rasa slot, so it
    round-trips through plain JSON-able data (`to_dict` / `from_dict`).
    """

    replies: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    turn: int = 0
    last_question_turn: int | None = None
    person: str | None = None
    person_turn: int | None = None
    earlier: list[str] = field(default_factory=list)  # question ids (no person) asked in earlier sessions

    def seen(self, reply: str) -> bool:
        """True when this reply (ignoring case and spacing) was produced before."""
        return _fingerprint(reply) in self.replies

    def remember(self, reply: str, template: str | None = None) -> None:
        """Record a produced reply and the template it came from."""
        self.replies.append(_fingerprint(reply))
        del self.replies[:-HISTORY_LIMIT]
        if template:
            if template in self.templates:
                self.templates.remove(template)
            self.templates.append(template)

    def asked(self, question_id: str) -> bool:
        """True when the question with this id was asked before in the session, or in an earlier one."""
        return question_id in self.questions or question_id.partition("@")[0] in self.earlier

    def remember_question(self, question_id: str) -> None:
        """Record an asked question for the current turn (a question about a person also tracks them)."""
        if question_id not in self.questions:
            self.questions.append(question_id)
        self.last_question_turn = self.turn
        person = question_id.partition("@")[2]
        if person:
            self.remember_person(person)

    def remember_person(self, person: str) -> None:
        """The person the current turn is about: "she"/"him" in the next turns may mean them."""
        self.person = person
        self.person_turn = self.turn

    def tracked_person(self) -> str | None:
        """The last person mentioned, while still recent (PERSON_TURNS turns); None otherwise."""
        if self.person is None or self.person_turn is None or self.turn - self.person_turn > PERSON_TURNS:
            return None
        return self.person

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a slot."""
        return {
            "replies": list(self.replies),
            "questions": list(self.questions),
            "templates": list(self.templates),
            "turn": self.turn,
            "last_question_turn": self.last_question_turn,
            "person": self.person,
            "person_turn": self.person_turn,
            "earlier": list(self.earlier),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Sequence[str] | None) -> "ReflectionHistory":
        """Rebuild from `to_dict` output (older slots without a person too); None or junk gives an empty history."""
        if not data:
            return cls()
        if isinstance(data, (list, tuple)):
            return cls(replies=[str(item) for item in data])
        if not isinstance(data, Mapping):
            return cls()
        last = data.get("last_question_turn")
        person = data.get("person")
        person_turn = data.get("person_turn")
        return cls(
            replies=[str(item) for item in data.get("replies") or []],
            questions=[str(item) for item in data.get("questions") or []],
            templates=[str(item) for item in data.get("templates") or []],
            turn=int(data.get("turn") or 0),
            last_question_turn=int(last) if last is not None else None,
            person=str(person) if person else None,
            person_turn=int(person_turn) if person and person_turn is not None else None,
            earlier=[str(item) for item in data.get("earlier") or []],
        )

    def next_session(self) -> "ReflectionHistory":
        """A fresh history for the next session that still avoids what was said and asked in this one."""
        asked = [q.partition("@")[0] for q in self.questions]
        earlier = list(dict.fromkeys([*self.earlier, *asked]))[-HISTORY_LIMIT:]
        return ReflectionHistory(replies=list(self.replies), earlier=earlier)


def _fingerprint(reply: str) -> str:
    normal = " ".join(reply.lower().split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------
# Results


class OpenQuestion(Protocol):
    """What `reflect` needs from a question chooser's answer."""

    id: str
    text: str


@dataclass(frozen=True)
class Reflection:
    """A reflection sentence, what kind it is, and at most one open question."""

    text: str
    kind: str  # feeling | paraphrase | person | topic | list | prompt | foreign | generic
    question: OpenQuestion | None = None

    @property
    def reply(self) -> str:
        """The whole message to send."""
        return f"{self.text} {self.question.text}" if self.question else self.text


QuestionChooser = Callable[[str, ReflectionHistory], "OpenQuestion | None"]


# ---------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class _Data:
    templates: dict[str, dict[str, str]]
    generic_openers: list[str]
    generic_follow_ups: list[str]
    short_prompts: list[str]
    short_openers: list[str]
    short_questions: list[str]
    foreign_prompts: list[str]
    short_answers: frozenset[str]
    fillers: tuple[tuple[str, ...], ...]
    fillers_by_first: dict[str, tuple[tuple[str, ...], ...]]  # longest first
    split_always: frozenset[str]
    split_before_subject: frozenset[str]
    subjects: frozenset[str]
    tail_links: frozenset[str]
    english_words: frozenset[str]
    foreign_words: frozenset[str]
    to_you: dict[str, str]
    to_me: dict[str, str]
    after_you: dict[str, str]
    after_i: dict[str, str]
    before_i: dict[str, str]
    prepositions: frozenset[str]
    clause_starters: frozenset[str]
    auxiliaries: frozenset[str]
    subject_followers: frozenset[str]
    that_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    topic_labels: dict[str, str]
    past_label: str
    function_words: frozenset[str]
    rephrase: tuple[tuple[re.Pattern[str], str], ...]
    last_trims: tuple[re.Pattern[str], ...]
    self_judgement: frozenset[str]
    sweeping: frozenset[str]
    plural_people: frozenset[str]
    pronoun_people: dict[str, frozenset[str]]
    soft_words: tuple[re.Pattern[str], ...]
    third_person: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = load_data(DATA_FILE)
    pronouns = raw["pronouns"]
    fillers = sorted((tuple(f.split()) for f in raw["fillers"]), key=len, reverse=True)
    return _Data(
        templates={k: dict(v) for k, v in raw["templates"].items()},
        generic_openers=list(raw["generic"]["openers"]),
        generic_follow_ups=list(raw["generic"]["follow_ups"]),
        short_prompts=list(raw["short_prompts"]),
        short_openers=list(raw["short_openers"]),
        short_questions=list(raw["short_questions"]),
        foreign_prompts=list(raw["foreign_prompts"]),
        short_answers=frozenset(_letters(a) for a in raw["short_answers"]),
        fillers=tuple(fillers),
        fillers_by_first={f[0]: tuple(g for g in fillers if g[0] == f[0]) for f in fillers},
        split_always=frozenset(raw["split_always"]),
        split_before_subject=frozenset(raw["split_before_subject"]),
        subjects=frozenset(raw["subjects"]),
        tail_links=frozenset(raw["tail_links"]),
        english_words=frozenset(raw["english_words"]),
        foreign_words=frozenset(raw["foreign_words"]) - frozenset(raw["english_words"]),
        to_you=dict(pronouns["to_you"]),
        to_me=dict(pronouns["to_me"]),
        after_you=dict(pronouns["after_you"]),
        after_i=dict(pronouns["after_i"]),
        before_i=dict(pronouns["before_i"]),
        prepositions=frozenset(pronouns["prepositions"]),
        clause_starters=frozenset(pronouns["clause_starters"]),
        auxiliaries=frozenset(pronouns["auxiliaries"]),
        subject_followers=frozenset(pronouns["subject_followers"]),
        that_verbs=frozenset(pronouns["that_verbs"]),
        speech_verbs=frozenset(pronouns["speech_verbs"]),
        topic_labels=dict(raw["topic_labels"]),
        past_label=str(raw["past_label"]),
        function_words=frozenset(str(w) for w in raw["function_words"]),
        rephrase=tuple((re.compile(rule, re.IGNORECASE), str(by)) for rule, by in raw["rephrase"]),
        last_trims=tuple(
            re.compile(rf"[\s,]+{re.escape(t)}\s*$", re.IGNORECASE)
            for t in sorted(raw["last_trims"], key=len, reverse=True)
        ),
        self_judgement=frozenset(str(w) for w in raw["self_judgement"]),
        sweeping=frozenset(str(w) for w in raw["sweeping"]),
        plural_people=frozenset(str(w) for w in raw["plural_people"]),
        pronoun_people={
            "she": frozenset(str(w) for w in raw["she_people"]), "he": frozenset(str(w) for w in raw["he_people"]),
        },
        soft_words=tuple(re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE) for w in raw["soft_words"]),
        third_person=frozenset(raw["third_person"]),
    )


def _letters(text: str) -> str:
    """Lower-case words only, apostrophes kept: "I'm fine!!" -> "i'm fine"."""
    return " ".join(w.lower() for w in _WORD.findall(normalise(text)))


# ---------------------------------------------------------------------------
# Pronouns


def turn_pronouns(text: str) -> str:
    """Mirror the speaker: "I was scared my mum would leave me" -> "you were scared your mum would leave you".

    "you" becomes "I" at the start of a clause and "me" after a verb or
    preposition; "am"/"was" agree with the new subject. Words inside quotes are
    someone else's and stay untouched, as does "you" in reported speech ("she
    said you never listen"). Everything else is kept character for character.
    """
    data = _data()
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    words = list(_WORD.finditer(text))
    lowers = [normalise(m.group()).lower() for m in words]
    replace: dict[int, str] = {}
    speech_clause = False
    for i, match in enumerate(words):
        starts_clause = _starts_clause(text, words, i)
        if starts_clause:
            speech_clause = False
        if _inside(quoted, match.start()):
            continue
        word = lowers[i]
        prev = None if starts_clause else lowers[i - 1]
        nxt = lowers[i + 1] if i + 1 < len(words) and not _starts_clause(text, words, i + 1) else None
        if word in data.speech_verbs and prev not in ("i", "we", "i've", "we've", "i'd", "we'd"):
            speech_clause = True
        if match.group() == "US":
            continue
        if word in data.to_you:
            replace[i] = data.to_you[word]
            if word in ("i", "we") and nxt in data.after_you:
                replace[i + 1] = data.after_you[nxt]
            if word == "i" and prev in data.after_you:
                replace[i - 1] = data.after_you[prev]
        elif word in ("you", "u") and (word == "you" or match.group() == "u"):
            if speech_clause or prev == "thank":
                continue
            subject = _you_is_subject(prev, nxt, data)
            replace[i] = "I" if subject else "me"
            if subject and nxt in data.after_i:
                replace[i + 1] = data.after_i[nxt]
            if prev in data.before_i:
                replace[i - 1] = data.before_i[prev]
        elif word in data.to_me:
            if speech_clause:
                continue
            replace[i] = data.to_me[word]
    if not replace:
        return text
    out: list[str] = []
    last = 0
    for i, match in enumerate(words):
        if i not in replace:
            continue
        out.append(text[last : match.start()])
        out.append(_match_case(match.group(), replace[i], _sentence_start(text, match.start())))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


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


def _you_is_subject(prev: str | None, nxt: str | None, data: _Data) -> bool:
    """Heuristic without a parser: "you" opens a clause -> "I"; after a verb or preposition -> "me"."""
    if prev in data.prepositions:
        return False
    if prev is None or prev in data.clause_starters or prev in data.auxiliaries:
        return True
    if nxt is not None and (nxt in data.subject_followers or nxt.endswith("n't")):
        return True
    return prev in data.that_verbs and nxt is not None


def _match_case(original: str, replacement: str, sentence_start: bool) -> str:
    """Give `replacement` the case and apostrophe style of `original`."""
    if "\u2019" in original:
        replacement = replacement.replace("'", "\u2019")
    if len(original) > 1 and original.isupper() and original.lower() not in ("i'm", "i've", "i'll", "i'd", "im"):
        return replacement.upper()
    if replacement == "I" or replacement.startswith(("I'", "I\u2019")):
        return replacement
    if sentence_start:
        return replacement[0].upper() + replacement[1:]
    return replacement


# ---------------------------------------------------------------------------
# Language, lists and short answers


def is_short_answer(text: str) -> bool:
    """True for "idk", "fine", "ok", "...", an empty line: nothing to reflect yet."""
    if len(text) > 60:
        return False
    letters = _letters(text)
    return not letters or letters in _data().short_answers or _only_fillers(letters)


def _only_fillers(letters: str) -> bool:
    """True for "hey there", "thanks", "ok so um": greetings and fillers only."""
    words = tuple(letters.split())
    while words:
        for filler in _data().fillers:
            if words[: len(filler)] == filler:
                words = words[len(filler) :]
                break
        else:
            return False
    return True


def is_other_language(text: str) -> bool:
    """True when `text` reads as another language: reflecting it in English would garble it.

    Looks at up to 200 words from the part of the text that is read.
    """
    words = [w.lower() for w in _WORD.findall(normalise(reading_window(text)[:1600]))][:200]
    if len(words) < 3:
        return bool(words) and all(not w.isascii() for w in words)
    data = _data()
    latin = sum(1 for w in words if _LATIN.fullmatch(w))
    if latin < len(words) / 2:
        return True
    english = sum(1 for w in words if w in data.english_words)
    foreign = sum(1 for w in words if w in data.foreign_words)
    if foreign >= 2 and foreign > english:
        return True
    return english == 0 and len(words) >= 4


_LATIN = re.compile(r"[a-z'\u00c0-\u024f]+")


def list_items(text: str) -> list[str]:
    """The items of a numbered or bulleted list ("1. work 2. mum 3. money"), or [] when it is no list."""
    markers = list(_LIST_MARKER.finditer(text))
    if len(markers) < 2:
        return []
    items = []
    for marker, following in zip(markers, markers[1:] + [None]):
        end = following.start() if following else len(text)
        item = text[marker.end() : end].strip(" \t\n,;.")
        if item:
            items.append(item)
    return items if len(items) >= 2 else []


# ---------------------------------------------------------------------------
# Clauses


@dataclass
class _Clause:
    text: str
    start: int
    end: int
    sentence: int
    question: bool
    feelings: list[FeelingSpan] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    score: float = 0.0


@lru_cache(maxsize=8)
def parsed(text: str) -> Doc:
    """`text` tokenised once for both the reflection and the themes of a turn (read-only: do not change it)."""
    return parse_normalised(text)


def reading_window(text: str) -> str:
    """The part of a long entry read for a reply: its last WINDOW_CHARS, from a sentence start.

    Several thousand words must still be answered fast, and the end of an entry
    is where the writing arrived.
    """
    if len(text) <= WINDOW_CHARS:
        return text
    tail = text[-WINDOW_CHARS:]
    cut = _SENTENCE_BREAK.search(tail)
    return tail[cut.end() :] if cut and cut.end() < len(tail) - 200 else tail[tail.find(" ") + 1 :]


def _split_clauses(text: str) -> list[_Clause]:
    """Sentences, then clauses at commas and conjunctions ("but", "because", "and I ...")."""
    data = _data()
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    clauses: list[_Clause] = []
    for index, sentence in enumerate(_SENTENCE.finditer(text)):
        s_start, s_end = sentence.span()
        question = sentence.group().rstrip().endswith("?")
        cuts = [s_start]
        for punct in re.finditer(r"[,;:]|\s[-\u2013\u2014]\s", sentence.group()):
            if not _inside(quoted, s_start + punct.start()):
                cuts.append(s_start + punct.end())
        words = list(_WORD.finditer(text, s_start, s_end))
        for i, word in enumerate(words):
            lower = normalise(word.group()).lower()
            nxt = normalise(words[i + 1].group()).lower() if i + 1 < len(words) else ""
            if i == 0 or _inside(quoted, word.start()):
                continue
            two_back = normalise(words[i - 2].group()).lower() if i >= 2 else ""
            if lower == "and" and two_back == "and":
                continue  # "dad left and mum and I had to": "mum and I" is one subject
            if lower in data.split_always or (lower in data.split_before_subject and nxt in data.subjects):
                cuts.append(word.start())
        cuts = sorted(set(cuts)) + [s_end]
        for start, end in zip(cuts, cuts[1:]):
            clause = _clean_clause(text, start, end)
            if clause:
                clauses.append(_Clause(clause[0], clause[1], clause[2], index, question))
    return clauses


def _clean_clause(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Trim punctuation and leading fillers ("so", "honestly", "but"); None when nothing is left."""
    data = _data()
    while True:
        while start < end and not (text[start].isalnum() or text[start] in "\"'\u201c\u2018"):
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] in "\"'\u201d\u2019"):
            end -= 1
        words = list(_WORD.finditer(text, start, end))
        if not words:
            return None
        first = normalise(words[0].group()).lower()
        fillers = data.fillers_by_first.get(first, ())
        lowers = tuple(normalise(w.group()).lower() for w in words[:4]) if fillers else ()
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


def _analyse(window: str, people: Sequence[str]) -> tuple[list[_Clause], list[FeelingSpan]]:
    """Clauses of `window` with their feelings and people, scored for being worth reflecting."""
    spans = feeling_spans(parsed(window))
    clauses = _split_clauses(window)
    for position, clause in enumerate(clauses):
        clause.feelings = [s for s in spans if clause.start <= s.start_char < clause.end]
        clause.people = _person_in(clause.text, people)
        words = _WORD.findall(normalise(clause.text).lower())
        score = 0.0
        if any(not s.feeling.negated for s in clause.feelings):
            score += 3
        elif clause.feelings:
            score += 2
        if clause.people:
            score += 2
        if {"i", "i'm", "im", "me", "my", "myself", "i've", "i'd", "i'll"} & set(words):
            score += 1
        if 3 <= len(words) <= MAX_CLAUSE_WORDS:
            score += 1
        elif len(words) > MAX_CLAUSE_WORDS + 2:
            score -= 1
        if clause.question:
            score -= 2
        clause.score = score + position * 0.01
    return clauses, spans


def _shorten(clause: str) -> str:
    """At most about MAX_CLAUSE_WORDS words, cut before a preposition or link where possible."""
    words = list(_WORD.finditer(clause))
    if len(words) <= MAX_CLAUSE_WORDS:
        return clause
    cut_words = _PART_CUTS | {"which", "who", "where", "and", "but", "so", "because"}
    for i in range(MAX_CLAUSE_WORDS, 3, -1):
        nxt = normalise(words[i + 1].group()).lower() if i + 1 < len(words) else ""
        if normalise(words[i].group()).lower() == "and" and nxt in ("i", "me", "we", "us"):
            continue  # "mum and I had to": cutting there leaves "mum" hanging
        if normalise(words[i].group()).lower() in cut_words:
            return clause[: words[i].start()].rstrip(" ,;:-")
    end = MAX_CLAUSE_WORDS
    while end > 3 and normalise(words[end - 1].group()).lower() in STOP_WORDS:
        end -= 1
    return clause[: words[end - 1].end()]


def ranked_clauses(text: str, people: Sequence[str] = ()) -> list[str]:
    """Clauses of `text` worth reflecting, best first, shortened, as written.

    Feelings and people (`people`: names or relation words) count most;
    questions, greetings and fillers least or not at all.
    """
    if is_short_answer(text) or is_other_language(text):
        return []
    clauses, _ = _analyse(reading_window(text), people)
    ranked = sorted(clauses, key=lambda c: (not c.question, c.score), reverse=True)
    return list(dict.fromkeys(_shorten(c.text) for c in ranked))


def key_clause(text: str, people: Sequence[str] = ()) -> str | None:
    """One short clause worth reflecting, as written: one with a feeling or a person if any.

    Greetings and fillers are skipped; long entries are read from their last part.
    None when nothing is left (a greeting, "idk", other languages).
    """
    ranked = ranked_clauses(text, people)
    return ranked[0] if ranked else None


# ---------------------------------------------------------------------------
# Composing


def say_person(person: str) -> str:
    """How to name a person theme back: "sister" -> "your sister", "Sam" -> "Sam"."""
    return person if person[:1].isupper() else f"your {person}"


def say_theme(theme: str) -> str:
    """A theme string as words: "person:sister" -> "your sister", "feeling:anxious" -> "feeling anxious"."""
    kind, _, value = theme.partition(":")
    if kind == "person":
        return say_person(value)
    if kind == "feeling":
        return f"feeling {value}"
    if kind == "context":
        return _data().topic_labels.get(value, value)
    if kind == "past":
        return _data().past_label
    return value or kind


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(text: str) -> set[str]:
    """Content words, roughly stemmed: no stop words, fillers, contractions or "feel"."""
    skip = _filler_words() | _data().function_words | {"feel", "feeling", "felt", "feels"}
    words = (re.sub(r"(n't|'[a-z]+)$", "", w.lower()) for w in _WORD.findall(normalise(text)))
    return {_stem(w) for w in words if len(w) > 1 and w not in skip}


@lru_cache(maxsize=1)
def _filler_words() -> frozenset[str]:
    return frozenset(f[0] for f in _data().fillers if len(f) == 1)


def _echoes(reply: str, wanted: set[str]) -> bool:
    """True when the reply holds every content word of the message (`wanted`): a parrot, not a reflection."""
    return bool(wanted) and wanted <= _content(reply)


def mirror_clause(clause: str, names: Iterable[str] = ()) -> str:
    """A clause with pronouns turned, lower-cased at the start unless it opens with a name, "I" or an acronym."""
    turned = turn_pronouns(clause).strip()
    first = _WORD.search(turned)
    if first:
        word = first.group()
        keep = (
            word in names or word == "I" or word.startswith(("I'", "I\u2019")) or (len(word) > 1 and word.isupper())
            or word.lower() in _PROPER or (word[:1].isupper() and not is_dictionary_word(word) and word.lower() not in STOP_WORDS
                                           and "'" not in word)
        )
        if not keep:
            turned = turned[: first.start()] + word[:1].lower() + turned[first.start() + 1 :]
    return turned


def _tails(window: str, span: FeelingSpan) -> list[str]:
    """What the feeling is about (" about work because ..."), and the same cut before "because"."""
    tail = _tail(window, span)
    if not tail:
        return []
    versions = [tail]
    cut = re.search(r"\s(because|cause|since)\s", tail)
    if cut and len(_WORD.findall(tail[: cut.start()])) >= 2:
        versions.append(tail[: cut.start()])
    part = _part_of(versions[-1], keep=2)
    if part:
        versions.append(part)
    return versions


def _tail(window: str, span: FeelingSpan) -> str:
    """What the feeling is about: " about the exam", " that she left", or ""."""
    data = _data()
    sentence_end = _SENTENCE_BREAK.search(window, span.end_char)
    rest = window[span.end_char : sentence_end.start() if sentence_end else len(window)]
    words = list(_WORD.finditer(rest))
    if not words or normalise(words[0].group()).lower() not in data.tail_links:
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
        lower = normalise(word.group()).lower()
        nxt = normalise(words[i + 1].group()).lower() if i + 1 < len(words) else ""
        if i > 0 and (lower in data.split_always - {"because"} or (lower in data.split_before_subject and nxt in data.subjects)):
            end = word.start()
            break
        if i >= 10:
            end = word.start()
            break
    piece = rest[:end].rstrip(" ,;:-")
    inner = list(_WORD.finditer(piece))
    while len(inner) > 1 and normalise(inner[-1].group()).lower() in STOP_WORDS - {"me", "it", "him", "her", "them", "us", "again", "alone"}:
        piece = piece[: inner[-1].start()].rstrip(" ,;:-")
        inner = inner[:-1]
    if len(inner) < 2:
        return ""
    return " " + turn_pronouns(piece).strip()


def _feeling_phrase(spans: list[FeelingSpan], chosen: FeelingSpan, window: str) -> tuple[str, FeelingSpan]:
    """The chosen feeling, joined with one that follows it directly ("sad and lonely")."""
    phrase = chosen.feeling.phrase
    index = spans.index(chosen)
    if index + 1 < len(spans):
        nxt = spans[index + 1]
        gap = window[chosen.end_char : nxt.start_char]
        if re.fullmatch(r"\s*(,|,?\s*and|,?\s*or)\s*", gap) and nxt.feeling.negated == chosen.feeling.negated:
            return f"{phrase} and {nxt.feeling.phrase}", nxt
    return phrase, chosen


def _feel_verb(span: FeelingSpan) -> str:
    if span.feeling.negated:
        return "didn't feel" if span.past else "don't feel"
    return "felt" if span.past else "feel"


def _rotation(section: str, history: ReflectionHistory, seed: str) -> list[tuple[str, str]]:
    """Templates of a section, never-used first, then least recently used."""
    items = list(_data().templates[section].items())
    offset = zlib.crc32(seed.encode("utf-8")) % len(items)
    items = items[offset:] + items[:offset]
    recency = {tid: i for i, tid in enumerate(history.templates)}
    return sorted(items, key=lambda item: recency.get(item[0], -1))


# How a candidate is checked against the message before it is said:
# "content": rejected when it holds every content word of the message (a parrot);
# "verbatim": rejected when it holds the whole message, pronouns turned, word for
# word (a trimmed or rephrased paraphrase passes); None: not checked.
_Candidate = tuple[str, str, Optional[str], Optional[str]]
_PICK_UP = frozenset({"paraphrase", "person", "topic", "keyword"})  # must reuse one of their content words


def _candidates(
    text: str, history: ReflectionHistory, themes: Sequence[str], wanted: set[str] | None = None
) -> Iterator[_Candidate]:
    """Possible reflections, best first: (kind, reply, template id, echo check).

    `wanted`: the message's content words (`_content`), when the caller has them already.
    """
    window = reading_window(text)
    people = [t.partition(":")[2] for t in themes if t.startswith("person:")]
    names = {p for p in people if p[:1].isupper()}
    topics = [t.partition(":")[2] for t in themes if t.startswith("context:")]
    clauses, spans = _analyse(window, people)
    seed = normalise(window)[-200:]
    wanted = _content(window) if wanted is None else wanted

    def fill(kind: str, section: str, check: str | None = "content", **values: str) -> Iterator[_Candidate]:
        said = values.get("clause") or values.get("person") or values.get("topic") or values.get("word") or ""
        if kind in _PICK_UP and wanted and not _content(said) & wanted:
            return  # says none of their words: not a reflection of this message
        for tid, template in _rotation(section, history, seed):
            if "that {clause}" in template and values.get("clause", "").lower().startswith("that "):
                continue  # "I hear that that deadline ..."
            filled = template.format(**values, **{k.capitalize(): _capital(v) for k, v in values.items()})
            yield kind, filled, tid, check

    for asked in [c for c in clauses if c.question and c.start == _sentence_first(clauses, c)][:1]:
        said = wondering(asked.text)  # a question of their own: what they wonder comes first
        if said and len(said.split()) <= 16:
            yield from fill("paraphrase", "wondering", check=None, clause=said)

    ordered = sorted(spans, key=lambda s: (not s.feeling.negated, s.feeling.intensity is not None, s.start), reverse=True)
    for span in ordered[:3]:
        phrase, last = _feeling_phrase(spans, span, window)
        feel = _feel_verb(span)
        # Joining the feeling with something else they said adds meaning (a complex
        # reflection); the feeling with what it is about comes next.
        others = [c for c in clauses if not c.question and not c.feelings and len(_WORD.findall(c.text)) >= 3]
        if others:
            other = _shorten(max(others, key=lambda c: c.score).text)
            about = [t for t in _tails(window, last) if len(_WORD.findall(t)) <= 6][:1]
            for version in _versions(other):
                clause = mirror_clause(version, names)
                for feeling in [phrase + t for t in about]:
                    yield from fill("feeling", "feeling_with_clause", feel=feel, feeling=feeling, clause=clause)
        about = [t for t in _tails(window, last) if len(_WORD.findall(t)) <= 6][:1]
        present = [p for p in people if p.lower() in window.lower() or p in window]
        tracked = history.tracked_person()
        if not present and tracked and pronoun_means(tracked, window):
            present = [tracked]  # "I'm scared he'll laugh at me": he is the one just written about
        for person in present[:1]:
            if any(person.lower() in t.lower() for t in about):
                continue  # "anxious about my mum, and your mum is part of that"
            plural = person.lower() in _data().plural_people
            for feeling in [phrase + t for t in about] or [phrase]:
                yield from fill(
                    "feeling", "feeling_with_person", feel=feel, feeling=feeling, person=say_person(person),
                    **_agree(plural),
                )
        for tail in _tails(window, last):
            yield from fill("feeling", "feeling", feel=feel, feeling=phrase, tail=tail)
        if others:
            for version in _versions(other):
                clause = mirror_clause(version, names)
                yield from fill("feeling", "feeling_with_clause", feel=feel, feeling=phrase, clause=clause)
        # The feeling alone may name the whole of a short message: that is the point.
        yield from fill("feeling", "feeling", check=None, feel=feel, feeling=phrase, tail="")

    statements = [c for c in clauses if not c.question]
    best = sorted(statements, key=lambda c: c.score, reverse=True)[:2]
    joined = _joined(best, names)
    if joined:
        yield from fill("paraphrase", "joined", check="verbatim", clause=joined[0], other=joined[1])
    views: list[str] = []
    for clause in best:
        for version in _versions(_shorten(clause.text), names):
            mirrored = mirror_clause(version, names)
            if _their_view(version):
                views.append(mirrored)
                yield from fill("paraphrase", "paraphrase_self", check="verbatim", clause=mirrored)
            yield from fill("paraphrase", "paraphrase", check="verbatim", clause=mirrored)
    for mirrored in views[:1]:
        # "You feel nobody cares": said as their view, it may hold all of a short message
        yield from fill("paraphrase", "paraphrase_self", check=None, clause=mirrored)

    for person in people:
        plural = person.lower() in _data().plural_people
        yield from fill("person", "person", person=say_person(person), **_agree(plural))
    for topic in topics:
        yield from fill("topic", "topic", topic=say_theme(f"context:{topic}"))
    for word in _key_words(best or clauses)[:2]:
        yield from fill("keyword", "keyword", check=None, word=word)
    if clauses and not statements:
        yield from fill("generic", "question", check=None)


_YES_NO = re.compile(
    r"^(?:(?:and|but|so|ok|okay|like|honestly|seriously)\s+)*(is|am|are|was|were|should|could|can|would|will)\s+"
    r"(i|it|that|this|he|she|we|they)\b\s*(.*)$",
    re.IGNORECASE,
)


def _sentence_first(clauses: Sequence[_Clause], clause: _Clause) -> int:
    """Where the sentence of `clause` starts (its first clause)."""
    return min(c.start for c in clauses if c.sentence == clause.sentence)


def wondering(question: str) -> str | None:
    """A yes/no question of theirs as the statement they wonder about: "am I being unfair" -> "you are being unfair"."""
    match = _YES_NO.match(" ".join(normalise(question).rstrip(" ?!.").split()))
    if not match or not match.group(3) or re.search(r"\b(?:you|your|you're|you've|u|ur)\b", match.group(3), re.I):
        return None  # "you" there is me or anyone: not safe to turn
    aux, subject, rest = match.group(1).lower(), match.group(2), match.group(3)
    subject = "I" if subject.lower() == "i" else subject.lower()
    turned = turn_pronouns(f"{subject} {aux} {rest}")
    return turned[:1].lower() + turned[1:] if not turned.startswith("I ") else turned


def _agree(plural: bool) -> dict[str, str]:
    """Verb forms for a person template: "is"/"are", "seems"/"seem"."""
    return {"is": "are", "seems": "seem"} if plural else {"is": "is", "seems": "seems"}


def _joined(best: Sequence[_Clause], names: Iterable[str]) -> tuple[str, str] | None:
    """Two things they said in different sentences, each whole when said back, in the order they wrote them.

    Held side by side they make a complex reflection ("..., and also that ..."); None when there is no such pair.
    """
    pair = sorted(best, key=lambda c: c.start)
    if len(pair) != 2 or pair[0].sentence == pair[1].sentence:
        return None
    said = []
    for clause in pair:
        versions = _versions(_shorten(clause.text.strip(" '\"\u2018\u2019\u201c\u201d-")), names)
        if not versions:
            return None
        said.append(mirror_clause(versions[0], names).strip(" '\"\u2018\u2019\u201c\u201d-"))
    if len(_WORD.findall(" ".join(said))) > 22 or not all(_opens_with_subject(s) and "," not in s for s in said):
        return None
    first, second = (_content(s) for s in said)
    if not first or not second or first <= second or second <= first:
        return None  # "it's fine" and "you're fine": one thing, not two
    if not all(is_well_formed(f"It sounds like {s}.") for s in said):
        return None
    return said[0], said[1]


_SUBJECT_OPENINGS = frozenset(
    "you you're you've you'd you'll your he he's his she she's her they they're their it it's its we we're our "
    "there there's this the a an everyone everybody nobody someone somebody nothing everything people".split()
)


def _opens_with_subject(clause: str) -> bool:
    """True when a clause said back opens on its subject ("your manager moved...", "Kate rang"), not mid-way."""
    first = _WORD.search(clause)
    if not first:
        return False
    word = first.group()
    if word.lower() in _SUBJECT_OPENINGS or (word[:1].isupper() and word[1:].islower() and word.lower() not in STOP_WORDS):
        return True
    opening = " ".join(_WORD.findall(clause)[:3])
    return is_noun(word) and has_clause(opening)  # "work was a mess", not "weirdly made you" nor "made you laugh"


def _versions(clause: str, names: Iterable[str] = ()) -> list[str]:
    """Ways to say a clause back, best first: trimmed and rephrased, as written, shorter ones.

    Shorter: without the last phrase, one half of "... and ...", without a
    trailing "again", without words that only add weight ("even").
    """
    rephrased = _rephrase(clause)
    trimmed = _trim_last(rephrased)
    found = [rephrased, clause, _part_of(rephrased), _part_of(clause), *_halves(rephrased, names), trimmed,
             _soften(rephrased), _soften(trimmed or "")]
    versions: list[str] = []
    for version in found:
        if version and len(_WORD.findall(version)) >= 2 and version not in versions:
            versions.append(version)
    return versions


def _rephrase(clause: str) -> str:
    """The clause with fillers dropped and a few phrases said another way (`rephrase` rules); quotes kept."""
    out = _outside_quotes(clause, _data().rephrase).strip(" ,;:-")
    return out if _WORD.search(out) else clause


def _outside_quotes(clause: str, rules: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """`clause` with each (pattern, replacement) applied in turn, except inside quotes (someone's exact words)."""
    rules = list(rules)
    pieces: list[str] = []
    last = 0
    for start, end in [m.span() for m in _QUOTED.finditer(clause)] + [(len(clause), len(clause))]:
        original = clause[last:start]
        piece = normalise(original)
        for rule, by in rules:
            piece = rule.sub(by, piece)
        if piece == normalise(original):
            piece = original
        elif "\u2019" in original:
            piece = piece.replace("'", "\u2019")  # keep their apostrophes
        pieces.append(piece)
        pieces.append(clause[start:end])
        last = end
    return "".join(pieces)


def _trim_last(clause: str) -> str | None:
    """The clause without a trailing "again", "anymore", "lately" ...; None when there is none."""
    for rule in _data().last_trims:
        trimmed = rule.sub("", clause)
        if trimmed != clause:
            trimmed = trimmed.rstrip(" ,;:-")
            words = _WORD.findall(trimmed)
            last = normalise(words[-1]).lower() if words else ""
            if last in _OPEN_ENDS or last in _PART_CUTS or last in _data().prepositions:
                return None  # "over this by"
            return trimmed
    return None


def _their_view(clause: str) -> bool:
    """True for how they see themselves or everyone: "I always mess up", "I'm such a failure", "nobody cares"."""
    data = _data()
    words = [normalise(w).lower() for w in _WORD.findall(clause)[:3]]
    if len(words) < 2:
        return False
    if words[0] in data.sweeping or " ".join(words[:2]) in data.sweeping:
        return True
    if words[0] not in ("i", "i'm", "im"):
        return False
    nxt = words[2] if words[:2] == ["i", "am"] and len(words) > 2 else words[1]
    return nxt in data.self_judgement


# "never mind", "of course", "not good": the word after these is no key word of theirs.
_IDIOM_BEFORE = frozenset("never of not".split())


def _key_words(clauses: Sequence[_Clause]) -> list[str]:
    """Their most telling words, for the last-resort reflection: long words whose lemma is no small or filler word."""
    skip = STOP_WORDS | _filler_words() | _data().function_words | {"feel", "feeling", "felt", "feels"}
    found: list[str] = []
    for clause in clauses:
        tokens = list(parse_normalised(clause.text))
        for i, token in enumerate(tokens):
            lower = token.lower_
            lemma = token.lemma_.lower()
            before = tokens[i - 1].lower_ if i else ""
            if (
                len(lower) >= 3 and token.is_alpha and lower not in skip and lemma not in skip
                and lower not in found and not lower.endswith("ly") and before not in _IDIOM_BEFORE
                and not (lower.endswith(("ing", "ed")) and is_verb_form(lower))
            ):
                found.append(lower)
    return sorted(found, key=len, reverse=True)


def mentions_third_person(text: str) -> bool:
    """True when `text` says "she", "him", "them" ... outside quotes: maybe the last person mentioned."""
    unquoted = _QUOTED.sub(" ", reading_window(text))
    return any(w.lower() in _data().third_person for w in _WORD.findall(unquoted))


def _word_run(text: str) -> list[str]:
    return [normalise(w).lower() for w in _WORD.findall(text)]


def _says_whole(reply: str, whole: list[str]) -> bool:
    """True when the reply holds `whole` (the message's words, pronouns turned) word for word."""
    if not whole:
        return False
    said = _word_run(reply)
    n = len(whole)
    return any(said[i : i + n] == whole for i in range(len(said) - n + 1))


def _part_of(clause: str, keep: int = 4) -> str | None:
    """The clause without its last phrase ("... didn't call me back after the party" -> "... didn't call me back").

    A short object stays on ("look at it"), and no cut leaves a word hanging
    ("they had", "quiet so").
    """
    words = list(_WORD.finditer(clause))
    lowers = [normalise(w.group()).lower() for w in words]
    for i in range(len(words) - 1, keep - 1, -1):
        if lowers[i] not in _PART_CUTS:
            continue
        if len(lowers) - i <= 2 and all(w in _SHORT_OBJECTS for w in lowers[i + 1 :]):
            continue
        j = i
        while j > 2 and lowers[j - 1] in _TRAILING:
            j -= 1
        if j < 2 or lowers[j - 1] in _DANGLING:
            continue
        return clause[: words[j].start()].rstrip(" ,;:-")
    return None


_SHORT_OBJECTS = frozenset("it her him them me you us this that there".split())
_TRAILING = frozenset("so and but or then because cause that which who where to".split())
_DANGLING = frozenset(
    "had has have was were is am are be been being do does did will would could should can can't might must "
    "the a an my your his their our its i you he she they we very really so just even not i'm you're".split()
)
_SUBJECTS = frozenset("i she he they we you".split())
_OPEN_ENDS = frozenset("the a an my your his their our its and but or so to of very".split())


def _halves(clause: str, names: Iterable[str]) -> list[str]:
    """The two halves of "he laughed and said ...": "he said ..." (the doer kept), then "he laughed"."""
    match = re.search(r"\s(?:and|but)\s", clause)
    if not match or _inside([m.span() for m in _QUOTED.finditer(clause)], match.start()):
        return []
    left, right = clause[: match.start()].rstrip(" ,"), clause[match.end() :]
    left_words = _WORD.findall(left)
    right_words = _WORD.findall(right)
    if len(left_words) < 2 or not right_words:
        return []
    first = normalise(left_words[0]).lower()
    if normalise(right_words[0]).lower() in _data().subjects:
        doer = ""
    elif first in _SUBJECTS or left_words[0] in names:
        doer = left_words[0]
    elif first in ("my", "our") and len(left_words) > 2:
        doer = f"{left_words[0]} {left_words[1]}"
    else:
        return [left]
    whole_right = f"{doer} {right}".strip()
    return [whole_right, left] if len(_WORD.findall(whole_right)) >= 2 else [left]


def _soften(clause: str) -> str | None:
    """The clause without words that only add weight ("even", "at least", "really"); None when there are none."""
    softened = _outside_quotes(clause, [(rule, "") for rule in _data().soft_words])
    softened = re.sub(r"(?<=\S) {2,}", " ", softened).strip(" ,")
    return softened if normalise(softened) != normalise(clause) else None


_PART_CUTS = frozenset(
    "after before at in on during since until about with for from because when while over around".split()
)


def _list_candidates(items: list[str], history: ReflectionHistory) -> Iterator[_Candidate]:
    shown = [turn_pronouns(" ".join(item.split()[:6])).strip() for item in items[:4]]
    shown = [s[:1].lower() + s[1:] if s.split()[0] not in ("I",) and not s[:2].isupper() else s for s in shown]
    joined = ", ".join(shown) + " and more" if len(items) > 4 else join_words(shown)
    count = number_word(len(items))
    seed = "|".join(items)
    for tid, template in _rotation("list", history, seed):
        yield "list", template.format(count=count, items=joined), tid, None


def _pool(*lists: Iterable[str]) -> Iterator[str]:
    for items in lists:
        yield from items


def _generic(history: ReflectionHistory) -> Iterator[_Candidate]:
    data = _data()
    start = history.turn % len(data.generic_openers)
    openers = data.generic_openers[start:] + data.generic_openers[:start]
    for follow in data.generic_follow_ups:
        for opener in openers:
            yield "generic", opener + follow, None, None


def _short_prompts(history: ReflectionHistory) -> Iterator[_Candidate]:
    data = _data()
    combos = (f"{o} {q}" for q in data.short_questions for o in data.short_openers)
    for reply in _pool(data.short_prompts, combos):
        yield "prompt", reply, None, None
    for opener in data.generic_openers:
        for question in data.short_questions:
            yield "prompt", f"{opener} {question}", None, None


def _foreign_prompts(history: ReflectionHistory) -> Iterator[_Candidate]:
    data = _data()
    for reply in data.foreign_prompts:
        yield "foreign", reply, None, None
    for opener in data.generic_openers:
        yield "foreign", f"{opener} Would you like to say a little more?", None, None
    yield from _short_prompts(history)


def join_words(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number_word(n: int) -> str:
    """Numbers up to ten in words ("three"), larger ones as digits."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if 0 <= n <= 10 else str(n)


def reflect(
    text: str,
    history: ReflectionHistory,
    themes: Sequence[str] = (),
    ask: QuestionChooser | None = None,
) -> Reflection:
    """A reflection of `text` never produced before in this session, plus at most one open question.

    `themes` are the message's theme strings (see `bot.explore.themes`) so that
    people and topics can be named back; `ask` chooses the open question (see
    `bot.explore.questions.respond`, which wires both). The reply and question
    are recorded in `history`, which the caller stores again.
    """
    text = text or ""
    window = reading_window(text)
    wanted = _content(window)  # pronouns are stop words: no need to turn them
    if is_short_answer(text) and not feeling_spans(text):
        candidates = _short_prompts(history)
    elif is_other_language(text):
        candidates = _foreign_prompts(history)
    elif items := list_items(reading_window(text)):
        candidates = _pool(_list_candidates(items, history), _generic(history))
    else:
        candidates = _pool(_candidates(text, history, themes, wanted), _generic(history), _short_prompts(history))
    whole = _word_run(turn_pronouns(window)) if len(window) <= 600 else []
    kind, reply, template = "generic", "I'm here and listening.", None
    for kind, reply, template, check in candidates:
        if history.seen(reply):
            continue
        if check == "verbatim" and _says_whole(reply, whole):
            continue
        if check and check != "verbatim" and _echoes(reply, wanted):
            continue
        if kind not in ("generic", "prompt", "foreign") and not is_well_formed(reply):
            continue  # a fragment is never sent: a plainer candidate follows
        break
    question = None
    if ask is not None and kind not in ("prompt", "foreign"):
        question = ask(text, history)
    history.remember(reply, template)
    if question is not None:
        history.remember_question(question.id)
    _track_person(text, themes, question, history)
    history.turn += 1
    return Reflection(text=reply, kind=kind, question=question)


_PRONOUN_FORMS = {"she": frozenset({"she", "her", "hers", "she's", "she'd", "she'll"}),
                  "he": frozenset({"he", "him", "his", "he's", "he'd", "he'll"})}


def pronoun_means(person: str, text: str) -> bool:
    """True when "she"/"he" in `text` can only mean `person`: their word says which, and only that one is used.

    "I miss her" after "mum" means mum; after "Jo" (whose pronoun is unknown), or with "he" too, it is uncertain,
    and an uncertain referent is never named.
    """
    words = {w.lower() for w in _WORD.findall(_QUOTED.sub(" ", normalise(text)))}
    used = [g for g, forms in _PRONOUN_FORMS.items() if words & forms]
    known = [g for g, people in _data().pronoun_people.items() if person.lower() in people]
    return len(used) == 1 and known == used


def _track_person(text: str, themes: Sequence[str], question: OpenQuestion | None, history: ReflectionHistory) -> None:
    """Keep the person this turn is about, so "she"/"him" later can be followed (see `ReflectionHistory.person`)."""
    person = getattr(question, "person", None)
    if person:
        history.remember_person(person)
        return
    people = [t.partition(":")[2] for t in themes if t.startswith("person:")]
    if people:
        window = reading_window(text)
        lower = window.lower()

        def position(p: str) -> int:
            found = window.find(p) if p[:1].isupper() else lower.find(p)
            return found if found >= 0 else len(window)

        history.remember_person(min(people, key=lambda p: (position(p), p)))
    elif history.tracked_person() and mentions_third_person(text):
        history.person_turn = history.turn
