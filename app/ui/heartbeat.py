"""A heartbeat on the UI thread: how long the event loop was ever kept from running."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    """Ticks every ``interval_ms``; the longest stall is the longest gap between two ticks
    beyond the interval, i.e. the longest time the UI thread could not react."""

    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.longest = 0.0
        self.ticks = 0
        #: What is going on (set by the caller); the worst stalls are kept with it.
        self.phase = ""
        self.worst: list[tuple[float, str]] = []
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest, self.ticks = 0.0, 0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stop and return the longest stall in seconds."""
        self._timer.stop()
        self._tick()
        return self.longest

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Do not count what runs inside (a test's own blocking calls, screenshots)."""
        self._tick()
        self._timer.stop()
        try:
            yield
        finally:
            self._last = time.perf_counter()
            self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        stall = now - self._last - self.interval
        if stall > self.longest:
            self.longest = stall
        if stall > 0.05:
            self.worst = sorted([*self.worst, (stall, self.phase)], reverse=True)[:5]
        self._last = now
        self.ticks += 1
