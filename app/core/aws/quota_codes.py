"""Which EC2 vCPU quota (Service Quotas code and name) an instance type counts against.

From AWS's "Amazon EC2 instance type quotas" (Service Quotas user guide / general reference):
on-demand G and VT types share L-DB2E81BA and P types L-417A185B; spot is split further:
G and VT L-3819A6DF, "All P4, P3 and P2 Spot Instance Requests" L-7212CCBC (formerly "All P
Spot Instance Requests") and "All P5 Spot Instance Requests" L-C4BD4855 (p5, p5e, p5en); DL
types have their own (L-6E869C2A, spot L-85EED4F7). AWS documents no spot quota for P6 yet, so
the wizard does not guess one for it.

One table, read by the quota check (:mod:`app.core.aws.quotas`) and by the error translation
(:mod:`app.core.aws.errors`), so a quota error names the quota the check looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class QuotaBucket:
    """One vCPU quota: its code, its current name, and how to find it again if renamed."""

    code: str
    name: str
    matches: re.Pattern[str]  # finds the quota by (lower-case) name when its code changed


G_ON_DEMAND = QuotaBucket(
    "L-DB2E81BA", "Running On-Demand G and VT instances", re.compile(r"on-demand.*\bg and vt\b")
)
P_ON_DEMAND = QuotaBucket(
    "L-417A185B", "Running On-Demand P instances", re.compile(r"on-demand\s+p\s+instances")
)
G_SPOT = QuotaBucket(
    "L-3819A6DF", "All G and VT Spot Instance Requests", re.compile(r"\bg and vt\b.*spot")
)
P_SPOT = QuotaBucket(
    "L-7212CCBC",
    "All P4, P3 and P2 Spot Instance Requests",
    re.compile(r"^all (p|p4, p3 and p2) spot"),
)
P5_SPOT = QuotaBucket("L-C4BD4855", "All P5 Spot Instance Requests", re.compile(r"^all p5 spot"))
# DL1/DL2q (Gaudi, AI100) report accelerators as GPUs in DescribeInstanceTypes.
DL_ON_DEMAND = QuotaBucket(
    "L-6E869C2A", "Running On-Demand DL instances", re.compile(r"on-demand\s+dl\s+instances")
)
DL_SPOT = QuotaBucket("L-85EED4F7", "All DL Spot Instance Requests", re.compile(r"^all dl spot"))

ALL_BUCKETS = (G_ON_DEMAND, P_ON_DEMAND, G_SPOT, P_SPOT, P5_SPOT, DL_ON_DEMAND, DL_SPOT)

#: Spot families older than P5 share one quota; P5 has its own; P6 is not documented.
_P_SPOT_FAMILIES = ("p2", "p3", "p4")


def family_of(instance_type: str) -> str:
    """``p5e`` for ``p5e.48xlarge``, ``p6-b200`` for ``p6-b200.48xlarge``."""
    return instance_type.split(".")[0].lower()


def bucket_of(instance_type: str) -> str | None:
    """``"G"`` or ``"P"``: which vCPU quota family an instance type counts against."""
    family = family_of(instance_type)
    if family.startswith(("g", "vt")):
        return "G"
    if family.startswith("p"):
        return "P"
    return None


def quota_for(instance_type: str, market: str) -> QuotaBucket | None:
    """The vCPU quota ``instance_type`` counts against in ``market`` (on-demand | spot)."""
    if family_of(instance_type).startswith("dl"):
        return DL_SPOT if str(market) == "spot" else DL_ON_DEMAND
    letter = bucket_of(instance_type)
    if letter is None:
        return None
    if str(market) != "spot":
        return G_ON_DEMAND if letter == "G" else P_ON_DEMAND
    if letter == "G":
        return G_SPOT
    family = family_of(instance_type)
    if family.startswith("p5"):
        return P5_SPOT
    if family.startswith(_P_SPOT_FAMILIES):
        return P_SPOT
    return None
