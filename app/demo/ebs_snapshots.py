"""EBS snapshots for the loopback instance's disks: a snapshot keeps the volume's data, and a
volume made from a snapshot starts with it (as on EC2), so a work disk moved through a snapshot
(``app/core/aws/disk_move.py``) still holds its files on the next launch.

Hooks after ``CreateSnapshot`` (copy the volume's backing store, :class:`EbsStandIn`),
``CopySnapshot`` (copy the snapshot's) and ``CreateVolume`` with a ``SnapshotId`` (the volume's
backing store from the snapshot's). Not reproduced: lazy loading of blocks from S3 (a restored
volume is whole at once) and incremental snapshots (each is a full copy; the images are small).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo.ebs_stand_in import EbsStandIn
    from app.demo.emulator import AwsEmulator
    from app.demo.gateway import AfterHook, ApiRequest


def _first(tag: str, body: bytes) -> str:
    found = re.search(rb"<" + tag.encode() + rb">([^<]+)</", body)
    return found.group(1).decode() if found else ""


class EbsSnapshots:
    """Snapshot stores next to the stand-in's volume stores."""

    def __init__(self, disks: EbsStandIn) -> None:
        self.disks = disks
        self.store = disks.root / "snapshots"
        self.store.mkdir(parents=True, exist_ok=True)

    def snapshot(self, snapshot_id: str) -> Path:
        return self.store / snapshot_id

    def created(self, request: ApiRequest, body: bytes) -> None:
        source = self.disks.backing(request.params.get("VolumeId", ""))
        snapshot_id = _first("snapshotId", body)
        if snapshot_id and source.exists():
            os.sync()  # what the instance wrote through the loop device, as EBS would see it
            _copy(source, self.snapshot(snapshot_id))

    def copied(self, request: ApiRequest, body: bytes) -> None:
        source = self.snapshot(request.params.get("SourceSnapshotId", ""))
        snapshot_id = _first("snapshotId", body)
        if snapshot_id and source.exists():
            _copy(source, self.snapshot(snapshot_id))

    def restored(self, request: ApiRequest, body: bytes) -> None:
        source = self.snapshot(request.params.get("SnapshotId", "") or "none")
        volume_id = _first("volumeId", body)
        if volume_id and source.exists():
            _copy(source, self.disks.backing(volume_id))

    def hooks(self) -> list[tuple[str, AfterHook]]:
        return [
            ("CreateSnapshot", self.created),
            ("CopySnapshot", self.copied),
            ("CreateVolume", self.restored),
        ]


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True, dirs_exist_ok=True)
        return
    # Sparse images stay sparse (64 MiB each, mostly holes).
    done = subprocess.run(
        ["cp", "--sparse=always", str(source), str(target)], check=False, capture_output=True
    )
    if done.returncode != 0:
        shutil.copyfile(source, target)


def install_snapshots(aws: AwsEmulator, disks: EbsStandIn) -> EbsSnapshots:
    """Make the emulator's snapshots carry the stand-in disks' data."""
    snapshots = EbsSnapshots(disks)
    with aws.gateway.lock:
        for action, hook in snapshots.hooks():
            aws.gateway.after.setdefault(action, []).append(hook)
    return snapshots


def remove_snapshots(aws: AwsEmulator, snapshots: EbsSnapshots) -> None:
    with aws.gateway.lock:
        for action, hook in snapshots.hooks():
            with contextlib.suppress(ValueError):
                aws.gateway.after.get(action, []).remove(hook)
