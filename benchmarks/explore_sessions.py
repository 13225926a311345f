"""Exploratory mode, replayed on whole journaling sessions: does a person feel heard?

Each set is JSON lines {id, person, session, turns}; a person's sessions are
replayed in order through the real logic (`bot.explore.journal.JournalSession`,
what `action_reflect` calls) on a fresh SQLite file per person, with the
person's earlier bot replies kept as the conversation store would keep them.
Between sessions the slot is reset, as a new Rasa session does.

Reported per set, for Reflect and two naive baselines run in the same process
("Tell me more." every time, and an echo of the last sentence):
- picked_up: replies to journal text that reuse one of its content words
- fragments: replies with a broken sentence (`bot.nlp.wellformed.problems`)
- repeated_questions / repeated_reflections: a sentence said before to the same
  person (questions: in any session; reflections: in the same session). The
  fixed closing lines (summary opener, takeaway question, goodbye) are left out.
- losses: first mentions of a death, miscarriage, break-up, job loss or diagnosis
  (found with the benchmark's own word list, not the bot's) and how many got an
  acknowledgement ("sorry") in the reply
- marked_losses / marked_acknowledged: where a set has a file of first mentions
  of losses marked by hand (`journal_losses.jsonl` beside
  `journal_sessions.jsonl`, written by someone who saw
  neither the code nor the bot's replies), those first mentions and how many
  got "sorry" in the reply
- early_bridges: offers of a thought record in a session's first three turns,
  on a loss turn, or a second time in a session
- ratio: reflections per question, MITI style: every sentence of every reply
  is coded, a question ends in "?", a reflection is a statement that gives back
  the person's words or feelings (acknowledgements, side-step answers, thanks
  and generic lines are neither); complex reflections add meaning (name a
  feeling the person did not name, join two things, hold both sides, link to
  the past or to earlier entries; a sentence giving back what they wrote in an
  earlier turn or entry counts although it shares no word with this message).
  A text heuristic, not a trained coder.

Usage: .venv/bin/python benchmarks/explore_sessions.py [--set dev|retired|retired-1|heldout|FILE ...] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.explore.closing import TAKE_AWAY  # noqa: E402
from bot.explore.journal import ExploreState, JournalSession  # noqa: E402
from bot.nlp.reflection import turn_pronouns  # noqa: E402
from bot.nlp.wellformed import problems  # noqa: E402
from bot.store.repository import Repository  # noqa: E402

SETS = {
    "dev": ROOT / "benchmarks" / "explore" / "dev_sessions.jsonl",
    "heldout": ROOT / "benchmarks" / "heldout" / "journal_sessions.jsonl",
    "retired": ROOT / "benchmarks" / "retired" / "2026-12-03" / "journal_sessions.jsonl",
    "retired-1": ROOT / "benchmarks" / "retired" / "2026-12-01" / "journal_sessions.jsonl",
}
STOP = set(
    "the and but that was were just like too has been this keeps feels think when she her him his they them their "
    "i'm can't didn't don't again really always will what with have from about there then than would could should "
    "into your you're yours it's its also even still only very much some more most been being because which while "
    "where who why how all any each every other such same want know said says going gone yeah okay".split()
)
LOSS_WORDS = re.compile(
    r"\b(died|dies|passed away|passed on|funeral|miscarr\w+|stillborn|broke up|split up|dumped me|"
    r"fired|laid off|made redundant|redundancy|lost my job|diagnosed|put down|put to sleep|killed himself|"
    r"killed herself|took his own life|took her own life|divorce|left me for)\b",
    re.IGNORECASE,
)
FIGURATIVE = re.compile(r"\b(died (?:of|laughing|inside)|nearly died|almost died|phone died|battery died)\b", re.I)
BRIDGE = "thought record"
FIXED = (TAKE_AWAY, "Thank you for taking this time for yourself.", "Take care of yourself",
         "Come back whenever", "I've saved that")
NEUTRAL = re.compile(
    r"^(?:tell me more|i'm so sorry|i'm sorry|sorry|thank you|thanks|take care|i'm here|i hear you\.?$|i'm with you|take your time|"
    r"no rush|that's okay|that's alright|okay\.|of course|i can't|i'm not much|i'm a computer|whenever you're ready|"
    r"if you'd like, we can|shall we|let's leave|there's room here|go on|you can keep going|one thought stands out|"
    r"losing (?:someone|an animal|work|a pregnancy)|that's a lot to take in|endings like that|it wasn't okay|"
    r"it's still so recent|i'd like to hear|i'm taking in|i'm still here|before you go|you wrote about|you named|"
    r"at one point you wrote|you also wrote|here is what|these are only|so far there|across your|welcome back|"
    r"good to see you|last time you wrote about)",
    re.IGNORECASE,
)
COMPLEX_CUES = re.compile(
    r"\b(both|side by side|last time you wrote|earlier you wrote|more than one feeling|also that|and also|as well as|older|long time ago|back then|"
    r"come up in|came up|keeps coming|again and again|entries|echo\w*|long ago|connects|underneath|part of you|at the same time|"
    r"and it sounds like|and that you|, and you (?:feel|felt)|you (?:feel|felt) [a-z ]+, and)\b",
    re.IGNORECASE,
)

# A sentence that gives back what the person wrote before (another turn, another entry).
EARLIER_WORDS = re.compile(
    r"\b(?:earlier you wrote that|last time you wrote that|has come up in|have come up in|came up (?:earlier|in your))\b",
    re.IGNORECASE,
)


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def turn_texts(session: dict[str, Any]) -> list[str]:
    """The person's messages of a session (turns may be strings or {"text"|"user"|"message": ...})."""
    out = []
    for turn in session.get("turns") or []:
        if isinstance(turn, str):
            out.append(turn)
        elif isinstance(turn, dict):
            for key in ("text", "user", "message", "content"):
                if isinstance(turn.get(key), str):
                    out.append(turn[key])
                    break
    return out


def content(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 3 and w not in STOP}


def sentences(reply: str) -> list[str]:
    return [s.strip() for s in re.findall(r"[^.!?\n]+[.!?]*", reply) if re.search(r"[A-Za-z]", s)]


def feeling_words() -> set[str]:
    import yaml

    data = yaml.safe_load((ROOT / "bot" / "nlp" / "patterns" / "feelings.yml").read_text(encoding="utf-8"))
    return {w for words in data["families"].values() for w in words if isinstance(w, str) and " " not in w}


FEELINGS = feeling_words()


def code(sentence: str, message: str) -> str:
    """'question' | 'complex' | 'simple' | 'other' for one sentence of a reply."""
    if sentence.endswith("?"):
        return "question"
    if NEUTRAL.match(sentence.strip()):
        return "other"
    if EARLIER_WORDS.search(sentence):
        return "complex"  # their words from earlier entries or turns: a reflection even without today's words
    said = set(re.findall(r"[a-z']+", message.lower()))
    words = set(re.findall(r"[a-z']+", sentence.lower()))
    if not (content(sentence) & content(message)) and not (words & FEELINGS):
        return "other"
    new_feeling = (words & FEELINGS) - said - {"feel", "feeling"}
    if new_feeling or COMPLEX_CUES.search(sentence):
        return "complex"
    return "simple"


class _Remembering(Repository):
    """A repository that also keeps the bot's replies, as Rasa's tracker store would."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.said: list[dict[str, Any]] = []

    def transcript_for(self, sender: str) -> list[dict]:
        return list(self.said)


Responder = Callable[[str, list[str]], str]


def reflect_runner(person: str, sessions: list[list[str]]) -> list[list[tuple[str, str]]]:
    """Replay one person's sessions through the real exploratory logic: [[(message, reply)]]."""
    with tempfile.TemporaryDirectory() as folder:
        repo = _Remembering(f"sqlite:///{folder}/bench.db")
        journal = JournalSession(repo, person)
        out = []
        for turns in sessions:
            state = ExploreState()  # a new Rasa session: the slot starts empty
            pairs = []
            for message in turns:
                reply = journal.turn(message, None, state)
                if reply.start_record_with:
                    text = "(thought record starts)"
                else:
                    text = " ".join(t for t, _ in reply.messages)
                state = reply.state
                repo.said.append({"who": "bot", "text": text, "mode": "explore", "at": None})
                pairs.append((message, text))
            out.append(pairs)
        return out


def baseline_runner(respond: Responder) -> Callable[[str, list[list[str]]], list[list[tuple[str, str]]]]:
    def run(person: str, sessions: list[list[str]]) -> list[list[tuple[str, str]]]:
        return [[(m, respond(m, [])) for m in turns] for turns in sessions]

    return run


def tell_me_more(message: str, _: list[str]) -> str:
    return "Tell me more."


def echo(message: str, _: list[str]) -> str:
    last = [s for s in re.findall(r"[^.!?\n]+", message) if s.strip()]
    said = turn_pronouns(last[-1].strip()) if last else ""
    return f"It sounds like {said[:1].lower() + said[1:]}." if said else "Tell me more."


def is_control(message: str) -> bool:
    """Messages that are about the conversation, not journal text (for picked_up only)."""
    from bot.explore.control import take_apart

    return not take_apart(message).journal


def measure(
    runner, people: dict[str, list[list[str]]], show: bool = False, marked: frozenset[tuple[str, int, int]] = frozenset()
) -> dict[str, Any]:
    totals: dict[str, float] = defaultdict(float)
    for person, sessions in people.items():
        played = runner(person, sessions)
        asked_before: set[str] = set()
        loss_seen = False
        for session_index, turns in enumerate(played):
            said_in_session: set[str] = set()
            asked_now: set[str] = set()
            bridges = 0
            for index, (message, reply) in enumerate(turns):
                totals["replies"] += 1
                journal = not is_control(message)
                if journal:
                    totals["journal_replies"] += 1
                    if content(message) & content(reply):
                        totals["picked_up"] += 1
                if problems(reply):
                    totals["fragments"] += 1
                    if show:
                        print(f"  FRAGMENT {problems(reply)}: {reply}")
                if (person, session_index, index) in marked:  # a first mention marked by the set's annotator
                    totals["marked_losses"] += 1
                    totals["marked_acknowledged"] += "sorry" in reply.lower()
                loss_here = bool(LOSS_WORDS.search(message)) and not FIGURATIVE.search(message)
                if loss_here and not loss_seen:
                    loss_seen = True
                    totals["losses"] += 1
                    if "sorry" in reply.lower():
                        totals["losses_acknowledged"] += 1
                    elif show:
                        print(f"  LOSS NOT ACKNOWLEDGED: {message[:80]!r} -> {reply}")
                if BRIDGE in reply:
                    bridges += 1
                    if index < 3 or loss_here or bridges > 1:
                        totals["early_bridges"] += 1
                        if show:
                            print(f"  EARLY BRIDGE (turn {index + 1}): {reply}")
                for sentence in sentences(reply):
                    key = " ".join(sentence.lower().split())
                    if any(fixed.lower() in key for fixed in (f.lower() for f in FIXED)):
                        continue
                    kind = code(sentence, message)
                    if kind == "question":
                        totals["questions"] += 1
                        if key in asked_before or key in asked_now:
                            totals["repeated_questions"] += 1
                            if show:
                                print(f"  REPEATED QUESTION: {sentence}")
                        asked_now.add(key)
                    elif kind in ("simple", "complex"):
                        totals["reflections"] += 1
                        totals["complex"] += kind == "complex"
                        if key in said_in_session:
                            totals["repeated_reflections"] += 1
                            if show:
                                print(f"  REPEATED REFLECTION: {sentence}")
                        said_in_session.add(key)
                if show:
                    print(f"> {message[:160]}\n< {reply}")
            asked_before |= asked_now
            if show:
                print("  --- end of session ---")
    r, q = totals["reflections"], totals["questions"]
    return {
        "replies": int(totals["replies"]),
        "picked_up": round(totals["picked_up"] / max(totals["journal_replies"], 1), 3),
        "fragments": int(totals["fragments"]),
        "repeated_questions": int(totals["repeated_questions"]),
        "repeated_reflections": int(totals["repeated_reflections"]),
        "losses": int(totals["losses"]),
        "losses_acknowledged": int(totals["losses_acknowledged"]),
        **({"marked_losses": int(totals["marked_losses"]), "marked_acknowledged": int(totals["marked_acknowledged"])}
           if marked else {}),
        "early_bridges": int(totals["early_bridges"]),
        "reflections": int(r),
        "questions": int(q),
        "reflection_question_ratio": round(r / q, 2) if q else None,
        "complex_share": round(totals["complex"] / r, 3) if r else None,
    }


def people_of(rows: Iterable[dict[str, Any]]) -> dict[str, list[list[str]]]:
    return {person: [turn_texts(row) for row in items] for person, items in _sessions_by_person(rows).items()}


def marked_losses(path: Path, rows: list[dict[str, Any]]) -> frozenset[tuple[str, int, int]]:
    """First mentions of losses marked by hand beside a set (`journal_losses.jsonl`: {id, turn, kind}), as
    (person, session number in order, turn); empty when the set has no such file."""
    marks = path.with_name("journal_losses.jsonl")
    if path.name != "journal_sessions.jsonl" or not marks.exists():
        return frozenset()
    order: dict[str, tuple[str, int]] = {}
    for person, items in _sessions_by_person(rows).items():
        for position, row in enumerate(items):
            order[str(row["id"])] = (person, position)
    return frozenset((*order[str(m["id"])], int(m["turn"])) for m in load(marks) if str(m["id"]) in order)


def _sessions_by_person(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by_person: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_person[str(row.get("person") or row.get("id"))].append(row)
    return {p: sorted(items, key=lambda row: row.get("session") or 0) for p, items in by_person.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="dev, retired (the newest), retired-1, heldout or a path (repeatable)")
    parser.add_argument("--show", action="store_true", help="print every exchange and every miss (Reflect only)")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    for name in args.sets or ["dev", "heldout"]:
        path = SETS.get(name, Path(name))
        if not path.exists():
            results[name] = {"missing": str(path)}
            continue
        rows = load(path)
        people = people_of(rows)
        marked = marked_losses(path, rows)
        results[name] = {
            "sessions": len(rows),
            "people": len(people),
            "reflect": measure(reflect_runner, people, show=args.show, marked=marked),
            "baseline_tell_me_more": measure(baseline_runner(tell_me_more), people, marked=marked),
            "baseline_echo": measure(baseline_runner(echo), people, marked=marked),
        }
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
