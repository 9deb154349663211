"""The launch as one resumable job: from a :class:`LaunchPlan` to a notebook open through a tunnel.

The steps, in order: ``identity`` → ``ami`` → ``quota`` → ``security-group`` → ``key-pair`` →
``instance`` (zone failover) → ``running`` → ``host-keys`` → ``ssh`` → ``notebook`` → ``tunnel``
→ ``ready``. Independent work runs concurrently: the AMI and quota checks together, the public
IP look-up and local key generation in the background from the start, the security group and
key pair together. Each step reports :class:`StepEvent` s; the job stops at the next check of
its cancel token; :meth:`LaunchJob.cleanup` removes exactly what this launch created. Everything
the job learns is written to its journal (:mod:`app.core.journal`) as it goes, so
:meth:`LaunchJob.resume` continues an interrupted launch instead of launching again.

Reaching a stand-in instance (tests, ``--demo``, the UI's end-to-end test)
-----------------------------------------------------------------------
EC2 emulators hand out fake public IPs. One setting maps the instance's SSH address elsewhere:
``EC2NB_SSH_ENDPOINT=[user@]host:port`` in the environment (or ``LaunchOverrides(ssh_host=...,
ssh_port=..., ssh_user=...)`` passed to the job). Host keys are still checked per instance id:
pin the stand-in's key with ``LaunchPlan.trusted_host_key`` (``--trust-host-key SHA256:...``), or
let the emulator show it in the console output (``AwsEmulator.attach_instance_host``).
``EC2NB_PUBLIC_IP`` replaces the "what is my IP" look-up (offline machines);
``EC2NB_REMOTE_HOME`` puts the notebook's files in a sandbox folder of the stand-in;
``EC2NB_PROVISION_ONLY=1`` stops after the host keys (the demo without an SSH server).
A stand-in never runs the idle agent for real: it would shut down the computer it runs on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core.errors import Cancelled, WizardError
from app.core.journal import (
    CANCELLED,
    FAILED,
    READY,
    TERMINATED,
    LaunchJournal,
    load_journal,
    new_launch_id,
)
from app.core.plan import LaunchPlan
from app.core.progress import CancelToken, Progress

log = logging.getLogger(__name__)

STEPS: tuple[str, ...] = (
    "identity",
    "ami",
    "quota",
    "security-group",
    "key-pair",
    "instance",
    "running",
    "host-keys",
    "ssh",
    "notebook",
    "tunnel",
    "ready",
)
STEP_TITLES: dict[str, str] = {
    "identity": "Check credentials",
    "ami": "Find the machine image",
    "quota": "Check the vCPU quota",
    "security-group": "Security group",
    "key-pair": "Key pair",
    "instance": "Launch the instance",
    "running": "Wait until it runs",
    "host-keys": "Get its host key",
    "ssh": "Connect over SSH",
    "notebook": "Start Jupyter",
    "tunnel": "Open the tunnel",
    "ready": "Ready",
}
#: StepEvent states.
PENDING, RUNNING, DONE, FAILED_STATE, SKIPPED, CANCELLED_STATE = (
    "pending",
    "running",
    "done",
    "failed",
    "skipped",
    "cancelled",
)
SSH_ENDPOINT_ENV = "EC2NB_SSH_ENDPOINT"
PUBLIC_IP_ENV = "EC2NB_PUBLIC_IP"
REMOTE_HOME_ENV = "EC2NB_REMOTE_HOME"
PROVISION_ONLY_ENV = "EC2NB_PROVISION_ONLY"
_ENDPOINT = re.compile(r"^(?:(?P<user>[^@\s]+)@)?(?P<host>[^:\s]+)(?::(?P<port>\d{1,5}))?$")


@dataclass(frozen=True)
class StepEvent:
    """One change of one step: what the progress page and ``--json`` show."""

    step: str
    state: str  # pending | running | done | failed | skipped | cancelled
    message: str = ""
    elapsed: float = 0.0  # seconds since the step started

    def to_dict(self) -> dict[str, Any]:
        return {"event": "step", **asdict(self), "elapsed": round(self.elapsed, 3)}


@dataclass(frozen=True)
class LaunchOverrides:
    """Where a stand-in instance really is (see the module docstring), for tests and the demo."""

    ssh_host: str | None = None
    ssh_port: int | None = None
    ssh_user: str | None = None
    public_ip: str | None = None
    #: Where the notebook's files go on the stand-in (a sandbox, not the user's own home).
    remote_home: str | None = None
    #: Stop after the host keys (the demo on a computer without an OpenSSH server).
    provision_only: bool = False
    host_key_timeout: float = 300.0
    ssh_timeout: float = 300.0

    @property
    def stand_in(self) -> bool:
        """True when this computer (or another test machine) plays the instance."""
        return self.ssh_host is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LaunchOverrides:
        env = os.environ if environ is None else environ
        overrides = cls(
            public_ip=env.get(PUBLIC_IP_ENV) or None,
            remote_home=env.get(REMOTE_HOME_ENV) or None,
            provision_only=env.get(PROVISION_ONLY_ENV) == "1",
        )
        raw = env.get(SSH_ENDPOINT_ENV, "").strip()
        if not raw:
            return overrides
        found = _ENDPOINT.fullmatch(raw)
        if not found:
            raise WizardError(
                f"{SSH_ENDPOINT_ENV}='{raw}' is not [user@]host:port.", code="bad-setting"
            )
        port = found.group("port")
        return replace(
            overrides,
            ssh_host=found.group("host"),
            ssh_port=int(port) if port else None,
            ssh_user=found.group("user"),
        )


@dataclass
class LaunchResult:
    """A launch that is ready. ``tunnel`` (when not None) is open: the caller closes it."""

    launch_id: str
    instance_id: str
    region: str
    url: str | None  # holds the notebook token: show it, never log it
    ssh_command: str
    putty_command: str
    notebook: Any  # app.core.remote.bootstrap.NotebookInfo, None when provisioning only
    tunnel: Any  # app.core.remote.tunnel.Tunnel, None for HTTPS access
    public_ip: str | None = None
    instance_type: str = ""
    demo: bool = False
    market: str = "on-demand"  # spot launches are one-time requests: no Stop, only Terminate
    warnings: list[str] = field(default_factory=list)  # shown with the result, not only logged

    @property
    def can_stop(self) -> bool:
        return self.market != "spot"


class _Skip(Exception):
    """A step has nothing to do; its message says why."""


StepFn = Callable[[Progress], str]
EventSink = Callable[[StepEvent], None]


class StepRunner:
    """Runs named steps, one by one or side by side, and reports each one's events."""

    def __init__(self, emit: EventSink, cancel: CancelToken, pool: ThreadPoolExecutor) -> None:
        self._emit = emit
        self._cancel = cancel
        self._pool = pool
        self.timings: dict[str, float] = {}

    def run(self, step: str, fn: StepFn, on_done: Callable[[str], None]) -> None:
        self._cancel.raise_if_cancelled()
        started = time.monotonic()

        def progress(_inner_step: str, message: str) -> None:
            self._emit(StepEvent(step, RUNNING, message, time.monotonic() - started))

        self._emit(StepEvent(step, RUNNING, STEP_TITLES[step] + "…", 0.0))
        try:
            message = fn(progress)
        except _Skip as skip:
            self.timings[step] = time.monotonic() - started
            self._emit(StepEvent(step, SKIPPED, str(skip), self.timings[step]))
            return
        except Cancelled:
            self._emit(StepEvent(step, CANCELLED_STATE, "Cancelled.", time.monotonic() - started))
            raise
        except WizardError as exc:
            self._emit(StepEvent(step, FAILED_STATE, str(exc), time.monotonic() - started))
            raise
        except Exception as exc:
            log.exception("step %s crashed", step)
            self._emit(StepEvent(step, FAILED_STATE, "Unexpected error.", 0.0))
            raise WizardError(
                f"The launch stopped at '{STEP_TITLES[step]}' because of an unexpected error.",
                detail=f"{exc.__class__.__name__}: {exc}",
                code="internal",
            ) from exc
        self.timings[step] = time.monotonic() - started
        on_done(step)
        if self._cancel.cancelled:
            # Cancelled while it ran: what it made is recorded, so clean-up finds it.
            self._emit(StepEvent(step, CANCELLED_STATE, "Cancelled.", self.timings[step]))
            raise Cancelled()
        self._emit(StepEvent(step, DONE, message, self.timings[step]))

    def together(self, on_done: Callable[[str], None], *steps: tuple[str, StepFn]) -> None:
        """Run ``steps`` concurrently; wait for all; raise the first real failure."""
        futures = [self._pool.submit(self.run, name, fn, on_done) for name, fn in steps]
        errors: list[BaseException] = []
        for future in futures:
            exc = future.exception()
            if exc is not None:
                errors.append(exc)
        if errors:
            # A failure explains more than the cancellations it may have caused.
            raise next((e for e in errors if not isinstance(e, Cancelled)), errors[0])


def _parallel_value(future: Future[Any] | None) -> Any:
    return future.result() if future is not None else None


def _close_quietly(thing: Any) -> None:
    if thing is not None:
        with contextlib.suppress(Exception):
            thing.close()


class LaunchJob:
    """One launch: :meth:`run` it, :meth:`cleanup` after a cancel or failure, or resume it.

    ``progress_event`` is called from worker threads. ``confirm_host_key(fingerprint)`` is asked
    when the console output shows no host key and none is pinned (the GUI's PuTTY-style
    dialog); without it such a launch fails with a hint to pin the key.
    """

    def __init__(
        self,
        plan: LaunchPlan,
        credentials: Any = None,
        *,
        progress_event: EventSink | None = None,
        cancel: CancelToken | None = None,
        journal_dir: Path | None = None,
        overrides: LaunchOverrides | None = None,
        confirm_host_key: Callable[[str], bool] | None = None,
        key_passphrase: str | None = None,
        journal: LaunchJournal | None = None,
    ) -> None:
        plan.validate()
        self.plan = plan
        self.credentials = credentials
        self.cancel_token = cancel or CancelToken()
        self.overrides = overrides if overrides is not None else LaunchOverrides.from_env()
        self.confirm_host_key = confirm_host_key
        self.key_passphrase = key_passphrase
        self._listener = progress_event
        self.journal = journal or LaunchJournal(
            launch_id=new_launch_id(),
            plan=plan.to_dict(),
            region=plan.region,
            directory=journal_dir,
            demo=os.environ.get("EC2NB_DEMO") == "1",
        )
        self.events: list[StepEvent] = []
        self.timings: dict[str, float] = {}
        self.session: Any = None  # the boto3 session, once the identity step made it
        self._work: Any = None

    @property
    def launch_id(self) -> str:
        return self.journal.launch_id

    @classmethod
    def resume(
        cls,
        launch_id: str,
        credentials: Any = None,
        *,
        journal_dir: Path | None = None,
        **kwargs: Any,
    ) -> LaunchJob:
        """The job of an interrupted (or ready) launch; :meth:`run` continues where it was."""
        journal = load_journal(launch_id, journal_dir)
        if journal.status == TERMINATED:
            raise WizardError(
                f"Launch {launch_id} was terminated; there is nothing to open.",
                code="terminated",
            )
        plan = LaunchPlan.from_dict(journal.plan)
        return cls(plan, credentials, journal=journal, journal_dir=journal_dir, **kwargs)

    # -- running --------------------------------------------------------------------------

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _emit(self, event: StepEvent) -> None:
        self.events.append(event)
        log.info("launch %s: %s %s %s", self.launch_id, event.step, event.state, event.message)
        if self._listener is not None:
            self._listener(event)

    def _done(self, step: str) -> None:
        self.journal.mark_done(step)
        self.journal.save()

    def run(self) -> LaunchResult:
        """Run (or continue) the launch; raise :class:`WizardError` or :class:`Cancelled`."""
        self.journal.error = ""
        self.journal.save()
        for step in STEPS:
            self._emit(StepEvent(step, PENDING, STEP_TITLES[step]))
        try:
            with ThreadPoolExecutor(4, thread_name_prefix=f"launch-{self.launch_id}") as pool:
                runner = StepRunner(self._emit, self.cancel_token, pool)
                try:
                    result = self._run_steps(runner, pool)
                finally:
                    self.timings = runner.timings
        except Cancelled:
            self.journal.status = CANCELLED
            self.journal.save()
            self._close_connections()
            raise
        except WizardError as exc:
            self.journal.status = FAILED
            self.journal.error = exc.message
            self.journal.save()
            self._close_connections()
            raise
        return result

    def _run_steps(self, runner: StepRunner, pool: ThreadPoolExecutor) -> LaunchResult:
        from app.core import launch_steps as steps

        work = self._work = steps.StepWork(self)
        # Before anything is created: a key that cannot be read now fails with nothing to undo.
        work.keys.unlock()
        # Started at once: neither needs AWS, and both would otherwise sit on the critical path.
        # On resume the group exists: a failed look-up must not fail the launch (the step says).
        look_up = work.my_ip_or_none if work.resources.security_group_id else work.my_ip
        my_ip = pool.submit(look_up) if work.needs_my_ip() else None
        local_key = pool.submit(work.local_key) if work.needs_local_key() else None
        runner.run("identity", work.identity, self._done)
        runner.together(self._done, ("ami", work.ami), ("quota", work.quota))
        runner.together(
            self._done,
            ("security-group", lambda p: work.security_group(p, _parallel_value(my_ip))),
            ("key-pair", lambda p: work.key_pair(p, _parallel_value(local_key))),
        )
        for step in ("instance", "running", "host-keys", "ssh", "notebook", "tunnel", "ready"):
            runner.run(step, getattr(work, step.replace("-", "_")), self._done)
        result = work.result()
        self.journal.status = READY
        self.journal.save()
        # The tunnel has connections of its own; the bootstrap's is done.
        _close_quietly(work.ssh_client)
        work.ssh_client = None
        return result

    def _close_connections(self) -> None:
        work = self._work
        if work is not None:
            _close_quietly(work.open_tunnel)
            _close_quietly(work.ssh_client)
            work.open_tunnel = work.ssh_client = None

    # -- clean-up -------------------------------------------------------------------------

    def cleanup(
        self, *, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> Any:
        """Remove what this launch created: its instance, group, key pair, alarm, key files.

        Returns the AWS layer's ``CleanupReport``. Never touches what the user brought (an
        existing group or key pair) or anything another launch created.
        """
        from app.core.launch_cleanup import clean_up

        self._close_connections()
        return clean_up(self, progress=progress, cancel=cancel)
