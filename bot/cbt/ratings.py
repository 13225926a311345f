"""Reading a 0-100 rating from what a person actually types.

People answer "how strong is it, 0 to 100?" in many ways: "80", "80%", "about
70", "8/10", "eight out of ten", "seventy-five", "really anxious, maybe 90",
"not at all". `parse_rating` turns all of these into one integer, and when it
cannot, says kindly what went wrong and gives an example, so the person is
never left guessing what the bot wants.

Decisions (pinned by tests/test_ratings.py):
- A bare number is read literally on the 0-100 scale: "8" is 8, "ten" is 10.
  A scale only changes when the person names one ("8/10", "8 out of 10",
  "75 percent"). Because a small bare number may have meant "out of 10",
  `note` then says what was recorded and how to correct it.
- Two numbers joined as a range ("70-80", "70 or 80", "7 to 8 out of 10")
  become the midpoint (75), with a `note` saying so: asking again would stall
  a stepwise flow over a difference the person can fix in one word.
  Two unrelated numbers ("it was 50, now 80") are asked about instead.
- Numbers win over words: "completely, 90" is 90. Words alone map to anchors:
  "not at all"/"none" 0, "half"/"fifty-fifty" 50, "completely"/"totally" 100.
- Any Unicode decimal digits work ("٨٠" is 80).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ASK = "Could you give me a number from 0 to 100?"
EXAMPLE = "For example, 70 if it's strong but not the strongest you've felt."


@dataclass(frozen=True)
class RatingResult:
    """A rating (0-100) or, when none could be read, a re-ask for the person.

    `reason` is a short machine code for callers: None when `value` is set,
    otherwise "unreadable", "above", "below" or "ambiguous". `note` is an
    optional remark to show with an accepted value (e.g. how a range was read).
    """

    value: int | None
    problem: str | None = None
    reason: str | None = None
    note: str | None = None


# --- number words -------------------------------------------------------

_ONES = {
    "zero": 0, "nought": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORDS = {**_ONES, **_TEENS, **_TENS, **_SCALES}
_WORD_ALT = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:{_WORD_ALT})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD_ALT}))*\b"
)
# "one" is a pronoun after these words ("no one", "the one thing").
_NOT_A_NUMBER_BEFORE_ONE = re.compile(
    r"\b(?:no|any|every|some|the|that|this|which|each|someone|anyone|little)\s+$"
)

# Rating words used only when no number is present. Order matters: longer
# phrases first, so "not at all" wins over "all".
_WORD_RATINGS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p), v)
    for p, v in (
        (r"\bnot\s+(?:at\s+all|even\s+a\s+little|really\s+at\s+all)\b", 0),
        (r"\b(?:none|nothing|gone|nada)\b", 0),
        (r"\b(?:half|halfway|half-way)\b", 50),
        (r"\b(?:completely|totally|entirely|fully|absolutely|utterly)\b", 100),
        (r"\b(?:max|maximum|the\s+most\s+ever|off\s+the\s+(?:charts|scale))\b", 100),
        ("\U0001f4af", 100),  # the "hundred points" emoji
    )
)

_NUM = r"\d+(?:\.\d+)?"
_MENTION = re.compile(
    rf"(?P<neg>-\s?)?(?P<num>{_NUM})\s*(?P<pct>%)?(?:\s*/\s*(?P<den>{_NUM}))?"
)
_SCALE_DENOMINATORS = (5.0, 10.0, 100.0)
_RANGE_JOIN = re.compile(r"^\s*(?:-|to|or|/|till|until)\s*$")


# "the stupid one", "that last one", "which one": "one" names a thing chosen, not a rating.
_CHOSEN_ONE = re.compile(
    r"\b(?:the|that|this|which|each|every|other|first|last|second|same|other)\s+(?:[a-z']+\s+){0,2}$"
)
# "one out of ten", "one or 2", "one percent": "one" is a rating after all.
_ONE_AS_RATING_AFTER = re.compile(r"^\s*(?:out\s+of|outta|of\s+\d|/|%|per\s*cent|percent|-\s*\d|to\s+\d|or\s+\d)")


def _one_is_a_word(text: str, match: re.Match[str]) -> bool:
    """True when a lone "one" is a pronoun ("no one", "the stupid one, 80"), not the number 1.

    Beside a rating written in digits, "one" is a word unless it carries a
    scale or a range itself ("one out of 10", "one or 2").
    """
    before, after = text[: match.start()], text[match.end():]
    if _NOT_A_NUMBER_BEFORE_ONE.search(before) or _CHOSEN_ONE.search(before):
        return True
    return bool(re.search(r"\d", text)) and not _ONE_AS_RATING_AFTER.match(after)


def _words_to_digits(text: str) -> str:
    """Replace runs of English number words with digits ("seventy five" -> "75")."""

    def convert(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0)) if w and w != "and"]
        if words == ["one"] and _one_is_a_word(text, match):
            return match.group(0)
        numbers: list[int] = []
        current: int | None = None
        last = ""
        for word in words:
            value = _NUMBER_WORDS[word]
            if word in _SCALES:
                current = (current if current is not None else 1) * value
                last = "scale"
                continue
            kind = "ones" if word in _ONES else "teens" if word in _TEENS else "tens"
            joins = current is not None and (
                last == "scale" or (last == "tens" and kind == "ones" and value > 0)
            )
            if joins:
                current += value  # type: ignore[operator]
            else:
                if current is not None:
                    numbers.append(current)
                current = value
            last = kind
        if current is not None:
            numbers.append(current)
        return " ".join(str(n) for n in numbers)

    return _WORD_RUN.sub(convert, text)


def _normalise(text: str) -> str:
    """Lower-case and rewrite scale phrases into one spelling ("out of" -> "/")."""
    text = text.lower()
    text = text.replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u066a", "%").replace("\uff05", "%").replace("\u066b", ".")
    text = re.sub(r"\ba\s+hundred\b", "one hundred", text)
    text = re.sub(r"\bfifty[\s-]+fifty\b", "50", text)
    text = _words_to_digits(text)
    text = re.sub(r"\b50\s*[/-]\s*50\b", "50", text)
    text = re.sub(r"(?<=\d)\s*-?\s*ish\b", "", text)
    text = re.sub(r"\s*\b(?:per\s*cent|percent|pct)\b", "%", text)
    text = re.sub(r"\s+(?:out\s+of|outta)\s+", " / ", text)
    text = re.sub(r"(?<=\d)\s+of\s+(?=\d)", " / ", text)
    return text


@dataclass(frozen=True)
class _Mention:
    """One number as written, with its scale, before range checks."""

    raw: str
    number: float
    negative: bool
    percent: bool
    denominator: float | None
    start: int
    end: int


def _mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    for m in _MENTION.finditer(text):
        negative = bool(m.group("neg"))
        start = m.start()
        if negative:
            before = text[: m.start()]
            # A minus after a number ("70 - 80") or inside a word ("sad-80") is
            # a joiner, not a sign.
            if before.rstrip().endswith(("%",)) or re.search(r"[\w%]\s*$", before):
                negative = False
                start = m.start("num")
        den = m.group("den")
        if den is not None and float(den) not in _SCALE_DENOMINATORS:
            # "70/80" is two numbers, not a fraction: read the first alone and
            # let the range check join them.
            end = m.start("num") + len(m.group("num"))
            if m.group("pct"):
                end = m.start("pct") + 1
            found.append(
                _Mention(
                    raw=text[start:end].strip(),
                    number=float(m.group("num")),
                    negative=negative,
                    percent=bool(m.group("pct")),
                    denominator=None,
                    start=start,
                    end=end,
                )
            )
            found.append(
                _Mention(
                    raw=den, number=float(den), negative=False, percent=False,
                    denominator=None, start=m.start("den"), end=m.end(),
                )
            )
            continue
        found.append(
            _Mention(
                raw=text[start : m.end()].strip(),
                number=float(m.group("num")),
                negative=negative,
                percent=bool(m.group("pct")),
                denominator=float(den) if den is not None else None,
                start=start,
                end=m.end(),
            )
        )
    return found


def _shown(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _round(number: float) -> int:
    """Round half up, so 72.5 becomes 73 as people expect."""
    return int(number + 0.5)


def _evaluate(m: _Mention) -> RatingResult:
    """Turn one mention into a 0-100 value or a specific re-ask."""
    if m.negative and m.number > 0:
        return RatingResult(
            None,
            f"-{_shown(m.number)} is below 0. {ASK} 0 means not at all; "
            "for example, 10 if it's barely there.",
            "below",
        )
    if m.denominator is not None:
        if m.denominator <= 0:
            return _unreadable()
        if m.number > m.denominator:
            top = _shown(m.denominator)
            return RatingResult(
                None,
                f"{_shown(m.number)} out of {top} is past the top of the scale; "
                f"it sounds really intense. {ASK} If it's the strongest you've "
                "ever felt, 100 is fine.",
                "above",
            )
        return RatingResult(_round(m.number / m.denominator * 100))
    if m.number > 100:
        unit = "%" if m.percent else ""
        return RatingResult(
            None, f"{_shown(m.number)}{unit} is above 100. {ASK} {EXAMPLE}", "above"
        )
    value = _round(m.number)
    note = None
    if not m.percent and 1 <= m.number <= 10:
        note = (
            f"I've noted {value} out of 100. If you meant {value} out of 10, "
            f"say {value * 10} instead."
        )
    return RatingResult(value, note=note)


def _unreadable() -> RatingResult:
    return RatingResult(
        None,
        "I couldn't read a number there. "
        f"{ASK} {EXAMPLE} Or 20 if it's mild.",
        "unreadable",
    )


def _word_rating(text: str) -> int | None:
    for pattern, value in _WORD_RATINGS:
        if pattern.search(text):
            return value
    return None


def has_number(text: str) -> bool:
    """True when `text` holds a number, in digits or words ("eighty")."""
    return bool(_mentions(_normalise(text)))


def parse_rating(text: str) -> RatingResult:
    """Read one 0-100 rating from a free-text answer; see the module notes."""
    norm = _normalise(text or "")
    mentions = _mentions(norm)
    if not mentions:
        word = _word_rating(norm)
        return RatingResult(word) if word is not None else _unreadable()
    if len(mentions) == 1:
        return _evaluate(mentions[0])
    if len(mentions) == 2:
        first, second = mentions
        joiner = norm[first.end : second.start]
        if _RANGE_JOIN.match(joiner):
            if first.denominator is None and not first.percent:
                # "7-8/10" and "70-80%": the first number shares the second's scale.
                first = _Mention(
                    first.raw, first.number, False, second.percent,
                    second.denominator, first.start, first.end,
                )
            low, high = _evaluate(first), _evaluate(second)
            for part in (low, high):
                if part.value is None:
                    return part
            assert low.value is not None and high.value is not None
            if low.value == high.value:
                return RatingResult(low.value)
            mid = _round((low.value + high.value) / 2)
            a, b = sorted((low.value, high.value))
            note = f"I've noted {mid}, halfway between {a} and {b}."
            if b <= 10 and first.denominator is None and not first.percent:
                tens = _round((first.number + second.number) / 2 * 10)
                note += f" If you meant out of 10, say {tens} instead."
            else:
                note += " Tell me if another number fits better."
            return RatingResult(mid, note=note)
    results = [_evaluate(m) for m in mentions]
    values = {r.value for r in results}
    if len(values) == 1 and None not in values:
        return results[0]
    listed = " and ".join(m.raw for m in mentions[:3])
    return RatingResult(
        None,
        f"I saw more than one number there ({listed}). "
        "Which one fits best right now, from 0 to 100?",
        "ambiguous",
    )
