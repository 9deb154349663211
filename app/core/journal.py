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
import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.aws.tags import new_launch_id
from app.core.errors import WizardError
from app.core.paths import data_dir, private_dir

__all__ = [
    "CANCELLED",
    "FAILED",
    "LAUNCHING",
    "READY",
    "TERMINATED",
    "CreatedResources",
    "LaunchJournal",
    "find_journal",
    "journal_dir",
    "list_journals",
    "load_journal",
    "new_launch_id",
]

#: Journal states: the launch is under way (or was interrupted), done, or over.
LAUNCHING, READY, FAILED, CANCELLED, TERMINATED = (
    "launching",
    "ready",
    "failed",
    "cancelled",
    "terminated",
)


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
        known = {f.name for f in fields(cls)} - {"directory", "resources"}
        values = {k: v for k, v in data.items() if k in known}
        resource_fields = {f.name for f in fields(CreatedResources)}
        resources = CreatedResources(
            **{k: v for k, v in data.get("resources", {}).items() if k in resource_fields}
        )
        return cls(**values, resources=resources, directory=directory)


def load_journal(launch_id: str, directory: Path | None = None) -> LaunchJournal:
    """The journal of ``launch_id``; :class:`WizardError` ``unknown-launch`` if there is none."""
    path = journal_dir(directory) / f"{launch_id}.json"
    if not launch_id or "/" in launch_id or "\\" in launch_id or not path.is_file():
        raise WizardError(
            f"There is no launch '{launch_id}' on this computer.",
            code="unknown-launch",
            hint="'ec2nb list' shows the instances ec2nb launched.",
        )
    try:
        return LaunchJournal.from_dict(json.loads(path.read_text(encoding="utf-8")), directory)
    except (ValueError, TypeError) as exc:
        raise WizardError(
            f"The record of launch '{launch_id}' is damaged and cannot be read.",
            detail=f"{path}: {exc}",
            code="bad-journal",
        ) from exc


def list_journals(directory: Path | None = None) -> list[LaunchJournal]:
    """Every readable journal, newest first (damaged files are skipped)."""
    found: list[LaunchJournal] = []
    for path in journal_dir(directory).glob("*.json"):
        with contextlib.suppress(WizardError):
            found.append(load_journal(path.stem, directory))
    return sorted(found, key=lambda j: j.created, reverse=True)


def find_journal(id_or_instance: str, directory: Path | None = None) -> LaunchJournal | None:
    """The journal whose launch id or instance id is ``id_or_instance``, if any."""
    for journal in list_journals(directory):
        if id_or_instance in (journal.launch_id, journal.resources.instance_id):
            return journal
    return None
