"""The words of EC2's instance and image states as sentences, so the wizard translates them."""

from __future__ import annotations

from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

_WORDS = {
    "pending": QT_TRANSLATE_NOOP("core", "pending"),
    "running": QT_TRANSLATE_NOOP("core", "running"),
    "stopping": QT_TRANSLATE_NOOP("core", "stopping"),
    "stopped": QT_TRANSLATE_NOOP("core", "stopped"),
    "shutting-down": QT_TRANSLATE_NOOP("core", "shutting-down"),
    "terminated": QT_TRANSLATE_NOOP("core", "terminated"),
    "deregistered": QT_TRANSLATE_NOOP("core", "deregistered"),
    "failed": QT_TRANSLATE_NOOP("core", "failed"),
}


def state_word(state: str) -> Sentence | str:
    """``state`` as EC2 says it; a sentence when it is one the wizard knows."""
    return _WORDS.get(state, state)
