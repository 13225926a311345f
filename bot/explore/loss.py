"""Big things first: a death, a miscarriage, a break-up, losing a job, a diagnosis, being hurt.

A loss is acknowledged on first mention, warmly and specifically ("I'm so
sorry about your dad."), before any reflection or question, and never met
with an offer to work through a thought. Who died is remembered so that
questions about them stay in the past tense ("What was your dad like?") and
never ask "what is it like between you and your dad". Patterns and wording
are in `data/loss.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from spacy.lang.en.stop_words import STOP_WORDS

from bot import datafiles
from bot.nlp.text import normalise
from bot.nlp.reflection import say_person

DATA_FILE = datafiles.data_path(__file__, "data/loss.yml")
THEMES_FILE = datafiles.data_path(__file__, "data/themes.yml")
QUESTIONS_FILE = datafiles.data_path(__file__, "data/questions.yml")
_SENTENCE = re.compile(r"[^.!?\n\u2026]+[.!?\n\u2026]*")
# A sentence that imagines or fears a loss is not one ("I'm scared my dad will die").
_NOT_REAL = re.compile(
    r"\b(?:if|what if|scared|afraid|terrified|worried|worry|fear|imagine|imagining|dream|dreamt|dreamed|"
    r"nightmare|might|will|going to|gonna|in case|almost|nearly|pretend|pretending)\b"
)
# Where one clause ends and the next begins: a fear in the clause before does not govern the loss.
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014]|\s-\s|\b(?:but|because|cos|cause|coz|since|now that|and|so|though|although|after|when|"
    r"ever since|except|only|anyway|plus)\b"
)
_FIGURATIVE = re.compile(
    r"^\S+(?: \S+)? died (?:of (?:embarrassment|shame|boredom|cringe|laughter)|laughing|inside|a little)", re.IGNORECASE
)
# A loss in a story, a film or a lesson is not the person's ("the character's mum dies").
_FICTION = re.compile(
    r"\b(?:film|movie|book|novel|episode|series|character|documentary|anime|manga|netflix|history lesson)s?\b|"
    r"\bin (?:history|class|english|the news)\b"
)
# A break-up that is the end of a marriage is said as one ("I'm so sorry about the divorce").
_MARRIAGE = re.compile(r"\b(?:divorc\w*|separat\w*|marriage|married|my (?:wife|husband|ex-wife|ex-husband))\b")
# A short question or one asked outright is not telling of a loss ("My friend was diagnosed?").
_ASKED = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|would|will|should|has|have|what|why|how|who|when)\b")
_MODIFIERS = (
    "little|old|older|oldest|younger|best|dear|dearest|lovely|beloved|late|baby|big|step|own|eldest|youngest|twin|"
    "poor|sweet|family|closest|good|close|childhood|lifelong|darling|wonderful|amazing|beautiful|gorgeous"
)
# Things that "die" without anyone dying ("my phone died", "the plant died").
_THINGS = re.compile(
    r"\b(?:phone|battery|batteries|laptop|computer|car|engine|plant|plants|flowers|wifi|wi-fi|internet|charger|tv|"
    r"conversation|party|screen|signal|game|character|vibe|mood|joke|hype|group chat|chat|torch|fridge)s? (?:\w+ )?"
    r"(?:died|dies|is dead|was dead)\b"
)


@dataclass(frozen=True)
class Loss:
    """One loss in a message: its kind, who (their word: "dad", "cat", "Pete"), and its theme."""

    kind: str  # death | pet | miscarriage | breakup | job | diagnosis | hurt
    who: Optional[str]
    theme: str  # grief | loss | hurt
    name: Optional[str] = None  # their name, when told beside the word ("My wife, Margaret, died")
    owner: Optional[str] = None  # whose relative, when not the writer's own ("my friend's dad": "friend")

    @property
    def key(self) -> str:
        """What makes it the same loss on a later mention ("death:dad")."""
        return f"{self.kind}:{(self.owner or '').lower() + '/' if self.owner else ''}{(self.who or '').lower()}"

    @property
    def person(self) -> str:
        """Who, said back: "your dad", "your friend's dad", "Sarah's mum", "Biscuit"."""
        if not self.who:
            return ""
        if self.owner:
            return f"{say_person(self.owner)}'s {self.who}"
        return say_person(self.who)


@dataclass(frozen=True)
class _Data:
    kinds: tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]  # (kind, theme, patterns)
    pets: frozenset[str]
    words: frozenset[str]
    acknowledge: dict[str, list[str]]
    also: dict[str, str]
    followups: dict[str, Any]
    pronoun_of: dict[str, tuple[str, str]]


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    relations = [str(r) for r in datafiles.load(THEMES_FILE)["people"]["relations"]]
    pets = [str(p) for p in raw["pets"]]
    standalone = [str(s) for s in raw["standalone"]]
    words = sorted(set(relations + pets), key=len, reverse=True)
    word = "|".join(map(re.escape, words))
    names = r"[A-Z][a-z]+"
    owner = rf"(?:(?P<owner>{'|'.join(map(re.escape, sorted(relations, key=len, reverse=True)))})(?:'s|s'|s) )"
    owned = rf"(?:my|our)(?: (?:{_MODIFIERS}))* {owner}?(?P<word>{word})"
    others = rf"(?P<ownername>{names})(?:'s|s) (?P<theirs>{word})"
    some = rf"(?:a|an|one of my|one of our)(?: (?:{_MODIFIERS}))* (?P<some>{word})(?: of (?:mine|ours))?"
    alone = rf"(?P<alone>{'|'.join(map(re.escape, sorted(standalone, key=len, reverse=True)))})"
    people = rf"(?:{owned}|{others}|{some}|{alone}|(?P<name>{names})"
    placeholders = {
        "{who}": rf"\b{people}|(?P<pron>[Hh]e|[Ss]he|[Tt]hey))\b",
        "{whose}": rf"\b{people})(?:'s|s'|s)\b",  # "dad's", "dads", "my grandfathers"
    }
    kinds = []
    for kind, spec in raw["kinds"].items():
        patterns = []
        for pattern in spec["patterns"]:
            pieces = re.split(r"(\{who\}|\{whose\})", pattern)
            if len(pieces) > 1:
                compiled = re.compile("".join(
                    re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{n}>", placeholders[piece]) if piece in placeholders else piece
                    for n, piece in enumerate(pieces)
                ))
            else:
                compiled = re.compile(pattern, re.IGNORECASE)
            patterns.append(compiled)
        kinds.append((str(kind), str(spec["theme"]), tuple(patterns)))
    pronouns = datafiles.load(QUESTIONS_FILE)["pronouns"]
    pronoun_of = {w: ("he", "him") for w in pronouns["he"]} | {w: ("she", "her") for w in pronouns["she"]}
    return _Data(
        kinds=tuple(kinds),
        pets=frozenset(pets),
        words=frozenset(words),
        acknowledge={k: list(v) for k, v in raw["acknowledge"].items()},
        also={str(k): str(v) for k, v in raw["also"].items()},
        followups=dict(raw["death_followups"]),
        pronoun_of=pronoun_of,
    )


def _lowered(sentence: str) -> str:
    """Lower-case except capitalised words that may be names (for "{who}" patterns)."""
    words = re.split(r"(\W+)", sentence)
    out = []
    for i, word in enumerate(words):
        keep = word[:1].isupper() and word[1:].islower() and len(word) > 1 and word.lower() not in _STANDALONE_LOWER()
        out.append(word if keep and word.lower() not in STOP_WORDS else word.lower())
    return "".join(out)


@lru_cache(maxsize=1)
def _STANDALONE_LOWER() -> frozenset[str]:  # noqa: N802 - a cached constant
    raw = datafiles.load(DATA_FILE)
    return frozenset(str(s) for s in raw["standalone"]) | {"i", "my", "our", "the", "since", "and", "but", "so"}


def _not_real(sentence_before_match: str) -> bool:
    """True when the few words before the loss, in its own clause, imagine or fear it.

    "I'm scared my dad will die" is a fear; in "I might be overreacting but my dog
    died" or "I'm worried about my brother because our grandad died" the fear is
    in another clause and the loss is real.
    """
    clause = _CLAUSE_BREAK.split(sentence_before_match.lower())[-1]
    near = " ".join(clause.split()[-6:])
    return bool(_NOT_REAL.search(near))


def losses_in(text: str) -> list[Loss]:
    """The losses a message tells of, in order, each once."""
    data = _data()
    found: list[Loss] = []
    text_so_far = normalise(text or "")
    for sentence in _SENTENCE.finditer(text_so_far):
        raw = sentence.group()
        if _FICTION.search(raw.lower()) or _asked(raw):
            continue
        variants = (_lowered(raw), raw.lower())
        for kind, theme, patterns in data.kinds:
            for pattern in patterns:
                match = next((m for m in (pattern.search(v) for v in variants) if m), None)
                if not match:
                    continue
                if _not_real(match.string[: match.start()]) or _negated_inside(match.group()):
                    continue
                if _FIGURATIVE.search(match.string[match.start():]) or _THINGS.search(match.string):
                    continue
                who, owner = _who(match)
                if who and who.lower() in ("i", "it", "this", "that", "everything", "something", "part"):
                    continue
                if who and who.lower() in ("he", "she", "they"):
                    # "my dad ... he died": the last person word before it that "he" can stand for
                    who = _antecedent(text_so_far[: sentence.start()] + match.string[: match.start()], who.lower())
                before = match.string[: match.start(0) + (match.group(0).find(who) if who else 0)].lower().split()
                pet = bool(who) and (who.lower() in data.pets or (bool(before) and before[-1] in data.pets))
                actual = "pet" if kind == "death" and pet else kind
                loss = Loss(kind=actual, who=who, theme=theme, name=_group(match, "appos"), owner=owner)
                if loss.key not in {f.key for f in found}:
                    found.append(loss)
                break
    return found


def _antecedent(before: str, pronoun: str) -> Optional[str]:
    """The person word a "he" or "she" stands for: the last one before it with that pronoun ("my dad ... he")."""
    data = _data()
    words = re.findall(r"[a-z]+", before.lower())
    for word in reversed(words[-40:]):
        if word in data.words and word not in data.pets:
            return word if data.pronoun_of.get(word, ("they",))[0] == pronoun else None
    return None


def _asked(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and (bool(_ASKED.search(sentence.lower())) or len(sentence.split()) < 6)


def _negated_inside(matched: str) -> bool:
    return bool(re.search(r"\b(?:not|never|didn't|hasn't|almost|nearly)\b", matched.lower()))


def _group(match: re.Match[str], name: str) -> Optional[str]:
    """The first value of a numbered group ("owner0", "owner1"...) in `match`."""
    return next((v for g, v in match.groupdict().items() if v and re.sub(r"\d+$", "", g) == name), None)


def _who(match: re.Match[str]) -> tuple[Optional[str], Optional[str]]:
    """(who, whose relative they are): ("dad", None), ("mum", "Sarah"), ("friend", None) for "a friend of mine"."""
    owner = _group(match, "owner") or _group(match, "ownername")
    for group, value in match.groupdict().items():
        base = re.sub(r"\d+$", "", group)
        if not value or base in ("appos", "owner", "ownername"):
            continue
        if base == "name":
            return value, owner
        value = value.lower()
        if base == "some" and value.endswith("s") and value[:-1] in _data().words:
            value = value[:-1]  # "one of my friends" -> "friend"
        return value, (owner if owner and owner[:1].isupper() else owner and owner.lower())
    return None, None


def deceased(losses: Iterable[Loss]) -> list[str]:
    """Who has died, by their word ("dad", "Pete"), from these losses."""
    return [who for loss in losses if loss.kind in ("death", "pet") and not loss.owner for who in (loss.who, loss.name) if who]


def pronouns(who: str) -> tuple[str, str]:
    """("he", "him") for "dad", ("she", "her") for "mum", ("they", "them") when unknown."""
    return _data().pronoun_of.get(who.lower(), ("they", "them"))


def acknowledge(loss: Loss, text: str, turn: int = 0) -> str:
    """A warm, specific acknowledgement of `loss` in the words of `text`; never a question."""
    data = _data()
    kind = loss.kind
    if kind == "death" and not loss.who:
        kind = "death_unknown"
    if kind == "diagnosis" and loss.who:
        kind = "diagnosis_other"
    if kind == "breakup" and _MARRIAGE.search(normalise(text).lower()):
        kind = "divorce"
    options = data.acknowledge.get(kind) or data.acknowledge["death_unknown"]
    person = loss.person
    subject, obj = pronouns(loss.who) if loss.who else ("they", "them")
    said = options[turn % len(options)].format(person=person, they=subject, them=obj)
    if kind == "death":
        lower = normalise(text).lower()
        follow = data.followups
        if any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["sudden"]):
            said += " " + follow["sudden_text"]
        elif any(re.search(rf"\b{re.escape(w)}\b", lower) for w in follow["recent"]):
            said += " " + follow["recent_text"]
        elif not loss.owner:  # "someone so close" is for the writer's own
            said += " " + follow["default"]
    return said


def acknowledge_all(losses: list[Loss], text: str, turn: int = 0) -> str:
    """The first loss acknowledged in full, and a second one of another kind named after it."""
    said = acknowledge(losses[0], text, turn)
    other = next((loss for loss in losses[1:] if loss.kind != losses[0].kind), None)
    if other is not None and other.kind in _data().also:
        said += " " + _data().also[other.kind]
    return said


def without_loss_sentences(text: str) -> str:
    """The message without the sentences that tell of a loss (they are acknowledged on their own)."""
    kept = [m.group() for m in _SENTENCE.finditer(text or "") if m.group().strip() and not losses_in(m.group())]
    rest = " ".join(" ".join(kept).split())
    return rest if re.search(r"[A-Za-z]{2,}.*\s.*[A-Za-z]{2,}", rest) else ""
