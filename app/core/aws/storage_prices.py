"""What disks and snapshots cost while they exist: the bundled EBS price table.

EBS bills provisioned storage per GiB-month whether the instance runs or not, so a stopped
machine still costs its disk. AWS's own calculators count a month as 730 hours.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from app.core.paths import resource

TABLE = ("prices", "ebs.json")
HOURS_PER_MONTH = 730.0
SNAPSHOT = "snapshot"


@dataclass(frozen=True)
class StoragePrices:
    per_gib_month: dict[str, float]  # volume type (and "snapshot") -> USD per GiB-month
    as_of: str

    def monthly(self, kind: str, gib: float) -> float:
        """USD per month for ``gib`` GiB of ``kind`` (a volume type or ``"snapshot"``); an
        unknown type is priced as gp3, the wizard's default."""
        price = self.per_gib_month.get(kind, self.per_gib_month.get("gp3", 0.08))
        return price * gib


@cache
def _table() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(resource(*TABLE).read_text(encoding="utf-8"))
    return loaded


def storage_prices(region: str) -> StoragePrices:
    """The region's EBS list prices (the table's ``default`` for a region it does not list)."""
    table = _table()
    regions = table["regions"]
    assert isinstance(regions, dict)
    prices = regions.get(region) or regions["default"]
    return StoragePrices(dict(prices), str(table["as_of"]))


def disk_monthly_cost(region: str, volume_type: str, gib: float) -> float:
    """USD per month for one disk of ``gib`` GiB while it exists (running or stopped)."""
    return storage_prices(region).monthly(volume_type, gib)


def cost_since(monthly: float, since: dt.datetime | None, now: dt.datetime) -> float:
    """What ``monthly`` USD per month has cost from ``since`` to ``now``."""
    if since is None:
        return 0.0
    hours = max(0.0, (now - since).total_seconds() / 3600)
    return monthly * hours / HOURS_PER_MONTH


def transfer_per_gib(region: str) -> float:
    """USD per GB to copy data (a snapshot copy) out of ``region`` into another AWS region."""
    table = _table()
    transfer = table.get("inter_region_transfer_per_gb", {})
    assert isinstance(transfer, dict)
    price = transfer.get(region, transfer.get("default", 0.02))
    return float(str(price))
