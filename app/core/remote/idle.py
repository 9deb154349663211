"""The idle auto-stop decision, shared with the agent that runs on the instance.

The agent (``resources/remote/idle_agent.py``) is the one source of truth: the bootstrap sends
that file's code to the instance (without its docstrings and comments, see
:func:`compact_agent_source`), and this module loads the same file, so the app, the tests and
the instance run the same ``decide``.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import sys
import tokenize
from pathlib import Path
from types import ModuleType
from typing import Any

from app.core.paths import resource

AGENT_MODULE = "ec2nb_idle_agent"


def agent_path() -> Path:
    return resource("remote", "idle_agent.py")


def agent_source() -> str:
    """The agent's text, as the bootstrap installs it."""
    return agent_path().read_text(encoding="utf-8")


def compact_agent_source() -> str:
    """The agent as the instance gets it: the same code without docstrings, comments and blank
    lines.

    The bootstrap travels as EC2 user data, which AWS limits to 16 KB. Lines are dropped or cut,
    never rewritten, so the code stays what the file says and runs on the instance's Python 3.8
    (``ast.unparse`` would not do: from Python 3.12 it writes f-strings 3.8 cannot read).
    """
    source = agent_source()
    lines = source.splitlines()
    drop: set[int] = set()  # 1-based line numbers
    cut: dict[int, int] = {}  # line -> column of its trailing comment
    in_strings: set[int] = set()  # lines inside a multi-line string: kept as they are
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                len(node.body) > 1
                and isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                drop.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        row, column = token.start
        if token.type == tokenize.STRING and token.end[0] > row:
            in_strings.update(range(row + 1, token.end[0] + 1))
        elif token.type == tokenize.COMMENT:
            if lines[row - 1][:column].strip():
                cut[row] = column
            else:
                drop.add(row)
    kept = []
    for number, line in enumerate(lines, 1):
        if number in drop:
            continue
        if number in in_strings:
            kept.append(line)
        elif line.strip():
            kept.append(line[: cut[number]].rstrip() if number in cut else line)
    return "#!/usr/bin/env python3\n# ec2nb's agent: see resources/remote/idle_agent.py\n" + (
        "\n".join(kept) + "\n"
    )


def _load_agent() -> ModuleType:
    loaded = sys.modules.get(AGENT_MODULE)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(AGENT_MODULE, agent_path())
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the idle agent from {agent_path()}")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built.
    sys.modules[AGENT_MODULE] = module
    spec.loader.exec_module(module)
    return module


_agent: Any = _load_agent()

#: ``Kernel(id, execution_state, last_activity=None, connections=0)``
Kernel: Any = _agent.Kernel
#: ``Observation(boot_time, jupyter_answered, kernels, terminal_activity, gpu_utilisation,
#: ssh_sessions)``
Observation: Any = _agent.Observation
#: ``Decision(stop, reasons, idle_seconds)``
Decision: Any = _agent.Decision
DEFAULT_GPU_THRESHOLD: float = _agent.DEFAULT_GPU_THRESHOLD


def decide(
    observation: Any, now: float, minutes: float, gpu_threshold: float = DEFAULT_GPU_THRESHOLD
) -> Any:
    """``Decision(stop, reasons)``: stop when nothing was active for ``minutes``."""
    return _agent.decide(observation, now, minutes, gpu_threshold)


#: ``LimitDecision(stop, warn, deadline, reason)``: the hard time limit's verdict
LimitDecision: Any = _agent.LimitDecision
DEFAULT_WARN_MINUTES: float = _agent.DEFAULT_WARN_MINUTES


def decide_limit(
    started: float,
    now: float,
    max_hours: float,
    warn_minutes: float = DEFAULT_WARN_MINUTES,
    hour_seconds: float = 3600.0,
) -> Any:
    """Stop ``max_hours`` after ``started``; warn ``warn_minutes`` before (scaled with the hour)."""
    return _agent.decide_limit(started, now, max_hours, warn_minutes, hour_seconds)


def limit_warning(limit: Any) -> str:
    """The banner the agent writes into terminals and the notebook's log."""
    return str(_agent.limit_warning(limit))
