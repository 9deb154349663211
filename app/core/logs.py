"""Logging: one rotated, redacted log file per run under the user's log folder."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import time
from pathlib import Path

from app.core.paths import log_dir
from app.core.redact import redact

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
_KEEP_RUNS = 20
_MAX_BYTES = 5 * 1024 * 1024

_current_log: Path | None = None


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


def _prune(folder: Path) -> None:
    runs = sorted(folder.glob("ec2nb-*.log*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in runs[_KEEP_RUNS * 2 :]:
        # Another run may still hold it open on Windows; it goes next time.
        with contextlib.suppress(OSError):
            old.unlink()


def setup_logging(*, debug: bool = False, stderr: bool = False) -> Path:
    """Start this run's log file and return its path. Safe to call more than once."""
    global _current_log
    root = logging.getLogger()
    if _current_log is not None:
        return _current_log
    folder = log_dir()
    _prune(folder)
    path = folder / f"ec2nb-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=_MAX_BYTES, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if stderr or debug:
        console = logging.StreamHandler()
        console.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        console.setLevel(logging.DEBUG if debug else logging.WARNING)
        root.addHandler(console)
    root.setLevel(logging.DEBUG)
    # Third-party loggers are chatty at DEBUG and echo request bodies; keep them at INFO.
    for noisy in ("botocore", "boto3", "urllib3", "paramiko", "s3transfer", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _current_log = path
    return path


def current_log() -> Path | None:
    """The log file of this run, if logging was set up."""
    return _current_log
