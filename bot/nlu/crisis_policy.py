"""A dialogue policy that answers crisis language before anything else.

Rasa lets an active form run before any rule, and a form asks the action
server to validate its slots. If the action server is down, or a form is in
the middle of a step, a rule alone could not guarantee the crisis reply. This
policy outranks every other one (highest priority, a "no user" prediction
like a form's own), so whenever the intent is `crisis`:

- a running form is paused (deactivated with its slots kept, so it can be
  resumed later), and
- `utter_crisis_support`, a domain response, is sent; then the bot listens.

The answer to the reply's question "Are you safe right now?", pressed or typed
("I'm safe for now", "yeah I'm ok", "no I'm not safe", "I don't know"), gets its
follow-up response in every mode, even while a form is paused or the action
server is down: the policy reads it only right after the crisis reply (or the
follow-up that asks again), so "no" or "I don't know" elsewhere mean what they
always meant.

A tier-2 hit (intent `crisis_check`) gets `utter_crisis_checkin`, a gentle
question, pausing a running form the same way. "Yes" (or "not safe", "I don't
know", crisis language) leads to `utter_crisis_support`; "no" gets
`utter_crisis_checkin_no` and the paused form, if any, starts again where it
was, with the message that set off the check-in kept as the answer to the
form's question; while journaling, `action_reflect` then takes that message as
journal text, and no second check-in is asked in that session (tier 1 still
answers any crisis language). "Yes" or "no" in another language ("no quiero vivir") is not
read as an English one: it gets the crisis reply. "I'm not safe" typed at any
point outside the crisis reply's own question gets the crisis reply too. The
check-in itself needs no action server (the form it resumes does).

It needs no training and no action server.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.rules_in_code import RulesInCode, action_since_last_message, last_bot_action, ran_this_session

CRISIS_INTENT = "crisis"
CRISIS_RESPONSE = "utter_crisis_support"
CRISIS_POLICY_PRIORITY = 10  # above RulePolicy (4) and MemoizationPolicy (3)

# The question "are you safe?" is asked by these responses; the answer's intent
# picks the follow-up.
ASKS_IF_SAFE = {CRISIS_RESPONSE, "utter_crisis_followup_unsure"}
SAFETY_ANSWERS: Dict[Text, Text] = {
    "safe_now": "utter_crisis_followup_safe",
    "affirm": "utter_crisis_followup_safe",
    "not_safe": "utter_crisis_followup_unsafe",
    "deny": "utter_crisis_followup_unsafe",
    "unsure_safe": "utter_crisis_followup_unsure",
    "stuck": "utter_crisis_followup_unsure",
}
# "I'm safe, I only said I was making tea": safe, and the reply was a misreading.
MISREAD_RESPONSE = "utter_crisis_followup_misread"
FOLLOW_UPS = {*SAFETY_ANSWERS.values(), MISREAD_RESPONSE}
# The crisis reply's buttons, which stay on screen: pressed after another message, still answered.
BUTTON_ANSWERS = ("safe_now", "not_safe")

CHECKIN_INTENT = "crisis_check"
NOT_SAFE_INTENT = "not_safe"
# An answer to the check-in in another language is not read as an English yes
# or no: it is treated like "I don't know" (the crisis reply, with helplines).
CHECKIN_RESPONSE = "utter_crisis_checkin"
# An unprompted "not safe" of at most this many words is taken at its word.
SHORT_NOT_SAFE_WORDS = 8
CHECKIN_NO_RESPONSE = "utter_crisis_checkin_no"
# While journaling, "no" to the check-in hands the message that set it off to the
# journal, so it is saved and answered (a loss acknowledged) like any other.
JOURNAL_ACTION = "action_reflect"
CHECKIN_ANSWERS: Dict[Text, Text] = {
    "affirm": CRISIS_RESPONSE,
    "not_safe": CRISIS_RESPONSE,
    "unsure_safe": CRISIS_RESPONSE,
    "stuck": CRISIS_RESPONSE,
    CHECKIN_INTENT: CRISIS_RESPONSE,
    "deny": CHECKIN_NO_RESPONSE,
    "safe_now": CHECKIN_NO_RESPONSE,
}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CrisisPolicy(RulesInCode):
    """Predicts `utter_crisis_support` whenever the last message was a crisis."""

    PRIORITY = CRISIS_POLICY_PRIORITY

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        answered_by = action_since_last_message(tracker)
        intent = _intent(tracker)
        pause: List[Event] = []
        if tracker.active_loop_name:
            pause = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
            asked = tracker.get_slot(REQUESTED_SLOT)
            if asked:  # what this message filled it with was not an answer to the form
                pause.append(SlotSet(asked, None))
        if answered_by is None and intent == CRISIS_INTENT:
            return self._certain(CRISIS_RESPONSE, domain, pause)
        if answered_by is None and last_bot_action(tracker) == CHECKIN_RESPONSE:
            answer = _checkin_answer(tracker, intent)
            if answer:
                return self._certain(answer, domain, pause)
        if answered_by is None and intent == NOT_SAFE_INTENT and not _asked_if_safe(tracker) and not denies(tracker):
            # "I'm not safe" out of the blue gets helplines; a long message the
            # classifier merely guessed as that gets the gentle question instead.
            short = _words(tracker) <= SHORT_NOT_SAFE_WORDS
            if short and says_unsafe(_latest_text(tracker)):
                return self._certain(CRISIS_RESPONSE, domain, pause)
            if not short and not checked_in_already(tracker):
                return self._certain(CHECKIN_RESPONSE, domain, pause)
            # short and about something else ("no clue honestly", "I am not hungry"): not a safety answer
        if answered_by is None and intent == CHECKIN_INTENT and not checked_in_already(tracker):
            return self._certain(CHECKIN_RESPONSE, domain, pause)
        if answered_by == CHECKIN_NO_RESPONSE:
            paused = _loop_paused_by_checkin(tracker)
            if paused and paused in domain.action_names_or_texts:
                return self._certain(paused, domain, _keep_checked_message(tracker))
            if tracker.get_slot("mode") == "explore" and JOURNAL_ACTION in domain.action_names_or_texts:
                return self._certain(JOURNAL_ACTION, domain, [])  # it listens to the message that was checked
            return self._certain(ACTION_LISTEN_NAME, domain, [])
        if answered_by == CHECKIN_RESPONSE:
            return self._certain(ACTION_LISTEN_NAME, domain, [])
        if answered_by is None and intent in BUTTON_ANSWERS and _pressed_button(tracker) and ran_this_session(tracker, {CRISIS_RESPONSE}):
            return self._certain(SAFETY_ANSWERS[intent], domain, [])  # "I'm safe for now", pressed a little later
        if answered_by is None and not _asked_if_safe(tracker) and denies(tracker) and _asked_if_safe_lately(tracker):
            # "i said NO. im not gonna hurt myself" a turn or two after "are you safe?"
            return self._certain(MISREAD_RESPONSE if misread(tracker) else SAFETY_ANSWERS["safe_now"], domain, [])
        if answered_by is None and _asked_if_safe(tracker):
            follow_up = SAFETY_ANSWERS.get(_intent(tracker) or "")
            if follow_up and denies(tracker):  # "im SAFE. i said i DIDNT say that" is read as "no" by the classifier
                follow_up = SAFETY_ANSWERS["safe_now"]
            if follow_up == SAFETY_ANSWERS["safe_now"] and misread(tracker):
                follow_up = MISREAD_RESPONSE  # no advice about pills and blades for a cup of tea
            if follow_up:
                return self._certain(follow_up, domain, [])
        if answered_by == CRISIS_RESPONSE or answered_by in FOLLOW_UPS:
            return self._certain(ACTION_LISTEN_NAME, domain, [])
        return self._prediction(self._default_predictions(domain))


def _pressed_button(tracker: DialogueStateTracker) -> bool:
    return _latest_text(tracker).startswith("/")


def _asked_if_safe(tracker: DialogueStateTracker) -> bool:
    """True when the bot's last action before the latest message asked "are you safe?"."""
    return last_bot_action(tracker) in ASKS_IF_SAFE


def _asked_if_safe_lately(tracker: DialogueStateTracker, messages: int = 3) -> bool:
    """True when "are you safe?" was asked, and not answered by a follow-up, within the last few messages."""
    seen = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, UserUttered):
            seen += 1
            if seen > messages:
                return False
        elif isinstance(event, ActionExecuted):
            if event.action_name in FOLLOW_UPS:
                return False
            if event.action_name in ASKS_IF_SAFE:
                return True
    return False


def _loop_paused_by_checkin(tracker: DialogueStateTracker) -> Optional[Text]:
    """The form that the latest check-in paused, if it paused one."""
    events = list(tracker.events)
    latest = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted) and e.action_name == CHECKIN_RESPONSE]
    if not latest:
        return None
    i = latest[-1] - 1
    paused = False
    while i >= 0 and not isinstance(events[i], UserUttered):
        paused = paused or (isinstance(events[i], ActiveLoop) and events[i].name is None)
        i -= 1
    if not paused:
        return None
    for event in reversed(events[:max(i, 0)]):
        if isinstance(event, ActiveLoop):
            return event.name
    return None


def checked_in_already(tracker: DialogueStateTracker) -> bool:
    """True while journaling once the person has been asked the check-in question in this session,
    and inside a thought record or a drill once they have answered it "no".

    Asking again after every heavy paragraph of grief tells them they were not
    heard; tier 1 still answers any crisis language at once, and "I'm not safe"
    still gets the crisis reply.
    """
    journaling = tracker.get_slot("mode") == "explore" and not tracker.active_loop_name
    if not journaling and not tracker.active_loop_name:
        return False
    # Inside a thought record or a drill, once they have said no: the step reads the message as its answer.
    return ran_this_session(tracker, {CHECKIN_RESPONSE} if journaling else {CHECKIN_NO_RESPONSE})


def _checkin_answer(tracker: DialogueStateTracker, intent: Optional[Text]) -> Optional[Text]:
    """The response to an answer to the check-in question (None: not an answer)."""
    from bot.nlp.crisis_compose import other_language

    text = _latest_text(tracker)
    if other_language(text or ""):
        return CRISIS_RESPONSE
    if _plain_no(text or "") or denies(tracker) or (_ASKED_BEFORE.search(text or "") and intent != "affirm"):
        return CHECKIN_NO_RESPONSE  # "no. i said no already", "im not suicidal. im grieving", "you ask me that every time"
    if _HEDGE_FIRST.search(text or "") or (_NO_FIRST.search(text or "") and _BUT_YES.search(text or "")):
        return CRISIS_RESPONSE  # "maybe. i dunno", "no but sometimes...": not a no; the helplines and "are you safe?"
    if misread(tracker) and not _BUT_YES.search(text or ""):
        return CHECKIN_NO_RESPONSE  # "im just stressed abt school", "nothing like that"
    return CHECKIN_ANSWERS.get(intent or "")


# "no", after an interjection or two at most ("wtf no??", "god no", "lol nah").
_NO_FIRST = re.compile(
    r"^\W*(?:(?:wtf|omg|oh|god|lol|lmao|what|ha|haha|ugh|um+|uh+|erm|hmm+|well|jeez|bruh|bro|mate|dude|ok|okay)\W+){0,2}"
    r"(?:no+|nope|nah|nop|not at all|of course not|definitely not)\b",
    re.IGNORECASE,
)
# What takes a "no" back: a hedge standing as the answer ("no. maybe.", "no... sometimes") or leading
# to thoughts of it ("no but sometimes i think about it"), not a hedge about something else
# ("no, just a bit stressed", "I only want to write, maybe to understand my feelings").
_BUT_YES = re.compile(
    r"\b(?:yes|yeah|yep|sometimes|maybe|a bit|a little|kind of|kinda|sort of|not sure)"
    r"(?=\s*(?:[.,!?\u2026;:)]|$)|\s+(?:\w+\s+){0,5}?(?:think|thinking|thought|thoughts|wish|wished|want|wanted|die|"
    r"dying|dead|end|ending|hurt|hurting|kill|killing|harm|harming|feel like|felt like|cross(?:es|ed)? my mind)\b)|"
    r"\bbut (?:i|sometimes|lately|maybe)(?: \w+){0,3} (?:(?:think|thought|want|wanted) (?:about|to|of)|wish|wished)\b",
    re.IGNORECASE,
)


# "You asked me that last time": they were asked before and said no then.
_ASKED_BEFORE = re.compile(
    r"\byou(?:'ve| have)? (?:already |just )?ask(?:ed|ing)? (?:me )?(?:that|this|the same)|\bevery (?:single )?time\b|"
    r"\bi (?:already |just )?(?:said|told you) no\b",
    re.IGNORECASE,
)
# An answer to "are you having thoughts of ending your life?" that opens unsure.
# The hedge must stand as the answer ("maybe.", "idk honestly", "sometimes, at night"), not open a
# sentence about something else ("Maybe not so fine. The house is very quiet").
_HEDGE_FIRST = re.compile(
    r"^\W*(?:maybe|perhaps|possibly|probably|idk|i ?dunno|dunno|i don'?t know|not sure|i'?m not sure|sometimes|"
    r"kind of|kinda|sort of|sorta|a bit|a little|i guess|i think so|i suppose|at times|now and then|on and off|"
    r"yes and no|not really sure|hard to say|who knows|i might|might be)"
    r"(?:\s*(?:[.,!?\u2026;:]|$)|\s+(?:honestly|tbh|really|sometimes|lately|at night|yeah|i guess|i think|i suppose)\b)",
    re.IGNORECASE,
)


_DENIAL = re.compile(
    r"\b(?:not|never|no longer|isn'?t|wasn'?t|don'?t|doesn'?t|won'?t|wouldn'?t)\s+(?:\w+\s+){0,2}?(?:suicidal|dangerous|in danger|"
    r"going to (?:hurt|kill|harm|end)|gonna (?:hurt|kill|harm|end)|want(?:ing)? to (?:die|hurt|kill|end))\b|"
    r"\bi(?:'?m| am)(?: (?!not\b|never\b)\w+){0,2} safe\b",
    re.IGNORECASE,
)


_MISREAD = re.compile(
    r"\b(?:misread|misunderstood|misunderstanding|got (?:it|me|that) wrong|read (?:it|that|me) wrong|"
    r"(?:i|I) (?:only|just) (?:said|meant|mean|wrote)|(?:i|I) (?:already )?said no\b|(?:i|I) (?:did ?n'?t|never) (?:say|said|mean|meant)|"
    r"not like (?:that|this)|nothing like (?:that|this)|(?:perfectly|totally|completely|absolutely) (?:safe|fine|ok|okay)|"
    r"(?:are|r) (?:you|u) (?:kidding|serious)|where did (?:that|this) come from|why (?:do |did )?(?:you|u) (?:give|send|show|say|ask)|(?:just|only) (?:sad|tired|grieving|venting|stressed|upset))\b",
    re.IGNORECASE,
)


def misread(tracker: DialogueStateTracker) -> bool:
    """True for a safe answer that says the question was a misreading ("im perfectly safe, i only said tea")."""
    return bool(_MISREAD.search(_latest_text(tracker).replace("\u2019", "'")))


def denies(tracker: DialogueStateTracker) -> bool:
    """True for "no im not suicidal. im grieving": read as "not safe" by the classifier, it says the opposite."""
    return bool(_DENIAL.search(_latest_text(tracker).replace("\u2019", "'")))


def _plain_no(text: str) -> bool:
    """True for an answer that opens with "no" and takes nothing back ("no, i just miss her")."""
    return bool(_NO_FIRST.search(text)) and not _BUT_YES.search(text)


def _keep_checked_message(tracker: DialogueStateTracker) -> List[Event]:
    """The message that set off the check-in, given back to the slot it answered.

    When the check-in paused a form, the message was the answer to the form's
    question; after "no" a written answer (a situation, a thought, evidence) is
    kept there, so the person's next answer goes to the next question. A step
    whose answer is read into a value (a rating, feelings, traps) is asked again."""
    events = list(tracker.events)
    checkins = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted) and e.action_name == CHECKIN_RESPONSE]
    if not checkins:
        return []
    i = checkins[-1] - 1
    while i >= 0 and not isinstance(events[i], UserUttered):
        i -= 1
    if i < 0 or not events[i].text or events[i].text.startswith("/"):
        return []
    for event in reversed(events[:i]):
        if isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            # A step whose answer is read into a value (a rating, feelings, traps) asks again: set
            # as written, the text would skip the reading and the form would take it as answered.
            from bot.cbt.steps import KEPT_AS_WRITTEN

            return [SlotSet(event.value, events[i].text)] if event.value in KEPT_AS_WRITTEN else []
    return []


# An unprompted short "not safe" is taken at its word only when it speaks of safety or danger ("im not
# safe", "i dont trust myself tonight"); the classifier also reads "I am not hungry" or "no clue
# honestly" that way, and those are left to the step or the journal.
_SAYS_UNSAFE = re.compile(
    r"\b(?:(?:un)?safe|safety|danger|dangerous|trust myself|hurt(?:ing)? myself|harm|kill|suicid\w*|die|dying|dead|"
    r"end (?:it|my life|things)|ending it|scared of (?:myself|what i)|can'?t (?:go on|do this any ?more|keep going)|"
    r"won'?t (?:make it|be here)|urges?|do something|stop myself|keep myself)\b",
    re.IGNORECASE,
)


def says_unsafe(text: str) -> bool:
    """True when a message speaks of safety or danger, not of something else said the same way."""
    return bool(_SAYS_UNSAFE.search(text.replace("\u2019", "'")))


def _latest_text(tracker: DialogueStateTracker) -> str:
    """The latest message as written ("" when there is none)."""
    return str(tracker.latest_message.text or "") if tracker.latest_message else ""


def _words(tracker: DialogueStateTracker) -> int:
    """How many words the last message has."""
    return len(_latest_text(tracker).split())


def _intent(tracker: DialogueStateTracker) -> Optional[Text]:
    return (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
