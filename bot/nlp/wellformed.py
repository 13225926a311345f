"""Is a reply well formed? A check for broken fragments, used before sending and in tests.

A reflection quotes or turns a span of the person's words inside a frame ("It
sounds like ...", "What I'm hearing is that ..."). The span must be a clause
(someone doing or being something), must not be a question of theirs ("what's
the weather like"), and must not stop on a dangling word ("... is that Dad",
"... because my"). `problems(reply)` names what is wrong; an empty list means
the reply may be sent.

No trained tagger is available for spaCy 3.4 offline, so verbs are recognised
from the WordNet word lists that ship in `spacy-lookups-data` (the verb index
and its irregular forms) plus the closed class of auxiliaries: a clause needs a
subject word followed closely by a verb form.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

from bot.nlp.text import normalise

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_COMPOUND = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")  # "one-handed" is one word, not "one" and "handed"
_QUOTE = re.compile(r"\"[^\"]*(?:\"|$)|\u201c[^\u201d]*(?:\u201d|$)")
# The writer's own "I" left in a reflection means the pronouns were not turned ("You're saying that I am right").
_UNTURNED = frozenset("i i'm im i've ive i'd i'll my me myself mine".split())
# A span that opens on one of these has lost its subject ("had a proper catch-up", "do any good podcasts").
_NO_SUBJECT_START = frozenset("do does did had has have is are was were been being will would can could should "
                              "shall must may might don't doesn't didn't haven't hasn't hadn't won't wouldn't "
                              "shouldn't can't couldn't isn't aren't wasn't weren't cannot dont doesnt didnt "
                              "havent hasnt hadnt wont wouldnt shouldnt cant couldnt isnt arent wasnt werent".split())
_SENTENCE = re.compile(r"[^.!?\u2026]+[.!?\u2026]*")

# Frames that must be followed by a whole clause (longest first).
_FRAMES = (
    "what i'm hearing is that", "if i'm hearing you right,", "it sounds like", "i hear that", "you're saying that",
    "it seems to you that", "it feels to you like", "from where you stand,", "what comes through is that",
    "there's a sense that", "at one point you wrote that", "you also wrote that", "last time you wrote that", "earlier you wrote that",
    "you wrote that", "it seems", "so",
)
_WH = frozenset("what what's whats why how who whom whose where when which whether whatever wtf".split())
# A quote that opens before a word and never closes: the span was cut inside someone's words.
_OPEN_QUOTE = re.compile(r"(?<![\w'])['\u2018](?=\w)")
_CLOSE_QUOTE = re.compile(r"(?<=[\w.!?,])['\u2019](?![\w])")
# The second half of a joined reflection ("It sounds like X, and also that Y").
_JOINED = re.compile(r",? and (?:also )?that ", re.IGNORECASE)
_AUX = frozenset(
    "am is are was were be been being do does did have has had will would shall should can could may might must "
    "don't doesn't didn't haven't hasn't hadn't won't wouldn't shouldn't can't couldn't isn't aren't wasn't weren't "
    "mustn't cannot ain't i'm you're he's she's it's we're they're that's there's i've you've we've they've "
    "i'll you'll he'll she'll we'll they'll i'd you'd he'd she'd we'd they'd let's "
    "dont doesnt didnt havent hasnt hadnt wont wouldnt shouldnt cant couldnt isnt arent wasnt werent".split()
)
_SUBJECT_WORDS = frozenset(
    "i you he she it we they this that there nobody everyone everybody someone somebody nothing everything "
    "something people who one".split()
)
_NOT_SUBJECT = frozenset(
    "a an the my your his her our their its to of in on at by for with from about into onto over under after "
    "before since until than as like and but or so because if when while not no very really just also too".split()
)
_ADVERBS = frozenset(
    "just only still even also never always really actually finally then often sometimes usually ever already "
    "almost nearly hardly barely kind sort of not".split()
)
_DANGLING = frozenset(
    "a an the my your our their and but or because if than whose very really just not "
    "no i he she we they".split()
)
# A light verb after a preposition needs what it does ("instead of getting", "for making"): ending there is cut short.
_LIGHT_AFTER_PREPOSITION = re.compile(
    r"\b(?:of|for|about|from|without|by|after|before|on|at)\s+(?:getting|making|taking|putting|giving|keeping|"
    r"having|doing|being|bringing|letting|becoming|turning)$"
)
_DETERMINERS = frozenset("a an the my your his her our their its this that these those".split())
# A span that starts with one of these hangs on a main clause that is not there ("that if you're overreacting").
_SUBORDINATORS = frozenset("if whether because cause cuz since although though unless wat whens".split())
# An auxiliary before its subject turns a clause into their question ("do I reckon", "is it normal").
_INVERTING = frozenset("do does did am is are was were should can could would will have has shall".split())


# Chat shorthand is theirs to write, never ours to say back ("you can't bc your brain is noise").
_TEXT_SPEAK = frozenset("bc bcs cuz coz u ur r rn tbh idk lol lmao omg tmrw tmr btw ngl smh ikr imo pls plz thx "
                        "wanna gonna gotta kinda sorta lowkey highkey probs prolly ttyl wyd fr "
                        "ppl w abt obv obvs shoulda coulda woulda musta rly ya nvm thru tho alot bday smth sth ofc "
                        "cba bf gf lmk idc dunno nite tonite l8r b4 2day 2moro".split())


def is_chat_shorthand(word: str) -> bool:
    """True for chat shorthand ("ppl", "shoulda", "abt"): theirs to write, never a name or a word of ours."""
    return word.lower() in _TEXT_SPEAK
# Hedges that open a span which has lost its subject ("kinda jealous that they're closer").
_HEDGES = frozenset("kinda kind sorta sort lowkey highkey really pretty quite very totally super bit little "
                    "proper properly well".split())
# "you told you", "you don't want you on your own": the same "you" as doer and object means a turned
# pronoun that was someone else's (reported speech, or a generic "you").
_YOU_TWICE = re.compile(r"\byou(?:'ve|'re|'ll|'d)?\s+(?:(?:don't|didn't|do|did|can't|won't|just|never|really|always|"
                        r"also|even|still)\s+)*([a-z]+)\s+you\b(?!'|\s+(?:[a-z]+'[a-z]+|am|are|were|was|will|would|can|"
                        r"could|should|might|must|need|have|had|do|did|don't|didn't|can't|won't|feel|felt|think|know|"
                        r"get|got|go|went|want|wanted|look|looked|love|like|hate|seem|seemed|always|never|just|still)\b)")
# Someone spoken to inside reported words ("he said mum ..."): direct speech, whose pronouns cannot be turned.
_SPOKEN_TO = re.compile(r"\b(?:said|says|say|told|tells|goes|went|asked|asks)\s+(?:mum|mom|mam|dad|love|mate|babe|son|"
                        r"darling|honey|sweetheart|hun)\b\s+(?:you|i|we|he|she|it|they)\b")
# A relative clause or "not that" left without what follows ("people who are", "not that he would").
_CUT_RELATIVE = re.compile(r"\b(?:who|which|that)\s+(?:is|are|was|were|am|will|would|can|could|should|has|have|had|"
                           r"do|does|did)$")
# A clause that stops on its auxiliary ("maybe you are", "you would"): what it said is missing.
_STOPS_ON_AUX = re.compile(r"(?<!\bwho )(?<!\bwhat )(?<!\bwhere )(?<!\bhow )(?<!\bwhy )(?<!\bwhen )(?<!\bthan )(?<!\bas )"
                           r"\b(?:you|he|she|they|we|it)\s+(?:are|is|was|were|am|do|does|did|would|will|can|could|should|"
                           r"have|has|had|might|must)$")
# "you don't want to", "you have to": a reflection that stops before what they want or have to do.
_STOPS_ON_TO = re.compile(r"\b(?:want|wants|wanted|wanna|have|has|had|need|needs|needed|going|try|tried|trying|"
                          r"got|used|ought|supposed|able|meant|like|love|hate)\s+to$")
# Third-person singular doers, and their bare present verbs ("she dont know", "your father call"): grammar
# said back as written would read as ours.
_SINGULAR_DOERS = frozenset("he she".split())
_SINGULAR_PEOPLE = frozenset("mum mom mam dad father mother wife husband brother sister son daughter boss partner "
                             "friend girlfriend boyfriend manager teacher grandma grandpa nan gran".split())
_OWNERS = frozenset("your his her my our their".split())
_MODALS = frozenset("can could will would shall should may might must".split())
# Verbs whose past is their bare form ("your dad let you down").
_SAME_PAST = frozenset("let put cut hit set hurt cost quit shut spread read bet burst cast split upset beat "
                       "bid broadcast forecast rid shed slit thrust".split())
# A request to us said back as theirs ("so bear with you", "please help you").
_REQUEST_TO_US = re.compile(r"\b(?:so|please|pls|plz)\s+([a-z]+)\s+(?:[a-z]+\s+)?(?:with\s+|to\s+)?you\b")
# Their generic or addressed "you" turned into our "I" ("you don't get how I can feel both").
_TURNED_TO_ME = re.compile(r"\byou\b[^.?!]*\b(?:how|why|what|that|if|when|where|whether)\s+i\s+"
                           r"(?:can|could|am|was|do|did|have|had|would|will|should|feel|felt|get|got|think|know)\b")


@lru_cache(maxsize=1)
def _verbs() -> tuple[frozenset[str], frozenset[str]]:
    """(verb lemmas, irregular verb forms) from spacy-lookups-data."""
    base = resources.files("spacy_lookups_data") / "data"
    with gzip.open(str(base / "en_lemma_index.json.gz"), "rt", encoding="utf-8") as handle:
        lemmas = frozenset(json.load(handle)["verb"])
    with gzip.open(str(base / "en_lemma_exc.json.gz"), "rt", encoding="utf-8") as handle:
        irregular = frozenset(json.load(handle)["verb"])
    return lemmas, irregular


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    base = resources.files("spacy_lookups_data") / "data"
    with gzip.open(str(base / "en_lemma_index.json.gz"), "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    return frozenset(w for words in index.values() for w in words)


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    base = resources.files("spacy_lookups_data") / "data"
    with gzip.open(str(base / "en_lemma_index.json.gz"), "rt", encoding="utf-8") as handle:
        return frozenset(json.load(handle)["noun"])


def is_noun(word: str) -> bool:
    """True when the lower-cased word (or its singular) can be a noun ("work", "bus", "parents")."""
    word = word.lower()
    return word in _nouns() or (word.endswith("s") and word[:-1] in _nouns()) or (
        word.endswith("es") and word[:-2] in _nouns())


def is_dictionary_word(word: str) -> bool:
    """True when the lower-cased word (or its plural/past stem) is an English noun, verb, adjective or adverb."""
    word = word.lower()
    words = _dictionary()
    if word in words:
        return True
    for suffix, add in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and word[: -len(suffix)] + add in words:
            return True
    return False


def is_verb_form(word: str) -> bool:
    """True when `word` can be a verb ("comes", "rang", "laughed", "isn't"); nouns that are also verbs count."""
    word = word.lower()
    if word in _AUX or word.endswith("n't"):
        return True
    lemmas, irregular = _verbs()
    if word in lemmas or word in irregular:
        return True
    for suffix, add in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                        ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + add
            if stem in lemmas or (suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lemmas):
                return True
    return False


def _finite(word: str) -> bool:
    """True when `word` may be the verb of a clause on its own: "-ing" forms need an auxiliary ("is coming")."""
    if word.endswith("ing") and len(word) > 4:
        return word in _verbs()[0]  # "bring", "sing"; not "wedding", "typing"
    return is_verb_form(word)


def has_clause(span: str) -> bool:
    """True when `span` has a subject followed closely by a verb ("your brother rang", "you miss him")."""
    words = [normalise(w).lower() for w in _COMPOUND.findall(normalise(span))]
    for i, word in enumerate(words):
        if word in _AUX and i > 0 and words[i - 1] not in _NOT_SUBJECT:
            return True
        if word in _AUX and "'" in word and not word.endswith("n't"):  # "you're", "it's": subject and verb in one
            return True
        if i == 0 or not _finite(word):
            continue
        j = i - 1
        while j >= 0 and words[j] in _ADVERBS:
            j -= 1
        if j < 0:
            continue
        noun_before = j > 0 and words[j - 1] in _DETERMINERS  # "the house feels"
        if words[j] in _AUX:
            continue
        if words[j] in _SUBJECT_WORDS or (words[j] not in _NOT_SUBJECT and (noun_before or not is_verb_form(words[j]))):
            return True
    return False


# Words that open a clause hanging on another ("since you last wrote", "who left"): a clause after one
# is not the main clause a frame needs.
_HANGING = frozenset("since after before when whenever until till because cause if while although though unless once "
                     "where wherever who whom which whose".split())


def has_main_clause(span: str) -> bool:
    """True when `span` has a clause of its own, not only one hanging on a subordinator.

    "your brother rang since you wrote" has one; "five days since you last wrote" has none.
    A subordinate clause first is fine when a main clause follows its comma ("since he left, I've cried").
    """
    words = [normalise(w).lower() for w in _WORD.findall(normalise(span))]
    cut = next((i for i, w in enumerate(words) if w in _HANGING), None)
    if cut is None:
        return has_clause(span)
    before = " ".join(words[:cut])
    if cut > 0 and has_clause(before):
        return True
    after_comma = normalise(span).split(",", 1)
    return len(after_comma) > 1 and cut < len(_WORD.findall(after_comma[0])) and has_main_clause(after_comma[1])


def _frame_of(sentence: str) -> tuple[str, str] | None:
    lower = normalise(sentence).lower()
    for frame in _FRAMES:
        if lower.startswith(frame + " ") or lower.startswith(frame + ","):
            return frame, sentence[len(frame):].strip(" ,")
    return None


def problems(reply: str) -> list[str]:
    """What makes `reply` a broken fragment ([] when it reads as whole sentences)."""
    found: list[str] = []
    for match in _SENTENCE.finditer(normalise(reply or "")):
        sentence = match.group().strip()
        if not _WORD.search(sentence):
            continue
        body = sentence.rstrip(".!?\u2026\"'\u201d ")
        words = [w.lower() for w in _WORD.findall(body)]
        if not words:
            continue
        if words[-1] in _DANGLING:
            found.append(f"ends on a dangling word: {words[-1]!r}")
        elif _LIGHT_AFTER_PREPOSITION.search(" ".join(words[-2:])):
            found.append(f"ends on a verb without what it does: {' '.join(words[-2:])!r}")
        for a, b in zip(words, words[1:]):
            if a == b and a not in ("very", "really", "so", "had", "that's", "bye", "no", "yes"):
                found.append(f"doubled word: {a!r}")
                break
        if sentence.count('"') % 2 or len(_OPEN_QUOTE.findall(sentence)) > len(_CLOSE_QUOTE.findall(sentence)):
            found.append("a quote that never closes")
        found += said_back_badly(sentence)
        if sentence.endswith("?"):
            continue
        halves = _JOINED.split(body)
        for joined in halves[1:]:
            if not has_main_clause(joined):
                found.append(f"no clause after 'and (also) that': {joined!r}")
        framed_first = _frame_of(halves[0]) if len(halves) > 1 else None
        if framed_first and framed_first[1] and not has_main_clause(framed_first[1]):
            found.append(f"no clause before 'and that': {framed_first[1]!r}")
        framed = _frame_of(body)
        if framed:
            frame, span = framed
            span_words = [w.lower() for w in _WORD.findall(span)]
            if not span_words:
                found.append("empty reflection")
                continue
            unquoted = {w.lower() for w in _WORD.findall(_QUOTE.sub(" ", span))}
            if _only_quoted(span):
                found.append(f"only someone's quoted words: {span!r}")
                continue
            if unquoted & _UNTURNED:
                found.append(f"the writer's own words not turned: {span!r}")
            elif _bare_verb(_WORD.findall(span)[0]):
                found.append(f"starts with a verb and no subject: {span!r}")
            elif span_words[0] in _NO_SUBJECT_START and (
                len(span_words) < 2 or span_words[1] not in _SUBJECT_WORDS | {"u"}
            ):
                found.append(f"starts with a verb and no subject: {span!r}")
            elif span_words[0] in ("not", "never") and (
                    len(span_words) < 2 or span_words[1] not in _SUBJECT_WORDS or span_words[1] == "that"):
                found.append(f"starts with a negation and no subject: {span!r}")
            elif span_words[0] in _HEDGES and (len(span_words) < 2 or span_words[1] not in _SUBJECT_WORDS):
                found.append(f"starts with a hedge and no subject: {span!r}")
            elif span_words[0] in _WH:
                found.append(f"reflects a question or a wh-fragment: {span!r}")
            elif span_words[0] in _SUBORDINATORS or (span_words[0] == "that" and (
                    frame == "so" or (len(span_words) > 1 and span_words[1] in _SUBJECT_WORDS | {"you're", "she'd", "he'd", "you'd"}))):
                found.append(f"a subordinate clause with no main clause: {span!r}")
            elif span_words[0] in _INVERTING and len(span_words) > 1 and span_words[1] in _SUBJECT_WORDS | _SUBORDINATORS | {"u"}:
                found.append(f"reflects their question: {span!r}")
            elif not has_main_clause(span) and frame not in ("so",):
                found.append(f"no clause after {frame!r}: {span!r}")
            elif frame == "so" and not has_clause(span) and len(span_words) > 1:
                found.append(f"no clause after 'so': {span!r}")
        tail = re.search(r"\b(?:is|was) that ([^,;]+)$", body, re.IGNORECASE)
        if tail and not has_main_clause(tail.group(1)):
            found.append(f"'that' with no clause after it: {tail.group(1)!r}")
    return found


def _only_quoted(span: str) -> bool:
    """True when `span` is nothing but someone's quoted words ("'we're paying for you to party'")."""
    span = span.strip()
    if span[:1] not in "'\"\u2018\u201c":
        return False
    close = re.compile(r"['\u2019](?!\w)") if span[0] in "'\u2018" else re.compile(r"[\"\u201d]")
    end = close.search(span, 1)
    return end is None or not _WORD.search(span[end.end():])


def _bare_verb(word: str) -> bool:
    """A verb form that cannot be a subject ("said he was old", "went home"): the clause lost its subject.

    A capitalised word after a frame is a name ("Sue rang"); nouns ("work was
    awful") and "-ing" forms ("getting up was hard") can be subjects.
    """
    low = word.lower()
    return (
        word[:1].islower() and low not in _SUBJECT_WORDS and low not in _AUX and not low.endswith("ing")
        and is_verb_form(low) and not is_noun(low)
    )


# Words after which a singular doer takes a bare verb: do-support and modals before their subject, and verbs
# of making, letting and perceiving ("let her go", "heard your brother come in").
_BARE_ALLOWED_BEFORE = frozenset(
    "do does did doesn't didn't don't will would can could should might must may won't can't couldn't wouldn't "
    "shouldn't let lets letting make makes made making help helps helped watch watched watching see saw seen "
    "hear heard hearing feel felt notice noticed".split()
)


def _bare_after_singular(words: list[str]) -> str | None:
    """ "she dont", "your father call": a third-person singular doer with a bare present verb, or None."""
    lemmas, irregular = _verbs()
    for i, word in enumerate(words[:-1]):
        doer = word in _SINGULAR_DOERS or (word in _SINGULAR_PEOPLE and i > 0 and words[i - 1] in _OWNERS)
        if not doer or _BARE_ALLOWED_BEFORE & set(words[max(0, i - 3):i]):
            continue  # "what does your mum mean", "you watched your dad leave": a bare verb is right there
        verb = words[i + 1]
        if verb in ("don't", "dont", "have", "do", "are", "were"):
            return f"{word} {verb}"
        if (verb in lemmas and verb not in irregular and verb not in _MODALS and verb not in _SAME_PAST
                and not verb.endswith("s")
                and verb not in _AUX and not (word not in _SINGULAR_DOERS and is_noun(verb) and not is_verb_form(verb))):
            return f"{word} {verb}"
    return None


# "you feel angry at a time like": a comparison cut before what it compares with.
_CUT_LIKE = re.compile(r"\b(?:a|an|the|this|that|some|any|every)\s+[a-z]+\s+like\s*(?:[,;:.!?\u2026]|$)")
# "you feel worried about in practical terms": a preposition that lost its object before another.
_LOST_OBJECT = re.compile(r"\b(?:about|of|with)\s+(?:in|on|at|about|for|with|of|by|from|into)\b")
# "your father was like this also": a comparison with what they wrote before, said back without it.
_LIKE_THIS = re.compile(r"\b(?:was|is|were|are|be|been|'s|'re)\s+like\s+(?:this|that)(?:\s+(?:also|too|as\s+well))?"
                        r"\s*(?:[,;:.!?\u2026]|$)")
# A lone word of theirs quoted back that carries nothing ("I'm staying with "kinda" for a moment").
_EMPTY_WORDS = frozenset("like just um umm uh hmm literally basically anyway actually honestly whatever stuff thing "
                         "things yeah yea ya yes no ok okay so well oh".split())
_QUOTED_WORD = re.compile(r"[\"\u201c]([A-Za-z']+)[\"\u201d]")


def _typo(word: str) -> bool:
    """A misspelling of a common word ("comming", "happend"): a letter doubled or an "e" left out, where the
    mended word is in the dictionary and the word as written is not. Names (capitalised) never count."""
    if not word.isalpha() or not word.islower() or len(word) < 5 or is_dictionary_word(word):
        return False
    if word.endswith(("end", "ird", "eld")) and is_verb_form(word[:-1] + "ed"):
        return True  # "happend", "stird"
    if is_verb_form(word):
        return False  # "planned": a verb form the dictionary lists by its stem
    return len(word) >= 6 and any(
        word[i] == word[i - 1] and word[i] not in "aeiou"
        and (is_dictionary_word(word[:i] + word[i + 1:]) or is_verb_form(word[:i] + word[i + 1:]))
        for i in range(1, len(word))
    )


def said_back_badly(sentence: str) -> list[str]:
    """What in a sentence of ours shows their words turned or quoted wrongly (shorthand, a "you" twice,
    reported speech, a clause cut before its complement, their grammar said as ours)."""
    found: list[str] = []
    unquoted = _QUOTE.sub(" ", normalise(sentence)).lower()
    words = _WORD.findall(unquoted)
    speak = [w for w in words if w in _TEXT_SPEAK]
    if speak:
        found.append(f"chat shorthand said back: {speak[0]!r}")
    typo = next((w for w in _WORD.findall(_QUOTE.sub(" ", normalise(sentence))) if _typo(w)), None)
    if typo:
        found.append(f"their misspelling said back: {typo!r}")
    quoted = [m.group(1).lower() for m in _QUOTED_WORD.finditer(normalise(sentence))]
    if any(w in _TEXT_SPEAK or w in _HEDGES or w in _EMPTY_WORDS for w in quoted):
        found.append(f"a filler word quoted back: {quoted[0]!r}")
    if _CUT_LIKE.search(unquoted):
        found.append("a comparison cut before what it compares with")
    if _LOST_OBJECT.search(normalise(sentence).lower()):
        found.append("a preposition without its object")
    if _LIKE_THIS.search(unquoted):
        found.append("'like this' said back without what it points to")
    if _YOU_TWICE.search(unquoted):
        found.append("the same 'you' as doer and object")
    if _SPOKEN_TO.search(unquoted):
        found.append("someone's direct speech with its pronouns turned")
    body = unquoted.rstrip(".!?\u2026\"'\u201d ")
    if _CUT_RELATIVE.search(body):
        found.append("a relative clause cut before its complement")
    elif _STOPS_ON_AUX.search(body) and not body.endswith("?"):
        found.append("a clause that stops on its auxiliary")
    elif _STOPS_ON_TO.search(body):
        found.append("a clause that stops before its verb")
    request = _REQUEST_TO_US.search(unquoted)
    if request and (request.group(1) == "be" or request.group(1) in _verbs()[0] and request.group(1) not in _AUX
                    and request.group(1) not in _SUBJECT_WORDS):
        found.append(f"a request to us said back as theirs: {request.group()!r}")
    if _TURNED_TO_ME.search(unquoted):
        found.append("their 'you' turned into our 'I'")
    bare = next(filter(None, (_bare_after_singular(_WORD.findall(part)) for part in re.split(r"[,;:()\u2014-]", unquoted))), None)
    if bare:
        found.append(f"their grammar said back as ours: {bare!r}")
    return found


def is_well_formed(reply: str) -> bool:
    return not problems(reply)
