"""The GPU instance types of a region: hardware, zones, on-demand and spot prices."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import boto3

from app.core.aws.errors import translating
from app.core.aws.prices import OnDemandPrices, on_demand_prices, spot_prices
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# Instance families that can carry GPUs; the answer is then narrowed to types with GpuInfo.
GPU_TYPE_PATTERNS = ("g*", "p*", "dl*")


@dataclass(frozen=True)
class GpuType:
    """One GPU instance type as the GPU page shows it. Memory sizes in GiB, prices in USD/h."""

    instance_type: str
    family: str
    gpu_maker: str
    gpu_model: str
    gpu_count: int
    gpu_memory_gib: float  # per GPU
    vcpus: int
    memory_gib: float
    architecture: str  # x86_64 | arm64
    zones: list[str]
    on_demand_price: float | None
    spot_prices: dict[str, float]  # zone -> price
    price_source: str  # "pricing-api" | "cache" | "bundled <date>"
    current_generation: bool
    total_gpu_memory_gib: float = 0.0
    price_as_of: str = ""

    @property
    def cheapest_spot_price(self) -> float | None:
        return min(self.spot_prices.values()) if self.spot_prices else None


def describe_gpu_instance_types(session: boto3.Session, region: str) -> list[dict[str, Any]]:
    """``DescribeInstanceTypes`` entries of ``region`` that have ``GpuInfo``."""
    ec2 = client(session, "ec2", region)
    found: list[dict[str, Any]] = []
    pages = ec2.get_paginator("describe_instance_types").paginate(
        Filters=[{"Name": "instance-type", "Values": list(GPU_TYPE_PATTERNS)}],
        PaginationConfig={"PageSize": 100},
    )
    for page in pages:
        found.extend(t for t in page["InstanceTypes"] if t.get("GpuInfo", {}).get("Gpus"))
    return found


@dataclass(frozen=True)
class InstanceTypeFacts:
    """What a launch must know of its instance type before asking for it."""

    vcpus: int  # default vCPUs: what the vCPU quotas count
    architectures: tuple[str, ...]  # ProcessorInfo.SupportedArchitectures: x86_64, arm64...
    ena_support: str = ""  # NetworkInfo.EnaSupport: required | supported | unsupported


def instance_type_facts(
    session: boto3.Session, region: str, instance_types: Iterable[str]
) -> dict[str, InstanceTypeFacts]:
    """``{instance type: its vCPUs and architectures}``, one call per 100 types.

    Raises ``bad-instance-type`` when ``region`` does not offer one of ``instance_types``.
    """
    wanted = sorted(set(instance_types))
    ec2 = client(session, "ec2", region)
    facts: dict[str, InstanceTypeFacts] = {}
    for first in range(0, len(wanted), 100):
        chunk = wanted[first : first + 100]
        with translating(
            QT_TRANSLATE_NOOP("core", "describe the instance type"),
            region=region,
            instance_type=", ".join(chunk),
        ):
            found = ec2.describe_instance_types(InstanceTypes=chunk)["InstanceTypes"]
        for raw in found:
            architectures = raw.get("ProcessorInfo", {}).get("SupportedArchitectures", [])
            facts[raw["InstanceType"]] = InstanceTypeFacts(
                vcpus=int(raw["VCpuInfo"]["DefaultVCpus"]),
                architectures=tuple(architectures),
                ena_support=str(raw.get("NetworkInfo", {}).get("EnaSupport", "")),
            )
    missing = ", ".join(name for name in wanted if name not in facts)
    if missing:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{instance_type} is not offered in {region}.").format(
                instance_type=missing, region=region
            ),
            code="bad-instance-type",
            hint=QT_TRANSLATE_NOOP("core", "Choose another instance type or region."),
            params={"instance_type": missing, "region": region},
        )
    return facts


def default_vcpus(
    session: boto3.Session, region: str, instance_types: Iterable[str]
) -> dict[str, int]:
    """``{instance type: default vCPUs}`` (what the vCPU quotas count), one call per 100 types.

    Raises ``bad-instance-type`` when ``region`` does not offer one of ``instance_types``.
    """
    facts = instance_type_facts(session, region, instance_types)
    return {name: fact.vcpus for name, fact in facts.items()}


def zones_offering(
    session: boto3.Session, region: str, instance_types: Sequence[str]
) -> dict[str, list[str]]:
    """``{instance type: [zones that offer it]}`` (``DescribeInstanceTypeOfferings``)."""
    ec2 = client(session, "ec2", region)
    zones: dict[str, set[str]] = {}
    for first in range(0, len(instance_types), 100):
        pages = ec2.get_paginator("describe_instance_type_offerings").paginate(
            LocationType="availability-zone",
            Filters=[
                {"Name": "instance-type", "Values": list(instance_types[first : first + 100])}
            ],
        )
        for page in pages:
            for offer in page["InstanceTypeOfferings"]:
                zones.setdefault(offer["InstanceType"], set()).add(offer["Location"])
    return {name: sorted(found) for name, found in zones.items()}


def _gpu_type(
    raw: Mapping[str, Any],
    zones: list[str],
    prices: OnDemandPrices,
    spot: dict[str, float],
) -> GpuType:
    name = raw["InstanceType"]
    gpu_info = raw["GpuInfo"]
    gpu = gpu_info["Gpus"][0]
    count = sum(int(g.get("Count", 0)) for g in gpu_info["Gpus"])
    per_gpu_mib = float(gpu.get("MemoryInfo", {}).get("SizeInMiB", 0))
    total_mib = float(gpu_info.get("TotalGpuMemoryInMiB", per_gpu_mib * count))
    architectures = raw.get("ProcessorInfo", {}).get("SupportedArchitectures", ["x86_64"])
    return GpuType(
        instance_type=name,
        family=name.split(".")[0],
        gpu_maker=gpu.get("Manufacturer", ""),
        gpu_model=gpu.get("Name", ""),
        gpu_count=count,
        gpu_memory_gib=round(per_gpu_mib / 1024, 2),
        vcpus=int(raw.get("VCpuInfo", {}).get("DefaultVCpus", 0)),
        memory_gib=round(float(raw.get("MemoryInfo", {}).get("SizeInMiB", 0)) / 1024, 2),
        architecture="arm64" if "arm64" in architectures else architectures[0],
        zones=zones,
        on_demand_price=prices.prices.get(name),
        spot_prices=spot,
        price_source=prices.source,
        current_generation=bool(raw.get("CurrentGeneration", False)),
        total_gpu_memory_gib=round(total_mib / 1024, 2),
        price_as_of=prices.as_of,
    )


def _spot_or_nothing(
    session: boto3.Session, region: str, names: Sequence[str]
) -> dict[str, dict[str, float]]:
    try:
        return spot_prices(session, region, names)
    except WizardError as exc:  # spot prices are extra information, not a reason to fail
        log.warning("no spot prices for %s: %s (%s)", region, exc, exc.detail)
        return {}


def find_gpu_instance_types(
    session: boto3.Session,
    region: str,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    with_spot: bool = True,
) -> list[GpuType]:
    """Every GPU instance type of ``region`` with zones and prices, cheapest first."""
    progress(
        "catalog",
        QT_TRANSLATE_NOOP("core", "Reading the GPU instance types of {region}").format(
            region=region
        ),
    )
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="catalog") as pool:
        # Prices do not depend on the type list: ask for them at the same time.
        price_job: Future[OnDemandPrices] = pool.submit(on_demand_prices, session, region)
        with translating(QT_TRANSLATE_NOOP("core", "list the GPU instance types"), region=region):
            raws = describe_gpu_instance_types(session, region)
        cancel.raise_if_cancelled()
        names = [raw["InstanceType"] for raw in raws]
        progress(
            "catalog",
            QT_TRANSLATE_NOOP("core", "{count} GPU types; reading zones and prices").format(
                count=len(names)
            ),
        )
        spot_job = pool.submit(_spot_or_nothing, session, region, names) if with_spot else None
        with translating(
            QT_TRANSLATE_NOOP("core", "list the zones offering GPU types"), region=region
        ):
            zones = zones_offering(session, region, names) if names else {}
        prices = price_job.result()
        spot = spot_job.result() if spot_job else {}
    cancel.raise_if_cancelled()
    types = [
        _gpu_type(
            raw, zones.get(raw["InstanceType"], []), prices, spot.get(raw["InstanceType"], {})
        )
        for raw in raws
    ]
    progress(
        "catalog",
        QT_TRANSLATE_NOOP("core", "{count} GPU types in {region} (prices: {source})").format(
            count=len(types), region=region, source=prices.source
        ),
    )
    return sorted(types, key=price_order)


def price_order(gpu: GpuType) -> tuple[bool, float, int, str]:
    price = gpu.on_demand_price
    return (price is None, price or 0.0, gpu.vcpus, gpu.instance_type)
