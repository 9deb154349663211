"""Ctrl+C once the program is already shutting down: a short note, never a traceback.

The first Ctrl+C starts a clean shutdown (close the tunnel, stop the demo's emulator and SSH
server). A second one, pressed because that takes a moment, must not break the shutdown half
way: it would print a traceback and could leave a server or Jupyter running.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import threading
from types import FrameType

STILL_CLOSING = "Still closing, one moment…"
_at_exit = threading.Event()


def quiet_interrupts(note: str = STILL_CLOSING) -> None:
    """From now on Ctrl+C only prints ``note`` (once) instead of raising KeyboardInterrupt.

    For the last steps of a process: there is no undo, so the handler stays. A no-op outside
    the main thread, where Python cannot set signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        return
    told = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        if told.is_set():
            return
        told.set()
        # os.write, not print: the handler may interrupt a print to the same stream.
        with contextlib.suppress(OSError):
            os.write(2, (note + "\n").encode("utf-8", "replace"))

    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, handler)
    if not _at_exit.is_set():
        _at_exit.set()
        atexit.register(ignore_interrupts)


def ignore_interrupts() -> None:
    """Ctrl+C does nothing from now on, not even at the interpreter's very end: Python puts
    back the default action (die by SIGINT) for a signal with a Python handler as it finalizes,
    but leaves an ignored one ignored."""
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(ValueError):
            signal.signal(signal.SIGINT, signal.SIG_IGN)
