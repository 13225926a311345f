"""Load the language resources before the first person needs them.

Pattern tables, word lists and matchers are built on first use; built inside a
person's turn they would make that turn seconds slow. The action server calls
`warm()` in a background thread once it is listening, so starting is not
delayed either. The sample text is the project's own and stays in memory.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

logger = logging.getLogger(__name__)

SAMPLE = (
    "My sister didn't call me back again and I feel really hurt and anxious, maybe 70. "
    "I always mess things up with her, like when we were kids and Dad took her side."
)


def _steps() -> list[tuple[str, Callable[[], object]]]:
    from bot.cbt.emotions import parse_emotions
    from bot.explore.questions import respond
    from bot.explore.themes import extract_themes
    from bot.nlp.crisis import is_crisis
    from bot.nlp.distortions import detect
    from bot.nlp.reflection import ReflectionHistory

    return [
        ("crisis detector", lambda: is_crisis(SAMPLE)),
        ("thinking traps", lambda: detect(SAMPLE)),
        ("feelings", lambda: parse_emotions(SAMPLE)),
        ("themes", lambda: extract_themes(SAMPLE)),
        ("reflection", lambda: respond(SAMPLE, ReflectionHistory())),
    ]


def warm() -> list[str]:
    """Build every cached resource; the names of the steps that failed (never raises)."""
    failed = []
    started = time.monotonic()
    try:
        steps = _steps()
    except Exception:  # noqa: BLE001 - a warm-up must never stop a server
        logger.warning("Warm-up skipped: a language module did not import.", exc_info=True)
        return ["import"]
    for name, step in steps:
        try:
            step()
        except Exception:  # noqa: BLE001
            logger.warning("Warm-up of the %s failed; it will load on first use.", name)
            failed.append(name)
    logger.info("Language resources loaded in %.1f s.", time.monotonic() - started)
    return failed


def warm_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm, name="reflect-warm-up", daemon=True)
    thread.start()
    return thread
