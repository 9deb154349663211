"""What the demo's AWS looks like: current Deep Learning AMIs, GPU prices and vCPU quotas.

Prices are the public us-east-1 Linux on-demand prices of mid-2025 (other regions scaled), so
the wizard's table looks like the real one; spot prices are a stable fraction per zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from app.demo.emulator import DLAMI_DESCRIPTIONS, AwsEmulator

DEMO_REGIONS: tuple[str, ...] = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1")
REGION_NAMES: dict[str, str] = {
    "us-east-1": "US East (N. Virginia)",
    "us-east-2": "US East (Ohio)",
    "us-west-2": "US West (Oregon)",
    "eu-west-1": "EU (Ireland)",
    "eu-central-1": "EU (Frankfurt)",
    "ap-northeast-1": "Asia Pacific (Tokyo)",
}
_REGION_FACTOR = {"us-east-1": 1.0, "us-east-2": 1.0, "us-west-2": 1.0, "eu-west-1": 1.12}


@dataclass(frozen=True)
class DemoImage:
    flavour: str
    title: str
    age_days: int


#: Newest first within a flavour; one older PyTorch release shows that "latest" is resolved.
DEMO_IMAGES: tuple[DemoImage, ...] = (
    DemoImage(
        "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04",
        "Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.7 (Ubuntu 22.04)",
        6,
    ),
    DemoImage(
        "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-24.04",
        "Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.7 (Ubuntu 24.04)",
        4,
    ),
    DemoImage(
        "oss-nvidia-driver-gpu-pytorch-2.6-ubuntu-22.04",
        "Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.6 (Ubuntu 22.04)",
        41,
    ),
    DemoImage(
        "base-oss-nvidia-driver-gpu-ubuntu-22.04",
        "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)",
        8,
    ),
    DemoImage(
        "base-oss-nvidia-driver-gpu-ubuntu-24.04",
        "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 24.04)",
        8,
    ),
)

#: USD per hour, Linux, on-demand, us-east-1.
ON_DEMAND_PRICES: dict[str, float] = {
    "g4dn.xlarge": 0.526,
    "g4dn.2xlarge": 0.752,
    "g4dn.4xlarge": 1.204,
    "g4dn.8xlarge": 2.176,
    "g4dn.12xlarge": 3.912,
    "g4dn.16xlarge": 4.352,
    "g4dn.metal": 7.824,
    "g5.xlarge": 1.006,
    "g5.2xlarge": 1.212,
    "g5.4xlarge": 1.624,
    "g5.8xlarge": 2.448,
    "g5.12xlarge": 5.672,
    "g5.16xlarge": 4.096,
    "g5.24xlarge": 8.144,
    "g5.48xlarge": 16.288,
    "g5g.xlarge": 0.42,
    "g5g.2xlarge": 0.556,
    "g5g.4xlarge": 0.828,
    "g5g.8xlarge": 1.372,
    "g5g.16xlarge": 2.744,
    "g5g.metal": 2.744,
    "g6.xlarge": 0.8048,
    "g6.2xlarge": 0.9776,
    "g6.4xlarge": 1.3232,
    "g6.8xlarge": 2.0144,
    "g6.12xlarge": 4.6016,
    "g6.16xlarge": 3.3968,
    "g6.24xlarge": 6.6752,
    "g6.48xlarge": 13.3504,
    "g6e.xlarge": 1.861,
    "g6e.2xlarge": 2.242,
    "g6e.4xlarge": 3.004,
    "g6e.8xlarge": 4.529,
    "g6e.12xlarge": 10.493,
    "g6e.16xlarge": 7.577,
    "g6e.24xlarge": 15.066,
    "g6e.48xlarge": 30.131,
    "gr6.4xlarge": 1.5392,
    "gr6.8xlarge": 2.4464,
    "p3dn.24xlarge": 31.212,
    "p4d.24xlarge": 21.958,
    "p4de.24xlarge": 27.447,
    "p5.4xlarge": 6.88,
    "p5.48xlarge": 55.04,
    "p5e.48xlarge": 62.0,
    "p5en.48xlarge": 63.3,
}

#: vCPU quotas of the demo account: enough for G types, none yet for P (shows the request).
DEMO_QUOTAS: dict[str, tuple[str, float]] = {
    "L-DB2E81BA": ("Running On-Demand G and VT instances", 64.0),
    "L-417A185B": ("Running On-Demand P instances", 0.0),
    "L-3819A6DF": ("All G and VT Spot Instance Requests", 32.0),
    "L-7212CCBC": ("All P4, P3 and P2 Spot Instance Requests", 0.0),
    "L-C4BD4855": ("All P5 Spot Instance Requests", 0.0),
    "L-1216C47A": ("Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 1152.0),
}


def on_demand_price(instance_type: str, region: str) -> float | None:
    """The demo's price per hour of ``instance_type``, or None when the type has no GPU."""
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    info: dict[str, Any] = INSTANCE_TYPES.get(instance_type, {})
    base = ON_DEMAND_PRICES.get(instance_type)
    if base is None:
        gpus = info.get("GpuInfo", {}).get("Gpus", [])
        if not gpus:
            return None
        # Unknown types: a plausible price from the GPU count and size of the machine.
        vcpus = info.get("VCpuInfo", {}).get("DefaultVCpus", 4)
        base = sum(g.get("Count", 1) for g in gpus) * 1.2 + vcpus * 0.02
    return round(base * _REGION_FACTOR.get(region, 1.08), 4)


def spot_price(instance_type: str, zone: str, on_demand: float) -> float:
    """A stable spot price for one zone: 30-45% of on-demand, different per zone."""
    digest = hashlib.sha256(f"{instance_type}/{zone}".encode()).digest()
    return round(on_demand * (0.30 + digest[0] / 255 * 0.15), 4)


def seed_images(aws: AwsEmulator, regions: tuple[str, ...] = DEMO_REGIONS) -> dict[str, str]:
    """Register the demo's Deep Learning AMIs (and SSM parameters) in ``regions``."""
    now = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    made: dict[str, str] = {}
    for region in regions:
        for image in DEMO_IMAGES:
            created = now - dt.timedelta(days=image.age_days)
            name = f"{image.title} {created:%Y%m%d}"
            made[f"{region}/{image.flavour}"] = aws.seed_dlami(
                region,
                flavour=image.flavour,
                name=name,
                description=DLAMI_DESCRIPTIONS["x86_64"],
                created=created,
            )
    return made
