"""Questions to Reflect itself in the middle of a step, told apart from answers.

Inside the thought record nearly everything is an answer, and a rhetorical
question can be one ("what else could happen? I might pass"). A message is a
question *to Reflect* only when it asks one of these, as its first clause
after lead-ins ("ok but first", "thanks", "and"), and nothing later in it
answers the question itself ("is it normal to fail one mock? yes, lots do"):

- what a term of the record means: "what do you mean by evidence?", "what
  counts as a situation?", "what do you mean by believe it?";
- who can read what they write: "who can read this?", "is this private?";
  asked anywhere, in a record or not;
- whether a feeling is normal: "is this normal?", "do other people freak out
  like this?";
- advice: "should I tell my parents?", "what should I do?".

Privacy gets a short answer with what the README says; "is this normal?" and
advice get a kind line that Reflect cannot advise, and the step is asked
again. A term gets the step's own explanation. Plain data and functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.cbt.messages import Message

PRIVACY = "privacy"
NORMAL = "normal"
ADVICE = "advice"
TERM = "term"

PRIVACY_ANSWER = (
    "What you write here stays on this machine, encrypted, and nothing is sent anywhere. "
    "Only someone with your private link (your token) can open this conversation, so keep it to yourself. "
    "You can export everything, or erase it all, from “My progress and data”."
)
NORMAL_ANSWER = (
    "I can't tell you what's normal, but feeling like this is very common, and it makes sense to ask. "
    "Writing it down in this record can help you look at it."
)
ADVICE_ANSWER = (
    "I can't advise you on that, but it's an understandable thing to wonder, and it may help to talk it over "
    "with someone you trust. This record can help you look at it more clearly first."
)

# Words that open a message without carrying the question: "ok but first, is this normal?".
_LEAD_IN = re.compile(
    r"^(?:(?:ok|okay|ok so|so|and|but|also|oh|um+|hmm+|hm+|wait|sorry|thanks|thank you|ty|right|yeah|yes|"
    r"actually|quick question|can i ask|one question|first|before that|before we go on|hang on|hold on|"
    r"btw|by the way|lol|honestly)\b[\s,.:;!-]*)+",
    re.I,
)

_THIS = r"(?:this|it|that|what i write|what i wrote|what i say|what i type|my (?:answers?|records?|journal|writing|stuff|entries)|these|any of this|all this|everything)"
_OURS = r"(?:this|what i write|what i wrote|what i say|what i type|my (?:answers?|records?|journal|writing|stuff|entries|messages)|these|any of this|all this|everything)"
_PRIVACY = re.compile(
    r"^(?:who (?:else )?(?:can|could|will|would|gets to|is able to) (?:read|see|access|look at) (?:this|it|that|what|my|any|these|everything|all)|"
    r"who (?:sees|reads) (?:this|it|what|my)|"
    rf"(?:is|are) {_THIS}(?: here| stuff)? (?:private|confidential|secure|secret|encrypted|anonymous)|"
    rf"(?:is|are) {_OURS}(?: here| stuff)? (?:shared|saved|stored|kept|seen|read)|"
    rf"(?:is|are) (?:this|it|my data|my stuff) (?:kept )?(?:private|confidential)|"
    r"(?:can|could|will|would) (?:anyone|anybody|someone|somebody|other people|people|my \w+|the \w+|you|reflect) "
    r"(?:else )?(?:read|see|access|look at|find) (?:this|it|that|what|my|any|these|everything)|"
    r"(?:do|will|would) (?:you|u|reflect) (?:share|send|sell|upload|keep|store|save) (?:this|it|that|what|my|any)|"
    r"where (?:is|does|do) (?:this|it|my \w+|what i write) (?:go|get stored|get saved|stored|saved|kept)|"
    r"(?:how )?private is (?:this|it)|is (?:this|it) (?:all )?private)\b",
    re.I,
)
_NORMAL = re.compile(
    r"^(?:is (?:this|it|that|what i feel|feeling (?:this|like this)) (?:normal|common|ok|okay|weird|usual|a normal thing)|"
    r"is it (?:normal|common|usual|weird) (?:to|that|for)|"
    r"(?:do|does) (?:other people|others|everyone|everybody|people|anyone|anybody|most people|lots of people) "
    r"(?:else )?(?:feel|get|freak|panic|worry|think|struggle|go through|have)|"
    r"am i (?:the only one|normal|weird|overreacting|crazy)|"
    r"(?:is|am) (?:this|i) (?:overreacting|too much))\b",
    re.I,
)
_ADVICE = re.compile(
    r"^(?:should i(?! have\b| of\b| ve\b)|shall i|do you think i should|what should i do|what would you do|what do i do|"
    r"what do you think i should|is it (?:a good idea|wise|better) (?:to|if)|do i tell|would it be (?:ok|okay|wise|better) (?:to|if))\b",
    re.I,
)

_ABOUT_THE_STEP = re.compile(
    r"^what (?:should|do|can|shall) i (?:do|write|put|say|answer|type)"
    r"(?: (?:here|now|first|next|then|for this|in this|with this|for this step|in this step|at this step))*$"
)

# The record's terms, and the step that explains each.
_TERMS: tuple[tuple[str, str], ...] = (
    ("tr_evidence_for", r"evidence for(?: it)?"),
    ("tr_evidence_against", r"evidence against(?: it)?"),
    ("evidence", r"evidence|facts?"),
    ("tr_alternative", r"(?:a |the )?(?:balanced|alternative|fair|more balanced) (?:thought|view|way)|balanced"),
    ("tr_thought", r"(?:an? |the )?(?:automatic|negative|hot) thoughts?|(?:the )?thought"),
    ("tr_situation", r"(?:a |the )?situation"),
    ("tr_emotions", r"(?:a |the )?(?:feelings?|emotions?|moods?)"),
    ("belief", r"believe(?: it| that| this)?|belief|(?:how much|how strongly) (?:i |do i )?believe(?: it)?"),
    ("tr_traps", r"(?:a |the )?(?:thinking )?traps?|distortions?"),
    ("tr_next_step", r"(?:a |the )?next step|(?:an? |the )?experiment"),
    ("rating", r"(?:the )?(?:rating|scale|score|number|0 to 100|0-100|zero to (?:a )?hundred)"),
)
_TERM_WORDS = "|".join(f"(?P<t{i}>{words})" for i, (_, words) in enumerate(_TERMS))
_ASKS_TERM = re.compile(
    rf"^(?:what (?:do|did) (?:you|u) mean (?:by|with) |wdym (?:by )?|what (?:does|do) |what(?:'?s| is| are) (?:an? )?|"
    rf"what counts as (?:an? |the )?|what sort of (?:thing )?(?:is|counts as) (?:an? |the )?|"
    rf"what kind of (?:thing )?(?:is|counts as) (?:an? |the )?|how do i (?:know|tell) what (?:counts as )?(?:an? |the )?|"
    rf"(?:can|could) (?:you|u) explain (?:what )?(?:an? |the )?|meaning of (?:an? |the )?|explain (?:an? |the )?)"
    rf"(?:{_TERM_WORDS})(?: (?:mean|means|count|counts|here|is|are|exactly|then|for this|for me|in this))*\s*$",
    re.I,
)

# A later clause that answers the question itself: "is it normal to fail one mock? yes, lots do".
_SELF_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|no|nope|nah|probably|of course|obviously|definitely|not really|maybe not|i doubt it|"
    r"absolutely|sure|course|maybe|perhaps|i think|i guess|probably not|"
    r"(?:everyone|everybody|most people|lots of people|loads of people|many people|plenty of people|people|others|they)"
    r" (?:do|does|did|probably|might|would|get|feel|go through|have|seem)|(?:i|it) (?:might|could|may))\b",
    re.I,
)
_CHATTER = {"", "hi", "hey", "hello", "ouch", "cool", "great", "nice", "fine", "good", "alright", "oof", "ugh", "hmm", "ah"}
# A question someone else asked: "my mum asked, should I tell my parents".
_REPORTED = re.compile(r"\b(?:asked|asks|said|says|wondered|wonders|thought|texted|wrote|goes|went)\W*$", re.I)
_BOUNDARY = re.compile(r"(?<=[?.!;])\s+|\n+|\s*[\u2013\u2014]\s*|(?<=[a-z]),\s+(?=(?:like|i|is|are|do|does|should|who|what|and)\b)")


@dataclass(frozen=True)
class SideQuestion:
    """What a question to Reflect asks: its kind, the term's step for a term, and what follows it."""

    kind: str
    term: Optional[str] = None  # for TERM: a step's slot, or "evidence", "belief", "rating"
    rest: str = ""  # what the message says after the question ("... maybe eighty five")


def _plain(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").strip()
    return " ".join(text.split())


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _BOUNDARY.split(_plain(text)) if c and c.strip()]


def _question_clause(clause: str) -> Optional[SideQuestion]:
    said = _LEAD_IN.sub("", clause.lower()).strip(" ,.;:!-")
    said = re.sub(r"[?!.]+$", "", said).strip()
    said = re.sub(r"\b(?:u)\b", "you", said)
    said = said.replace("whats ", "what's ").replace("wat ", "what ")
    if not said:
        return None
    if _PRIVACY.match(said):
        return SideQuestion(PRIVACY)
    term = _ASKS_TERM.match(said)
    if term:
        found = next(i for i in range(len(_TERMS)) if term.group(f"t{i}"))
        return SideQuestion(TERM, _TERMS[found][0])
    if _NORMAL.match(said):
        return SideQuestion(NORMAL)
    if _ABOUT_THE_STEP.match(said):
        return None  # "what should I do here?": about the step, explained by its own help
    if _ADVICE.match(said) and (clause.rstrip().endswith("?") or said.startswith(("should i", "what should i", "shall i"))):
        return SideQuestion(ADVICE)
    return None


def read(text: str) -> Optional[SideQuestion]:
    """The question to Reflect that `text` asks, or None when it is an answer (see the module's docstring)."""
    if (text or "").lstrip().startswith("/"):
        return None
    parts = _clauses(text)
    for number, clause in enumerate(parts[:3]):
        found = _question_clause(clause)
        if found is None:
            # Only lead-ins and a word of chatter may come before the question ("thanks. who can read this?").
            if _LEAD_IN.sub("", clause.lower()).strip(" ,.;:!?-") not in _CHATTER:
                return None
            continue
        if number and _REPORTED.search(parts[number - 1]):
            return None
        later = parts[number + 1:]
        answered = [c for c in later if _SELF_ANSWER.match(c.lower().strip())]
        if found.kind in (NORMAL, ADVICE) and answered or found.kind == TERM and any(
            re.match(r"(?:yes|yeah|yep|no|nope|nah)\b", c.lower().strip()) for c in answered
        ):
            return None
        return SideQuestion(found.kind, found.term, " ".join(later))
    return None


def not_asked_of_reflect(text: str) -> bool:
    """True when a question in `text` is part of an answer: someone else's ("my mum asked, should I
    tell your dad?"), or answered in the same message ("what else could happen? I might pass")."""
    parts = _clauses(text)
    for number, clause in enumerate(parts):
        if not clause.endswith("?") and not re.match(
            r"^(?:what|how|why|who|where|when|which|is|are|am|can|could|do|does|did|will|would|should)\b", clause, re.I
        ):
            continue
        if number and _REPORTED.search(parts[number - 1]):
            return True
        following = parts[number + 1] if number + 1 < len(parts) else ""
        return bool(_SELF_ANSWER.match(following) or _ANSWER_OPENING.match(following)) and not read(text)
    return False


# How an answer to one's own question opens: "what else could happen? I might pass".
_ANSWER_OPENING = re.compile(
    r"^(?:i|it|they|he|she|we|that|there) (?:might|could|may|would|will|probably|did|was|were|is|are)\b|^that i\b", re.I
)


_MEDICATION = re.compile(
    r"\b(?:meds|medication|medications|medicine|pills?|tablets?|antidepressants?|dose|dosage|prescription|"
    r"sertraline|fluoxetine|citalopram|escitalopram|prozac|zoloft|lexapro|venlafaxine|mirtazapine|propranolol)\b",
    re.I,
)


def about_medication(text: str) -> bool:
    """True when a question names a medicine: a question for a doctor, answered as such."""
    return bool(_MEDICATION.search(text or ""))


def asks_about_privacy(text: str) -> bool:
    """"Who can read this?", "is what I write here private?": asked anywhere."""
    found = read(text)
    return found is not None and found.kind == PRIVACY


def answer(kind: str) -> Message:
    """The short answer to a privacy, "is this normal?" or advice question."""
    return Message({PRIVACY: PRIVACY_ANSWER, NORMAL: NORMAL_ANSWER, ADVICE: ADVICE_ANSWER}[kind])


NORMAL_OUTSIDE_ANSWER = (
    "I can't tell you what's normal, but feeling like this is very common, and it makes sense to ask. "
    "If you like, we can look at it together: work through the thought step by step, or just write about it."
)
_NORMAL_WORDS = re.compile(
    r"\b(?:normal|common|usual|the only one|other people|others|everyone|everybody|most people|lots of people)\b", re.I
)


def asks_if_normal(text: str) -> bool:
    """"Is it normal to get this worked up about exams?": asked outside a record (not about a medicine)."""
    found = read(text)
    return (found is not None and found.kind == NORMAL and bool(_NORMAL_WORDS.search(text or ""))
            and not about_medication(text))


def normal_answer_outside(buttons: list[dict[str, str]]) -> Message:
    """The answer to "is this normal?" outside a record, with the ways to look at it."""
    return Message(NORMAL_OUTSIDE_ANSWER, buttons)
