"""The schema of `patterns/crisis.yml`: a wrong key or type fails when the file is loaded.

The keys are documented in the file's header; `bot.nlp.crisis` builds its
engine from the checked table.
"""
from __future__ import annotations

from typing import Any

from bot.datafiles import Schema
from bot.nlp.matching import Entry


class _Rewrite(Schema):
    find: str
    replace: str


class _NegationTable(Schema):
    cues: list[str]
    window: int = 5
    cancel_next: list[str] = []
    breaks: list[str] = []


class GroupTable(Schema):
    """One group: its category (`label`), its patterns and the conditions on its cues."""

    label: str
    patterns: list[Entry]
    negatable: bool = True
    idioms: bool = True
    next_not: list[str] = []
    prev_not: list[str] = []
    next_only: list[str] = []
    sentence_not: list[str] = []
    sentence_needs: list[str] = []


class CrisisTable(Schema):
    """The keys of `patterns/crisis.yml` (documented in its header)."""

    version: int
    rewrites: list[_Rewrite] = []
    spelling: dict[str, list[str]] = {}
    fuzzy: list[str] = []
    clause_breaks: list[str] = []
    sentence_ends: list[str] = [".", "!", "?", ";"]
    negation: _NegationTable
    macros: dict[str, list[str]] = {}
    tokens: dict[str, Any] = {}  # holds the YAML anchors the patterns refer to
    exclusions: list[Entry] = []
    groups: list[GroupTable]
    fallback: list[str] = []
