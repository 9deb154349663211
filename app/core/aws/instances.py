"""Starting the instance (with zone failover) and waiting until it runs."""

from __future__ import annotations

import datetime as dt
import logging
import random
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.exceptions
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws import session as session_module
from app.core.aws.catalog import zones_offering
from app.core.aws.consistency import NotFoundBackoff, retry_not_found
from app.core.aws.errors import error_code, translate, translating
from app.core.aws.network import default_subnets, require_default_vpc
from app.core.aws.session import client
from app.core.aws.states import state_word
from app.core.aws.tags import (
    LAUNCH_KEY,
    MAX_HOURS_KEY,
    NAME_KEY,
    SPOT_KIND_KEY,
    WORK_DISK_KEY,
    launch_filter,
    tag_specifications,
    tag_value,
)
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Answers that mean "not here, maybe in another zone" (each zone has its own default subnet,
# so a subnet without free addresses is a zone's problem too).
ZONE_FAILOVER_CODES = frozenset(
    {
        "InsufficientInstanceCapacity",
        "InsufficientCapacity",
        "InsufficientFreeAddressesInSubnet",
        "Unsupported",
        "SpotMaxPriceTooLow",
    }
)
GONE_STATES = frozenset({"shutting-down", "terminated"})
# StateReason codes of a spot machine AWS took back (EC2 API Reference, StateReason):
# terminated, or stopped (a persistent request), for capacity or price. Not the user's doing.
SPOT_TAKEN_BACK_CODES = frozenset({"Server.SpotInstanceTermination", "Server.SpotInstanceShutdown"})
POLL_SECONDS = 5.0
_TRANSIENT_CODES = frozenset(
    {"RequestLimitExceeded", "Throttling", "InternalError", "ServiceUnavailable", "Unavailable"}
)
_MAX_BACKOFF = 20.0


@dataclass(frozen=True)
class InstanceSpec:
    """What ``run_instance`` asks EC2 for. ``zones`` empty: every zone offering the type."""

    launch_id: str
    image_id: str
    instance_type: str
    key_name: str
    security_group_id: str
    volume_gib: int
    volume_type: str
    delete_on_termination: bool
    market: str  # on-demand | spot
    user_data: str | bytes  # bytes: gzipped (cloud-init unpacks it)
    root_device_name: str
    zones: list[str]
    spot_kind: str = "one-time"  # one-time | persistent (interrupted -> stopped, not lost)
    min_volume_gib: int = 0  # the image's snapshot size; the root volume cannot be smaller
    extra_tags: dict[str, str] = field(default_factory=dict)
    vpc_id: str = ""  # the region's default VPC, when the caller looked it up already
    # Ids (key pair name, group id) this launch has just created: AWS may not know them yet,
    # so RunInstances retries a NotFound about them (never about what the user chose).
    created_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class InstanceInfo:
    instance_id: str
    region: str
    zone: str
    state: str
    instance_type: str
    public_ip: str | None
    public_dns: str | None
    launch_time: str  # ISO 8601; reset by every start
    launch_id: str | None
    name: str | None
    market: str = "on-demand"
    image_id: str = ""
    key_name: str = ""
    state_reason: str = ""
    state_reason_code: str = ""  # e.g. Server.SpotInstanceTermination
    spot_kind: str = ""  # spot only: one-time | persistent
    max_hours: float | None = None  # the hard time limit per start (tag), None: none
    work_disk: str | None = None  # the volume id of its work disk (tag), None: none

    @property
    def limit_stops_at(self) -> dt.datetime | None:
        """When the hard limit stops this running machine (UTC), or None.

        LaunchTime is reset by every start and the agent counts from the boot that follows,
        so this is the limit's moment, at most the boot's few seconds early.
        """
        if self.max_hours is None or self.state not in ("pending", "running"):
            return None
        try:
            started = dt.datetime.fromisoformat(self.launch_time)
        except ValueError:
            return None
        return started + dt.timedelta(hours=self.max_hours)

    @property
    def taken_back_by_aws(self) -> bool:
        """A spot machine AWS terminated or stopped (its interruption), not the user."""
        return self.market == "spot" and self.state_reason_code in SPOT_TAKEN_BACK_CODES

    @property
    def can_stop(self) -> bool:
        """AWS stops on-demand and persistent spot instances; a one-time spot instance can
        only be terminated (StopInstances answers UnsupportedOperation)."""
        return self.market != "spot" or self.spot_kind == "persistent"


def instance_info(raw: Mapping[str, Any], region: str) -> InstanceInfo:
    """An :class:`InstanceInfo` from a ``DescribeInstances`` / ``RunInstances`` entry."""
    launched = raw.get("LaunchTime")
    return InstanceInfo(
        instance_id=raw["InstanceId"],
        region=region,
        zone=raw.get("Placement", {}).get("AvailabilityZone", ""),
        state=raw.get("State", {}).get("Name", ""),
        instance_type=raw.get("InstanceType", ""),
        public_ip=raw.get("PublicIpAddress") or None,
        public_dns=raw.get("PublicDnsName") or None,
        launch_time=launched.isoformat() if isinstance(launched, dt.datetime) else str(launched),
        launch_id=tag_value(raw.get("Tags"), LAUNCH_KEY),
        name=tag_value(raw.get("Tags"), NAME_KEY),
        market="spot" if raw.get("InstanceLifecycle") == "spot" else "on-demand",
        image_id=raw.get("ImageId", ""),
        key_name=raw.get("KeyName", ""),
        state_reason=raw.get("StateReason", {}).get("Message", ""),
        state_reason_code=raw.get("StateReason", {}).get("Code", ""),
        # Untagged spot instances (launched before the tag existed) were one-time requests.
        spot_kind=(tag_value(raw.get("Tags"), SPOT_KIND_KEY) or "one-time")
        if raw.get("InstanceLifecycle") == "spot"
        else "",
        max_hours=_hours(tag_value(raw.get("Tags"), MAX_HOURS_KEY)),
        work_disk=tag_value(raw.get("Tags"), WORK_DISK_KEY) or None,
    )


def _hours(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:  # a tag anyone can edit
        return None


def describe_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    created: bool = False,
    cancel: CancelToken = NEVER_CANCELLED,
) -> InstanceInfo:
    """The instance's state. ``created``: this launch has just started it, so a NotFound
    (EC2's eventual consistency) is retried for a while instead of believed."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "look up the instance"), region=region):
        reservations = retry_not_found(
            lambda: ec2.describe_instances(InstanceIds=[instance_id])["Reservations"],
            [instance_id] if created else [],
            cancel=cancel,
        )
    for reservation in reservations:
        for raw in reservation["Instances"]:
            return instance_info(raw, region)
    raise WizardError(
        QT_TRANSLATE_NOOP("core", "The instance {instance_id} no longer exists.").format(
            instance_id=instance_id
        ),
        code="instance-gone",
    )


def launch_instances(session: boto3.Session, region: str, launch_id: str) -> list[InstanceInfo]:
    """The instances tagged with ``launch_id`` that are not terminated or terminating."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "look up the launch's instance"), region=region):
        reservations = ec2.describe_instances(Filters=launch_filter(launch_id))["Reservations"]
    found = [instance_info(raw, region) for r in reservations for raw in r["Instances"]]
    return [i for i in found if i.state not in GONE_STATES]


def _run_request(spec: InstanceSpec, zone: str, subnet_id: str) -> dict[str, Any]:
    spot = spec.market == "spot"
    # A one-time spot instance cannot be stopped (only persistent ones can), so an OS shutdown
    # must terminate it; everything else stops and keeps its disk.
    shutdown = "terminate" if spot and spec.spot_kind != "persistent" else "stop"
    resources = ["instance", "volume"] + (["spot-instances-request"] if spot else [])
    tags = dict(spec.extra_tags)
    if spot:  # so that My instances and `ec2nb stop` know it cannot be stopped
        tags[SPOT_KIND_KEY] = "persistent" if spec.spot_kind == "persistent" else "one-time"
    request: dict[str, Any] = {
        "ImageId": spec.image_id,
        "InstanceType": spec.instance_type,
        "KeyName": spec.key_name,
        "MinCount": 1,
        "MaxCount": 1,
        "SubnetId": subnet_id,
        "Placement": {"AvailabilityZone": zone},
        "SecurityGroupIds": [spec.security_group_id],
        "BlockDeviceMappings": [
            {
                "DeviceName": spec.root_device_name,
                "Ebs": {
                    "VolumeSize": spec.volume_gib,
                    "VolumeType": spec.volume_type,
                    "DeleteOnTermination": spec.delete_on_termination,
                    "Encrypted": True,
                },
            }
        ],
        "InstanceInitiatedShutdownBehavior": shutdown,
        # IMDSv2 only; hop limit 2 so that containers on the instance still reach it.
        "MetadataOptions": {
            "HttpTokens": "required",
            "HttpEndpoint": "enabled",
            "HttpPutResponseHopLimit": 2,
        },
        "TagSpecifications": tag_specifications(spec.launch_id, resources, tags),
        # Makes a repeated request (lost answer, resumed launch) return the same instance.
        "ClientToken": f"ec2nb-{spec.launch_id}-{zone}"[:64],
    }
    if spec.user_data:
        request["UserData"] = spec.user_data
    if spot:
        persistent = spec.spot_kind == "persistent"
        request["InstanceMarketOptions"] = {
            "MarketType": "spot",
            "SpotOptions": {
                "SpotInstanceType": "persistent" if persistent else "one-time",
                "InstanceInterruptionBehavior": "stop" if persistent else "terminate",
            },
        }
    return request


def _zones(
    session: boto3.Session, region: str, spec: InstanceSpec, subnets: dict[str, str]
) -> list[str]:
    if spec.zones:
        wanted = list(spec.zones)
    else:
        with translating(
            QT_TRANSLATE_NOOP("core", "find the zones offering the type"), region=region
        ):
            wanted = zones_offering(session, region, [spec.instance_type]).get(
                spec.instance_type, []
            )
    return [zone for zone in wanted if zone in subnets]


def _run_in_zone(
    ec2: Any, request: dict[str, Any], cancel: CancelToken, created_ids: Sequence[str] = ()
) -> dict[str, Any]:
    """``RunInstances``, retried with jittered back-off on throttling, 5xx and lost connections,
    and while AWS does not see ``created_ids`` (the launch's new key pair and group) yet.

    Retrying is safe: the request's ``ClientToken`` makes AWS return the instance it already
    started instead of starting a second one.
    """
    attempt = 0
    fresh = NotFoundBackoff(created_ids)
    while True:
        attempt += 1
        try:
            return dict(ec2.run_instances(**request))
        except ClientError as exc:
            wait = fresh.delay(exc)  # the launch's new key pair or group is not visible yet
            if wait is not None:
                attempt -= 1
                cancel.wait(wait)
                continue
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            transient = error_code(exc) in _TRANSIENT_CODES or (
                status >= 500 and error_code(exc) not in ZONE_FAILOVER_CODES
            )
            if not transient or attempt >= session_module.RETRY_ATTEMPTS:
                raise
            log.info("RunInstances attempt %d: %s; retrying", attempt, error_code(exc))
        except (botocore.exceptions.ConnectionError, botocore.exceptions.HTTPClientError):
            if attempt >= session_module.RETRY_ATTEMPTS:
                raise
        cancel.wait(min(_MAX_BACKOFF, random.random() * 2 ** (attempt - 1)))


def run_instance(
    session: boto3.Session,
    region: str,
    spec: InstanceSpec,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> InstanceInfo:
    """Start the instance, trying every zone that offers the type until one has capacity.

    Idempotent: if the launch already has a live instance, that one is returned.
    """
    params = {
        "region": region,
        "instance_type": spec.instance_type,
        "image_id": spec.image_id,
        "key_name": spec.key_name,
        "group_id": spec.security_group_id,
        "market": str(spec.market),  # an over-quota answer names the spot or on-demand quota
    }
    if spec.volume_gib < spec.min_volume_gib:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "The disk must be at least {min_volume_gib} GiB: the machine image "
                "needs that much; {volume_gib} GiB is too small.",
            ).format(min_volume_gib=spec.min_volume_gib, volume_gib=spec.volume_gib),
            code="invalid-plan",
        )
    existing = launch_instances(session, region, spec.launch_id)
    if existing:
        progress(
            "instance",
            QT_TRANSLATE_NOOP("core", "{instance_id} was already started").format(
                instance_id=existing[0].instance_id
            ),
        )
        return existing[0]
    subnets = default_subnets(session, region, spec.vpc_id or require_default_vpc(session, region))
    zones = _zones(session, region, spec, subnets)
    if not zones:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "{instance_type} is not offered in any zone of {region}."
            ).format(instance_type=spec.instance_type, region=region),
            hint=QT_TRANSLATE_NOOP("core", "Choose another GPU type or region."),
            code="no-capacity",
            params=params,
        )
    # No automatic retries: botocore would retry a full zone's 500 InsufficientInstanceCapacity
    # several times with back-off; moving on to the next zone is what helps.
    ec2 = client(session, "ec2", region, max_attempts=1)
    tried: list[str] = []
    last: ClientError | None = None
    for zone in zones:
        cancel.raise_if_cancelled()
        progress(
            "instance",
            QT_TRANSLATE_NOOP("core", "Requesting {instance_type} in {zone}").format(
                instance_type=spec.instance_type, zone=zone
            ),
        )
        try:
            request = _run_request(spec, zone, subnets[zone])
            answer = _run_in_zone(ec2, request, cancel, spec.created_ids)
            if answer["Instances"][0].get("State", {}).get("Name") in GONE_STATES:
                # The token matched an earlier request whose instance has ended since: a new
                # token asks for a new instance.
                request["ClientToken"] = f"{request['ClientToken'][:55]}-{secrets.token_hex(4)}"
                answer = _run_in_zone(ec2, request, cancel, spec.created_ids)
        except ClientError as exc:
            code = error_code(exc)
            if code not in ZONE_FAILOVER_CODES:
                raise translate(
                    exc, action=QT_TRANSLATE_NOOP("core", "start the instance"), **params
                ) from exc
            tried.append(f"{zone}: {code}")
            last = exc
            progress(
                "instance",
                QT_TRANSLATE_NOOP(
                    "core", "No {instance_type} capacity in {zone}; trying the next zone"
                ).format(instance_type=spec.instance_type, zone=zone),
            )
            continue
        except BotoCoreError as exc:
            raise translate(
                exc, action=QT_TRANSLATE_NOOP("core", "start the instance"), **params
            ) from exc
        info = instance_info(answer["Instances"][0], region)
        log.info("started %s in %s (tried: %s)", info.instance_id, zone, tried or "first zone")
        return info
    assert last is not None
    if spec.market == "spot":
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "There is no spot capacity for {instance_type} in any zone of {region} now."
            ).format(instance_type=spec.instance_type, region=region),
            hint=QT_TRANSLATE_NOOP(
                "core", "Launch on-demand instead (available more often), or try again later."
            ),
            code="no-spot-capacity",
            detail="; ".join(tried),
            params=params,
        ) from last
    error = translate(last, action=QT_TRANSLATE_NOOP("core", "start the instance"), **params)
    error.detail = "; ".join(tried) + " | " + error.detail
    raise error from last


def taken_back_error(info: InstanceInfo) -> WizardError:
    """AWS took the spot machine back: said as such (the user did not terminate it), with the
    way on: launch again like it (``app.core.launch.relaunch``)."""
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core", "AWS took the spot machine {instance_id} back (it is {state} now)."
        ).format(instance_id=info.instance_id, state=state_word(info.state)),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "You did not stop or terminate it: spot capacity ran out. Launch again like it, "
            "on-demand if it must not be interrupted.",
        ),
        code="spot-taken-back",
        detail=f"{info.state_reason_code}: {info.state_reason}",
    )


def wait_running(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
    stopped_grace: float = 60,
    created: bool = False,
) -> InstanceInfo:
    """Wait until the instance runs and has a public address (not for the status checks).

    ``created``: the caller has just started it; AWS may not know the id for a moment.
    """
    started = time.monotonic()
    while True:
        info = describe_instance(session, region, instance_id, created=created, cancel=cancel)
        elapsed = time.monotonic() - started
        # Right after StartInstances EC2 may still report "stopped" for a moment.
        if info.taken_back_by_aws and info.state in (*GONE_STATES, "stopping", "stopped"):
            raise taken_back_error(info)
        if info.state in GONE_STATES or (info.state == "stopped" and elapsed >= stopped_grace):
            raise WizardError(
                (
                    QT_TRANSLATE_NOOP(
                        "core", "The instance {instance_id} is {state} instead of running: {reason}"
                    ).format(
                        instance_id=instance_id,
                        state=state_word(info.state),
                        reason=info.state_reason,
                    )
                    if info.state_reason
                    else QT_TRANSLATE_NOOP(
                        "core", "The instance {instance_id} is {state} instead of running."
                    ).format(instance_id=instance_id, state=state_word(info.state))
                ),
                hint=QT_TRANSLATE_NOOP(
                    "core",
                    "Spot capacity may have been taken back; launch again or choose on-demand.",
                ),
                code="instance-gone",
                detail=info.state_reason,
            )
        if info.state == "running" and (info.public_ip or info.public_dns):
            progress(
                "running",
                QT_TRANSLATE_NOOP("core", "{instance_id} is running at {address}").format(
                    instance_id=instance_id, address=info.public_ip
                ),
            )
            return info
        if elapsed >= timeout:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The instance {instance_id} did not get running with a public address "
                    "within {seconds} s (it is {state}).",
                ).format(
                    instance_id=instance_id, seconds=int(timeout), state=state_word(info.state)
                ),
                hint=QT_TRANSLATE_NOOP(
                    "core",
                    "Look at it in the EC2 console; the default subnet must assign public IPs.",
                ),
                code="timeout",
            )
        progress(
            "running",
            QT_TRANSLATE_NOOP("core", "{instance_id} is {state}, {seconds} s").format(
                instance_id=instance_id, state=state_word(info.state), seconds=int(elapsed)
            ),
        )
        cancel.wait(poll_seconds)


def wait_for_state(
    session: boto3.Session,
    region: str,
    instance_id: str,
    states: Sequence[str],
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    timeout: float = 600,
    poll_seconds: float = POLL_SECONDS,
) -> InstanceInfo:
    """Poll until the instance is in one of ``states`` (a vanished instance counts as
    terminated)."""
    started = time.monotonic()
    while True:
        try:
            info = describe_instance(session, region, instance_id)
        except WizardError as exc:
            if exc.code == "instance-gone" and "terminated" in states:
                return InstanceInfo(
                    instance_id, region, "", "terminated", "", None, None, "", None, None
                )
            raise
        if info.state in states:
            return info
        elapsed = time.monotonic() - started
        if elapsed >= timeout:
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "{instance_id} is still {state} after {seconds} s."
                ).format(
                    instance_id=instance_id, state=state_word(info.state), seconds=int(timeout)
                ),
                code="timeout",
            )
        progress(
            "instance",
            QT_TRANSLATE_NOOP("core", "{instance_id} is {state}, {seconds} s").format(
                instance_id=instance_id, state=state_word(info.state), seconds=int(elapsed)
            ),
        )
        cancel.wait(poll_seconds)
