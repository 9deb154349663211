"""What moving a disk through snapshots costs, said before the move starts.

A move pays for the temporary snapshots while they exist (snapshot storage, per GB-month,
prorated by the hour) and, across regions, for the copy's data transfer out of the source
region (per GB). The moved disk then costs its new region's gp3 price per month. List prices
from the bundled table (``resources/prices/ebs.json``, with their sources).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.aws.storage_prices import (
    HOURS_PER_MONTH,
    SNAPSHOT,
    storage_prices,
    transfer_per_gib,
)
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

# The estimate counts each temporary snapshot as kept for one day (most moves take minutes
# to an hour; AWS bills snapshot storage per GB-month, prorated by the hour).
ESTIMATE_HOURS = 24.0
# The volume type of a moved disk (the wizard's default; gp2 and io1 cost more).
VOLUME_TYPE = "gp3"


@dataclass(frozen=True)
class MoveCost:
    """What a move costs, said before it starts (USD, list prices of the bundled table)."""

    size_gib: int
    source_region: str
    target_region: str
    snapshots: int  # temporary snapshots that exist during the move (1, or 2 across regions)
    snapshot_per_gib_month: float
    transfer_per_gib: float  # 0 within a region
    transfer_usd: float
    snapshot_day_usd: float  # the temporary snapshots, kept one day
    estimate_usd: float  # transfer + snapshot_day_usd
    new_disk_monthly: float  # the moved disk, per month in its new region
    as_of: str

    @property
    def cross_region(self) -> bool:
        return self.source_region != self.target_region


def estimate_move(
    source_region: str, size_gib: int, *, target_region: str | None = None
) -> MoveCost:
    """The cost of moving a ``size_gib`` disk out of ``source_region`` (to ``target_region``)."""
    target = target_region or source_region
    prices = storage_prices(source_region)
    per_gib = prices.per_gib_month.get(SNAPSHOT, 0.05)
    cross = target != source_region
    snapshots = 2 if cross else 1
    transfer = transfer_per_gib(source_region) if cross else 0.0
    transfer_usd = transfer * size_gib
    day = per_gib * size_gib * snapshots * ESTIMATE_HOURS / HOURS_PER_MONTH
    return MoveCost(
        size_gib=size_gib,
        source_region=source_region,
        target_region=target,
        snapshots=snapshots,
        snapshot_per_gib_month=per_gib,
        transfer_per_gib=transfer,
        transfer_usd=round(transfer_usd, 4),
        snapshot_day_usd=round(day, 4),
        estimate_usd=round(transfer_usd + day, 4),
        new_disk_monthly=round(storage_prices(target).monthly(VOLUME_TYPE, size_gib), 4),
        as_of=prices.as_of,
    )


def cost_sentence(cost: MoveCost, *, machine: bool = False) -> Sentence:
    """The cost as one sentence, for the CLI's question and the wizard's dialog; ``machine``:
    the move of a machine's system and work disks, said as "its disks"."""
    if cost.cross_region:
        text = (
            QT_TRANSLATE_NOOP(
                "core",
                "Moving {gib} GiB to {region} costs about ${estimate}: ${transfer} to copy it "
                "between regions (${per_gib_transfer}/GB) and ${snapshots} for the temporary "
                "snapshots for a day (${per_gib_snapshot}/GB-month). Its disks then cost "
                "${monthly} a month there.",
            )
            if machine
            else QT_TRANSLATE_NOOP(
                "core",
                "Moving {gib} GiB to {region} costs about ${estimate}: ${transfer} to copy it "
                "between regions (${per_gib_transfer}/GB) and ${snapshots} for the temporary "
                "snapshots for a day (${per_gib_snapshot}/GB-month). The disk then costs "
                "${monthly} a month there.",
            )
        )
        return text.format(
            gib=cost.size_gib,
            region=cost.target_region,
            estimate=f"{cost.estimate_usd:.2f}",
            transfer=f"{cost.transfer_usd:.2f}",
            per_gib_transfer=f"{cost.transfer_per_gib:g}",
            snapshots=f"{cost.snapshot_day_usd:.2f}",
            per_gib_snapshot=f"{cost.snapshot_per_gib_month:g}",
            monthly=f"{cost.new_disk_monthly:.2f}",
        )
    text = (
        QT_TRANSLATE_NOOP(
            "core",
            "Moving {gib} GiB within {region} costs about ${estimate}: the temporary snapshot "
            "for a day (${per_gib_snapshot}/GB-month); no transfer charge. Its disks still cost "
            "${monthly} a month.",
        )
        if machine
        else QT_TRANSLATE_NOOP(
            "core",
            "Moving {gib} GiB within {region} costs about ${estimate}: the temporary snapshot for "
            "a day (${per_gib_snapshot}/GB-month); no transfer charge. The disk still costs "
            "${monthly} a month.",
        )
    )
    return text.format(
        gib=cost.size_gib,
        region=cost.target_region,
        estimate=f"{cost.estimate_usd:.2f}",
        per_gib_snapshot=f"{cost.snapshot_per_gib_month:g}",
        monthly=f"{cost.new_disk_monthly:.2f}",
    )
