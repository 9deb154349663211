"""PySide6 6.12 drops a reference of True on every Python emit (Python 3.11): ours must not."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from app.ui.qt_fixes import emit


class _Sender(QObject):
    value = Signal(object)


def test_many_emits_keep_true_alive() -> None:
    sender = _Sender()
    received: list[object] = []
    sender.value.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(5000):
        emit(sender.value, number)
    assert len(received) == 5000
    # Without the fix the count falls by 5000 (and Python aborts long before that).
    assert abs(sys.getrefcount(True) - before) <= 2
