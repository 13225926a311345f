"""The Suicide Risk Lexicon v1.0, read from the data files of the construct-tracker wheel.

Low DM, Rankin O, Bentley KH, Nock MK, Ghosh SS. "Building lexicons with
generative AI result in lightweight and interpretable text models with high
content validity" (Suicide Risk Lexicon v1.0: 49 risk constructs for suicidal
thoughts and behaviours plus one on kinship, each with a definition,
clinician-rated tokens and prototypical examples). Shipped inside the
`construct-tracker` 1.0.16 wheel (Apache-2.0), which Reflect installs without
its dependencies (`requirements-nodeps.lock`); only its data files are read,
with `importlib.resources`, never its code. When the package is absent the
functions return nothing and tier 2 trains on the project's own texts alone.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache

PACKAGE = "construct_tracker"
LEXICON_DIR = "data/lexicons/suicide_risk_lexicon_v1-0"
TOKENS_FILE = "suicide_risk_lexicon_validated_prototypical_tokens_24-08-07T16-25-19.csv"
DEFINITIONS_FILE = "suicide_risk_constructs_and_definitions_clean.csv"
# Row layout of TOKENS_FILE: construct name, definition, source, examples, then tokens.
FIRST_TOKEN_ROW = 4
CITATION = (
    "Low DM, Rankin O, Bentley KH, Nock MK, Ghosh SS. Suicide Risk Lexicon v1.0, "
    "from construct-tracker 1.0.16 (Apache-2.0)."
)


def _read(name: str) -> str | None:
    try:
        from importlib.resources import files

        return (files(PACKAGE) / LEXICON_DIR / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


@lru_cache(maxsize=1)
def _columns() -> dict[str, list[str]]:
    """Construct name -> its column of the tokens file (empty when not installed)."""
    text = _read(TOKENS_FILE)
    if text is None:
        return {}
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    return {
        name: [row[i] for row in rows[1:] if i < len(row)]
        for i, name in enumerate(header)
        if i and name and not name.endswith(("_include", "_add"))
    }


def available() -> bool:
    """True when the lexicon's data files are installed."""
    return bool(_columns())


def constructs() -> list[str]:
    """The lexicon's construct names (empty when not installed)."""
    return list(_columns())


def definition(construct: str) -> str:
    column = _columns().get(construct) or []
    return column[1].strip() if len(column) > 1 else ""


def tokens(names: list[str]) -> list[str]:
    """The clinician-rated tokens of the constructs `names` (unknown names are skipped)."""
    found: list[str] = []
    for name in names:
        column = _columns().get(name) or []
        found += [t.strip() for t in column[FIRST_TOKEN_ROW:] if t and t.strip()]
    return found
