"""One launch as a job: run its steps in the registry's order, clean up, resume."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.errors import Cancelled, WizardError
from app.core.launch.context import LaunchContext, saved_moments_ago
from app.core.launch.events import PENDING, EventSink, StepEvent
from app.core.launch.journal import (
    CANCELLED,
    FAILED,
    READY,
    TERMINATED,
    LaunchJournal,
    load_journal,
    new_launch_id,
)
from app.core.launch.overrides import LaunchOverrides
from app.core.launch.registry import REGISTRY, STEP_TITLES, STEPS, waves
from app.core.launch.result import LaunchResult, launch_result
from app.core.launch.runner import StepRunner
from app.core.plan import LaunchPlan
from app.core.progress import CancelToken, Progress
from app.core.sentence import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import boto3

    from app.core.aws.cleanup import CleanupReport
    from app.core.aws.session import Credentials

log = logging.getLogger("app.core.launch")


class _Closable(Protocol):
    def close(self) -> None: ...


def _close_quietly(thing: _Closable | None) -> None:
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
        credentials: Credentials | None = None,
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
        self._session: boto3.Session | None = None  # a caller's, for a clean-up without a run
        self._context: LaunchContext | None = None

    @property
    def launch_id(self) -> str:
        return self.journal.launch_id

    @property
    def session(self) -> boto3.Session | None:
        """The boto3 session, once the identity step made it (or a caller set one)."""
        made = self._context.session if self._context is not None else None
        return made or self._session

    @session.setter
    def session(self, session: boto3.Session | None) -> None:
        self._session = session

    @classmethod
    def resume(
        cls,
        launch_id: str,
        credentials: Credentials | None = None,
        *,
        journal_dir: Path | None = None,
        **kwargs: Any,
    ) -> LaunchJob:
        """The job of an interrupted (or ready) launch; :meth:`run` continues where it was."""
        journal = load_journal(launch_id, journal_dir)
        if journal.status == TERMINATED:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "Launch {launch_id} was terminated; there is nothing to open."
                ).format(launch_id=launch_id),
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

    def _new_context(self) -> LaunchContext:
        return LaunchContext(
            plan=self.plan,
            journal=self.journal,
            overrides=self.overrides,
            cancel=self.cancel_token,
            credentials=self.credentials,
            key_passphrase=self.key_passphrase,
            confirm_host_key=self.confirm_host_key,
            started_instance=bool(self.journal.resources.instance_id)
            and saved_moments_ago(self.journal.updated),
        )

    def _run_steps(self, runner: StepRunner, pool: ThreadPoolExecutor) -> LaunchResult:
        ctx = self._context = self._new_context()
        # Before anything is created: a key that cannot be read now fails with nothing to undo.
        ctx.keys.unlock()
        # Started at once: neither needs AWS, and both would otherwise sit on the critical path.
        # On resume the group exists: a failed look-up must not fail the launch (the step says).
        look_up = ctx.my_ip_or_none if ctx.resources.security_group_id else ctx.my_ip
        ctx.my_ip_lookup = pool.submit(look_up) if ctx.needs_my_ip() else None
        ctx.new_key = pool.submit(ctx.keys.local_key) if ctx.keys.needs_local_key() else None
        for wave in waves(REGISTRY):
            if len(wave) == 1:
                runner.run(wave[0].name, partial(wave[0].run, ctx), self._done)
            else:
                runner.together(self._done, *((s.name, partial(s.run, ctx)) for s in wave))
        result = launch_result(ctx)
        self.journal.status = READY
        self.journal.save()
        # The tunnel has connections of its own; the bootstrap's is done.
        _close_quietly(ctx.ssh_client)
        ctx.ssh_client = None
        return result

    def _close_connections(self) -> None:
        ctx = self._context
        if ctx is not None:
            _close_quietly(ctx.open_tunnel)
            _close_quietly(ctx.ssh_client)
            ctx.open_tunnel = ctx.ssh_client = None

    # -- clean-up -------------------------------------------------------------------------

    def cleanup(
        self,
        *,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        delete_work_disk: bool | None = None,
    ) -> CleanupReport:
        """Remove what this launch created: its instance, group, key pair, alarm, key files.

        Returns the AWS layer's ``CleanupReport``. Never touches what the user brought (an
        existing group or key pair) or anything another launch created. The work disk: deleted
        when ``delete_work_disk`` (the user's "delete everything"), kept when False; ``None``
        deletes only a new disk of a launch that never became ready (a reused one never).
        """
        from app.core.launch.cleanup import clean_up

        self._close_connections()
        ctx = self._context
        return clean_up(
            self.journal,
            session=self.session,
            credentials=self.credentials,
            profile=self.plan.profile,
            started_instance=ctx.started_instance if ctx is not None else None,
            progress=progress,
            cancel=cancel,
            delete_work_disk=delete_work_disk,
        )
