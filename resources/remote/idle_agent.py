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

On a spot machine it also watches for AWS taking the machine back (``--spot-watch``): it polls
the instance metadata (IMDSv2) every few seconds for the two-minute interruption notice and the
rebalance recommendation, and on each new notice warns every terminal (``wall``), writes a line
in the notebook server's log, syncs the work disk (``~/work`` when it is a mount point) and
records the notice in a JSON file that the app reads over its SSH connection.
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
import urllib.error
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


# -- spot interruption guard -----------------------------------------------------------------------
# AWS (EC2 User Guide, "Spot Instance interruption notices", "EC2 instance rebalance
# recommendations", "Use the Instance Metadata Service to access instance metadata"):
# spot/instance-action answers 404 until a notice, then {"action": "terminate"|"stop"|
# "hibernate", "time": "2017-09-18T08:22:00Z"}, about two minutes ahead (AWS advises checking
# every 5 seconds); events/recommendations/rebalance answers 404 until a recommendation, then
# {"noticeTime": "..."}. IMDSv2: PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds
# (1 to 21600) gives a token; each GET sends it as X-aws-ec2-metadata-token; a missing, wrong or
# expired token is answered 401.

DEFAULT_METADATA_URL = "http://169.254.169.254"
DEFAULT_SPOT_POLL_SECONDS = 5.0
TOKEN_TTL_SECONDS = 21600  # the longest AWS allows
INSTANCE_ACTION_PATH = "/latest/meta-data/spot/instance-action"
REBALANCE_PATH = "/latest/meta-data/events/recommendations/rebalance"
INTERRUPTION = "interruption"
REBALANCE = "rebalance"


class MetadataClient:
    """IMDSv2: one session token, reused until it is refused, then renewed once per request."""

    def __init__(self, url: str = DEFAULT_METADATA_URL, ttl: int = TOKEN_TTL_SECONDS) -> None:
        self.url = url.rstrip("/")
        self.ttl = int(ttl)
        self.token: str | None = None
        self.tokens_fetched = 0

    def _token(self) -> str:
        request = urllib.request.Request(  # noqa: S310 (the metadata endpoint, or a test's)
            self.url + "/latest/api/token",
            method="PUT",
            headers={"X-aws-ec2-metadata-token-ttl-seconds": str(self.ttl)},
        )
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
            self.tokens_fetched += 1
            return str(response.read().decode().strip())

    def get(self, path: str) -> str | None:
        """The text at ``path``, or None when the metadata has none (404)."""
        for attempt in (1, 2):
            if self.token is None:
                self.token = self._token()
            request = urllib.request.Request(  # noqa: S310
                self.url + path, headers={"X-aws-ec2-metadata-token": self.token}
            )
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    return str(response.read().decode())
            except urllib.error.HTTPError as error:
                error.close()  # its response holds the connection
                if error.code == 404:
                    return None
                if error.code == 401 and attempt == 1:
                    self.token = None  # expired (or the endpoint restarted): a new one
                    continue
                raise
        return None


@dataclass(frozen=True)
class SpotNotice:
    """One notice from AWS: an interruption (with its action) or a rebalance recommendation."""

    kind: str  # interruption | rebalance
    time: str  # the metadata's own stamp (UTC, ISO 8601 with Z)
    action: str = ""  # interruption only: terminate | stop | hibernate

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.action}:{self.time}"


def read_notices(instance_action: str | None, rebalance: str | None) -> list[SpotNotice]:
    """The notices the two metadata answers hold (None: 404). A body that is not AWS's JSON
    is ignored: a half-written answer must not raise an alarm or stop the watch."""
    notices: list[SpotNotice] = []
    # The recommendation first: when both come in one poll, the milder one is the older.
    for text, kind in ((rebalance, REBALANCE), (instance_action, INTERRUPTION)):
        if not text:
            continue
        try:
            body = json.loads(text)
        except ValueError:
            continue
        if not isinstance(body, dict):
            continue
        if kind == INTERRUPTION and body.get("action") and body.get("time"):
            notices.append(SpotNotice(kind, str(body["time"]), str(body["action"])))
        elif kind == REBALANCE and body.get("noticeTime"):
            notices.append(SpotNotice(kind, str(body["noticeTime"])))
    return notices


def new_notices(notices: list[SpotNotice], recorded: list[dict[str, Any]]) -> list[SpotNotice]:
    """The notices not recorded yet: each notice is acted on once, not at every poll."""
    seen = {str(event.get("key")) for event in recorded}
    return [notice for notice in notices if notice.key not in seen]


def spot_banner(notice: SpotNotice) -> str:
    """What the terminals and the notebook's log are told (the machine's clock is UTC)."""
    if notice.kind == REBALANCE:
        return "ec2nb: AWS may take this spot machine back soon: save your notebooks now."
    moment = _epoch(notice.time)
    stamp = time.strftime("%H:%M UTC", time.gmtime(moment)) if moment else notice.time
    return f"ec2nb: AWS is taking this spot machine back at {stamp}: save your notebooks now."


def _read_events(path: str) -> list[dict[str, Any]]:
    try:
        with open(path) as file:
            events = json.load(file)
    except (OSError, ValueError):
        return []
    return events if isinstance(events, list) else []


def _sync_work(work_dir: str) -> bool:
    """``sync -f`` the work disk when ``work_dir`` is its mount point; True when synced."""
    if not work_dir or not os.path.ismount(work_dir):
        return False
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(["sync", "-f", work_dir], timeout=60, check=False).returncode == 0
    return False


def act_on_notice(settings: dict[str, Any], notice: SpotNotice) -> dict[str, Any]:
    """Warn, log, sync and record one new notice; the recorded event is returned."""
    text = spot_banner(notice)
    wall = settings.get("wall_command", "wall")
    walled = False
    if wall:  # a stand-in names its own (its terminals are the developer's)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            walled = subprocess.run([wall, text], timeout=10, check=False).returncode == 0
    if settings.get("notebook_log"):
        with open(settings["notebook_log"], "a") as log:
            log.write(f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] {text}\n")
    work_dir = os.path.expanduser(settings.get("work_dir") or "~/work")
    event = dict(
        asdict(notice),
        key=notice.key,
        seen=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        walled=walled,
        synced=_sync_work(work_dir),
    )
    path = settings["spot_events_file"]
    events = [*_read_events(path), event]
    # Written whole, then renamed: the app's reader never sees half a file.
    with open(path + ".new", "w") as file:
        json.dump(events, file, sort_keys=True)
    os.replace(path + ".new", path)
    return event


def check_spot_once(settings: dict[str, Any], metadata: MetadataClient) -> list[dict[str, Any]]:
    """One poll: the events recorded now (none, nearly always)."""
    notices = read_notices(metadata.get(INSTANCE_ACTION_PATH), metadata.get(REBALANCE_PATH))
    fresh = new_notices(notices, _read_events(settings["spot_events_file"]))
    return [act_on_notice(settings, notice) for notice in fresh]


def watch_spot(settings: dict[str, Any], rounds: int | None = None) -> None:
    """Poll the metadata every ``spot_poll_seconds`` (``rounds`` polls, or for ever)."""
    metadata = MetadataClient(settings.get("metadata_url") or DEFAULT_METADATA_URL)
    pause = settings.get("spot_poll_seconds")
    pause = DEFAULT_SPOT_POLL_SECONDS if pause is None else float(pause)
    done = 0
    last_failure = ""
    while rounds is None or done < rounds:
        try:
            for event in check_spot_once(settings, metadata):
                print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} spot notice: {event}", flush=True)
            last_failure = ""
        except Exception as exc:  # the metadata may hiccup: the watch goes on
            if repr(exc) != last_failure:  # once per kind of failure, not every few seconds
                stamp = time.strftime("%Y-%m-%d %H:%M:%S")
                print(f"{stamp} spot check failed: {exc!r}", flush=True)
            last_failure = repr(exc)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(pause)


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
    parser.add_argument(
        "--spot-watch", dest="spot_watch", action="store_true", help="watch for spot notices"
    )
    args = parser.parse_args(argv)
    settings = _settings(args)
    if args.spot_watch:
        watch_spot(settings)
        return 0
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
