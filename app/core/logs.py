"""Logging: one rotated, redacted log file per run under the user's log folder.

The wizard opens its log file only after its first page is painted (finding the log folder,
pruning old runs and opening the file cost a few milliseconds of start-up): until then the
run's records wait in memory and go to the file, in order and redacted, when it opens.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from app.core.redact import redact

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
_KEEP_RUNS = 20
_MAX_BYTES = 5 * 1024 * 1024
_BACKUPS = 3
# Records kept while the file is not open yet; a start-up that logs more than this is broken
# anyway, and the newest records are the ones that explain it.
_MAX_PENDING = 10_000

_current_log: Path | None = None
_run_handler: RunLogHandler | None = None


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback included, then masks secrets in the whole text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RedactingFilter(logging.Filter):
    """Masks secrets in the message itself, for handlers with formatters we do not own."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


class RotatingFile(logging.FileHandler):
    """A UTF-8 log file that moves to ``.1``, ``.2``, ... once it holds ``max_bytes``.

    logging.handlers.RotatingFileHandler does the same, but importing logging.handlers loads
    socket, pickle and queue, which the wizard's first paint does not need.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def _open(self) -> Any:
        # Owner-only from the first byte: the log names the account, ARNs and IP addresses.
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name != "nt":
            os.fchmod(fd, 0o600)  # a file an older version left 0644
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # reopened by the next emit
        path = Path(self.baseFilename)
        for number in range(self.backups - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        if self.backups > 0:
            os.replace(path, path.with_name(f"{path.name}.1"))


class RunLogHandler(logging.Handler):
    """This run's log file; records logged before the file opens wait in memory for it."""

    def __init__(self) -> None:
        super().__init__()
        self._file: RotatingFile | None = None
        self._pending: list[logging.LogRecord] = []
        self._opening = threading.Lock()
        self.addFilter(RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is not None:
            self._file.handle(record)
            return
        with self._opening:
            if self._file is None:
                self._pending.append(record)
                del self._pending[:-_MAX_PENDING]
                return
        self._file.handle(record)

    def open(self, path: Path) -> None:
        """Open the file at ``path`` and write the records that waited for it."""
        with self._opening:
            if self._file is not None:
                return
            handler = RotatingFile(path, max_bytes=_MAX_BYTES, backups=_BACKUPS)
            handler.setFormatter(RedactingFormatter(LOG_FORMAT))
            for record in self._pending:
                handler.handle(record)
            handler.flush()
            self._pending.clear()
            self._file = handler

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _prune(folder: Path) -> None:
    runs = sorted(folder.glob("ec2nb-*.log*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[_KEEP_RUNS * 2 :]:
        # Another run may still hold it open on Windows; it goes next time.
        with contextlib.suppress(OSError):
            old.unlink()


def setup_logging(
    *, debug: bool = False, stderr: bool = False, defer_file: bool = False
) -> Path | None:
    """Start this run's logging and return its log file (None while deferred). Safe to call
    more than once.

    With ``defer_file`` the log file opens at :func:`open_log_file` (the wizard calls it after
    its first paint), at :func:`current_log`, or when the process exits, whichever comes first;
    records logged before then are kept and written to it.
    """
    global _run_handler
    if _run_handler is not None:
        return _current_log if defer_file else open_log_file()
    root = logging.getLogger()
    _run_handler = RunLogHandler()
    root.addHandler(_run_handler)
    if stderr or debug:
        console = logging.StreamHandler()
        console.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        console.setLevel(logging.DEBUG if debug else logging.WARNING)
        root.addHandler(console)
    root.setLevel(logging.DEBUG)
    # Third-party loggers are chatty below WARNING and echo request bodies; keep them quiet.
    for noisy in ("botocore", "boto3", "urllib3", "paramiko", "s3transfer", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if defer_file:
        # A run that ends before its first paint (a crash, a closed window) keeps its records.
        atexit.register(open_log_file)
        return None
    return open_log_file()


def open_log_file() -> Path | None:
    """Open this run's log file (once) and return its path; None before setup_logging."""
    global _current_log
    if _run_handler is None:
        return None
    if _current_log is None:
        from app.core.paths import log_dir  # platformdirs: not needed before the first paint

        folder = log_dir()
        _prune(folder)
        path = folder / f"ec2nb-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        _run_handler.open(path)
        _current_log = path
    return _current_log


def current_log() -> Path | None:
    """The log file of this run (opened now if it was deferred), if logging was set up."""
    return open_log_file()
