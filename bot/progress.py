"""What the progress page shows, computed from one person's stored data.

`summary(records, practice, entries)` takes what `Repository` returns
(thought records, practice results, journal entries) and gives plain JSON:
numbers and labels only, ready to draw as charts and to print as tables. No
storage and no web here, so it is tested on its own.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable, Optional

from bot.cbt import traps


def _iso(moment: Any) -> Optional[str]:
    if moment is None:
        return None
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).isoformat()
    return str(moment)


def _day(moment: Any) -> Optional[str]:
    text = _iso(moment)
    return text[:10] if text else None


def trap_name(label: str) -> str:
    """A trap's name as a title ("Mind reading"), from `bot.cbt.traps`; an old label reads as words."""
    return traps.title_name(label)


def _records(records: Iterable[dict]) -> list[dict]:
    """Oldest first: when, the thought, each feeling before/after, belief before/after."""
    rows = sorted(records, key=lambda r: (_iso(r.get("created_at")) or "", r.get("id") or 0))
    out = []
    for number, record in enumerate(rows, start=1):
        out.append(
            {
                "number": number,
                "id": record.get("id"),
                "created_at": _iso(record.get("created_at")),
                "thought": record.get("automatic_thought"),
                "emotions": [
                    {"name": e.get("name"), "before": e.get("before"), "after": e.get("after")}
                    for e in record.get("emotions") or []
                ],
                "belief_before": record.get("belief_before"),
                "belief_after": record.get("belief_after"),
                "distortions": list(record.get("distortions") or []),
            }
        )
    return out


def _trap_counts(records: Iterable[dict]) -> list[dict]:
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(set(record.get("distortions") or []))
    return [
        {"label": label, "name": trap_name(label), "count": count}
        for label, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _practice(results: Iterable[dict]) -> list[dict]:
    """Per trap: how often it came up in a drill and how often the person named it.

    A drill counts once for every trap in it; the trap is "spotted" when the
    person's answer named it. Sorted with the most-missed traps first.
    """
    per_trap: dict[str, dict[str, Any]] = {}
    by_day: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for result in results:
        chosen = set(result.get("chosen_labels") or [])
        day = _day(result.get("at")) or "unknown"
        for label in result.get("correct_labels") or []:
            entry = per_trap.setdefault(label, {"label": label, "name": trap_name(label), "seen": 0, "spotted": 0})
            spotted = int(label in chosen)
            entry["seen"] += 1
            entry["spotted"] += spotted
            tally = by_day[label].setdefault(day, [0, 0])
            tally[0] += 1
            tally[1] += spotted
    out = []
    for label, entry in per_trap.items():
        entry["accuracy"] = round(100 * entry["spotted"] / entry["seen"])
        entry["by_day"] = [
            {"day": day, "seen": seen, "spotted": spotted, "accuracy": round(100 * spotted / seen)}
            for day, (seen, spotted) in sorted(by_day[label].items())
        ]
        out.append(entry)
    return sorted(out, key=lambda e: (e["accuracy"], -e["seen"], e["label"]))


def _themes(entries: Iterable[dict]) -> list[dict]:
    found: dict[str, dict[str, Any]] = {}
    for entry in entries:
        day = _day(entry.get("created_at"))
        for theme in set(entry.get("themes") or []):
            item = found.setdefault(theme, {"theme": theme, "count": 0, "first": day, "last": day})
            item["count"] += 1
            if day and (item["first"] is None or day < item["first"]):
                item["first"] = day
            if day and (item["last"] is None or day > item["last"]):
                item["last"] = day
    return sorted(found.values(), key=lambda t: (-t["count"], t["theme"]))


def summary(records: Iterable[dict], practice: Iterable[dict], entries: Iterable[dict]) -> dict:
    """The progress page's data: records over time, trap counts, practice per trap, journal themes."""
    records = list(records)
    entries = list(entries)
    practice = list(practice)
    return {
        "thought_records": _records(records),
        "traps": _trap_counts(records),
        "practice": _practice(practice),
        "practice_total": {"answered": len(practice), "correct": sum(1 for p in practice if p.get("correct"))},
        "themes": _themes(entries),
        "journal_entries": len(entries),
    }
