"""Tier 2 of crisis detection: a small classifier for warning signs the patterns miss.

Tier 1 (`bot.nlp.crisis.is_crisis`) is a pattern table: precise, but it cannot
foresee every wording. This module trains a character and word n-gram logistic
regression (scikit-learn, already a Rasa dependency) on texts written for the
project by category of warning sign, with hard everyday negatives (every
`data/*.yml` file: `risk_examples.yml`, the hand-written voices, and the
compositional sentences of `risk_compose.yml`), on the crisis and everyday
examples of the NLU data, and on the clinician-rated tokens of the Suicide Risk
Lexicon v1.0 when its data files are installed (`bot.nlp.risk_lexicon`). No
measurement set (`benchmarks/`) is ever read for training.

It trains from files in the project (nothing is downloaded, no model file is
shipped) and caches the fitted model in `models/` under a fingerprint of its
training files, this code and scikit-learn's version, so a server starts
without training again until one of those changes.

Beside the model, a sentence that meets a composed warning-sign rule
(`tier: 2` in `patterns/crisis_compose.yml`: giving things away with "won't
need it", a burden "if I wasn't here", hiding the marks) scores
WARNING_SIGN_PROBABILITY: the n-gram model reads words, the rules read a
meaning made of two of them.

A hit never sends helplines by itself: it gets a gentle check-in question
(`utter_crisis_checkin`), so a false alarm costs one question.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import random
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from spacy.tokens import Doc

from bot import datafiles
from bot.nlp import text as _text

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLES_FILE = DATA_DIR / "risk_examples.yml"
PROJECT_DIR = Path(__file__).resolve().parents[2]
NLU_DIR = PROJECT_DIR / "data" / "nlu"
CACHE_DIR = Path(os.environ.get("REFLECT_RISK_CACHE") or PROJECT_DIR / "models" / "risk")
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
MIN_WORDS = 4
WARNING_SIGN_PROBABILITY = 0.99

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
        for block in (datafiles.load(path) or {}).get("nlu") or []:
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
    drills = (datafiles.load(DRILLS_FILE) or {}).get("drills") or []
    return [str(d["thought"]) for d in drills if d.get("thought")]


def _data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yml"))


def _flatten(value: Any) -> list[str]:
    """The texts of a list, or of a mapping of lists (category -> texts)."""
    if isinstance(value, dict):
        return [text for texts in value.values() for text in _flatten(texts)]
    return [str(text) for text in value or []]


def written_examples() -> tuple[list[str], list[str]]:
    """(risk, everyday) texts of every data file, composed sentences included."""
    from bot.nlp import risk_compose

    risk: list[str] = []
    everyday: list[str] = []
    for path in _data_files():
        data = datafiles.load(path) or {}
        risk += _flatten(data.get("risk"))
        everyday += _flatten(data.get("everyday"))
        if data.get("compose"):
            composed = risk_compose.compose(data["compose"])
            risk += composed["risk"]
            everyday += composed["everyday"]
    return risk, everyday


def training_texts() -> tuple[list[str], list[int]]:
    """The training texts and labels (1 risk, 0 everyday), voices included."""
    from bot.nlp import risk_lexicon

    data = datafiles.load(EXAMPLES_FILE)
    settings = data.get("settings") or {}
    rng = random.Random(int(settings.get("seed", 13)))
    voices = int(settings.get("voices", 3))
    risk, everyday = written_examples()
    risk += _nlu_examples(NLU_RISK_INTENTS)
    risk += risk_lexicon.tokens(data.get("lexicon", {}).get("risk_constructs") or [])
    everyday += _nlu_examples(NLU_NOT_NEGATIVE, exclude=True) + _drill_thoughts()
    texts: list[str] = []
    labels: list[int] = []
    for label, group in ((1, risk), (0, everyday)):
        for text in dict.fromkeys(group):
            for variant in _voices(str(text), voices, rng):
                texts.append(variant)
                labels.append(label)
    return texts, labels


def fingerprint() -> str:
    """A digest of everything the model is trained from, and of how."""
    import sklearn

    from bot.nlp import risk_lexicon

    digest = hashlib.sha256(f"sklearn {sklearn.__version__} lexicon {risk_lexicon.available()}".encode())
    sources = [Path(__file__), Path(__file__).with_name("risk_compose.py"), DRILLS_FILE]
    sources += _data_files() + (sorted(NLU_DIR.glob("*.yml")) if NLU_DIR.is_dir() else [])
    for path in sources:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _fit(settings: dict[str, Any]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    texts, labels = training_texts()
    pipeline = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True, min_df=2),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 3), sublinear_tf=True, lowercase=True,
                            token_pattern=r"[a-z0-9']+"),
        ),
        LogisticRegression(C=float(settings.get("c", 4.0)), class_weight="balanced", max_iter=2000),
    )
    pipeline.fit(texts, labels)
    return pipeline


def _load_cached(path: Path) -> Any | None:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - a file this module wrote itself
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _store(path: Path, pipeline: Any) -> None:
    """Write the fitted model atomically and drop models of older fingerprints."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(pipeline, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob("tier2-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("could not cache the tier-2 crisis classifier in %s", path.parent)


def cached_model_path() -> Path:
    return CACHE_DIR / f"tier2-{fingerprint()}.pickle"


@lru_cache(maxsize=1)
def _model() -> _Model:
    data = datafiles.load(EXAMPLES_FILE)
    path = cached_model_path()
    pipeline = _load_cached(path)
    if pipeline is None:
        pipeline = _fit(data.get("settings") or {})
        _store(path, pipeline)
    return _Model(pipeline, float((data.get("settings") or {}).get("threshold", 0.6)))


@dataclass(frozen=True)
class Sentence:
    """One sentence tier 2 reads: its text and its tokens, a piece of the message's shared `Doc`."""

    text: str
    start: int  # token offsets in the message's `Doc`
    end: int


def sentences(text: str | Doc) -> list[str]:
    """The sentences of `text` that tier 2 reads (at most MAX_SENTENCES)."""
    return [s.text for s in _sentences(_text.doc_of(text))]


def _sentences(doc: Doc) -> list[Sentence]:
    """Sentences, a fragment of a few words joined to the sentence before it:
    alone, "classic me." says too little to be read on its own."""
    parts: list[Sentence] = []
    position = 0
    for piece in _SENTENCE.split(doc.text):
        start = doc.text.index(piece, position)
        position = start + len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        first = start + piece.index(stripped)
        span = doc.char_span(first, first + len(stripped), alignment_mode="expand")
        if span is None:
            continue
        if parts and len(stripped.split()) < MIN_WORDS:
            parts[-1] = Sentence(f"{parts[-1].text} {stripped}", parts[-1].start, span.end)
        else:
            parts.append(Sentence(stripped, span.start, span.end))
    return parts[:MAX_SENTENCES] or [Sentence(doc.text, 0, len(doc))]


def sentence_probabilities(text: str | Doc) -> list[tuple[str, float]]:
    """(sentence, risk probability) for each sentence tier 2 reads, in one batch;
    a sentence with a composed warning sign scores at least WARNING_SIGN_PROBABILITY."""
    return [(sentence.text, score) for sentence, score in scored(text)]


def scored(text: str | Doc) -> list[tuple[Sentence, float]]:
    """`sentence_probabilities` with each sentence's place in the message's shared `Doc`."""
    raw = text.text if isinstance(text, Doc) else text
    if not isinstance(raw, str) or not raw.strip():
        return []
    doc = _text.doc_of(text)
    found = _sentences(doc)
    return list(zip(found, _scores(doc, found)))


def _scores(doc: Doc, found: list[Sentence]) -> list[float]:
    from bot.nlp import crisis_compose

    scores = [float(p) for p in _model().pipeline.predict_proba([s.text for s in found])[:, 1]]
    # a sign may take two sentences ("I feel calm now. Everything is sorted."): read each with the next
    return [
        max(score, WARNING_SIGN_PROBABILITY)
        if crisis_compose.warning_sign(doc[found[i].start : found[min(i + 1, len(found) - 1)].end].as_doc())
        else score
        for i, score in enumerate(scores)
    ]


def probability(text: str) -> float:
    """The highest risk probability of any sentence of `text` (0-1); 0.0 on odd input."""
    if not isinstance(text, str) or not text.strip():
        return 0.0
    try:
        return max(score for _, score in sentence_probabilities(text))
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
    return [pair for t in texts for pair in sentence_probabilities(t)]
