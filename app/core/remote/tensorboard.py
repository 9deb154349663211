"""TensorBoard on the instance: started detached (it outlives the SSH session) from the notebook's
own Python environment, on the instance's loopback only; the tunnel forwards it.

The bootstrap records the environment it chose for Jupyter in ``<state_dir>/python``; the
``tensorboard`` program of that environment comes first (the DLAMI's PyTorch venv has it),
then one on PATH. Nothing is installed: when it is absent the user is told how.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, verbatim

if TYPE_CHECKING:  # the Done page reads TENSORBOARD_PORT at first paint, before SSH is loaded
    import paramiko

TENSORBOARD_PORT = 6006

# Arguments: state dir, log dir, port. One JSON line on stdout says what happened.
_SCRIPT = r"""
set -u
STATE=$1; LOGDIR=$2; PORT=$3
PY=$(cat "$STATE/python" 2>/dev/null || true)
TB=""
if [ -n "$PY" ] && [ -x "$(dirname "$PY")/tensorboard" ]; then TB="$(dirname "$PY")/tensorboard"
elif command -v tensorboard >/dev/null 2>&1; then TB=$(command -v tensorboard); fi
answers() { (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
say() { printf '{"state": "%s", "program": "%s", "python": "%s", "logdir": "%s"}\n' \
    "$1" "$TB" "${PY:-python3}" "$LOGDIR"; }
if [ -z "$TB" ]; then say missing; exit 0; fi
PIDFILE="$STATE/tensorboard.pid"
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && answers; then
    say running; exit 0
fi
mkdir -p "$LOGDIR"
# A session of its own (setsid), so it survives this SSH session, like the detached Jupyter.
setsid sh -c 'echo $$ > "$0"; exec "$@"' "$PIDFILE" "$TB" --logdir "$LOGDIR" --port "$PORT" \
    --host 127.0.0.1 </dev/null >"$STATE/tensorboard.log" 2>&1 &
for _ in $(seq 600); do
    if answers; then say started; exit 0; fi
    PID=$(cat "$PIDFILE" 2>/dev/null || true)
    if [ -n "$PID" ] && ! kill -0 "$PID" 2>/dev/null; then
        say died; tail -n 5 "$STATE/tensorboard.log" >&2; exit 0
    fi
    sleep 0.1
done
say slow
"""


@dataclass(frozen=True)
class TensorBoardStart:
    """``state``: started | running (it already was); ``program``: the tensorboard used."""

    state: str
    program: str
    port: int
    logdir: str


def start_tensorboard(
    client: paramiko.SSHClient,
    *,
    state_dir: str,
    logdir: str,
    port: int = TENSORBOARD_PORT,
) -> TensorBoardStart:
    """Start ``tensorboard --logdir LOGDIR --port PORT --host 127.0.0.1`` detached, unless it
    runs already; raises ``tensorboard-missing`` (with how to install it) or
    ``tensorboard-failed``."""
    from app.core.remote.connect import run

    command = "bash -s -- " + " ".join(shlex.quote(a) for a in (state_dir, logdir, str(port)))
    status, out, err = run(client, command, stdin=_SCRIPT.encode(), timeout=90)
    try:
        answer = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        answer = {"state": "broken"}
    state = str(answer.get("state"))
    if state == "missing":
        python = str(answer.get("python") or "python3")
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "TensorBoard is not installed in the notebook's Python environment."
            ),
            code="tensorboard-missing",
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Install it from a notebook cell with '%pip install tensorboard' (or in a "
                "terminal: {python} -m pip install tensorboard), then try again.",
            ).format(python=verbatim(python)),
        )
    if state not in ("started", "running"):
        reason = {
            "died": QT_TRANSLATE_NOOP("core", "TensorBoard stopped at once."),
            "slow": QT_TRANSLATE_NOOP("core", "TensorBoard did not answer within a minute."),
        }.get(state, QT_TRANSLATE_NOOP("core", "TensorBoard could not be started."))
        raise WizardError(
            reason,
            code="tensorboard-failed",
            hint=QT_TRANSLATE_NOOP(
                "core", "Its log on the instance is {log}; port {port} may be taken there."
            ).format(log=verbatim(state_dir + "/tensorboard.log"), port=port),
            detail=f"exit {status}: {err.strip()[-2000:]}",
        )
    return TensorBoardStart(state, str(answer.get("program", "")), port, logdir)
