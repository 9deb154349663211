#!/usr/bin/env python3
"""ec2nb idle auto-stop agent: stops this machine when the notebook has been idle N minutes,
and, when a hard limit is set, N hours after the machine started whatever it is doing.

Installed on the instance by the bootstrap and run by a systemd timer, cron or its own loop.
Standard library only, Python 3.8+. The decision is the pure function ``decide``; the app loads
this same file (app/core/remote/idle.py), so there is one source of truth.

"Active" means: a Jupyter kernel busy or with activity in the last N minutes, a Jupyter
terminal used in the last N minutes, a GPU above the utilisation threshold, or an interactive
SSH login. An open but untouched browser tab is not activity. ``shutdown -h now`` stops an
EC2 instance whose shutdown behaviour is "stop" (the wizard's default), so no data is lost.

The hard limit counts from the kernel's boot time, so it counts per start: a stopped and started
machine gets the full limit again. It needs neither the app nor an SSH connection. About ten
minutes before, it warns once: a ``wall`` banner in every open terminal and a line in the
notebook server's log.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

DEFAULT_GPU_THRESHOLD = 5.0  # percent; drivers report a few percent on an idle GPU
DEFAULT_WARN_MINUTES = 10.0  # the hard limit's warning, before it stops the machine
HOUR = 3600.0


@dataclass(frozen=True)
class Kernel:
    id: str
    execution_state: str  # idle | busy | starting | ...
    last_activity: float | None = None  # epoch seconds
    connections: int = 0


@dataclass(frozen=True)
class Observation:
    """What the agent saw on the machine at one moment."""

    boot_time: float
    jupyter_answered: bool = True
    kernels: tuple[Kernel, ...] = ()
    terminal_activity: tuple[float, ...] = ()  # last_activity of each Jupyter terminal
    gpu_utilisation: tuple[float, ...] | None = None  # percent per GPU; None: no GPU found
    ssh_sessions: tuple[str, ...] = ()  # interactive logins, as ``who`` lists them


@dataclass(frozen=True)
class Decision:
    stop: bool
    reasons: list[str] = field(default_factory=list)
    idle_seconds: float = 0.0


def decide(
    observation: Observation,
    now: float,
    minutes: float,
    gpu_threshold: float = DEFAULT_GPU_THRESHOLD,
) -> Decision:
    """Stop when nothing has been active for ``minutes``; the reasons say why either way."""
    keep: list[str] = []
    checked: list[str] = []
    busy = [k for k in observation.kernels if k.execution_state in ("busy", "starting")]
    for kernel in busy:
        keep.append(f"kernel {kernel.id[:8]} is {kernel.execution_state}")
    if not busy:
        checked.append(f"no busy kernel ({len(observation.kernels)} running)")
    gpus = observation.gpu_utilisation
    hot = [(i, u) for i, u in enumerate(gpus or ()) if u > gpu_threshold]
    for index, use in hot:
        keep.append(f"GPU {index} at {use:.0f}% (threshold {gpu_threshold:.0f}%)")
    if gpus is None:
        checked.append("no GPU found")
    elif not hot:
        checked.append(f"no GPU above {gpu_threshold:.0f}%")
    for session in observation.ssh_sessions:
        keep.append(f"interactive SSH login: {session}")
    if not observation.ssh_sessions:
        checked.append("no interactive SSH login")
    if not observation.jupyter_answered:
        checked.append("Jupyter did not answer")

    sources = [(observation.boot_time, "boot")]
    sources += [(t, "terminal") for t in observation.terminal_activity]
    for kernel in observation.kernels:
        if kernel.last_activity is not None:
            sources.append((kernel.last_activity, "kernel " + kernel.id[:8]))
    last, what = max(sources)
    idle = max(0.0, now - last)
    if idle < minutes * 60:
        keep.append(f"last activity ({what}) {idle / 60:.0f} min ago, threshold {minutes:g} min")
    else:
        checked.append(f"idle {idle / 60:.0f} min since {what}, threshold {minutes:g} min")
    if keep:
        return Decision(False, keep, idle)
    return Decision(True, checked, idle)


@dataclass(frozen=True)
class LimitDecision:
    stop: bool
    warn: bool  # inside the warning window, not yet at the limit
    deadline: float  # epoch seconds
    reason: str


def decide_limit(
    started: float,
    now: float,
    max_hours: float,
    warn_minutes: float = DEFAULT_WARN_MINUTES,
    hour_seconds: float = HOUR,
) -> LimitDecision:
    """Stop ``max_hours`` after ``started``; warn ``warn_minutes`` before.

    ``hour_seconds`` shortens the hour (and the warning with it) for tests only.
    """
    scale = hour_seconds / HOUR
    deadline = started + max_hours * hour_seconds
    left = deadline - now
    if left <= 0:
        return LimitDecision(True, False, deadline, f"hard limit of {max_hours:g} h reached")
    warn = left <= warn_minutes * 60 * scale
    reason = f"hard limit of {max_hours:g} h: {left / 60 / scale:.0f} min left"
    return LimitDecision(False, warn, deadline, reason)


def limit_warning(limit: LimitDecision) -> str:
    """The banner: when the machine stops, in the machine's own time (UTC on most images)."""
    stamp = time.strftime("%H:%M %Z", time.localtime(limit.deadline)).strip()
    return (
        # "shuts down": a one-time spot machine is terminated by it, any other one stopped.
        f"ec2nb: this machine shuts down at {stamp} (its hard time limit). Save your notebooks now."
    )


# -- observing the machine ------------------------------------------------------------------------


def _epoch(stamp: Any) -> float | None:
    if not stamp:
        return None
    text = str(stamp).replace("Z", "+00:00")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # noqa: UP017 (Python 3.8 on the instance)
    return moment.timestamp()


def _get_json(url: str, token: str) -> Any:
    # The URL is Jupyter on this machine (from our own config), over http or https.
    request = urllib.request.Request(url, headers={"Authorization": "token " + token})  # noqa: S310
    # Jupyter's own self-signed certificate, on loopback: nothing to verify it against.
    context = ssl._create_unverified_context()  # noqa: S323
    with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310
        return json.loads(response.read().decode())


def _boot_time() -> float:
    try:
        with open("/proc/stat") as stat:
            for line in stat:
                if line.startswith("btime "):
                    return float(line.split()[1])
    except OSError:
        pass
    return time.time()


def _gpu_utilisation() -> tuple[float, ...] | None:
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=utilization.gpu", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    values = tuple(float(v) for v in out.split() if v.replace(".", "", 1).isdigit())
    return values or None


def _ssh_sessions() -> tuple[str, ...]:
    try:
        out = subprocess.run(["who"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(" ".join(line.split()[:2]) for line in out.splitlines() if line.strip())


def observe(url: str, token: str) -> Observation:
    """Look at Jupyter, the GPUs and the logins once."""
    kernels: list[Kernel] = []
    terminals: list[float] = []
    answered = True
    try:
        for item in _get_json(url + "/api/kernels?no_track_activity=1", token):
            kernels.append(
                Kernel(
                    id=str(item.get("id", "")),
                    execution_state=str(item.get("execution_state", "")),
                    last_activity=_epoch(item.get("last_activity")),
                    connections=int(item.get("connections") or 0),
                )
            )
    except (OSError, ValueError):
        answered = False
    if answered:
        try:
            items = _get_json(url + "/api/terminals?no_track_activity=1", token)
        except (OSError, ValueError):
            items = []  # terminals disabled
        terminals = [t for t in (_epoch(i.get("last_activity")) for i in items) if t]
    return Observation(
        boot_time=_boot_time(),
        jupyter_answered=answered,
        kernels=tuple(kernels),
        terminal_activity=tuple(terminals),
        gpu_utilisation=_gpu_utilisation(),
        ssh_sessions=_ssh_sessions(),
    )


def _stop_machine() -> None:
    command = ["shutdown", "-h", "now"]
    if os.geteuid() != 0:
        command = ["sudo", "-n", *command]
    subprocess.run(command, check=False)


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    settings: dict[str, Any] = {"minutes": 60, "url": "http://127.0.0.1:8888"}
    if args.config:
        with open(args.config) as file:
            settings.update(json.load(file))
    for name in ("minutes", "url", "token_file", "gpu_threshold", "max_hours"):
        if getattr(args, name) is not None:
            settings[name] = getattr(args, name)
    settings["dry_run"] = bool(args.dry_run or settings.get("dry_run"))
    return settings


def _started(settings: dict[str, Any]) -> float:
    # limit_from replaces the boot time on a stand-in only, whose boot was not its launch.
    return float(settings.get("limit_from") or _boot_time())


def _warn_once(settings: dict[str, Any], limit: LimitDecision) -> bool:
    """Send the warning unless it was sent for this deadline; True when sent now."""
    marker = settings.get("warned_file")
    stamp = f"{limit.deadline:.0f}"
    if marker and os.path.exists(marker):
        with open(marker) as file:
            if file.read().strip() == stamp:
                return False
    text = limit_warning(limit)
    if settings.get("notebook_log"):
        with open(settings["notebook_log"], "a") as log:
            log.write(f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] {text}\n")
    if not settings["dry_run"]:  # a stand-in's terminals are the developer's own
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["wall", text], timeout=10, check=False)
    if marker:
        with open(marker, "w") as file:
            file.write(stamp)
    return True


def check_once(settings: dict[str, Any], as_json: bool) -> Decision:
    limit: LimitDecision | None = None
    warned = False
    if settings.get("max_hours"):
        limit = decide_limit(
            _started(settings),
            time.time(),
            float(settings["max_hours"]),
            float(settings.get("warn_minutes") or DEFAULT_WARN_MINUTES),
            float(settings.get("hour_seconds") or HOUR),
        )
        if limit.warn:
            warned = _warn_once(settings, limit)
    if limit is not None and limit.stop:
        decision = Decision(True, [limit.reason], 0.0)  # whatever the notebook is doing
    elif settings.get("minutes") is None:
        decision = Decision(False, ["no idle auto-stop"], 0.0)
    else:
        token = ""
        if settings.get("token_file"):
            with open(settings["token_file"]) as file:
                token = file.read().strip()
        observation = observe(settings["url"].rstrip("/"), token)
        decision = decide(
            observation,
            time.time(),
            float(settings["minutes"]),
            float(settings.get("gpu_threshold") or DEFAULT_GPU_THRESHOLD),
        )
    if limit is not None and not limit.stop:
        decision.reasons.append(limit.reason)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    verdict = "stop" if decision.stop else "stay up"
    if settings["dry_run"] and decision.stop:
        verdict += " (dry run: not stopping)"
    if as_json:
        report = dict(asdict(decision), dry_run=settings["dry_run"], time=stamp)
        if limit is not None:
            report["limit"] = dict(asdict(limit), warned=warned)
        print(json.dumps(report, sort_keys=True), flush=True)
    else:
        print(f"{stamp} {verdict}: {'; '.join(decision.reasons)}", flush=True)
        if warned:
            print(f"{stamp} warned: {limit_warning(limit)}", flush=True)  # type: ignore[arg-type]
    if decision.stop and not settings["dry_run"]:
        _stop_machine()
    return decision


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Stop this machine when the notebook is idle or its time is up."
    )
    parser.add_argument("--config", help="JSON file: minutes, url, token_file, dry_run")
    parser.add_argument("--minutes", type=float, help="idle minutes before stopping")
    parser.add_argument("--url", help="Jupyter's URL on this machine")
    parser.add_argument("--token-file", dest="token_file", help="file holding Jupyter's token")
    parser.add_argument("--gpu-threshold", dest="gpu_threshold", type=float)
    parser.add_argument("--max-hours", dest="max_hours", type=float, help="hard limit per start")
    parser.add_argument("--dry-run", action="store_true", help="print the decision, never stop")
    parser.add_argument("--json", action="store_true", help="print the decision as JSON")
    parser.add_argument("--loop", type=float, metavar="SECONDS", help="check every SECONDS")
    args = parser.parse_args(argv)
    settings = _settings(args)
    if not args.loop:
        check_once(settings, args.json)
        return 0
    while True:
        try:
            decision = check_once(settings, args.json)
        except Exception as exc:  # a bad minute must not end the watch
            print(f"check failed: {exc!r}", flush=True)
        else:
            if decision.stop and not settings["dry_run"]:
                return 0
        time.sleep(args.loop)


if __name__ == "__main__":
    sys.exit(main())
