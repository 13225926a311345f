"""Inside a flow, is a message an answer, a command about the flow, or a question?

In the thought record and in practice drills nearly everything a person types
is an answer. A message is read as a command only when the whole message means
it, in one of two ways:

- an explicit phrase: the message, once greetings, hedges and politeness are
  set aside ("ugh", "honestly", "please", "for now"), *is* a command
  ("let's stop here", "let me out of this", "I don't want to do this today");
- a short message that the classifier reads as a control intent with high
  confidence *and* that is shaped like a request: it opens with a command verb
  ("stop", "cancel it", "skip") or with a request ("I want to", "can we",
  "let's"). "She cancelled" reports what someone did and "I couldn't stop
  crying" tells what happened: both stay answers whatever the classifier says.

A command may also follow a first clause of something else: "why is it still
doing steps. lets stop here", "all or nothing probably. actually can we just
write instead". A later clause counts when it is a command by itself and opens
as a request ("can we", "let's", "I want to") or after a turn-around word
("actually", "I mean", "wait"); a request someone else made ("she asked, can
we stop here") stays an answer.

Questions are read the same way ("what is mind reading?", "what do you mean?",
"are you a real person?"): the caller answers them and asks the step again.

Everything here is plain data and functions; the tables are the vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

# A control intent is obeyed from the classifier alone only when it is this
# sure and the message is this short (in words, after fillers are removed).
CONFIDENCE = 0.6
MAX_WORDS = 8

# The controls a flow can be asked for.
PAUSE = "pause"
ABANDON = "abandon"
SKIP = "skip"
BACK = "go_back"
SWITCH_EXPLORE = "switch_explore"
STOP = "stop"  # practice: end the round (it keeps nothing half-done)

# Which control each intent asks for, when the message is shaped like a request.
INTENT_CONTROLS: dict[str, str] = {
    "pause": PAUSE,
    "done_for_today": PAUSE,
    "goodbye": PAUSE,
    "stop_practice": STOP,
    "abandon": ABANDON,
    "skip": SKIP,
    "go_back": BACK,
    "choose_explore": SWITCH_EXPLORE,
}

# Words that carry no command and no content at either end of a message.
_LEADING = (
    "ugh ugh+ argh+ ok okay okk k um+ umm+ uh+ hmm+ hm+ er+ erm+ honestly actually sorry look well "
    "tbh oh god omg lol lmao right so just please pls plz reflect hey hi yeah yea yes yep ah ahh "
    "man dude seriously really alright anyway anyways but and so ye ya yh"
).split()
_TRAILING = (
    "please pls plz now lol tbh honestly thanks thank you ok okay then already mate sorry "
    "for now for today today tonight right now for a bit for a while anymore any more again ty haha"
).split(" ")
_TRAILING_PHRASES = sorted(
    ["for now", "for today", "right now", "for a bit", "for a while", "any more", "thank you", "at the moment"]
    + [w for w in _TRAILING if " " not in w],
    key=len,
    reverse=True,
)

# Messages that are a command by themselves (full match after fillers).
_THIS = r"(?:this|it|that|the steps|these steps|the questions|these questions|the record|this record|the thought record|this thought record|this one|the exercise|this exercise|the worksheet|this worksheet|worksheet|the form|this form|the quiz|this quiz|the drills?|these drills|practice|practising|practicing|here|everything|all this|all of this)"
_WANT = r"(?:i (?:just |really |kinda |kind of )?(?:want|need|have|would like|wanna|gotta|got|d like|d rather|would rather)(?: to)?|(?:i'?m|i am) (?:gonna|going to)|can we|could we|can i|could i|shall we|lets|let us|id like to|i'd like to|id rather|i'd rather)(?: just| maybe| simply)?"
_NOT_WANT = r"(?:i (?:just |really )?(?:dont|don't|do not) (?:want to|wanna|feel like|feel like doing|have the energy (?:to|for)|do|be bothered (?:to|with)))"
# Writing freely instead of the steps: the exploratory mode in the person's words.
_FREELY = (
    r"(?:explore|exploring|explore mode|journal|journals|journaling|journalling|journal mode|the journal|"
    r"free ?writing|free ?write|write|writing|talk|talking|chat|chatting|vent|venting|rant|ranting|"
    r"the other (?:way|one|mode)|the exploring one|the journal one|the writing one)"
)
_ABOUT = (
    r"(?: (?:about (?:it|this|that|things|stuff|him|her|them|what happened|my day|whats on my mind|"
    r"what's on my mind)|whats on my mind|what's on my mind|freely|for a bit|for a while|it out|things out))?"
)
_INSTEAD = (
    r"(?: (?:instead|instead of this|now|then|rather|for now|like before|like earlier|normal|normally|like normal|"
    r"as normal|as usual|like usual|like a normal person|"
    r"without (?:the |these |all the |all these |any )?(?:steps|questions|structure|exercises?|forms?|homework)|"
    r"rather than (?:this|that|the steps|doing this|doing the steps)))*"
)
_JUST = r"(?:just |only |simply |rather )"
# A record resumed from before, in the person's words: "the old one", "that last record".
_OLD = r"(?:the|that|my) (?:old|last|previous|other|earlier|first) (?:one|record|thought record|worksheet)"
# "... and start new": throw it away, then begin another.
_AND_NEW = (
    r"(?: and (?:then )?(?:start|begin|do|make|write)(?: (?:a|an))? (?:new|fresh|over|again|afresh|another)"
    r"(?: (?:one|record|thought record|worksheet))?)?"
)
_LATER = r"(?:later|another time|another day|tomorrow|some other time|next time|next week|tonight|in a bit)"
# "... and I do the rest next time": a pause that promises to come back.
_REST_LATER = (
    rf"(?: and (?:i'?ll |i will |i |we'?ll |we will |we |maybe )?(?:do|finish|continue|complete|carry on with|"
    rf"pick up|come back to) (?:the rest|it|this|the others?|the other steps|the rest of it)(?: {_LATER})?)?"
)
EXPLICIT: dict[str, tuple[str, ...]] = {
    SWITCH_EXPLORE: (
        rf"(?:{_WANT} )?(?:go back to|switch to|switch back to|change to|move to|swap to)(?: the)? "
        rf"{_JUST}?{_FREELY}{_ABOUT}{_INSTEAD}",
        # "try journaling" alone may be a plan for the next step; asked as a question it is a switch.
        rf"(?:can i|can we|could i|could we|shall we|lets|let's) (?:try|do|use)(?: the)? {_JUST}?{_FREELY}{_ABOUT}{_INSTEAD}",
        rf"(?:{_WANT}|can i|can we|could i|could we|may i) {_JUST}{_FREELY}{_ABOUT}{_INSTEAD}",
        rf"i (?:just|only|really just) (?:want|wanna|need|would like|d like)(?: to)? {_FREELY}{_ABOUT}{_INSTEAD}",
        rf"(?:can i|can we|could i|could we|may i|shall we|lets|let's) {_FREELY}{_ABOUT}{_INSTEAD}",
        rf"{_WANT} {_JUST}?{_FREELY}{_ABOUT}(?: (?:instead|instead of this|rather than (?:this|that|the steps|doing this)|"
        r"without (?:the |these |any )?(?:steps|questions|structure|exercises?|homework)))+",
        rf"(?:{_WANT} )?(?:stop|pause|leave|quit|drop|end|skip) (?:{_THIS}|the steps|these steps|the questions) "
        rf"and (?:{_JUST}|go back to |switch to )?(?:{_JUST})?{_FREELY}{_ABOUT}{_INSTEAD}",
        rf"{_NOT_WANT}(?: (?:do|doing))? (?:{_THIS}|the steps|these steps|steps|exercises|an exercise|homework)"
        rf" (?:i )?{_JUST}?(?:want|wanna|would rather|d rather|id rather|i'd rather)(?: to)? {_JUST}?{_FREELY}{_ABOUT}{_INSTEAD}",
        r"(?:explore|exploring|explore mode|journal mode)|"  # ("just" is set aside as a filler)
        r"(?:just (?:explore|journal|journaling|journalling|free writing|freewriting)(?: (?:instead|please|now|mode))*|"
        r"(?:explore|journal|journaling|journalling|free writing|freewriting) (?:instead|mode)(?: (?:instead|please|now))*)",
        rf"(?:{_WANT} )?(?:(?:do (?:it|this)|carry on|keep going|go on) )?without (?:the |these |all (?:the |these )?|any )?"
        r"(?:steps|structure|exercises?|worksheet|forms?)",
    ),
    PAUSE: (
        rf"(?:{_WANT} )?(?:stop|pause|halt|take a break|have a break|a break|break|wrap up|wrap it up|call it a day|"
        rf"call it there|call it here|leave it there|leave it here|leave it at that|end here|end it here|time out)"
        rf"(?: {_THIS})?(?: (?:here|there|now|and save(?: it)?|for later|for a sec|for a second|for a minute))?{_REST_LATER}",
        r"(?:i )?want out",
        r"(?:enough|no more) (?:steps|questions|of this|of these questions)",
        r"(?:(?:i'?m|i am) )?not up (?:to|for) (?:this|it|that)",
        rf"(?:{_WANT} |i'?ll |i will |i |we'?ll |we will |we |maybe )?(?:stop|pause|leave|finish|continue|do|carry on with|"
        rf"carry on|come back to|pick (?:this|it) up|do the rest|finish the rest|continue the rest) (?:{_THIS} )?{_LATER}",
        rf"(?:let|get) me (?:out|go)(?: of {_THIS})?",
        rf"(?:{_WANT} )?(?:get|go) out(?: of {_THIS})?",
        rf"{_NOT_WANT}(?: (?:do|doing|continue|finish|keep going with|go on with|carry on with))? {_THIS}",
        rf"{_NOT_WANT}(?: (?:do|continue) (?:it|this|any of this))?",
        r"not (?:now|today|tonight|right now)",
        r"(?:i'?m|i am) (?:done|finished|out)(?: (?:for|with) (?:today|now|this|tonight|it))?",
        r"(?:that'?s|that is|ive had|i've had|i have had) enough",
        r"enough",
        r"(?:i )?(?:need|have|gotta|got) to go",
        r"save (?:it|this)(?: for later)?",
        r"no more",
        r"(?:i'?m|i am) (?:not in the mood|too tired for this)",
    ),
    ABANDON: (
        rf"(?:{_WANT} )?(?:cancel|scrap|delete|discard|bin|trash|erase|abandon|ditch|drop)(?: (?:{_THIS}|{_OLD}))?(?: (?:please|now|away))?{_AND_NEW}",
        rf"(?:{_WANT} )?(?:throw|chuck|toss|get rid of) (?:(?:{_THIS}|{_OLD}) )?(?:away|out)?{_AND_NEW}",
        rf"(?:{_WANT} )?(?:forget|forget about) (?:it|this|this one|the record|this record|{_OLD}){_AND_NEW}",
        rf"(?:{_WANT} )?(?:start (?:over|again|afresh|from scratch|new|fresh)|start a new one|start a new record|start a fresh one)",
        r"(?:dont|don't|do not) (?:save|keep) (?:it|this|this one|anything|the record|this record)",
    ),
    SKIP: (
        rf"(?:{_WANT} )?(?:skip|pass)(?: (?:it|this|that|this one|this step|this question|the question|on this|on that|on this one))?",
        r"next(?: (?:one|step|question))?",
        rf"(?:{_WANT} )?move on(?: to the next (?:one|step|question|bit))?",
        r"(?:i'?d|i would|id) rather not(?: (?:answer|say))?(?: (?:this|that|this one))?",
        r"(?:i )?(?:dont|don't|do not) (?:want to|wanna) answer(?: (?:this|that|this one|it))?",
        r"leave (?:it|this|that) (?:blank|empty|out)",
        r"no (?:answer|comment)",
    ),
}
_EXPLICIT = {name: [re.compile(rf"^(?:{p})$") for p in patterns] for name, patterns in EXPLICIT.items()}

# A request opens with a command verb, or with "I want to / can we / let's".
_COMMAND_VERBS = set(
    """stop pause halt quit exit leave end finish cancel scrap delete discard bin trash erase abandon ditch drop
    throw chuck forget skip pass next move go back undo redo change edit fix correct switch swap let get save
    keep take hold put continue resume carry start help explain tell show define no enough done
    bye goodbye cya ttyl gtg goodnight night later laters""".split()
)
_REQUEST = re.compile(
    r"^(?:i (?:just |really |kinda )?(?:want|need|have|would like|wanna|gotta|d like|d rather|would rather|"
    r"dont want|don't want|do not want)|can (?:we|i|you)|could (?:we|i|you)|shall we|lets|let's|let us|"
    r"id like|i'd like|id rather|i'd rather|i'?m done|i am done|please)\b"
)


_AND = {"n", "nd", "an", "&"}  # "stop the worksheet n just talk": "and" as people type it


def _plain(text: str) -> list[str]:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    return ["and" if word in _AND else word for word in text.split()]


def _is_filler(word: str) -> bool:
    return word in _LEADING or bool(re.fullmatch(r"(?:u+g+h+|a+r+g+h+|h+m+|u+m+|o+k+)", word))


def core(text: str, trailing: bool = True) -> str:
    """The message without punctuation, case or the fillers around a command."""
    words = _plain(text)
    changed = True
    while words and changed:
        changed = False
        if words and _is_filler(words[0]):
            words = words[1:]
            changed = True
        if not trailing:
            continue
        joined = " ".join(words)
        for phrase in _TRAILING_PHRASES:
            if joined.endswith(" " + phrase) and len(joined) > len(phrase):
                words = joined[: -len(phrase) - 1].split()
                changed = True
                break
    return " ".join(words)


_NEW_AFTER = re.compile(
    r"\b(?:start|begin|do|make|write)(?: (?:a|an))? (?:new|fresh|over|again|afresh|another)\b|\bnew one\b"
)


def starts_new(text: str) -> bool:
    """True when a request to throw a record away also asks for a new one ("bin it and start new")."""
    return bool(_NEW_AFTER.search(core(text)))


# "I said I want to stop": the person insisting on their own request, not reporting someone's.
_INSISTING = re.compile(r"^(?:(?:like |as )?i (?:told you already|said already|already told you|already said|just said|told you|said)(?: that)?|i repeat) ")


def _stated(text: str) -> Optional[str]:
    """The control `text` is, as a whole once fillers are set aside, or None."""
    for said in dict.fromkeys((core(text), core(text, trailing=False))):
        said = _INSISTING.sub("", said)
        said = re.sub(r"\b(?:the|this|my) (?:whole|entire) ", "this ", said.replace("let's", "lets"))
        for name, patterns in _EXPLICIT.items():
            if any(p.match(said) for p in patterns):
                return name
    return None


# Where one clause ends and the next begins, and the words that turn a message
# around ("X. actually, can we stop"): what follows them is what is asked now.
_BOUNDARY = re.compile(r"[.!?;:\n]+\s*|,\s*|\s+-+\s+|\s*[\u2013\u2014]\s*")
_PIVOT = re.compile(
    r"^(?:(?:no|nah|ok|okay|so|but|and|um+|hmm+|oh)\W+)*"
    r"(?:actually|no i mean|i mean|i meant|wait|on second thoughts?|anyway|anyways|tbh|to be honest|honestly|"
    r"scratch that|forget that|hold on|hang on|you know what|in fact|ok so|okay so|right so)\b\W*",
    re.I,
)
# Someone else's words ("she asked, can we stop here"; "I kept thinking: let me out"): reported, not asked.
_REPORTED = re.compile(
    r"\b(?:said|says|say|asked|asks|ask|told \w+|tells \w+|goes|went|was like|were like|texted|wrote|"
    r"replied|shouted|yelled|screamed|whispered|messaged|thought|thinking|think|begged|kept saying)\W*$",
    re.I,
)

# ... or told after it: "can we talk about it, I asked".
_REPORTING_TAG = re.compile(
    r"^(?:i|he|she|they|we|you|my \w+|[a-z]+) (?:said|asked|says|asks|goes|went|texted|wrote|replied|shouted|"
    r"yelled|screamed|whispered|messaged|begged|added)\b"
)


def clauses(text: str) -> list[tuple[str, bool]]:
    """The message's clauses in order, each with whether a turn-around word opened it."""
    found: list[tuple[str, bool]] = []
    for piece in _BOUNDARY.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        turned = _PIVOT.match(piece)
        rest = piece[turned.end():].strip() if turned else piece
        if rest:
            found.append((rest, bool(turned)))
    return found


# A later clause asks when it opens like this; "I'm done." or "please stop" after a
# story may be part of the story, so they count only as the whole message.
_CLAUSE_REQUEST = re.compile(
    r"^(?:i (?:just |really |kinda )?(?:want|wanted|need|would like|wanna|d like|d rather|would rather)|"
    r"can (?:we|i|you)|could (?:we|i|you)|shall we|lets|let us|id like|i'd like|id rather|i'd rather)\b"
)


# "I need a break" at the end of a story may be the story ("he's ill and I'm exhausted,
# I need a break"); said of the flow ("I want to stop here", "I'd rather just write") it asks.
_ASKING = re.compile(r"^(?:can (?:we|i|you)|could (?:we|i|you)|shall we|lets|let us)\b")
_ABOUT_THE_FLOW = re.compile(
    rf"\b(?:{_THIS}|here|there|now|later|steps?|questions?|write|writing|journal\w*|explore|exploring|talk|talking|"
    r"vent|venting|chat|chatting|instead)\b"
)


def _opens_as_request(text: str) -> bool:
    said = core(text, trailing=False).replace("let's", "lets")
    insisting = bool(_INSISTING.match(said))
    said = _INSISTING.sub("", said)
    if _ASKING.match(said) or (insisting and _CLAUSE_REQUEST.match(said)):
        return True  # "I said I want stop": asked before, asked again
    return bool(_CLAUSE_REQUEST.match(said)) and bool(_ABOUT_THE_FLOW.search(said))


def explicit(text: str) -> Optional[str]:
    """The control a message states outright, or None.

    The whole message may be the command, or a later clause of it that asks
    as a request does (see the module's docstring).
    """
    stated = _stated(text)
    if stated is not None:
        return stated
    parts = clauses(text)
    if len(parts) < 2 and not (parts and parts[0][1]):
        return None
    lowered = " ".join((text or "").lower().split())
    for number, (clause, turned) in enumerate(parts):
        if not (turned or _opens_as_request(clause)):
            continue
        before = lowered[: lowered.find(" ".join(clause.lower().split()))]
        after = parts[number + 1][0] if number + 1 < len(parts) else ""
        if _REPORTED.search(before) or _REPORTING_TAG.match(after.lower()):
            continue
        stated = _stated(clause)
        if stated is not None:
            return stated
    return _closing_abandon(text, parts)


# "... i dont think this is helping tonight, throw this away": a message may end on a bare order to
# throw the record away. Only throwing away counts this way, since it is always confirmed first.
_ABANDON_VERB = re.compile(r"^(?:cancel|scrap|delete|discard|bin|trash|erase|abandon|ditch|throw|chuck|toss|get rid|forget)\b")


def _closing_abandon(text: str, parts: list[tuple[str, bool]]) -> Optional[str]:
    if len(parts) < 2:
        return None
    last = parts[-1][0]
    said = core(last, trailing=False)
    if not _ABANDON_VERB.match(said) or _stated(last) != ABANDON:
        return None
    lowered = " ".join((text or "").lower().split())
    before = lowered[: lowered.rfind(" ".join(last.lower().split()))]
    return None if _REPORTED.search(before) else ABANDON


# "I want to stop feeling like this", "can I quit overthinking": the verb is
# about the person's life, not the flow, when a doing-word follows it.
_LIFE_NOT_FLOW = re.compile(
    r"\b(?:stop|quit|pause|skip|finish|end|give up|leave off|cut out)\s+"
    r"(?!(?:doing|practising|practicing|working|writing|answering)\b)[a-z']+ing\b"
)


# "I want to write to my brother", "can I talk to her about it": a plan about someone, not the flow.
_TOWARDS_SOMEONE = re.compile(
    r"\b(?:to|with) (?:my|his|her|their|our|your|him|them|us|someone|somebody|anyone|everyone|"
    r"mum|mom|dad|[a-z]+'s)\b"
)


def request_shaped(text: str) -> bool:
    """True when a message opens like a command or a request about the flow, not like a report."""
    said = core(text)
    if not said or _LIFE_NOT_FLOW.search(said) or _TOWARDS_SOMEONE.search(said):
        return False
    first = said.split()[0]
    return first in _COMMAND_VERBS or bool(_REQUEST.match(said))


_PAYLOAD = re.compile(r"^/(\w+)")


def pressed(text: str) -> Optional[str]:
    """The intent of a button's payload ("/choose_explore"), or None for typed text."""
    found = _PAYLOAD.match((text or "").strip())
    return found.group(1) if found else None


def read(text: str, intent: Optional[str], confidence: float, allowed: Iterable[str]) -> Optional[str]:
    """The control a message asks for among `allowed`, or None when it is an answer."""
    allowed = set(allowed)
    stated = explicit(text)
    if stated in allowed:
        return stated
    control = INTENT_CONTROLS.get(intent or "")
    if control in allowed and pressed(text) == intent:
        # A button press says exactly what it means, whatever the step.
        return control
    if control is None or control not in allowed or confidence < CONFIDENCE:
        return None
    if len(core(text).split()) > MAX_WORDS:
        return None
    return control if request_shaped(text) else None


# --- questions -------------------------------------------------------------

# "What do you mean?" about the step on screen.
_ABOUT_THE_STEP = re.compile(
    r"^(?:what|wat|wut|huh|eh|sorry|pardon|come again|"
    r"what do (?:you|u) mean(?: by (?:that|this))?|wdym|what does (?:that|this|it) mean|what is (?:that|this)|"
    r"what(?:'?s| is| are) (?:that|this|it) (?:for|about)|what(?:'?s| is) the point(?: of (?:this|that|it))?|"
    r"why(?: do| are| would)? (?:you|u) (?:ask|asking|want to know|need to know)(?: (?:that|this))?|why|why this|"
    r"i (?:dont|don't|do not) (?:understand|get it|get what you mean|get the question|understand the question|understand what you mean|understand what you(?:'re| are) asking)|"
    r"(?:i'?m|i am) (?:confused|not sure what you mean|not sure what to (?:write|put|say))|confused|"
    r"what (?:should|do|can) i (?:write|put|say|answer)(?: here)?|like what|such as|for example|example|"
    r"(?:can|could) (?:you|u) (?:explain|give (?:me )?an example|rephrase|say that again|clarify)(?: (?:that|this|please))?|"
    r"explain(?: (?:that|this|please))?|give me an example|an example|any examples?|what kind of (?:thing|answer)|"
    r"how do i (?:answer|do) (?:this|that)|how do i rate (?:it|this|that))$"
)
_QUESTION_START = re.compile(
    r"^(?:what|whats|what's|wat|how|why|who|where|when|which|is|are|am|can|could|do|does|did|will|would|should|"
    r"tell me|explain|define|meaning)\b"
)


def is_question(text: str) -> bool:
    """True when a message reads as a question rather than a statement."""
    lowered = " ".join((text or "").lower().split())
    return lowered.endswith("?") or bool(_QUESTION_START.match(core(text)))


def asks_about_the_step(text: str) -> bool:
    """"What do you mean?", "why do you ask?", "can you give an example?"."""
    return bool(_ABOUT_THE_STEP.match(core(text)))


@dataclass(frozen=True)
class Aside:
    """A question or request off the flow's path, answered by a domain response."""

    intent: str
    response: str


# An off-topic request said without a question mark opens with what it asks for ("set an alarm",
# "tell me a joke", "can you book a table").
_ASKS_FOR_A_SERVICE = re.compile(
    r"^(?:(?:please|pls|plz|hey|ok|okay)\s+)?(?:can you|could you|would you|will you|can u|tell me|give me|show me|"
    r"set|book|play|find|order|call|text|send|remind|translate|write me|make me|buy|look up|google|search|"
    r"what'?s|whats|who|where|when|how)\b"
)


# Asides answered in any flow, then the step is asked again.
ASIDE_RESPONSES: dict[str, str] = {
    "bot_challenge": "utter_bot_challenge",
    "out_of_scope": "utter_out_of_scope_brief",
    "ask_therapist": "utter_boundary_therapist",
    "ask_diagnosis": "utter_boundary_diagnosis",
    "ask_medication": "utter_boundary_medication",
    "ask_what_cbt": "utter_what_is_cbt_brief",
    "ask_what_explore": "utter_what_is_explore_brief",
    "ask_difference": "utter_modes_difference",
    "ask_thought_record": "utter_what_is_thought_record_brief",
    "help": "utter_help_in_flow",
}


def aside(text: str, intent: Optional[str], confidence: float) -> Optional[Aside]:
    """A question off the flow's path that deserves a brief answer, or None.

    Only questions and short requests count: "my therapist says I overthink"
    is an answer, "are you a therapist?" is an aside.
    """
    if ("?" in (text or "") or is_question(text)) and _TWO_WAYS.search(" ".join((text or "").lower().split())):
        return Aside("ask_difference", ASIDE_RESPONSES["ask_difference"])  # whatever the classifier made of it
    if intent not in ASIDE_RESPONSES or confidence < CONFIDENCE:
        return None
    if not (is_question(text) or len(core(text).split()) <= 4):
        return None
    if intent == "out_of_scope" and not (is_question(text) or _ASKS_FOR_A_SERVICE.match(core(text))):
        return None  # "On the train home" is a situation, however the classifier read it
    if intent in _ABOUT_A_MODE and asks_for_comparison(text):
        # "What's the difference between the two ways?": both ways, side by side.
        return Aside(intent, ASIDE_RESPONSES["ask_difference"])
    return Aside(intent, ASIDE_RESPONSES[intent])


# "whats the difference between the two ways?", "cbt vs journaling which is better": about Reflect's two ways.
_TWO_WAYS = re.compile(
    r"\b(?:difference|differences|differ|different|compare|versus|vs)\b.*\b(?:(?:two|both|the) (?:ways|modes|options)|cbt|"
    r"journal\w*|explor\w*|structured one|thought records?)\b|"
    r"\b(?:cbt|journal\w*|explor\w*|structured one|thought records?)\b.*\b(?:difference|differences|differ|different|versus|vs)\b"
)
_ABOUT_A_MODE = frozenset({"ask_what_cbt", "ask_what_explore", "ask_thought_record", "help", "ask_difference"})


# Hedges make a choice tentative: "not sure about labelling", "maybe mind reading?".
_HEDGE = re.compile(
    r"\b(?:not sure|unsure|not certain|maybe|perhaps|might be|could be|possibly|idk|dunno|"
    r"i don'?t know|i dont know|no idea|not really sure|kind of|kinda|sort of|i'?m not sure|is it|would it be)\b"
)


def hedged(text: str) -> bool:
    """True when a choice is offered tentatively rather than made."""
    lowered = " ".join((text or "").lower().replace("\u2019", "'").split())
    return lowered.rstrip().endswith("?") or bool(_HEDGE.search(lowered))


_ALL = re.compile(r"^(?:(?:i think |i guess |probably |prob |maybe )?(?:all|all of (?:them|these|those|em)|every one|everything|each of them|all three|all 3|both|both of them|all fit|they all fit|they all do|all apply|all of the above))$")
_NONE = re.compile(r"^(?:(?:no|nope|nah) )?(?:none|none of (?:them|these|those|em)|none fit|none apply|neither|nothing|nothing fits|no|nope|nah|not really|no trap|no traps|i don'?t think (?:any|so)|doesn'?t fit|none of the above)$")


def says_all(text: str) -> bool:
    return bool(_ALL.match(core(text)))


def says_none(text: str) -> bool:
    return bool(_NONE.match(core(text)))


_COMPARISON = re.compile(
    r"\b(?:difference|differences|different|differ|compare|comparison|versus|vs|"
    r"which (?:one|way|mode|option) (?:should|would|is better|is best|do you recommend|suits)|"
    r"which (?:should|would) i (?:pick|choose|do)|which is better|better for me|"
    r"both (?:ways|modes|options)|the two (?:ways|modes|options))\b"
)


def asks_for_comparison(text: str) -> bool:
    """"What's the difference between the two ways?", "cbt or journaling, which should I pick?"."""
    return bool(_COMPARISON.search(" ".join((text or "").lower().split())))
