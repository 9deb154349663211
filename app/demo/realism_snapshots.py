"""Snapshots, copies and images take time, and AWS limits how often they start.

moto completes every snapshot, copy and image at once (``completed``, ``Progress`` 100%,
``available``). AWS, as documented:

- ``Snapshot.State`` is ``pending | completed | error | recoverable | recovering`` and
  ``Progress`` is "the progress of the snapshot, as a percentage" (botocore's EC2 service
  model, ``SnapshotState`` / ``Snapshot.Progress``). A new snapshot or copy stays ``pending``
  with a rising ``Progress`` for ``pending`` seconds here (minutes to hours on AWS).
- An image made by CreateImage or CopyImage is ``pending`` before ``available``
  (``ImageState``). A new volume (also one made from a snapshot) is :mod:`realism_volumes`'.
- ``SnapshotCreationPerVolumeRateExceeded`` (HTTP 400, "The maximum per volume CreateSnapshot
  request rate has been exceeded. Use an increasing or variable sleep interval between
  requests."): another CreateSnapshot of the same volume too soon. AWS re:Post, "My Amazon EBS
  snapshots show no progress or receive the error ConcurrentSnapshotLimitExceeded": "wait 15
  seconds between create-snapshot API requests for the same volume"; here ``rate`` seconds.
- ``ConcurrentSnapshotLimitExceeded``: a gp2/gp3/io1/io2 volume may have five snapshots
  pending at once (same re:Post article); the sixth is refused.
- ``IncorrectState`` (HTTP 400, "Snapshot is in invalid state - pending"): CreateVolume and
  CopySnapshot need a ``completed`` snapshot (EBS User Guide, "Copy an Amazon EBS snapshot":
  snapshots in the completed state can be copied).
- CopySnapshot with ``Encrypted=True`` gives an encrypted copy of an unencrypted snapshot
  (botocore: ``CopySnapshotRequest.Encrypted``); moto ignores the flag, so it is applied here.
- Eventual consistency (EC2 Developer Guide, "Eventual consistency in the Amazon EC2 API"):
  for ``window`` seconds a new snapshot or image id answers ``InvalidSnapshot.NotFound`` /
  ``InvalidAMIID.NotFound`` to the app's calls that name it and is missing from its Describes.

Not reproduced: the ``error`` state (a snapshot that fails), progress that stalls, snapshots
that count against the limit after being deleted while pending, the ``PresignedUrl`` that
botocore adds to CopySnapshot (moto neither needs nor checks it; both are deprecated in the
current service model), the exact wording of ConcurrentSnapshotLimitExceeded (not found in
AWS's documentation), and CreateImage's ``NoDevice`` mappings (moto images every volume of the
instance; a test checks the app's request instead).
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, from_product, refusal

#: Seconds a new snapshot or copy stays pending at scale 1.
PENDING_SECONDS = 1.0
#: Seconds a new image stays ``pending`` at scale 1.
IMAGE_SECONDS = 1.0
#: Minimum seconds between two CreateSnapshot of one volume (AWS advises 15 s; scaled down).
RATE_SECONDS = 1.5
#: Seconds a new id stays invisible (as realism_consistency's window).
WINDOW_SECONDS = 0.3
#: Snapshots one volume may have pending at once (gp2, gp3, io1, io2).
CONCURRENT_LIMIT = 5

_RATE_MESSAGE = (
    "The maximum per volume CreateSnapshot request rate has been exceeded. "
    "Use an increasing or variable sleep interval between requests."
)
_NOT_FOUND = {
    "snap": ("InvalidSnapshot.NotFound", "The snapshot '{}' does not exist."),
    "ami": ("InvalidAMIID.NotFound", "The image id '[{}]' does not exist"),
}
_ID = re.compile(r"^(snap|vol|ami)-[0-9a-f]+$")


@dataclass
class Snapshots:
    """Timings and limits (seconds as played; 0 turns a delay off) and what is in progress."""

    pending: float
    image: float
    rate: float
    window: float
    concurrent_limit: int = CONCURRENT_LIMIT
    #: id -> (monotonic start, seconds it takes) for snapshots, volumes and images.
    started: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: snapshot id -> volume id (for the per-volume limits).
    volume_of: dict[str, str] = field(default_factory=dict)
    last_snapshot: dict[str, float] = field(default_factory=dict)
    hidden: dict[str, float] = field(default_factory=dict)
    #: "Action code" of every refusal, for tests.
    refused: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def finish(self) -> None:
        """Let time pass: every snapshot, volume and image is done and visible now."""
        with self._lock:
            self.started.clear()
            self.hidden.clear()
            self.last_snapshot.clear()

    def fraction(self, resource_id: str) -> float | None:
        """How far ``resource_id`` is (0..1), or None when it is done or not ours."""
        with self._lock:
            entry = self.started.get(resource_id)
        if entry is None:
            return None
        begun, seconds = entry
        done = (time.monotonic() - begun) / seconds if seconds > 0 else 1.0
        return None if done >= 1.0 else done

    def _begin(self, resource_id: str, seconds: float, request: ApiRequest) -> None:
        now = time.monotonic()
        with self._lock:
            if seconds > 0:
                self.started[resource_id] = (now, seconds)
            if self.window > 0 and from_product(request):
                self.hidden[resource_id] = now + self.window

    def _hidden_now(self) -> set[str]:
        now = time.monotonic()
        with self._lock:
            for name in [n for n, until in self.hidden.items() if until <= now]:
                del self.hidden[name]
            return set(self.hidden)

    def _refuse(self, request: ApiRequest, code: str, message: str) -> ApiResponse:
        with self._lock:
            self.refused.append(f"{request.action} {code}")
        return refusal(request, code, message)

    # -- before the calls -----------------------------------------------------------------------

    def not_yet_visible(self, request: ApiRequest) -> ApiResponse | None:
        """NotFound for an app's call naming a new snapshot, volume or image."""
        if request.protocol != "ec2" or not from_product(request):
            return None
        hidden = self._hidden_now()
        if not hidden:
            return None
        for key, value in request.params.items():
            # A filter or a tag's value that happens to be the id names nothing.
            if value in hidden and not key.startswith(("Filter.", "Tag")):
                code, message = _NOT_FOUND[value.split("-", 1)[0]]
                return self._refuse(request, code, message.format(value))
        return None

    def create_snapshot(self, request: ApiRequest) -> ApiResponse | None:
        """The per-volume rate and concurrency limits of CreateSnapshot."""
        if request.params.get("DryRun", "").lower() == "true":
            return None
        volume_id = request.params.get("VolumeId", "")
        now = time.monotonic()
        with self._lock:
            last = self.last_snapshot.get(volume_id)
            pending = [s for s, v in self.volume_of.items() if v == volume_id]
        if last is not None and now - last < self.rate:
            return self._refuse(request, "SnapshotCreationPerVolumeRateExceeded", _RATE_MESSAGE)
        if sum(1 for s in pending if self.fraction(s) is not None) >= self.concurrent_limit:
            return self._refuse(
                request,
                "ConcurrentSnapshotLimitExceeded",
                f"Maximum number of concurrent snapshots ({self.concurrent_limit}) for volume "
                f"{volume_id} has been reached.",
            )
        return None

    def needs_completed(self, request: ApiRequest) -> ApiResponse | None:
        """CreateVolume and CopySnapshot of a snapshot still pending: IncorrectState."""
        snapshot_id = request.params.get("SnapshotId") or request.params.get("SourceSnapshotId")
        if snapshot_id and self.fraction(snapshot_id) is not None:
            return self._refuse(request, "IncorrectState", "Snapshot is in invalid state - pending")
        return None

    # -- after the creating calls ---------------------------------------------------------------

    def snapshot_made(self, request: ApiRequest, body: bytes) -> None:
        found = re.search(rb"<snapshotId>(snap-[0-9a-f]+)</snapshotId>", body)
        if not found:
            return
        snapshot_id = found.group(1).decode()
        if request.action == "CreateSnapshot":
            volume_id = request.params.get("VolumeId", "")
            with self._lock:
                self.last_snapshot[volume_id] = time.monotonic()
                self.volume_of[snapshot_id] = volume_id
        elif request.params.get("Encrypted", "").lower() == "true":
            _encrypt(request.region, snapshot_id)
        self._begin(snapshot_id, self.pending, request)

    def image_made(self, request: ApiRequest, body: bytes) -> None:
        found = re.search(rb"<imageId>(ami-[0-9a-f]+)</imageId>", body)
        if found:
            self._begin(found.group(1).decode(), self.image, request)

    # -- Describe answers -----------------------------------------------------------------------

    def described(self, request: ApiRequest, body: bytes) -> bytes:
        """The Describe answer with pending states and without ids not visible yet."""
        hidden = self._hidden_now() if from_product(request) else set()
        with self._lock:
            ours = set(self.started)
        if not (hidden | ours) or not any(n.encode() in body for n in hidden | ours):
            return body
        root = ET.fromstring(body)  # noqa: S314 (moto's own answer, in this process)
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        ET.register_namespace("", namespace)
        ns = {"ec2": namespace}
        set_tag, id_tag = {
            "DescribeSnapshots": ("ec2:snapshotSet", "ec2:snapshotId"),
            "DescribeImages": ("ec2:imagesSet", "ec2:imageId"),
        }[request.action]
        for items in root.findall(set_tag, ns):
            for item in list(items):
                resource_id = item.findtext(id_tag, default="", namespaces=ns)
                if resource_id in hidden:
                    items.remove(item)
                    continue
                done = self.fraction(resource_id)
                if done is not None:
                    _show_pending(item, request.action, done, ns)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _show_pending(item: ET.Element, action: str, done: float, ns: dict[str, str]) -> None:
    """Mark ``item`` as still under way, ``done`` (0..1) of the way."""
    if action == "DescribeSnapshots":
        _set(item, "ec2:status", "pending", ns)
        _set(item, "ec2:progress", f"{int(done * 100)}%", ns)
    else:
        _set(item, "ec2:imageState", "pending", ns)


def _set(item: ET.Element, tag: str, value: str, ns: dict[str, str]) -> None:
    found = item.find(tag, ns)
    if found is not None:
        found.text = value


def _encrypt(region: str, snapshot_id: str) -> None:
    """What AWS does with CopySnapshot's ``Encrypted=True`` (moto ignores the flag)."""
    snapshot = AwsEmulator.ec2_backend(region).snapshots.get(snapshot_id)
    if snapshot is not None:
        snapshot.encrypted = True


def install(aws: AwsEmulator, config: RealismConfig) -> Snapshots:
    behaviour = Snapshots(
        pending=config.seconds(PENDING_SECONDS),
        image=config.seconds(IMAGE_SECONDS),
        rate=config.seconds(RATE_SECONDS),
        window=config.seconds(WINDOW_SECONDS),
    )
    if not config.enabled:
        return behaviour
    gateway = aws.gateway
    with gateway.lock:
        gateway.before.setdefault("*", []).append(behaviour.not_yet_visible)
        gateway.before.setdefault("CreateSnapshot", []).append(behaviour.create_snapshot)
        for action in ("CreateVolume", "CopySnapshot"):
            gateway.before.setdefault(action, []).append(behaviour.needs_completed)
        for action in ("CreateSnapshot", "CopySnapshot"):
            gateway.after.setdefault(action, []).append(behaviour.snapshot_made)
        for action in ("CreateImage", "CopyImage"):
            gateway.after.setdefault(action, []).append(behaviour.image_made)
        for action in ("DescribeSnapshots", "DescribeImages"):
            gateway.rewrite.setdefault(action, []).append(behaviour.described)
    return behaviour
