"""The launch journal: what one launch chose and created, saved as it goes, so it can resume.

One JSON file per launch under ``data_dir()/launches/<launch id>.json``, rewritten atomically
(temp file + rename) after every change, so a crash or a closed window never leaves half a file.
It holds the plan (which has no secrets), the ids of the resources this launch created, the
instance's host keys and the paths of the local key files; never a secret key, a token or a
private key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import os
import tempfile
import threading
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.core.paths import data_dir, private_dir
from app.core.sentence import QT_TRANSLATE_NOOP
from app.core.small_files import display_path, read_small_file

__all__ = [
    "CANCELLED",
    "FAILED",
    "LAUNCHING",
    "READY",
    "TERMINATED",
    "CreatedResources",
    "DamagedJournal",
    "LaunchJournal",
    "find_journal",
    "journal_dir",
    "list_journals",
    "load_journal",
    "new_launch_id",
    "scan_journals",
]

#: Journal states: the launch is under way (or was interrupted), done, or over.
LAUNCHING, READY, FAILED, CANCELLED, TERMINATED = (
    "launching",
    "ready",
    "failed",
    "cancelled",
    "terminated",
)


# A journal is a few KiB; a file far bigger than this is not one.
MAX_JOURNAL_BYTES = 4 * 1024 * 1024


def journal_dir(directory: Path | None = None) -> Path:
    path = directory or data_dir() / "launches"
    return private_dir(path)


@dataclass
class CreatedResources:
    """AWS resources and local files, and whether *this* launch created them (so clean-up
    removes exactly those and never something the user brought)."""

    security_group_id: str | None = None
    security_group_created: bool = False
    key_name: str | None = None
    key_pair_created: bool = False
    key_files: dict[str, str] = field(default_factory=dict)  # private / public / ppk paths
    key_files_created: bool = False
    #: RunInstances was sent: on resume, look the instance up by tag before sending it again.
    instance_requested: bool = False
    instance_id: str | None = None
    idle_alarm: bool = False
    #: The work disk attached to the instance (issue 14); ``work_disk_created``: this launch
    #: made it, so a failed launch's clean-up deletes it (a reused disk is never deleted).
    work_disk_id: str | None = None
    work_disk_created: bool = False


@dataclass
class LaunchJournal:
    """The saved state of one launch. Call :meth:`save` after changing it."""

    launch_id: str
    plan: dict[str, Any]
    region: str
    status: str = LAUNCHING
    created: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat())
    updated: str = ""
    steps_done: list[str] = field(default_factory=list)
    resources: CreatedResources = field(default_factory=CreatedResources)
    image: dict[str, Any] = field(default_factory=dict)  # the resolved ImageInfo
    zone: str | None = None
    public_ip: str | None = None
    ssh_user: str | None = None
    host_keys: list[str] = field(default_factory=list)
    notebook_port: int | None = None
    https: bool = False
    error: str = ""
    demo: bool = False
    directory: Path | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return journal_dir(self.directory) / f"{self.launch_id}.json"

    def mark_done(self, step: str) -> None:
        if step not in self.steps_done:
            self.steps_done.append(step)

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "directory"}
        data["resources"] = asdict(self.resources)
        return data

    def save(self) -> None:
        """Write the journal atomically, owner-only. Safe to call from several threads."""
        with self._lock:
            self.updated = dt.datetime.now(dt.UTC).isoformat()
            text = json.dumps(self.to_dict(), indent=2, sort_keys=True)
            target = self.path
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                if os.name != "nt":
                    os.chmod(temp, 0o600)
                os.replace(temp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise

    def delete(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    @classmethod
    def from_dict(cls, data: dict[str, Any], directory: Path | None = None) -> LaunchJournal:
        """The journal saved as ``data``; ``ValueError`` naming the first field of the wrong
        type (a hand-edited or damaged file), so no later use of it can crash."""
        if not isinstance(data, dict):
            raise ValueError(f"the journal is a JSON {type(data).__name__}, not an object")
        resources_data = data.get("resources", {})
        if not isinstance(resources_data, dict):
            raise ValueError("resources is not an object")
        resources = CreatedResources(**_checked(CreatedResources, resources_data))
        journal = cls(**_checked(cls, data), resources=resources, directory=directory)
        _check_plan(journal.plan)
        return journal


_SKIPPED = {"directory", "resources"}


def _checked(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The known fields of ``data``, each checked against ``cls``'s annotations."""
    hints = typing.get_type_hints(cls)
    values = {}
    for name, value in data.items():
        if name in hints and name not in _SKIPPED:
            if not _fits(value, hints[name]):
                raise ValueError(f"{name} is {type(value).__name__}, not {hints[name]}")
            values[name] = value
    return values


def _fits(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a type annotation (str, int, bool, enums, None, list[...],
    dict[...] and unions of them)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin is list:
        return isinstance(value, list) and all(_fits(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _fits(k, args[0]) and _fits(v, args[1]) for k, v in value.items()
        )
    if hint is Any:
        return True
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return value in {member.value for member in hint}
    if hint is int:  # JSON has no separate bool, but True is not a disk size
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, hint)


def _check_plan(plan: dict[str, Any]) -> None:
    from app.core.plan import LaunchPlan  # the plan module imports nothing of ours back

    _checked(LaunchPlan, plan)
    LaunchPlan.from_dict(plan)


def load_journal(launch_id: str, directory: Path | None = None) -> LaunchJournal:
    """The journal of ``launch_id``; :class:`WizardError` ``unknown-launch`` if there is none,
    ``bad-journal`` if its file is damaged (not JSON, or fields of the wrong type)."""
    path = journal_dir(directory) / f"{launch_id}.json"
    unknown = WizardError(
        QT_TRANSLATE_NOOP("core", "There is no launch '{launch_id}' on this computer.").format(
            launch_id=launch_id
        ),
        code="unknown-launch",
        hint=QT_TRANSLATE_NOOP("core", "'ec2nb list' shows the instances ec2nb launched."),
    )
    if not launch_id or "/" in launch_id or "\\" in launch_id or not os.path.lexists(path):
        raise unknown
    try:
        # A regular file of sane size only: a FIFO or a folder named like a journal is damaged.
        text = read_small_file(path, limit=MAX_JOURNAL_BYTES, refused_code="bad-journal")
        return LaunchJournal.from_dict(json.loads(text), directory)
    except WizardError as exc:
        if exc.code == "not-found":  # a dangling symlink, or deleted meanwhile
            raise unknown from None
        problem: Exception = exc
    except (ValueError, TypeError, RecursionError) as exc:
        problem = exc
    raise WizardError(
        QT_TRANSLATE_NOOP(
            "core", "The record of launch '{launch_id}' is damaged and cannot be read."
        ).format(launch_id=launch_id),
        detail=f"{display_path(path)}: {problem}",
        code="bad-journal",
    ) from problem


@dataclass(frozen=True)
class DamagedJournal:
    """A journal file that cannot be read: its launch id (the file name), path and why."""

    launch_id: str
    path: Path
    reason: str


def scan_journals(
    directory: Path | None = None,
) -> tuple[list[LaunchJournal], list[DamagedJournal]]:
    """Every readable journal, newest first, and every damaged one (by name), so one bad file
    never hides the others."""
    found: list[LaunchJournal] = []
    damaged: list[DamagedJournal] = []
    for path in sorted(journal_dir(directory).glob("*.json")):
        try:
            found.append(load_journal(path.stem, directory))
        except WizardError as exc:
            if exc.code != "unknown-launch":  # vanished meanwhile (a launch deleted it)
                damaged.append(DamagedJournal(path.stem, path, exc.detail or exc.message))
    return sorted(found, key=lambda j: j.created, reverse=True), damaged


def list_journals(directory: Path | None = None) -> list[LaunchJournal]:
    """Every readable journal, newest first (damaged files are left out: see
    :func:`scan_journals`)."""
    return scan_journals(directory)[0]


def find_journal(id_or_instance: str, directory: Path | None = None) -> LaunchJournal | None:
    """The journal whose launch id or instance id is ``id_or_instance``, if any."""
    for journal in list_journals(directory):
        if id_or_instance in (journal.launch_id, journal.resources.instance_id):
            return journal
    return None
