"""``ec2nb gpus / amis / regions``: what a region offers, before launching anything."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.aws.quotas import QuotaState


def register(subparsers: Any) -> None:
    """Add the catalog commands to the ``ec2nb`` parser."""
    gpus = subparsers.add_parser(
        "gpus",
        help="GPU instance types of a region with prices, zones and vCPU quota",
        description="List the GPU instance types of a region: GPU, memory, vCPUs, zones, "
        "on-demand and spot price per hour, and whether your vCPU quota allows one.",
    )
    _aws_options(gpus)
    gpus.add_argument("--spot", action="store_true", help="check the spot vCPU quota instead")
    gpus.add_argument("--json", action="store_true", help="print JSON for scripts")
    gpus.set_defaults(handler=run_gpus)

    amis = subparsers.add_parser(
        "amis", help="the current AWS Deep Learning AMIs of a region, newest first"
    )
    _aws_options(amis)
    amis.add_argument("--json", action="store_true", help="print JSON for scripts")
    amis.set_defaults(handler=run_amis)

    regions = subparsers.add_parser("regions", help="the regions of your account")
    _aws_options(regions)
    regions.add_argument("--json", action="store_true", help="print JSON for scripts")
    regions.set_defaults(handler=run_regions)


def _aws_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="AWS profile (default: the environment's credentials)")
    parser.add_argument("--region", help="region (default: the profile's, else us-east-1)")


def _session(args: argparse.Namespace) -> tuple[Any, str]:
    from app.core.aws.profiles import profile_region
    from app.core.aws.session import Credentials, make_session

    region = (
        args.region
        or (profile_region(args.profile) if args.profile else None)
        or os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or "us-east-1"
    )
    return make_session(Credentials(profile=args.profile), region), region


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [headers, *rows]]  # fmt: skip
    return "\n".join(lines)


def _money(value: float | None) -> str:
    return "-" if value is None else f"${value:.3f}"


def _quota_cell(quota: QuotaState) -> str:
    """``enough``, ``short``, ``unknown``, or ``unknown (default N)`` when only AWS's default
    value is known."""
    if quota.status == "unknown" and quota.default_limit is not None:
        return f"unknown (default {quota.default_limit:g})"
    return quota.status


def run_gpus(args: argparse.Namespace) -> int:
    from app.core.aws.catalog import find_gpu_instance_types
    from app.core.aws.preselect import default_gpu_type
    from app.core.aws.quotas import check_vcpu_quotas

    session, region = _session(args)
    types = find_gpu_instance_types(session, region)
    market = "spot" if args.spot else "on-demand"
    quotas = check_vcpu_quotas(session, region, [(t.instance_type, t.vcpus) for t in types], market)
    default = default_gpu_type(types, quotas)
    if args.json:
        print(
            json.dumps(
                {
                    "region": region,
                    "default": default.instance_type if default else None,
                    "price_source": types[0].price_source if types else None,
                    "types": [
                        {
                            **dataclasses.asdict(t),
                            "quota": dataclasses.asdict(quotas[t.instance_type]),
                        }
                        for t in types
                    ],
                },
                indent=2,
            )
        )
        return 0
    rows = [
        [
            ("* " if t is default else "  ") + t.instance_type,
            f"{t.gpu_count} x {t.gpu_maker} {t.gpu_model}".strip(),
            f"{t.gpu_memory_gib:g} GiB",
            str(t.vcpus),
            f"{t.memory_gib:g} GiB",
            _money(t.on_demand_price),
            _money(t.cheapest_spot_price),
            str(len(t.zones)),
            _quota_cell(quotas[t.instance_type]),
        ]
        for t in types
    ]
    headers = ["  TYPE", "GPU", "GPU MEM", "vCPU", "RAM", "$/H", "SPOT $/H", "ZONES",
               f"QUOTA ({market})"]  # fmt: skip
    print(_table(headers, rows))
    if types:
        print(f"\nOn-demand prices: {types[0].price_source}, Linux, {region}.")
    if default:
        print(f"* suggested: {default.instance_type}")
    short = [q for q in quotas.values() if q.status == "short"]
    if default is None and short:
        print(short[0].message)
    return 0


def run_amis(args: argparse.Namespace) -> int:
    from app.core.aws.amis import list_dlamis

    session, region = _session(args)
    images = list_dlamis(session, region)
    if args.json:
        print(json.dumps([dataclasses.asdict(i) for i in images], indent=2))
        return 0
    rows = [[i.image_id, i.created[:10], i.architecture, i.ssh_user, i.flavour] for i in images]
    print(_table(["IMAGE", "CREATED", "ARCH", "USER", "FLAVOUR"], rows))
    if not images:
        print(f"No Deep Learning AMIs found in {region}.")
    return 0


def run_regions(args: argparse.Namespace) -> int:
    from app.core.aws.regions import list_regions

    session, _ = _session(args)
    regions = list_regions(session)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in regions], indent=2))
        return 0
    rows = [[r.name, "enabled" if r.opted_in else "not enabled (opt in first)"] for r in regions]
    print(_table(["REGION", "STATUS"], rows))
    return 0
