"""Prepare and start the notebook on the instance with ``resources/remote/bootstrap.sh``.

The same script runs over SSH (``bash -s``, settings prepended as ``export`` lines) and as EC2
user data, so the instance starts preparing while it boots and the SSH run finds it done. The
token is created on the instance and read back from its owner-only file over SSH: never on a
command line, never in the script's output, registered as a secret before anything is logged.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import shlex
import time
from dataclasses import dataclass, field, replace
from typing import Any

import paramiko

from app.core.errors import WizardError
from app.core.paths import resource
from app.core.plan import Access
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.redact import redact, register_secret
from app.core.remote.connect import run
from app.core.remote.idle import compact_agent_source
from app.core.sentence import QT_TRANSLATE_NOOP, recognise

log = logging.getLogger(__name__)

RESULT_PREFIX = "EC2NB_RESULT "
PROGRESS_PREFIX = "ec2nb: "
USER_DATA_LIMIT = 16 * 1024  # bytes EC2 accepts as user data, before base64
_SCRIPT_END = "EC2NB_BOOTSTRAP_END"  # ends the bootstrap's here-document in the user data
_TOKEN = re.compile(r"^[0-9a-f]{32,128}$")
_COMMENT = re.compile(r"^\s*#(\s|$)")
_AGENT_END = "EC2NB_IDLE_AGENT_EOF"
_RUN_FROM_FILE = (
    'f=$(mktemp) && cat >"$f" && { bash "$f" </dev/null 2>&1; rc=$?; rm -f "$f"; exit $rc; }'
)


def _number(value: float | None) -> str | None:
    return None if value is None else f"{float(value):.3f}"


@dataclass(frozen=True)
class BootstrapOptions:
    """What the bootstrap sets up; the defaults fit the wizard's tunnel mode."""

    access: Access = Access.TUNNEL
    git_repo: str | None = None
    idle_stop_minutes: int | None = None
    port: int = 8888
    user: str | None = None  # who runs Jupyter; needed as user data (which runs as root)
    remote_home: str | None = None  # notebook folder and state; default: the user's home
    python: str | None = None  # default: the instance's EC2NB_PYTHON, the DLAMI env, python3
    service: str = "auto"  # auto | systemd | detached
    idle_dry_run: bool = False  # the agent reports its decision but never stops the machine
    pip_args: str = ""  # e.g. "--index-url http://mirror/simple"
    wait_seconds: int = 120
    user_from_uid: int | None = None  # user data: Jupyter's user is whoever has this uid
    max_hours: float | None = None  # hard limit: stop this long after each boot
    # Stand-ins and tests only: the limit counts from here (not the boot), with a shorter hour
    # and a faster detached agent.
    limit_from: float | None = None
    limit_hour_seconds: float | None = None
    agent_loop_seconds: float | None = None
    spot: bool = False  # watch the metadata for AWS taking the machine back
    # Stand-ins and tests only: a fake metadata server, its pace, and the program that writes
    # to every terminal ("" for none: a stand-in's terminals are the developer's own).
    metadata_url: str | None = None
    spot_poll_seconds: float | None = None
    wall_command: str | None = None
    #: The work disk (a volume id): mounted at ``<remote_home>/work``, which becomes Jupyter's
    #: root. ``disk_by_id`` and ``fstab``: stand-ins only (default /dev/disk/by-id, /etc/fstab).
    work_volume: str | None = None
    disk_by_id: str | None = None
    fstab: str | None = None

    def environment(self, action: str = "start") -> dict[str, str]:
        """The ``EC2NB_*`` settings the script reads."""
        env = {
            "EC2NB_ACTION": action,
            "EC2NB_ACCESS": Access(self.access).value,
            "EC2NB_PORT": str(int(self.port)),
            "EC2NB_SERVICE": self.service,
            "EC2NB_WAIT_SECONDS": str(int(self.wait_seconds)),
            "EC2NB_IDLE_MINUTES": ""
            if self.idle_stop_minutes is None
            else str(float(self.idle_stop_minutes)),
            "EC2NB_IDLE_DRY_RUN": "1" if self.idle_dry_run else "0",
            "EC2NB_GIT_REPO": self.git_repo or "",
            "EC2NB_MAX_HOURS": "" if self.max_hours is None else str(float(self.max_hours)),
            "EC2NB_SPOT": "1" if self.spot else "0",
        }
        optional = {
            "EC2NB_USER": self.user,
            "EC2NB_REMOTE_HOME": self.remote_home,
            "EC2NB_PYTHON": self.python,
            "EC2NB_PIP_ARGS": self.pip_args,
            "EC2NB_USER_FROM_UID": None if self.user_from_uid is None else str(self.user_from_uid),
            "EC2NB_LIMIT_FROM": _number(self.limit_from),
            "EC2NB_LIMIT_HOUR_SECONDS": _number(self.limit_hour_seconds),
            "EC2NB_AGENT_LOOP_SECONDS": _number(self.agent_loop_seconds),
            "EC2NB_METADATA_URL": self.metadata_url,
            "EC2NB_SPOT_POLL_SECONDS": _number(self.spot_poll_seconds),
            "EC2NB_WORK_VOLUME": self.work_volume,
            "EC2NB_DISK_BY_ID": self.disk_by_id,
            "EC2NB_FSTAB": self.fstab,
        }
        env.update({key: value for key, value in optional.items() if value})
        if self.wall_command is not None:
            env["EC2NB_WALL_COMMAND"] = self.wall_command
        return env


@dataclass(frozen=True)
class NotebookInfo:
    """The running notebook, as the bootstrap reports it."""

    port: int
    token: str = field(repr=False)
    jupyter_version: str
    python_version: str
    framework: str  # "torch 2.7.0", or "none"
    gpu_name: str  # "no GPU found" when nvidia-smi finds none
    gpu_memory: str
    driver: str
    cuda_available: bool | None  # None: no PyTorch to ask
    https: bool
    python: str = ""
    service: str = ""  # systemd | detached
    pid: int | None = None
    state_dir: str = ""
    notebook_dir: str = ""
    git: str = ""  # cloned | present | "" (none asked, or it failed: see warnings)
    cert_fingerprint: str = ""  # HTTPS mode: SHA-256 of the self-signed certificate
    changed: list[str] = field(default_factory=list)  # empty on a run that changed nothing
    warnings: list[str] = field(default_factory=list)


#: A whole-line comment of the script (its heredocs hold Python, whose comments these are too).


def script_text(options: BootstrapOptions, *, action: str = "start") -> str:
    """The bootstrap with its settings and the idle agent built in: one self-contained script."""
    body = resource("remote", "bootstrap.sh").read_text(encoding="utf-8")
    if body.startswith("#!"):
        body = body.split("\n", 1)[1]
    # Comment lines go (the shell's, and the Python's in its here-documents): the script must
    # fit EC2's user data limit, and the instance runs the same commands without them.
    body = "".join(line for line in body.splitlines(keepends=True) if not _COMMENT.match(line))
    agent = compact_agent_source()
    if _AGENT_END in agent:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The idle agent cannot be embedded."), code="internal"
        )
    settings = "".join(
        f"export {key}={shlex.quote(value)}\n" for key, value in options.environment(action).items()
    )
    return (
        "#!/bin/bash\n"
        f"{settings}"
        f"write_idle_agent() {{\ncat <<'{_AGENT_END}'\n{agent.rstrip()}\n{_AGENT_END}\n}}\n"
        f"{body}"
    )


def user_data_script(options: BootstrapOptions) -> bytes:
    """The same bootstrap as EC2 user data (cloud-init runs it as root while booting), gzipped.

    EC2 accepts 16 KB of user data before base64; cloud-init unpacks gzipped user data itself
    ("Gzip Compressed Content" in its user-data formats), so the whole script is compressed
    once, without a base64 layer of our own (a third more room). It writes the bootstrap to a
    file, starts that in the background and ends at once: cloud-init prints the SSH host keys to
    the console only after the user-data script has ended (``scripts_user`` runs before
    ``keys_to_console``), and the launch's host-key step must not wait minutes for JupyterLab's
    installation (the detached run outlives the stage: Ubuntu's ``cloud-final.service`` has
    ``KillMode=process``). The SSH run later waits for this one through the script's lock. Its
    output goes to a root-only log (``/var/log/ec2nb-bootstrap.log``), not the console: the
    console is read by anyone with ``ec2:GetConsoleOutput``.
    """
    if options.user is None:
        # Without a named user, the image's login user (uid 1000), not root, runs Jupyter.
        options = replace(options, user_from_uid=1000)
    script = script_text(options)
    if f"\n{_SCRIPT_END}\n" in f"\n{script}\n":
        raise AssertionError("the bootstrap contains its own end marker")
    text = (
        "#!/bin/bash\n"
        "# EC2 Notebook Wizard: prepares the Jupyter notebook while the machine boots.\n"
        f"f=$(mktemp)\ncat >\"$f\" <<'{_SCRIPT_END}'\n{script.rstrip()}\n{_SCRIPT_END}\n"
        "log=/var/log/ec2nb-bootstrap.log\n"
        '{ (umask 077 && : >>"$log"); } 2>/dev/null ||\n'
        '    log="${TMPDIR:-/tmp}/ec2nb-bootstrap-$(id -u).log"\n'
        'echo "ec2nb: preparing the notebook in the background (log: $log)"\n'
        # A session of its own, and no handle on cloud-init's output pipe, which it waits on.
        'setsid bash -c \'bash "$0" </dev/null; rc=$?; rm -f "$0"; exit $rc\' "$f" '
        '>>"$log" 2>&1 </dev/null &\n'
    )
    packed = gzip.compress(text.encode(), compresslevel=9, mtime=0)
    if len(packed) > USER_DATA_LIMIT:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The start-up script is {size} bytes; EC2 accepts at most {limit}."
            ).format(size=len(packed), limit=USER_DATA_LIMIT),
            code="user-data-too-large",
        )
    return packed


def run_bootstrap(
    client: paramiko.SSHClient,
    options: BootstrapOptions,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 1800,
) -> NotebookInfo:
    """Run the bootstrap over SSH and return the running notebook, token included."""
    result, output = _run_script(client, script_text(options), progress, cancel, timeout)
    if not result.get("ok"):
        error = str(result.get("error") or "the script ended without a result")
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The notebook could not be started on the instance: {error}."
            ).format(error=error),
            code="bootstrap-failed",
            detail=redact("\n".join(output[-40:])),
            params={"error": error},
        )
    token = read_token(client, str(result["state_dir"]))
    info = NotebookInfo(
        port=int(result["port"]),
        token=token,
        jupyter_version=str(result["jupyter_version"]),
        python_version=str(result["python_version"]),
        framework=str(result["framework"]),
        gpu_name=_gpu_name(str(result["gpu_name"])),
        gpu_memory=str(result["gpu_memory"]),
        driver=str(result["driver"]),
        cuda_available=result["cuda_available"],
        https=bool(result["https"]),
        python=str(result["python"]),
        service=str(result["service"]),
        pid=result["pid"],
        state_dir=str(result["state_dir"]),
        notebook_dir=str(result["notebook_dir"]),
        git=str(result["git"]),
        cert_fingerprint=str(result["cert_fingerprint"]),
        changed=list(result["changed"]),
        warnings=list(result["warnings"]),
    )
    log.info(
        "notebook ready: JupyterLab %s on port %s, %s, %s, changed: %s",
        info.jupyter_version,
        info.port,
        info.framework,
        info.gpu_name,
        ", ".join(info.changed) or "nothing",
    )
    return info


def stop_notebook(
    client: paramiko.SSHClient, options: BootstrapOptions, *, timeout: float = 120
) -> None:
    """Stop the Jupyter server and the idle agent the bootstrap started."""
    result, output = _run_script(
        client, script_text(options, action="stop"), no_progress, NEVER_CANCELLED, timeout
    )
    if not result.get("ok"):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The notebook could not be stopped."),
            code="bootstrap-failed",
            detail=redact("\n".join(output[-20:])),
        )


def read_token(client: paramiko.SSHClient, state_dir: str) -> str:
    """The notebook token from its owner-only file on the instance (registered as secret)."""
    status, out, _ = run(client, f"cat -- {shlex.quote(state_dir + '/token')}", timeout=30)
    token = out.strip()
    register_secret(token)
    if status != 0 or not _TOKEN.fullmatch(token):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The notebook's token could not be read back from the instance."
            ),
            code="bootstrap-failed",
            detail=f"exit status {status}",
        )
    return token


def _run_script(
    client: paramiko.SSHClient,
    text: str,
    progress: Progress,
    cancel: CancelToken,
    timeout: float,
) -> tuple[dict[str, Any], list[str]]:
    transport = client.get_transport()
    if transport is None or not transport.is_active():
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The SSH connection to the instance is closed."),
            code="ssh-closed",
        )
    channel = transport.open_session()
    output: list[str] = []
    result: dict[str, Any] = {}
    deadline = time.monotonic() + timeout
    try:
        channel.settimeout(0.5)
        # Stored first and run from the file: a command in the script that reads its standard
        # input must not swallow the rest of the script.
        channel.exec_command(_RUN_FROM_FILE)
        channel.sendall(text.encode())
        channel.shutdown_write()
        pending = b""
        while True:
            cancel.raise_if_cancelled()
            if time.monotonic() > deadline:
                raise WizardError(
                    QT_TRANSLATE_NOOP(
                        "core", "Setting up the notebook took longer than {seconds} s."
                    ).format(seconds=int(timeout)),
                    code="bootstrap-timeout",
                    detail=redact("\n".join(output[-40:])),
                )
            try:
                data = channel.recv(65536)
            except TimeoutError:  # nothing yet: look at cancel and the deadline again
                continue
            if not data:
                break
            pending += data
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                _handle_line(raw.decode("utf-8", "replace"), output, result, progress)
        if pending:
            _handle_line(pending.decode("utf-8", "replace"), output, result, progress)
        status = channel.recv_exit_status()
    finally:
        channel.close()
    if status != 0 and not result:
        result = {"ok": False, "error": f"the script failed (exit status {status})"}
    return result, output


#: What resources/remote/bootstrap.sh says on its "ec2nb: " lines (keep in step with it).
_SCRIPT_NOTES = (
    QT_TRANSLATE_NOOP("core", "waiting for the setup started at boot to finish"),
    QT_TRANSLATE_NOOP("core", "stopped"),
    QT_TRANSLATE_NOOP("core", "Python environment: {path}"),
    QT_TRANSLATE_NOOP("core", "installing JupyterLab (a few minutes)"),
    QT_TRANSLATE_NOOP("core", "making a self-signed certificate"),
    QT_TRANSLATE_NOOP("core", "starting Jupyter (systemd service)"),
    QT_TRANSLATE_NOOP("core", "starting Jupyter"),
    QT_TRANSLATE_NOOP("core", "waiting for Jupyter to answer"),
    QT_TRANSLATE_NOOP("core", "cloning {repository}"),
    QT_TRANSLATE_NOOP("core", "warning: {warning}"),
)


#: What the script reports as the GPU when nvidia-smi finds none.
_NO_GPU = QT_TRANSLATE_NOOP("core", "no GPU found")


def _gpu_name(reported: str) -> str:
    """The script's GPU name; its "no GPU found" as a sentence, so the wizard translates it."""
    return _NO_GPU if reported == _NO_GPU else reported


def _handle_line(line: str, output: list[str], result: dict[str, Any], progress: Progress) -> None:
    if line.startswith(RESULT_PREFIX):
        result.update(json.loads(line[len(RESULT_PREFIX) :]))
        return
    output.append(line)
    if line.startswith(PROGRESS_PREFIX):
        message = line[len(PROGRESS_PREFIX) :]
        log.info("instance: %s", message)
        progress("notebook", recognise(message, _SCRIPT_NOTES))
    else:
        log.debug("instance output: %s", line)
