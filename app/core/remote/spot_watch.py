"""The app's side of the spot guard: learn over the tunnel's SSH connection that AWS is taking
the machine back.

The agent on the instance (``resources/remote/idle_agent.py --spot-watch``) records each notice
in ``<state>/spot-events.json``. :class:`SpotWatcher` keeps one exec channel open on the tunnel's
verified connection, running a shell loop on the instance that waits (there, with ``sleep``)
until that file grows, then prints it: while there is no notice nothing crosses the network.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shlex
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import paramiko

from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    from app.core.launch.result import LaunchResult

log = logging.getLogger(__name__)

EVENTS_FILE = "spot-events.json"
RETRY_SECONDS = 10.0
INTERRUPTION = "interruption"
REBALANCE = "rebalance"


@dataclass(frozen=True)
class SpotNotice:
    """A notice the agent recorded: AWS takes the machine back (``action`` at ``at``), or may."""

    kind: str  # interruption | rebalance
    at: dt.datetime  # UTC: the interruption's moment, or when the recommendation came
    action: str = ""  # interruption only: terminate | stop | hibernate
    synced: bool = False  # the work disk was synced

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.action}:{self.at.isoformat()}"

    def sentence(self) -> Sentence:
        """What the user is told, with the moment in this computer's time."""
        if self.kind == REBALANCE:
            return QT_TRANSLATE_NOOP(
                "core", "AWS may take this spot machine back soon: save your notebooks now."
            )
        return QT_TRANSLATE_NOOP(
            "core", "AWS is taking this spot machine back at {time}: save your notebooks now."
        ).format(time=self.at.astimezone().strftime("%H:%M"))

    def to_event(self) -> dict[str, Any]:
        """The ``--json`` event."""
        return {
            "event": "spot-notice",
            "kind": self.kind,
            "action": self.action or None,
            "time": self.at.isoformat(),
            "synced": self.synced,
            "message": str(self.sentence()),
        }


def parse_events(text: str) -> list[SpotNotice]:
    """The notices in the agent's event file; what cannot be read is left out."""
    try:
        events = json.loads(text)
    except ValueError:
        return []
    notices = []
    for event in events if isinstance(events, list) else []:
        if not isinstance(event, dict) or event.get("kind") not in (INTERRUPTION, REBALANCE):
            continue
        try:
            at = dt.datetime.fromisoformat(str(event.get("time", "")).replace("Z", "+00:00"))
        except ValueError:
            continue
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        notices.append(
            SpotNotice(
                str(event["kind"]), at, str(event.get("action") or ""), bool(event.get("synced"))
            )
        )
    return notices


#: Exit status of the wait when its channel went away (stdin at its end): nobody to tell.
ORPHANED = 3


def wait_command(path: str, known_size: int) -> str:
    """A shell loop on the instance: wait until ``path`` is bigger than ``known_size``, print it.

    It ends with :data:`ORPHANED` as soon as its stdin ends: sshd closes it when the channel or
    the connection goes, and a loop that only slept would run on the instance for ever, one more
    after every reconnect. The app never writes to it, so a second of ``head`` on stdin is the
    pause, and an early return is the end of the channel."""
    # stderr to /dev/null first: nobody reads it, and unread it would fill the channel's window
    # (a missing file's complaint every second) until the loop blocked.
    return (
        f"exec 2>/dev/null; f={shlex.quote(path)}; "
        f'while :; do s=$(wc -c <"$f") || s=0; [ "${{s:-0}}" -gt {int(known_size)} ] && break; '
        f"timeout 1 head -c 1 >/dev/null; [ $? -eq 124 ] || exit {ORPHANED}; "
        'done; cat "$f"'
    )


class SpotWatcher:
    """Calls ``on_notice`` once per new notice, from a thread of its own, until ``close()``.

    ``transport`` gives the current SSH transport (the tunnel's, which reconnects); a dropped
    connection is retried after a pause.
    """

    def __init__(
        self,
        transport: Callable[[], paramiko.Transport],
        state_dir: str,
        on_notice: Callable[[SpotNotice], None],
        *,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self._transport = transport
        self.path = f"{state_dir.rstrip('/')}/{EVENTS_FILE}"
        self._on_notice = on_notice
        self._retry = retry_seconds
        self._closed = threading.Event()
        self._channel: paramiko.Channel | None = None
        self._thread: threading.Thread | None = None
        self.seen: set[str] = set()
        self.notices: list[SpotNotice] = []

    def start(self) -> SpotWatcher:
        self._thread = threading.Thread(target=self._run, name="spot-watch", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._closed.set()
        channel = self._channel
        if channel is not None:
            channel.close()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        size = 0
        while not self._closed.is_set():
            try:
                output = self._wait_for_change(size)
            except WizardError as exc:
                if exc.code == "tunnel-closed":  # the user closed it: nothing left to watch
                    return
                log.info("spot watch: %s; trying again in %.0f s", exc, self._retry)
                self._closed.wait(self._retry)
                continue
            except Exception as exc:  # the connection dropped or the machine is gone
                log.info("spot watch: %r; trying again in %.0f s", exc, self._retry)
                self._closed.wait(self._retry)
                continue
            if output is None:
                continue
            size = len(output)
            for notice in parse_events(output.decode("utf-8", "replace")):
                if notice.key not in self.seen:
                    self.seen.add(notice.key)
                    self.notices.append(notice)
                    log.warning("spot notice: %s", notice.sentence())
                    try:
                        self._on_notice(notice)
                    except Exception:  # the listener is gone (a closed window): keep watching
                        log.exception("spot watch: the notice could not be passed on")

    def _wait_for_change(self, size: int) -> bytes | None:
        channel = self._transport().open_session(timeout=15)
        self._channel = channel
        try:
            channel.settimeout(1.0)  # so that close() is noticed
            channel.exec_command(wait_command(self.path, size))
            chunks = []
            while not self._closed.is_set():
                try:
                    data = channel.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                chunks.append(data)
            if self._closed.is_set():
                return None
            if channel.recv_exit_status() != 0:
                raise OSError("the wait on the instance ended with an error")
            return b"".join(chunks)
        finally:
            self._channel = None
            channel.close()


def watch_launch(
    result: LaunchResult, on_notice: Callable[[SpotNotice], None]
) -> SpotWatcher | None:
    """Start watching a ready spot launch through its tunnel; None when there is nothing to
    watch (on-demand, no tunnel, or no notebook whose agent records the notices)."""
    notebook = result.notebook
    if result.market != "spot" or result.tunnel is None or notebook is None:
        return None
    if not notebook.state_dir:
        return None
    return SpotWatcher(result.tunnel.transport, notebook.state_dir, on_notice).start()
