"""The run's log file: deferred until the wizard's first paint without losing or leaking records,
and rotated once it grows large."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from app.core.logs import RotatingFile, RunLogHandler
from tests.support.constants import SECRET_ACCESS_KEY


def _record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("test.logs", logging.INFO, __file__, 1, message, args, None)


def test_records_logged_before_the_file_opens_reach_it_first_in_order_and_redacted(
    tmp_path: Path,
) -> None:
    handler = RunLogHandler()
    try:
        handler.handle(_record("before the paint, key %s", SECRET_ACCESS_KEY))
        handler.handle(_record("still before"))
        assert not (tmp_path / "run.log").exists()
        handler.open(tmp_path / "run.log")
        handler.handle(_record("after the paint"))
    finally:
        handler.close()
    text = (tmp_path / "run.log").read_text(encoding="utf-8")
    messages = [line.split(": ", 1)[1] for line in text.splitlines()]
    assert messages == ["before the paint, key ***", "still before", "after the paint"]
    assert SECRET_ACCESS_KEY not in text


def test_a_full_log_file_moves_aside_and_a_new_one_starts(tmp_path: Path) -> None:
    path = tmp_path / "run.log"
    handler = RotatingFile(path, max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for number in range(30):
            handler.handle(_record(f"line {number:02d} " + "x" * 40))
    finally:
        handler.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.log", "run.log.1", "run.log.2"]
    assert all(p.stat().st_size <= 200 + 60 for p in tmp_path.iterdir())
    assert "line 29" in path.read_text(encoding="utf-8")
    assert "line 00" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())


_DEFERRED_RUN = """
import logging, sys
from app.core.logs import setup_logging
assert setup_logging(defer_file=True) is None
logging.getLogger("wizard").info("started, then closed before the first paint")
sys.exit(3)
"""


def test_a_run_that_ends_before_its_first_paint_still_writes_its_log(tmp_path: Path) -> None:
    env = dict(os.environ, EC2NB_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", _DEFERRED_RUN], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 3, result.stderr
    logs = list((tmp_path / "logs").glob("ec2nb-*.log"))
    assert len(logs) == 1
    assert "started, then closed before the first paint" in logs[0].read_text(encoding="utf-8")
