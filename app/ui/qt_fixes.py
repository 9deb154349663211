"""Emitting a Qt signal from Python without PySide6's reference bug.

PySide6 6.12's ``SignalInstance.emit()`` returns ``True`` without a new reference. On Python
3.11, where ``True`` is an ordinary reference-counted object, every emit from Python code drops
one reference, and after a few hundred emits the interpreter aborts with "bool_dealloc:
deallocating True or False". (On 3.12+ ``True`` is immortal and nothing happens.) Every signal
the app emits from Python goes through :func:`emit`, which measures the bug once and gives the
reference back when the running PySide has it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _restore_true() -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.ping.emit()
    del result
    dropped = sys.getrefcount(True) < before
    if dropped:
        _restore_true()
    return dropped


EMIT_DROPS_TRUE = _emit_drops_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, safe to call any number of times from any thread, and after the
    window that would receive it was deleted (a worker that ends as the app closes)."""
    try:
        result = signal.emit(*args)
    except RuntimeError as exc:  # "Signal source has been deleted": nobody is listening
        if "deleted" not in str(exc):
            raise
        return
    if EMIT_DROPS_TRUE and result is True:
        _restore_true()
