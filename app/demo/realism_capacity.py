"""Capacity and launch limits: ``RunInstances`` refused per zone, subnet, type or market.

Tests declare what AWS lacks; matching ``RunInstances`` requests (by the request's zone, or its
subnet's zone, its subnet, instance type and market) answer with AWS's error code, HTTP status
and message (EC2 API Reference, "Error codes for the Amazon EC2 API",
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html; messages as AWS
words them in answers quoted in public bug reports):

- ``InsufficientInstanceCapacity`` (a server error, HTTP 500): no capacity for the type in the
  zone; the message names the zones that have it;
- ``InsufficientFreeAddressesInSubnet`` (400): the subnet has no free address left;
- ``Unsupported`` (400): the type is not offered in that zone;
- ``VcpuLimitExceeded`` (400, on-demand) and ``MaxSpotInstanceCountExceeded`` (400, spot): the
  account's vCPU quota for the market is used up;
- ``InstanceLimitExceeded`` (400): the account may run no more instances.

A ``DryRun`` request is never refused here (AWS checks permissions, not capacity, for it).
Nothing is declared by default. Not reproduced: capacity that comes and goes by itself, and the
quota arithmetic (the limit is declared, not computed from running instances).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, refusal

_QUOTA_URL = "http://aws.amazon.com/contact-us/ec2-request"


@dataclass
class Shortage:
    """One declared refusal; ``None`` fields match any request; ``times=None``: always."""

    code: str
    zone: str | None = None
    subnet: str | None = None
    instance_type: str | None = None
    market: str | None = None  # on-demand | spot
    times: int | None = None
    limit: int = 0  # VcpuLimitExceeded: the vCPU limit; InstanceLimitExceeded: instances left
    hits: int = 0

    def matches(self, zone: str, subnet: str, instance_type: str, market: str) -> bool:
        wanted = (
            (self.zone, zone),
            (self.subnet, subnet),
            (self.instance_type, instance_type),
            (self.market, market),
        )
        if any(declared is not None and declared != actual for declared, actual in wanted):
            return False
        return self.times is None or self.hits < self.times


@dataclass
class Capacity:
    """What the emulated AWS lacks; see the module docstring."""

    aws: AwsEmulator
    shortages: list[Shortage] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def declare(self, shortage: Shortage) -> Shortage:
        with self._lock:
            self.shortages.append(shortage)
        return shortage

    def no_capacity(
        self, zone: str, instance_type: str | None = None, *, times: int | None = None
    ) -> Shortage:
        """``InsufficientInstanceCapacity`` in ``zone`` (for ``instance_type``, or any)."""
        return self.declare(
            Shortage("InsufficientInstanceCapacity", zone, None, instance_type, times=times)
        )

    def no_free_addresses(
        self, zone: str | None = None, *, subnet: str | None = None, times: int | None = None
    ) -> Shortage:
        """``InsufficientFreeAddressesInSubnet`` for the subnet (or every subnet of ``zone``)."""
        return self.declare(
            Shortage("InsufficientFreeAddressesInSubnet", zone, subnet, times=times)
        )

    def unsupported(self, zone: str, instance_type: str) -> Shortage:
        """``Unsupported``: ``instance_type`` cannot run in ``zone``."""
        return self.declare(Shortage("Unsupported", zone, None, instance_type))

    def vcpu_limit(self, limit: int = 0, *, instance_type: str | None = None) -> Shortage:
        """``VcpuLimitExceeded`` for on-demand launches (the account's limit is ``limit``)."""
        return self.declare(
            Shortage(
                "VcpuLimitExceeded", instance_type=instance_type, market="on-demand", limit=limit
            )
        )

    def spot_limit(self, *, instance_type: str | None = None) -> Shortage:
        """``MaxSpotInstanceCountExceeded`` for spot launches."""
        return self.declare(
            Shortage("MaxSpotInstanceCountExceeded", instance_type=instance_type, market="spot")
        )

    def instance_limit(self, left: int = 0) -> Shortage:
        """``InstanceLimitExceeded``: the account may start ``left`` more instances (fewer than
        asked)."""
        return self.declare(Shortage("InstanceLimitExceeded", limit=left))

    # -- the gateway's side ---------------------------------------------------------------------

    def refuse(self, request: ApiRequest) -> ApiResponse | None:
        params = request.params
        if params.get("DryRun", "").lower() == "true":
            return None
        instance_type = params.get("InstanceType", "")
        subnet = params.get("SubnetId") or params.get("NetworkInterface.1.SubnetId", "")
        zone = params.get("Placement.AvailabilityZone") or self._zone_of(request.region, subnet)
        market = "spot" if params.get("InstanceMarketOptions.MarketType") == "spot" else "on-demand"
        with self._lock:
            for shortage in self.shortages:
                if shortage.matches(zone, subnet, instance_type, market):
                    shortage.hits += 1
                    break
            else:
                return None
        others = self._other_zones(request.region, zone, instance_type)
        code, status, message = _answer(shortage, zone, subnet, instance_type, others)
        return refusal(request, code, message, status)

    def _zone_of(self, region: str, subnet: str) -> str:
        if not subnet:
            return ""
        try:
            return str(self.aws.ec2_backend(region).get_subnet(subnet).availability_zone)
        except Exception:  # an unknown subnet: moto answers with the proper error
            return ""

    def _other_zones(self, region: str, zone: str, instance_type: str) -> list[str]:
        """Zones offering the type where nothing is declared short (for AWS's suggestion)."""
        from moto.ec2.models.instance_types import INSTANCE_TYPE_OFFERINGS

        offered = sorted(
            o["Location"]
            for o in INSTANCE_TYPE_OFFERINGS["availability-zone"].get(region, [])
            if o.get("InstanceType") == instance_type and o["Location"] != zone
        )
        with self._lock:
            short = {s.zone for s in self.shortages if s.instance_type in (None, instance_type)}
        return [z for z in offered if z not in short]


def _answer(
    shortage: Shortage, zone: str, subnet: str, instance_type: str, others: list[str]
) -> tuple[str, int, str]:
    """AWS's code, HTTP status and message for ``shortage``."""
    choose = ", ".join(others) if others else "another Availability Zone"
    messages = {
        "InsufficientInstanceCapacity": (
            f"We currently do not have sufficient {instance_type} capacity in the "
            f"Availability Zone you requested ({zone}). Our system will be working on "
            f"provisioning additional capacity. You can currently get {instance_type} capacity "
            f"by not specifying an Availability Zone in your request or choosing {choose}."
        ),
        "InsufficientFreeAddressesInSubnet": (
            f"There are not enough free addresses in subnet '{subnet}' to satisfy the "
            "requested number of instances."
        ),
        "Unsupported": (
            f"Your requested instance type ({instance_type}) is not supported in your "
            f"requested Availability Zone ({zone}). Please retry your request by not "
            f"specifying an Availability Zone or choosing {choose}."
        ),
        "VcpuLimitExceeded": (
            "You have requested more vCPU capacity than your current vCPU limit of "
            f"{shortage.limit} allows for the instance bucket that the specified instance type "
            f"belongs to. Please visit {_QUOTA_URL} to request an adjustment to this limit."
        ),
        "MaxSpotInstanceCountExceeded": "Max spot instance count exceeded",
        "InstanceLimitExceeded": (
            f"Your quota allows for {shortage.limit} more running instance(s). You requested "
            "at least 1"
        ),
    }
    # Only a lack of capacity is a server error (botocore would retry it).
    status = 500 if shortage.code == "InsufficientInstanceCapacity" else 400
    message = messages.get(shortage.code, f"{shortage.code} (declared by the test).")
    return shortage.code, status, message


def install(aws: AwsEmulator, config: RealismConfig) -> Capacity:
    """Declared shortages apply whether or not realism is on: tests ask for them."""
    capacity = Capacity(aws)
    with aws.gateway.lock:
        aws.gateway.before.setdefault("RunInstances", []).append(capacity.refuse)
    return capacity
