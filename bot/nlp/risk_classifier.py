"""Tier 2 of crisis detection: a small classifier for warning signs the patterns miss.

Tier 1 (`bot.nlp.crisis.is_crisis`) is a pattern table: precise, but it cannot
foresee every wording. This module trains a character and word n-gram logistic
regression (scikit-learn, already a Rasa dependency) on texts written for the
project by category of warning sign, with hard everyday negatives
(`data/risk_examples.yml`), on the crisis and everyday examples of the NLU data,
and on the clinician-rated tokens of the Suicide Risk Lexicon v1.0 when its data
files are installed (`bot.nlp.risk_lexicon`). It trains in about a second, once
per process, from files in the project: nothing is downloaded, and no model
file is shipped.

A hit never sends helplines by itself: it gets a gentle check-in question
(`utter_crisis_checkin`), so a false alarm costs one question.
"""
from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

logger = logging.getLogger(__name__)

EXAMPLES_FILE = Path(__file__).resolve().parent / "data" / "risk_examples.yml"
PROJECT_DIR = Path(__file__).resolve().parents[2]
NLU_DIR = PROJECT_DIR / "data" / "nlu"
# The project's own crisis and everyday journaling texts (the crisis detector's
# development sets; never benchmarks/heldout/).
DEV_SETS = PROJECT_DIR / "benchmarks" / "crisis"
# Thinking traps are not crises: the drill bank's example thoughts ("everyone is
# staring at me") are everyday negatives, so a thought record's own content
# does not set off the check-in.
DRILLS_FILE = Path(__file__).resolve().parents[1] / "cbt" / "data" / "drills.yml"
# NLU intents whose examples are risk (positives) and everyday text (negatives).
# Every other intent's examples are everyday negatives, the bot's own control
# phrases included ("keep going", "leave it", "I have to go now"), except the
# answers that can themselves be risk ("no I'm not safe").
NLU_RISK_INTENTS = {"crisis"}
NLU_NOT_NEGATIVE = {"crisis", "crisis_check", "not_safe", "unsure_safe"}
MAX_SENTENCES = 80

_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass(frozen=True)
class _Model:
    pipeline: Any
    threshold: float


def _voices(text: str, count: int, rng: random.Random) -> list[str]:
    """`text` and variants as people type it: lower case, no apostrophes, a typo."""
    lower = text.lower()
    plain = lower.replace("'", "").replace("\u2019", "")
    variants = [text, plain]
    words = plain.split()
    long_words = [i for i, w in enumerate(words) if len(w) > 4]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swap two letters
        variants.append(" ".join(words))
    variants.append(rng.choice(["honestly ", "idk ", "tbh ", "", "just "]) + plain)
    return variants[: count + 1]


def _nlu_examples(intents: set[str], exclude: bool = False) -> list[str]:
    """Examples of `intents` (or, with `exclude`, of every other intent) from the
    project's NLU files (empty if they are not there)."""
    found: list[str] = []
    if not NLU_DIR.is_dir():
        return found
    for path in sorted(NLU_DIR.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if block.get("intent") and (block.get("intent") in intents) != exclude:
                for line in str(block.get("examples") or "").splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        found.append(_ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", line[2:]))
    return found


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _drill_thoughts() -> list[str]:
    if not DRILLS_FILE.is_file():
        return []
    drills = (yaml.safe_load(DRILLS_FILE.read_text(encoding="utf-8")) or {}).get("drills") or []
    return [str(d["thought"]) for d in drills if d.get("thought")]


def training_texts() -> tuple[list[str], list[int]]:
    """The training texts and labels (1 risk, 0 everyday), voices included."""
    from bot.nlp import risk_lexicon

    data = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    settings = data.get("settings") or {}
    rng = random.Random(int(settings.get("seed", 13)))
    voices = int(settings.get("voices", 3))
    risk = [text for texts in data["risk"].values() for text in texts]
    risk += _nlu_examples(NLU_RISK_INTENTS)
    risk += _lines(DEV_SETS / "crisis_explicit.txt") + _lines(DEV_SETS / "crisis_indirect.txt")
    risk += risk_lexicon.tokens(data.get("lexicon", {}).get("risk_constructs") or [])
    everyday = list(data["everyday"]) + _nlu_examples(NLU_NOT_NEGATIVE, exclude=True) + _lines(DEV_SETS / "everyday.txt")
    everyday += _drill_thoughts()
    texts: list[str] = []
    labels: list[int] = []
    for label, group in ((1, risk), (0, everyday)):
        for text in group:
            for variant in _voices(str(text), voices, rng):
                texts.append(variant)
                labels.append(label)
    return texts, labels


@lru_cache(maxsize=1)
def _model() -> _Model:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    data = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    texts, labels = training_texts()
    pipeline = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True, min_df=2),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True,
                            token_pattern=r"[a-z0-9']+"),
        ),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000),
    )
    pipeline.fit(texts, labels)
    return _Model(pipeline, float((data.get("settings") or {}).get("threshold", 0.6)))


def sentences(text: str) -> list[str]:
    """The sentences of `text` that tier 2 reads (at most MAX_SENTENCES)."""
    return _sentences(text)


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text) if p.strip()]
    return parts[:MAX_SENTENCES] or [text]


def sentence_probabilities(text: str) -> list[tuple[str, float]]:
    """(sentence, risk probability) for each sentence tier 2 reads, in one batch."""
    if not isinstance(text, str) or not text.strip():
        return []
    sentences = _sentences(text)
    return list(zip(sentences, (float(p) for p in _model().pipeline.predict_proba(sentences)[:, 1])))


def probability(text: str) -> float:
    """The highest risk probability of any sentence of `text` (0-1); 0.0 on odd input."""
    if not isinstance(text, str) or not text.strip():
        return 0.0
    try:
        model = _model()
        sentences = _sentences(text)
        return float(max(model.pipeline.predict_proba(sentences)[:, 1]))
    except Exception:  # noqa: BLE001 - tier 2 must never break a conversation
        logger.exception("tier-2 crisis classifier failed")
        return 0.0


def is_check_in(text: str) -> bool:
    """True when `text` should get the check-in question."""
    return probability(text) >= threshold()


def threshold() -> float:
    return _model().threshold


def warm_up() -> None:
    """Train now (at server start) rather than on the first message."""
    _model()


def explain(texts: Iterable[str]) -> list[tuple[str, float]]:
    """(sentence, probability) for each sentence of each text: for tuning on dev sets."""
    model = _model()
    return [(s, float(p)) for t in texts for s, p in zip(_sentences(t), model.pipeline.predict_proba(_sentences(t))[:, 1])]
