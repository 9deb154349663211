"""What a launch reports: one :class:`StepEvent` per change of a step, and the skip signal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from app.core.sentence import NOTHING, Sentence

#: StepEvent states.
PENDING, RUNNING, DONE, FAILED_STATE, SKIPPED, CANCELLED_STATE = (
    "pending",
    "running",
    "done",
    "failed",
    "skipped",
    "cancelled",
)


@dataclass(frozen=True)
class StepEvent:
    """One change of one step: what the progress page and ``--json`` show."""

    step: str
    state: str  # pending | running | done | failed | skipped | cancelled
    message: Sentence = NOTHING  # a sentence of the core: English here, translated by the UI
    elapsed: float = 0.0  # seconds since the step started

    def to_dict(self) -> dict[str, Any]:
        return {"event": "step", **asdict(self), "elapsed": round(self.elapsed, 3)}


EventSink = Callable[[StepEvent], None]


class StepSkipped(Exception):
    """A step has nothing to do; ``reason`` says why."""

    def __init__(self, reason: Sentence) -> None:
        super().__init__(reason)
        self.reason = reason


def _skip(reason: Sentence) -> StepSkipped:
    """The skip of a step, ``raise _skip(QT_TRANSLATE_NOOP("core", "why"))``: its reason is
    shown as the step's note."""
    return StepSkipped(reason)
