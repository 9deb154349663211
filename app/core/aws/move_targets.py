"""Where a disk or a stopped machine can be moved: the zones of a region (those offering a GPU
type when one is given), then, if asked, the other enabled regions (any zone there)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.aws.errors import translating
from app.core.aws.session import client
from app.core.sentence import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Destination:
    """A zone of ``region``; ``zone`` None: the move picks the first available zone there."""

    region: str
    zone: str | None = None


def available_zones(session: Any, region: str) -> list[str]:
    """The region's available Availability Zones (no Local or Wavelength zones), sorted."""
    with translating(QT_TRANSLATE_NOOP("core", "list the zones"), region=region):
        answer = client(session, "ec2", region).describe_availability_zones(
            Filters=[{"Name": "state", "Values": ["available"]}]
        )
    return sorted(
        z["ZoneName"]
        for z in answer.get("AvailabilityZones") or []
        if z.get("ZoneType", "availability-zone") == "availability-zone"
    )


def move_destinations(
    session: Any,
    region: str,
    *,
    instance_type: str | None = None,
    exclude: Sequence[str] = (),
    other_regions: bool = False,
) -> list[Destination]:
    """The zones of ``region`` (offering ``instance_type`` if given; not those in ``exclude``),
    then the other enabled regions when ``other_regions``."""
    if instance_type:
        from app.core.aws.catalog import zones_offering

        with translating(QT_TRANSLATE_NOOP("core", "find the zones offering the type")):
            zones = zones_offering(session, region, [instance_type]).get(instance_type, [])
    else:
        zones = available_zones(session, region)
    found = [Destination(region, zone) for zone in zones if zone not in exclude]
    if other_regions:
        from app.core.aws.regions import enabled_region_names

        names = enabled_region_names(session)
        found += [Destination(name) for name in sorted(names) if name != region]
    return found
