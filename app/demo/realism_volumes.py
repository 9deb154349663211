"""EBS volumes as AWS plays them: states that take time, and AttachVolume's refusals.

moto makes a volume ``available`` at once, attaches it at once (overwriting an attachment, in any
zone) and detaches it the moment its instance terminates. AWS (EC2 API Reference: CreateVolume,
AttachVolume, DeleteVolume, ``Volume.State``, ``VolumeAttachment.State``; "Error codes for the
Amazon EC2 API"; "Eventual consistency in the Amazon EC2 API"):

- the app's new volume is ``creating`` for a while (here ``creating`` seconds), then ``available``;
  AttachVolume before that answers ``IncorrectState`` ("vol-… is not 'available'.");
- the app's new volume id (not one a test made: it existed "before") is unknown for ``window``
  seconds: ``InvalidVolume.NotFound`` ("The volume 'vol-…' does not exist.") to calls naming it;
- AttachVolume of a volume attached elsewhere answers ``VolumeInUse`` ("vol-… is already attached
  to an instance"); of a volume in another zone than the instance ``InvalidVolume.ZoneMismatch``
  ("The volume 'vol-…' is not in the same availability zone as instance 'i-…'");
- an attachment is ``attaching`` (``attaching`` seconds) before ``attached``;
- when its instance terminates a volume stays ``in-use`` while it detaches (``detaching``
  seconds); DeleteVolume meanwhile answers ``VolumeInUse`` ("Volume vol-… is currently attached
  to i-…");
- ``storage_limit(gib)``: CreateVolume beyond the account's gp3 storage quota answers
  ``VolumeLimitExceeded`` (a test declares the quota; AWS's default is 50 TiB per region).

Not reproduced: the ``detaching`` attachment entry itself (the volume shows ``in-use`` with no
attachment during the window), ``optimizing`` after a modification, the per-instance attachment
limit (``AttachmentLimitExceeded``), and the variance of AWS's timing.
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, from_product, refusal

CREATING_SECONDS = 0.5
ATTACHING_SECONDS = 0.4
DETACHING_SECONDS = 0.5
WINDOW_SECONDS = 0.3
_VOLUME_ACTIONS = frozenset(
    {"DescribeVolumes", "AttachVolume", "DetachVolume", "DeleteVolume", "CreateTags"}
)


@dataclass
class Volumes:
    """The timing of volume states, and a declared storage quota (see the module docstring)."""

    aws: AwsEmulator
    creating: float
    attaching: float
    detaching: float
    window: float
    limit_gib: int | None = None
    created: dict[str, float] = field(default_factory=dict)  # volume id -> when made
    #: The app's own new volumes (only those are unknown for a moment, as for instances).
    fresh: dict[str, float] = field(default_factory=dict)
    attached: dict[str, float] = field(default_factory=dict)  # volume id -> when attached
    leaving: dict[str, tuple[str, float]] = field(default_factory=dict)  # -> (instance, until)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def storage_limit(self, gib: int | None) -> None:
        """The account's gp3 storage quota in every region (None: AWS's default, not enforced)."""
        self.limit_gib = gib

    def settle(self) -> None:
        """Let time pass: every volume is in its final state now."""
        with self._lock:
            self.created.clear()
            self.fresh.clear()
            self.attached.clear()
            self.leaving.clear()

    def _since(self, table: dict[str, float], volume_id: str, seconds: float) -> bool:
        with self._lock:
            started = table.get(volume_id)
        return started is not None and time.monotonic() - started < seconds

    def _detaching(self, volume_id: str) -> str | None:
        with self._lock:
            entry = self.leaving.get(volume_id)
        if entry is None or time.monotonic() >= entry[1]:
            return None
        return entry[0]

    def _volume(self, region: str, volume_id: str) -> Any:
        return self.aws.ec2_backend(region).volumes.get(volume_id)

    # -- before ---------------------------------------------------------------------------------

    def refuse(self, request: ApiRequest) -> ApiResponse | None:
        if request.protocol != "ec2" or request.params.get("DryRun", "").lower() == "true":
            return None
        action, params = request.action, request.params
        if action in _VOLUME_ACTIONS and from_product(request):
            for key, value in params.items():
                named = value.startswith("vol-") and not key.startswith("Filter.")
                if named and self._since(self.fresh, value, self.window):
                    return refusal(
                        request,
                        "InvalidVolume.NotFound",
                        f"The volume '{value}' does not exist.",
                    )
        if action == "CreateVolume" and self.limit_gib is not None:
            return self._over_limit(request)
        if action == "AttachVolume":
            return self._attach_refusal(request)
        if action == "DeleteVolume":
            volume_id = params.get("VolumeId", "")
            instance_id = self._detaching(volume_id)
            if instance_id:
                return refusal(
                    request,
                    "VolumeInUse",
                    f"Volume {volume_id} is currently attached to {instance_id}",
                )
        if action == "TerminateInstances":
            self._terminating(request)
        return None

    def _over_limit(self, request: ApiRequest) -> ApiResponse | None:
        kind = request.params.get("VolumeType", "gp2")
        size = int(request.params.get("Size", "0") or 0)
        volumes = self.aws.ec2_backend(request.region).volumes.values()
        used = sum(v.size for v in volumes if (v.volume_type or "gp2") == kind)
        if self.limit_gib is None or used + size <= self.limit_gib:
            return None
        return refusal(
            request,
            "VolumeLimitExceeded",
            f"You have exceeded your maximum {kind} storage limit of {self.limit_gib} GiB in "
            "this region. Please contact AWS Support to request an Elastic Block Store service "
            "limit increase.",
        )

    def _attach_refusal(self, request: ApiRequest) -> ApiResponse | None:
        volume_id = request.params.get("VolumeId", "")
        instance_id = request.params.get("InstanceId", "")
        volume = self._volume(request.region, volume_id)
        if volume is None:
            return None  # moto answers InvalidVolume.NotFound
        if self._since(self.created, volume_id, self.creating) or self._detaching(volume_id):
            return refusal(request, "IncorrectState", f"{volume_id} is not 'available'.")
        if volume.attachment is not None:
            return refusal(
                request, "VolumeInUse", f"{volume_id} is already attached to an instance"
            )
        try:
            instance = self.aws.ec2_backend(request.region).get_instance(instance_id)
        except Exception:  # moto answers InvalidInstanceID.NotFound
            return None
        zone = getattr(getattr(instance, "_placement", None), "zone", None) or getattr(
            instance, "placement", None
        )
        if zone and volume.zone is not None and volume.zone.name != zone:
            return refusal(
                request,
                "InvalidVolume.ZoneMismatch",
                f"The volume '{volume_id}' is not in the same availability zone as instance "
                f"'{instance_id}'",
            )
        return None

    def _terminating(self, request: ApiRequest) -> None:
        ids = {v for k, v in request.params.items() if k.startswith("InstanceId.")}
        until = time.monotonic() + self.detaching
        volumes = self.aws.ec2_backend(request.region).volumes.values()
        with self._lock:
            for volume in list(volumes):
                attachment = volume.attachment
                if attachment is not None and attachment.instance.id in ids:
                    self.leaving[volume.id] = (attachment.instance.id, until)

    # -- after ----------------------------------------------------------------------------------

    def made(self, request: ApiRequest, body: bytes) -> None:
        found = re.findall(r"<volumeId>(vol-[0-9a-f]+)</volumeId>", body.decode("utf-8", "replace"))
        now = time.monotonic()
        with self._lock:
            # What a test makes existed "before" (as in the other behaviours): only the app's
            # own new volumes are still creating, and unknown for a moment.
            for volume_id in found[:1] if from_product(request) else ():
                self.created[volume_id] = now
                self.fresh[volume_id] = now

    def joined(self, request: ApiRequest, _body: bytes) -> None:
        with self._lock:
            self.attached[request.params.get("VolumeId", "")] = time.monotonic()

    # -- DescribeVolumes ------------------------------------------------------------------------

    def shown(self, request: ApiRequest, body: bytes) -> bytes:
        """Volumes in the state AWS would show now."""
        if b"<volumeSet>" not in body and b"<volumeSet " not in body:
            return body
        root = ET.fromstring(body)  # noqa: S314 (moto's own answer, in this process)
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        ET.register_namespace("", namespace)
        ns = {"ec2": namespace}
        changed = False
        for item in root.findall("ec2:volumeSet/ec2:item", ns):
            volume_id = item.findtext("ec2:volumeId", default="", namespaces=ns)
            status = item.find("ec2:status", ns)
            if status is None:
                continue
            if self._since(self.created, volume_id, self.creating):
                status.text, changed = "creating", True
            elif status.text == "available" and self._detaching(volume_id):
                status.text, changed = "in-use", True
            if self._since(self.attached, volume_id, self.attaching):
                for state in item.findall("ec2:attachmentSet/ec2:item/ec2:status", ns):
                    state.text, changed = "attaching", True
        if not changed:
            return body
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def install(aws: AwsEmulator, config: RealismConfig) -> Volumes:
    behaviour = Volumes(
        aws,
        creating=config.seconds(CREATING_SECONDS),
        attaching=config.seconds(ATTACHING_SECONDS),
        detaching=config.seconds(DETACHING_SECONDS),
        window=config.seconds(WINDOW_SECONDS),
    )
    gateway = aws.gateway
    with gateway.lock:
        gateway.before.setdefault("*", []).append(behaviour.refuse)
        gateway.after.setdefault("CreateVolume", []).append(behaviour.made)
        gateway.after.setdefault("AttachVolume", []).append(behaviour.joined)
        gateway.rewrite.setdefault("DescribeVolumes", []).append(behaviour.shown)
    return behaviour
