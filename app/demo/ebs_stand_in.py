"""EBS for the loopback instance: each emulated volume is a disk this computer can mount.

On EC2 an attached volume appears on the instance as ``/dev/disk/by-id/
nvme-Amazon_Elastic_Block_Store_vol<id without dash>`` (Nitro; the EBS NVMe udev rule of
amazon-ec2-utils names it by the controller's serial, which is the volume id). Here, when the
emulator attaches a volume (``AttachVolume``), :class:`EbsStandIn` gives it a backing store
under ``root`` and puts the same name in a by-id folder of its own, which the bootstrap is
pointed at (``EC2NB_DISK_BY_ID``): as root an ext4-able image file (mounted through a loop
device, so ``blkid``/``mkfs.ext4``/``mount`` run for real), without root a plain folder. The
store is keyed by volume id, so a disk keeps its files from one instance to the next. When the
instance is terminated (or the volume detached) the name goes and its mounts are undone, as a
detach takes the device away.

Not reproduced: the real size (images are small and sparse), I/O speed, and a mount that
survives a reboot through fstab (the stand-in's fstab is a file of its own).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo.emulator import AwsEmulator
    from app.demo.gateway import ApiRequest

#: Sparse image size: enough for tests and the demo (real disks are 1 GiB and up).
IMAGE_BYTES = 64 * 1024 * 1024
PREFIX = "nvme-Amazon_Elastic_Block_Store_"


def device_name(volume_id: str) -> str:
    """The by-id name EC2's udev rule gives a volume on a Nitro instance."""
    return PREFIX + volume_id.replace("-", "")


class EbsStandIn:
    """Backing stores and device names of the emulated volumes (see the module docstring)."""

    def __init__(self, root: Path, *, as_root: bool | None = None) -> None:
        self.root = root
        self.by_id = root / "by-id"
        self.store = root / "volumes"
        self.fstab = root / "fstab"
        self.as_root = (os.geteuid() == 0) if as_root is None else as_root
        self._attached: dict[str, str] = {}  # volume id -> instance id
        self.snapshots: object = None  # app.demo.ebs_snapshots.EbsSnapshots, once installed
        # Found now: a test may narrow PATH to stand-in programs before the instance ends.
        self._umount = shutil.which("umount") or "/bin/umount"
        self._lock = threading.Lock()
        for folder in (self.by_id, self.store):
            folder.mkdir(parents=True, exist_ok=True)
        self.fstab.touch()
        # The login user (ubuntu) reads the names; the stores are only mounted by root.
        for path in (self.root, self.by_id):
            path.chmod(0o755)

    def environment(self) -> dict[str, str]:
        """What the launch needs to find the devices (``LaunchOverrides.from_env``)."""
        return {"EC2NB_DISK_BY_ID": str(self.by_id), "EC2NB_FSTAB": str(self.fstab)}

    def backing(self, volume_id: str) -> Path:
        return self.store / (f"{volume_id}.img" if self.as_root else volume_id)

    def attach(self, volume_id: str, instance_id: str) -> None:
        store = self.backing(volume_id)
        if not store.exists():
            if self.as_root:
                with store.open("wb") as image:
                    image.truncate(IMAGE_BYTES)  # no filesystem: the bootstrap formats it
            else:
                store.mkdir()
        link = self.by_id / device_name(volume_id)
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        link.symlink_to(store)
        with self._lock:
            self._attached[volume_id] = instance_id

    def detach(self, volume_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.by_id / device_name(volume_id)).unlink()
        with self._lock:
            self._attached.pop(volume_id, None)
        if self.as_root:
            for target in mounts_of(self.backing(volume_id)):
                with contextlib.suppress(OSError):
                    subprocess.run([self._umount, "-l", target], check=False, capture_output=True)

    def instance_gone(self, instance_id: str) -> None:
        with self._lock:
            volumes = [v for v, i in self._attached.items() if i == instance_id]
        for volume_id in volumes:
            self.detach(volume_id)

    def reattach(self) -> list[str]:
        """Give back their devices to the volumes the restored world has attached (the demo
        service came back after idling out): on EC2 an attached volume stays attached while
        its instance runs or is stopped, so the bootstrap must find it again. The stores are
        kept by volume id, so the files are there. Returns the volume ids."""
        from moto.ec2.models import ec2_backends

        from app.demo.emulator import ACCOUNT_ID

        found: list[str] = []
        for backend in list(dict.values(ec2_backends[ACCOUNT_ID])):
            for volume in list(backend.volumes.values()):
                attachment = volume.attachment
                if attachment is not None and self.backing(volume.id).exists():
                    self.attach(volume.id, attachment.instance.id)
                    found.append(volume.id)
        return found

    def shutdown(self) -> None:
        """Undo every mount (end of a test or of the demo)."""
        with self._lock:
            volumes = list(self._attached)
        for volume_id in volumes:
            self.detach(volume_id)

    # -- gateway hooks ------------------------------------------------------------------------

    def attached(self, request: ApiRequest, _body: bytes) -> None:
        self.attach(request.params.get("VolumeId", ""), request.params.get("InstanceId", ""))

    def detached(self, request: ApiRequest, _body: bytes) -> None:
        self.detach(request.params.get("VolumeId", ""))

    def terminated(self, request: ApiRequest, _body: bytes) -> None:
        for key, value in request.params.items():
            if key.startswith("InstanceId."):
                self.instance_gone(value)


def mounts_of(image: Path) -> list[str]:
    """Mount points of the loop devices backed by ``image`` (from /proc/self/mountinfo)."""
    found: list[str] = []
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return found
    wanted = str(image.resolve())
    for line in lines:
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        source = line.split(" - ", 1)[1].split()[1]
        if not source.startswith("/dev/loop"):
            continue
        backing = Path("/sys/block") / Path(source).name / "loop" / "backing_file"
        try:
            if backing.read_text().strip() == wanted:
                found.append(fields[4].replace("\\040", " "))
        except OSError:
            continue
    return found


def install_disks(aws: AwsEmulator, root: Path) -> EbsStandIn:
    """Give the emulator's volumes stand-in devices under ``root``; returns the stand-in."""
    disks = EbsStandIn(root)
    gateway = aws.gateway
    with gateway.lock:
        gateway.after.setdefault("AttachVolume", []).append(disks.attached)
        gateway.after.setdefault("DetachVolume", []).append(disks.detached)
        gateway.after.setdefault("TerminateInstances", []).append(disks.terminated)
    from app.demo.ebs_snapshots import install_snapshots

    disks.snapshots = install_snapshots(aws, disks)
    return disks


def remove_disks(aws: AwsEmulator, disks: EbsStandIn) -> None:
    """Undo :func:`install_disks` (a test's end)."""
    from app.demo.ebs_snapshots import EbsSnapshots, remove_snapshots

    disks.shutdown()
    if isinstance(disks.snapshots, EbsSnapshots):
        remove_snapshots(aws, disks.snapshots)
    gateway = aws.gateway
    with gateway.lock:
        for action, hook in (
            ("AttachVolume", disks.attached),
            ("DetachVolume", disks.detached),
            ("TerminateInstances", disks.terminated),
        ):
            with contextlib.suppress(ValueError):
                gateway.after.get(action, []).remove(hook)
