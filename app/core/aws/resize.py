"""Change the GPU type of a stopped instance (issue 14 section 3): every check first, then
``ModifyInstanceAttribute(InstanceType)`` and ``StartInstances``.

What AWS requires (EC2 User Guide, "Change the instance type" and "Compatibility for changing
the instance type"; API Reference, ModifyInstanceAttribute): the instance must be stopped
(``IncorrectInstanceState`` otherwise); the new type must have the image's architecture and be
offered in the instance's zone (its disk stays there); starting it counts against the vCPU
quota of the new type; a type that requires ENA ("Enhanced networking with ENA") runs only an
instance with ENA enabled (``EnaSupport`` in DescribeInstances). A one-time spot instance can
never be stopped, so never resized. A Deep Learning AMI also lists the families its driver
supports (``app.core.launch.architecture``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import boto3

from app.core.aws.amis import ImageInfo, describe_image
from app.core.aws.catalog import (
    GpuType,
    find_gpu_instance_types,
    instance_type_facts,
    zones_offering,
)
from app.core.aws.errors import translating
from app.core.aws.fleet import start_instance
from app.core.aws.instances import InstanceInfo, describe_instance
from app.core.aws.prices import on_demand_prices, spot_prices
from app.core.aws.quotas import QuotaState, check_vcpu_quota, check_vcpu_quotas
from app.core.aws.session import client
from app.core.aws.states import state_word
from app.core.errors import WizardError
from app.core.launch.architecture import check_architecture, image_supports
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResizeCheck:
    """What the checks found: the change may be made."""

    instance: InstanceInfo
    new_type: str
    vcpus: int
    quota: QuotaState
    old_price: float | None  # USD per hour, the instance's market
    new_price: float | None


@dataclass(frozen=True)
class ResizeResult:
    """A change made (and the start, when asked for)."""

    instance_id: str
    region: str
    zone: str
    old_type: str
    new_type: str
    old_price: float | None
    new_price: float | None
    started: bool
    state: str
    public_ip: str | None


@dataclass(frozen=True)
class ResizeOption:
    """One GPU type the instance could become, and why not when it cannot."""

    gpu: GpuType
    price: float | None  # USD per hour in the instance's market (spot: its zone's price)
    quota: QuotaState | None
    problem: Sentence  # NOTHING when the type fits the instance (zone, architecture, image)

    @property
    def fits(self) -> bool:
        return not self.problem

    @property
    def usable(self) -> bool:
        """Fits, and the quota is not known to be short."""
        return self.fits and (self.quota is None or self.quota.status != "short")


@dataclass(frozen=True)
class ResizeOptions:
    instance: InstanceInfo
    current_price: float | None
    options: list[ResizeOption]


def hourly_prices(
    session: boto3.Session, region: str, types: Sequence[str], *, market: str, zone: str
) -> dict[str, float | None]:
    """USD per hour of each type in ``market`` (spot: the price in ``zone``); None: unknown."""
    if market == "spot":
        found = spot_prices(session, region, list(types))
        return {t: found.get(t, {}).get(zone) for t in types}
    prices = on_demand_prices(session, region).prices
    return {t: prices.get(t) for t in types}


def check_resize(
    session: boto3.Session,
    region: str,
    instance_id: str,
    new_type: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ResizeCheck:
    """Every check of :func:`resize_instance`, changing nothing; raises the first refusal."""
    progress(
        "check",
        QT_TRANSLATE_NOOP(
            "core", "Checking whether {instance_id} can become {instance_type}"
        ).format(instance_id=instance_id, instance_type=new_type),
    )
    info = describe_instance(session, region, instance_id, cancel=cancel)
    _require_resizable(info)
    if new_type == info.instance_type:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{instance_id} is already {instance_type}.").format(
                instance_id=instance_id, instance_type=new_type
            ),
            code="same-type",
            params={"instance_id": instance_id, "instance_type": new_type},
        )
    facts = instance_type_facts(session, region, [new_type, info.instance_type])
    cancel.raise_if_cancelled()
    image = _image_or_none(session, region, info.image_id)
    if image is not None:
        check_architecture(new_type, facts[new_type].architectures, image)
    elif not set(facts[new_type].architectures) & set(facts[info.instance_type].architectures):
        raise _architecture_differs(info, new_type, facts[new_type].architectures)
    if facts[new_type].ena_support == "required" and _ena_enabled(session, region, info) is False:
        raise _ena_needed(info, new_type)
    zones = zones_offering(session, region, [new_type]).get(new_type, [])
    if info.zone not in zones:
        raise _not_in_zone(info, new_type)
    cancel.raise_if_cancelled()
    vcpus = facts[new_type].vcpus
    quota = check_vcpu_quota(session, region, new_type, vcpus, info.market)
    if quota.status == "short":
        raise WizardError(
            quota.message,
            code="spot-quota" if info.market == "spot" else "vcpu-quota",
            params={"instance_type": new_type, "quota": quota.quota_name},
        )
    prices = hourly_prices(
        session, region, [info.instance_type, new_type], market=info.market, zone=info.zone
    )
    return ResizeCheck(info, new_type, vcpus, quota, prices[info.instance_type], prices[new_type])


def resize_instance(
    session: boto3.Session,
    region: str,
    instance_id: str,
    new_type: str,
    *,
    start: bool = True,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    poll_seconds: float | None = None,
) -> ResizeResult:
    """Check, change the type of the stopped instance, then (``start``) start it and wait
    until it runs. Nothing is changed when a check refuses; a start that fails (no capacity)
    leaves the new type in place and raises."""
    checked = check_resize(session, region, instance_id, new_type, progress=progress, cancel=cancel)
    old = checked.instance
    progress(
        "resize",
        QT_TRANSLATE_NOOP(
            "core",
            "Changing {instance_id} from {old_type} ({old_price}) to {new_type} ({new_price})",
        ).format(
            instance_id=instance_id,
            old_type=old.instance_type,
            old_price=price_per_hour(checked.old_price),
            new_type=new_type,
            new_price=price_per_hour(checked.new_price),
        ),
    )
    cancel.raise_if_cancelled()
    ec2 = client(session, "ec2", region)
    with translating(
        QT_TRANSLATE_NOOP("core", "change the instance type"),
        region=region,
        instance_type=new_type,
    ):
        ec2.modify_instance_attribute(InstanceId=instance_id, InstanceType={"Value": new_type})
    log.info("%s: type %s -> %s", instance_id, old.instance_type, new_type)
    info = describe_instance(session, region, instance_id)
    if start:
        extra = {} if poll_seconds is None else {"poll_seconds": poll_seconds}
        info = start_instance(
            session, region, instance_id, progress=progress, cancel=cancel, **extra
        )
    return ResizeResult(
        instance_id, region, old.zone, old.instance_type, new_type,
        checked.old_price, checked.new_price, start, info.state, info.public_ip,
    )  # fmt: skip


def resize_options(
    session: boto3.Session,
    region: str,
    instance_id: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ResizeOptions:
    """The region's GPU types as choices for this instance: price in its market, quota
    verdict, and whether each fits (zone, architecture, image)."""
    info = describe_instance(session, region, instance_id, cancel=cancel)
    spot = info.market == "spot"
    gpus = find_gpu_instance_types(
        session, region, progress=progress, cancel=cancel, with_spot=spot
    )
    image = _image_or_none(session, region, info.image_id)
    current = next((g for g in gpus if g.instance_type == info.instance_type), None)
    architecture = current.architecture if current is not None else None
    quotas = check_vcpu_quotas(
        session, region, [(g.instance_type, g.vcpus) for g in gpus], info.market
    )
    options = []
    for gpu in gpus:
        price = gpu.spot_prices.get(info.zone) if spot else gpu.on_demand_price
        problem = _misfit(info, gpu, image, architecture)
        options.append(ResizeOption(gpu, price, quotas.get(gpu.instance_type), problem))
    current_price = None
    if current is not None:
        current_price = current.spot_prices.get(info.zone) if spot else current.on_demand_price
    return ResizeOptions(info, current_price, options)


def price_per_hour(price: float | None) -> Sentence:
    """``$0.526/h``, or a sentence saying the price is unknown."""
    if price is None:
        return QT_TRANSLATE_NOOP("core", "price unknown")
    return QT_TRANSLATE_NOOP("core", "${price}/h").format(price=f"{price:.3f}")


# -- the refusals -------------------------------------------------------------------------------


def _misfit(
    info: InstanceInfo, gpu: GpuType, image: ImageInfo | None, architecture: str | None
) -> Sentence:
    if gpu.instance_type == info.instance_type:
        return QT_TRANSLATE_NOOP("core", "Its type now")
    wanted = image.architecture if image is not None else architecture
    if wanted and gpu.architecture != wanted:
        return QT_TRANSLATE_NOOP("core", "Runs {architecture} programs, not {wanted}").format(
            architecture=gpu.architecture, wanted=wanted
        )
    if image is not None and not image_supports(image, gpu.instance_type):
        return QT_TRANSLATE_NOOP("core", "The machine image does not support it")
    # Last: the one reason that moving the machine to another zone would remove.
    if info.zone not in gpu.zones:
        return QT_TRANSLATE_NOOP("core", "Not offered in {zone}").format(zone=info.zone)
    return NOTHING


def _require_resizable(info: InstanceInfo) -> None:
    if not info.can_stop:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "{instance_id} is a one-time spot instance: AWS cannot stop it, so its type "
                "cannot be changed.",
            ).format(instance_id=info.instance_id),
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Launch a new machine of the type you want (an on-demand or persistent spot "
                "machine can change its type later).",
            ),
            code="spot-cannot-resize",
            params={"instance_id": info.instance_id},
        )
    if info.state != "stopped":
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "{instance_id} is {state}: AWS changes the type of a stopped machine only.",
            ).format(instance_id=info.instance_id, state=state_word(info.state)),
            hint=QT_TRANSLATE_NOOP("core", "Stop it first, then change its type."),
            code="instance-not-stopped",
            params={"instance_id": info.instance_id, "state": info.state},
        )


def _image_or_none(session: boto3.Session, region: str, image_id: str) -> ImageInfo | None:
    """The instance's image, or None when AWS no longer has it (old DLAMIs are deregistered):
    then only the architecture of the current type can be compared."""
    if not image_id:
        return None
    try:
        return describe_image(session, region, image_id)
    except WizardError as exc:
        if exc.code != "bad-ami":
            raise
        log.info("image %s not found: %s", image_id, exc.detail)
        return None


def _ena_enabled(session: boto3.Session, region: str, info: InstanceInfo) -> bool | None:
    """The instance's ``EnaSupport`` attribute (None when EC2 does not say)."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "look up the instance"), region=region):
        reservations = ec2.describe_instances(InstanceIds=[info.instance_id])["Reservations"]
    raws = [raw for r in reservations for raw in r["Instances"]]
    value = raws[0].get("EnaSupport") if raws else None
    return value if isinstance(value, bool) else None


def _ena_needed(info: InstanceInfo, new_type: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{instance_type} needs enhanced networking (ENA), which is not enabled on "
            "{instance_id}.",
        ).format(instance_type=new_type, instance_id=info.instance_id),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Choose a type that does not require ENA, or launch a new machine from a current "
            "Deep Learning AMI (they have it).",
        ),
        code="ena-required",
        params={"instance_type": new_type, "instance_id": info.instance_id},
    )


def _architecture_differs(
    info: InstanceInfo, new_type: str, architectures: Sequence[str]
) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{instance_type} runs {architectures} programs; the system on {instance_id} was "
            "made for {old_type}, which does not.",
        ).format(
            instance_type=new_type,
            architectures=", ".join(architectures),
            instance_id=info.instance_id,
            old_type=info.instance_type,
        ),
        hint=QT_TRANSLATE_NOOP("core", "Choose a GPU type with the same processor architecture."),
        code="architecture-mismatch",
        params={"instance_type": new_type, "instance_id": info.instance_id},
    )


def _not_in_zone(info: InstanceInfo, new_type: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{instance_type} is not offered in {zone}, where {instance_id} and its disk are.",
        ).format(instance_type=new_type, zone=info.zone, instance_id=info.instance_id),
        hint=QT_TRANSLATE_NOOP(
            "core",
            "Choose a type offered in {zone}, or move the machine to a zone that offers it.",
        ).format(zone=info.zone),
        code="type-not-in-zone",
        params={"instance_type": new_type, "zone": info.zone, "instance_id": info.instance_id},
    )
