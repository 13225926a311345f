"""What in a journaling message is about the conversation, not the person's life.

Leaving ("ok. that's enough for now. bye", "...anyway. I'm done for today"),
"you asked me that last time", and a question about the world ("what's the
weather like tomorrow btw") are handled as what they are: they close the
session, get an apology, or get a brief answer and an invitation back. Only
the rest of the message is journal text. Phrases are in `data/control.yml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from bot import datafiles
from bot.nlp.text import any_of, normalise

DATA_FILE = datafiles.data_path(__file__, "data/control.yml")
_SEGMENT = re.compile(r"[^.!?\n,;:\u2026]+[.!?\n,;:\u2026]*")
_SENTENCE = re.compile(r"[^.!?\n\u2026]+[.!?\n\u2026]*")
_LETTERS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Parts:
    """A message taken apart: journal text, and what is about the conversation."""

    journal: str  # the person's own writing, to save and reflect ("" when there is none)
    closing: bool = False  # they are leaving
    repeated_question: bool = False  # "you asked me that before"
    side_step: Optional[str] = None  # a brief answer to a question about the world
    side_step_alone: bool = False  # the answer is the whole reply (no invitation back): "Of course. Write ..."
    patterns: bool = False  # "what patterns do you see?"
    greeting: bool = False  # it starts with "hello again", "hi its jess again"


@dataclass(frozen=True)
class _SideStep:
    """One kind of question about the world, the bot or the conversation, and how it is answered."""

    answer: str
    cues: tuple[str, ...]
    keep: bool = False  # the question stays journal text (a dilemma is theirs to write about)
    unasked: bool = False  # the cue counts without a question mark ("can i just write whats on my mind")
    alone: bool = False  # answered only when nothing else is written; with more, the sentence is just left out
    opening: bool = False  # the cue counts only where it opens the sentence ("should i reply or ...")


@dataclass(frozen=True)
class _Data:
    closing: frozenset[str]
    fillers: frozenset[str]
    repeated: tuple[str, ...]
    side_steps: tuple["_SideStep", ...]
    invite_back: tuple[str, ...]
    keep_going: tuple[str, ...]
    apologies: tuple[str, ...]
    goodbye_nothing_written: str
    patterns: tuple[str, ...]
    only_at_end: frozenset[str]
    leads: tuple[str, ...]
    lead_next: frozenset[str]
    greetings: tuple[str, ...]
    welcome: dict[str, tuple[str, ...]]
    built: re.Pattern[str]  # a closing built from parts; group "time" set when it names one
    question_asides: tuple[str, ...] = ()


def _built_closing(parts: dict[str, Any]) -> re.Pattern[str]:
    """One expression for `closing_parts`: (opener) subject (degree) word-of-leaving (time), whole segment."""

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(_key(w)) for w in sorted(words, key=len, reverse=True))

    degree = f"(?:(?:{alt(parts['degree'])}) )?"
    cores = [
        f"(?:{alt(parts[kind]['subjects'])}) {degree}(?:{alt(parts[kind][key])})"
        for kind, key in (("enough", "words"), ("stop", "verbs"), ("done", "words"))
    ]
    return re.compile(
        f"^(?:(?:{alt(parts['openers'])}) )?(?:{'|'.join(cores)})(?P<time> (?:{alt(parts['times'])}))?$"
    )


def _key(text: str) -> str:
    """Lower-case words, apostrophes dropped: "That's enough!" -> "thats enough"."""
    return " ".join(_LETTERS.findall(normalise(text).lower().replace("'", "")))


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    return _Data(
        closing=frozenset(_key(p) for p in raw["closing"]),
        fillers=frozenset(_key(p) for p in raw["closing_fillers"]),
        repeated=tuple(_key(p) for p in raw["repeated_question"]),
        side_steps=tuple(
            _SideStep(
                answer=str(topic["answer"]), cues=tuple(_key(c) for c in topic["cues"]), keep=bool(topic.get("keep")),
                unasked=bool(topic.get("unasked")), alone=bool(topic.get("alone")), opening=bool(topic.get("opening")),
            )
            for topic in raw["side_steps"].values()
        ),
        invite_back=tuple(raw["invite_back"]),
        keep_going=tuple(raw["keep_going"]),
        apologies=tuple(raw["apologies"]),
        goodbye_nothing_written=str(raw["goodbye_nothing_written"]),
        patterns=tuple(_key(p) for p in raw["patterns_request"]),
        only_at_end=frozenset(_key(p) for p in raw["closing_only_at_end"]),
        leads=tuple(sorted((_key(p) for p in raw["closing_leads"]), key=len, reverse=True)),
        lead_next=frozenset(_key(p) for p in raw["closing_lead_next"]),
        greetings=tuple(sorted((_key(p) for p in raw["greetings"]), key=len, reverse=True)),
        welcome={k: tuple(raw[k]) if isinstance(raw[k], list) else (str(raw[k]),)
                 for k in ("welcome_back", "welcome_back_plain", "welcome_new", "hello_again")},
        built=_built_closing(raw["closing_parts"]),
        question_asides=tuple(_key(p) for p in raw.get("question_asides", ())),
    )


def invite_back(turn: int) -> str:
    """An invitation back to their writing after a side-step (varied by turn)."""
    options = _data().invite_back
    return options[turn % len(options)]


def keep_going(turn: int) -> str:
    """A quiet "I'm listening" for a short reply with nothing to reflect (varied by turn)."""
    options = _data().keep_going
    return options[turn % len(options)]


def apology(turn: int) -> str:
    """An apology for asking a question again."""
    options = _data().apologies
    return options[turn % len(options)]


def goodbye_nothing_written() -> str:
    return _data().goodbye_nothing_written


def hello_again(turn: int) -> str:
    """A plain hello for someone already welcomed back this session (varied by turn)."""
    options = _data().welcome["hello_again"]
    return options[turn % len(options)]


def welcome_back(about: str, returning: bool, session: int = 0) -> str:
    """A welcome for someone who only said hello: back to what they wrote last time, or a first hello."""
    lines = _data().welcome
    options = lines["welcome_back"] if about else lines["welcome_back_plain"] if returning else lines["welcome_new"]
    return options[session % len(options)].format(about=about)


def _is_greeting(segment: str) -> bool:
    words = _key(segment).split()
    if not words or len(words) > 5:
        return False
    said = " ".join(words)
    return any(said == g or said.startswith(g + " ") for g in _data().greetings)


def _split_greeting(text: str) -> tuple[str, bool]:
    """The text after a greeting at its start ("Hello again. ..."), and whether there was one."""
    segments = [m for m in _SEGMENT.finditer(text) if m.group().strip()]
    cut = 0
    while cut < len(segments) and (_is_greeting(segments[cut].group()) or (cut and _is_filler(segments[cut].group()))):
        cut += 1
    if not cut:
        return text, False
    return (text[segments[cut].start():].strip() if cut < len(segments) else ""), True


def _is_closing(segment: str) -> bool:
    data = _data()
    key = _key(segment)
    if key in data.closing or _built(key):
        return True
    words = key.split()
    # "ok bye", "thanks bye", "bye then": a closing with fillers around it
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if " ".join(words[i:j]) in data.closing:
                return _only_fillers(words[:i]) and _only_fillers(words[j:])
    return False


def _trimmed(key: str, end: bool = True) -> str:
    """`key` without the fillers that open it ("ok", "right", "actually") and, with `end`, those that close it."""
    words = key.split()
    while words and _only_fillers(words[:1]):
        words = words[1:]
    while end and words and _only_fillers(words[-1:]):
        words = words[:-1]
    return " ".join(words)


def _built(key: str) -> Optional[re.Match[str]]:
    """A closing built from `closing_parts` that fills the whole segment (fillers around it allowed)."""
    said = _trimmed(key)
    return _data().built.match(said) if said else None


def _only_at_end(segment: str) -> bool:
    """True for a closing that, in the middle of a message, usually means something else."""
    key = _key(segment)
    if key in _data().only_at_end:
        return True
    built = _built(key)
    return bool(built) and key not in _data().closing and not built.group("time")


def _only_fillers(words: list[str]) -> bool:
    """True when `words` are nothing but closing fillers ("ok", "i think", "x")."""
    fillers = _data().fillers
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            if " ".join(words[i:j]) in fillers:
                i = j
                break
        else:
            return False
    return True


def _is_filler(segment: str) -> bool:
    key = _key(segment)
    return not key or key in _data().fillers


def _closing_inside(segments: list[re.Match[str]]) -> Optional[int]:
    """Where a closing that ends a sentence in the middle of a message starts ("I'm done for today, thanks.")."""
    for i, match in enumerate(segments[:-1]):
        if not _is_closing(match.group()) or _only_at_end(match.group()):
            continue
        j = i
        while j + 1 < len(segments) and _is_filler(segments[j + 1].group()):
            j += 1
        if re.search(r"[.!\n\u2026]\s*$", segments[j].group()) or j == len(segments) - 1:
            return i
    return None


def _leaves_with_reason(segment: str) -> bool:
    """"ok im going to stop now", "actually im going to go": a segment that opens by leaving."""
    said = _trimmed(_key(segment), end=False)
    for lead in _data().leads:
        if said == lead or said.startswith(lead + " ") and said.split()[len(lead.split())] in _data().lead_next:
            return True
    return False


def _all_leaving(segment: str) -> bool:
    """"im done for today", "thats me done for tonight", "im gonna log off": a segment that is all
    leaving, so it closes even with a reason after it in the same sentence ("..., need to sleep")."""
    key = _key(segment)
    if _built(key) is not None:
        return True  # a whole segment of leaving: "im gonna log off, ty for this"
    said = _trimmed(key, end=False)
    return said in _data().closing and len(said.split()) >= 3 and said not in _data().only_at_end


MAX_REASON_WORDS = 40  # after "im going to go": a reason to leave, not more journal text


def _split_closing(text: str) -> tuple[str, bool]:
    """The text before a closing (at its end, or ending a sentence inside it), and whether there was one."""
    segments = [m for m in _SEGMENT.finditer(text) if m.group().strip()]
    for match in segments:
        # a reason may follow in the same sentence ("im done for today, this is making me wound up")
        leaving = _all_leaving(match.group()) and not re.search(r"[.!?\n\u2026]\s*$", match.group())
        if (_leaves_with_reason(match.group()) or leaving) and len(text[match.end():].split()) <= MAX_REASON_WORDS:
            journal = text[: match.start()].rstrip(" ,;:-\u2014\n")
            kept = [m for m in _SEGMENT.finditer(journal) if m.group().strip()]
            while kept and (_only_fillers(_key(kept[-1].group()).split()) or _is_closing(kept[-1].group())):  # "... anyway. I'm done"
                kept.pop()
            journal = journal[: kept[-1].end()].rstrip(" ,;:-\u2014\n") if kept else ""
            return journal, True
    inside = _closing_inside(segments)
    if inside is not None:
        before, after = text[: segments[inside].start()], text[segments[inside].end():]
        if len(after.split()) <= 12:  # "will come back on sunday maybe": about the conversation, not journal text
            segments = segments[: inside + 1]
            text = text[: segments[-1].end()]
        else:  # they say goodbye, then write on: keep what they wrote, close at the end
            text = f"{before.rstrip()} {after.strip()}".strip()
            journal, _ = _split_closing(text)
            return journal, True
    cut = len(segments)
    closing = False
    while cut > 0:
        segment = segments[cut - 1].group()
        if _is_closing(segment):
            closing = True
        elif not (closing and _is_filler(segment)) and not (_is_filler(segment) and cut > 1 and _is_closing(segments[cut - 2].group())):
            break
        cut -= 1
    if not closing:
        return text, False
    end = segments[cut].start() if cut < len(segments) else len(text)
    journal = text[:end].rstrip(" ,;:-\u2014\n")
    if not _LETTERS.search(journal.lower()) or _is_filler(journal):
        journal = ""
    return journal, True


def _question_sentences(text: str) -> list[re.Match[str]]:
    return [m for m in _SENTENCE.finditer(text) if m.group().strip()]


_ASIDE_OPENERS = re.compile(r"^(?:btw|by the way|also|oh|lol|out of interest|random but|totally unrelated but|like|so|"
                            r"and|anyway|ok|okay|can i ask|i mean|i asked|yes|yeah|yea|ya|random question but|"
                            r"random question|quick question|unrelated question but|unrelated but) ")


def _asks(step: _SideStep, key: str, asking: bool) -> bool:
    """True when a sentence (as `_key` says it) asks what `step` answers."""
    if not (asking or step.keep or step.unasked):
        return False
    # an advice cue asks only at the end or before "should" ("what do you think about at night" does not)
    ending = r"(?: (?:should|i should|we should|about (?:it|that|this))\b|\s*$)" if step.keep and not step.opening else r"(?: |$)"
    start = r"^" if step.opening else r"(?:^| )"
    return any(re.search(rf"{start}{re.escape(cue)}{ending}", key) for cue in step.cues)


def _side_step(text: str) -> tuple[str, Optional[str], bool]:
    """A question about the world, the bot or the conversation in the message: (the rest, a brief answer,
    whether the answer is the whole reply)."""
    for sentence in reversed(_question_sentences(text)):
        key = _key(sentence.group())
        while _ASIDE_OPENERS.match(key):
            key = _ASIDE_OPENERS.sub("", key, count=1)
        asking = sentence.group().rstrip().endswith("?") or key.endswith(" btw") or key.startswith(
            ("whats ", "what is ", "will it ", "is it ", "tell me ", "can you ", "do you know", "who ", "how ", "are you ",
             "is that ", "is this ", "does ", "do you ", "could ", "can i ", "if ", "whether ", "can u ", "do u ", "are u ",
             "r u ", "could u ")
        )
        for step in _data().side_steps:
            if not _asks(step, key, asking):
                continue
            if step.keep:  # "should i block him? what do you think": the dilemma is theirs to write about
                rest = text
                if not step.opening:
                    for other in _data().side_steps:
                        rest = _without_cue(rest, other.cues) if other.keep and not other.opening else rest
                return rest, step.answer, False
            rest = _without(text, step)
            if step.alone:  # "can i just write" with more written: they are writing; nothing to answer
                if len(_LETTERS.findall(rest.lower())) < 4:  # "ok finally. can i just write now?"
                    return "", step.answer, True
                return rest, None, True
            after = _without_asides(text[sentence.end():]).strip()
            if len(after.split()) < 4:  # "Madrid plays.": part of the aside, not journal text
                after = ""
            before = _without_asides(_without(text[: sentence.start()], step)).rstrip(' ,;:-—')
            return f"{before} {after}".strip(), step.answer, False
    return text, None, False


def _without(text: str, step: _SideStep) -> str:
    """`text` without every sentence that asks what `step` answers ("do you save all this? could sam see it"),
    nor a short question right after one ("I want only to write. Is possible?")."""
    kept: list[str] = []
    dropped = False
    for sentence in _question_sentences(text):
        key = _key(sentence.group())
        while _ASIDE_OPENERS.match(key):
            key = _ASIDE_OPENERS.sub("", key, count=1)
        if _asks(step, key, True) or (dropped and len(key.split()) <= 3 and sentence.group().rstrip().endswith("?")):
            dropped = True
            continue
        dropped = False
        kept.append(sentence.group())
    rest = "".join(kept).strip()
    return "" if _is_filler(rest) else rest


def _without_asides(text: str) -> str:
    """`text` without the sentences that only lead up to a question to us or apologise for it ("Can I ask you
    something unrelated?", "Sorry, this is maybe not for you.")."""
    asides = _data().question_asides
    kept = [m.group() for m in _question_sentences(text)
            if not any(_key(m.group()) == a or _key(m.group()).startswith(a + " ") for a in asides)]
    return "".join(kept).strip()


def _without_cue(text: str, cues: tuple[str, ...]) -> str:
    """`text` without the words asking for advice ("what do you think, should i block him?" -> "should i block him?")."""
    for cue in sorted(cues, key=len, reverse=True):
        words = cue.split()
        pattern = r"\b" + r"[\W_]*".join(re.escape(w) for w in words)
        found = re.search(pattern + r"\b[\s,.;:!?-]*", text, re.IGNORECASE)
        if found:
            rest = (text[: found.start()] + text[found.end():]).strip(" ,;:-")
            return rest if _LETTERS.search(rest.lower()) else ""
    return text


def _repeated_question(text: str) -> bool:
    key = _key(text)
    return any(re.search(rf"(?:^| ){re.escape(cue)}(?: |$)", key) for cue in _data().repeated)


def take_apart(text: str) -> Parts:
    """Separate the person's journal text from leaving, side-steps and remarks about the questions."""
    text, greeting = _split_greeting(text or "")
    journal, closing = _split_closing(text)
    journal, answer, alone = _side_step(journal)
    sentences = _question_sentences(journal)
    if sentences:
        last = sentences[-1].group()
        key = _key(last)
        if (last.rstrip().endswith("?") or len(key.split()) <= 12) and any(
            re.search(rf"(?:^| ){re.escape(cue)}(?: |$)", key) for cue in _data().patterns
        ):
            rest = journal[: sentences[-1].start()].strip()
            return Parts(journal="" if _is_filler(rest) else rest, closing=closing, patterns=True, greeting=greeting)
    repeated = False
    if _repeated_question(journal):
        # "you asked me that last time" on its own, or as the first sentence of a longer answer
        segments = [m.group() for m in _SEGMENT.finditer(journal) if m.group().strip()]
        kept = [s for s in segments if not _repeated_question(s)]
        repeated = True
        journal = "".join(kept).strip()
        if kept and not kept[0][:1].isupper():
            journal = journal[:1].upper() + journal[1:]
        if _is_filler(journal):
            journal = ""
    if journal and _is_filler(journal):
        journal = ""
    return Parts(
        journal=journal.strip(), closing=closing, repeated_question=repeated, side_step=answer, greeting=greeting,
        side_step_alone=alone,
    )


@lru_cache(maxsize=1)
def _medical_cues() -> re.Pattern[str]:
    cues = sorted((str(c) for c in datafiles.load(DATA_FILE)["medical_cues"]), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w&])")


@lru_cache(maxsize=1)
def _boundary_cues() -> dict[str, re.Pattern[str]]:
    raw: dict[str, Any] = datafiles.load(DATA_FILE)
    return {intent: any_of(cues) for intent, cues in raw["boundary_cues"].items()}


def names_what_it_asks(intent: str, text: str) -> bool:
    """For a question about medication, a diagnosis or therapy: whether `text` names what it asks about.

    Other intents need no cue (True). A message naming the thought record to have it thrown away, to say
    they did not ask about it, or to just write ("Please throw that away. I would like to write about my
    mother") asks nothing about it.
    """
    if intent in _ABOUT_THE_RECORD and (asks_to_discard(text) or not_asking(text)):
        return False
    cue = _boundary_cues().get(intent)
    return cue is None or bool(cue.search(normalise(text or "").lower()))


_ABOUT_THE_RECORD = frozenset({"ask_what_cbt", "ask_thought_record", "ask_what_explore"})
# "I did not ask what a thought record is", "I would like to just explore, please".
_NOT_ASKING = re.compile(
    r"\b(?:i )?(?:did not|didn'?t|never|was not|wasn'?t|am not|'m not|im not) (?:ask|asking|asked)\b"
    r"|\b(?:just|simply|rather) (?:explore|write|talk|journal)\b|\bwrite freely\b"
)


def not_asking(text: str) -> bool:
    """True for "I did not ask what a thought record is", "I would like to just explore, please"."""
    return bool(_NOT_ASKING.search(normalise(text or "").lower()))


def asks_to_discard(text: str) -> bool:
    """True when a sentence of `text` asks to throw the thought record away ("Please throw that away.",
    "Throw this away, please."), read as the thought record itself reads it."""
    from bot.cbt.control import ABANDON, explicit

    return any(explicit(m.group().strip()) == ABANDON for m in _SENTENCE.finditer(text or "") if m.group().strip())


def names_a_medical_emergency(text: str) -> bool:
    """True when the message names something a medical emergency is made of ("he collapsed", "can't breathe")."""
    return bool(_medical_cues().search(normalise(text or "").lower()))

