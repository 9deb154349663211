"""Prices per hour: on-demand from the Pricing API (cached a day, bundled fallback), spot live.

The Pricing API answers from us-east-1 for every region. Its ``GetProducts`` returns each
product as a JSON *string*: ``product.attributes`` (instanceType, operatingSystem, tenancy,
preInstalledSw, capacitystatus, ...) and ``terms.OnDemand.<term>.priceDimensions.<dim>``
with ``unit: "Hrs"`` and ``pricePerUnit: {"USD": "0.5260000000"}``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.errors import translating
from app.core.aws.session import client
from app.core.errors import WizardError
from app.core.paths import cache_dir, private_dir, resource
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.core.small_files import read_small_file

log = logging.getLogger(__name__)

PRICING_REGION = "us-east-1"
CACHE_SECONDS = 24 * 3600
BUNDLED_TABLE = ("prices", "on-demand.json")

# Linux, shared tenancy, no pre-installed software (SQL etc.), "Used" capacity (not the
# unused part of a reservation): the price a person pays per hour for a plain instance.
_PRODUCT_ATTRIBUTES = {
    "operatingSystem": "Linux",
    "tenancy": "Shared",
    "preInstalledSw": "NA",
    "capacitystatus": "Used",
    "operation": "RunInstances",
}


@dataclass(frozen=True)
class OnDemandPrices:
    prices: dict[str, float]  # instance type -> USD per hour
    source: Sentence  # "pricing-api" | "cache" | "bundled <date>"
    as_of: str  # when the prices were read (ISO), or the bundled table's date


def pricing_filters(region: str, instance_type: str | None = None) -> list[dict[str, str]]:
    """``GetProducts`` filters for the on-demand Linux price of GPU instances in ``region``."""
    fields = {"regionCode": region, **_PRODUCT_ATTRIBUTES}
    if instance_type:
        fields["instanceType"] = instance_type
    else:
        fields["instanceFamily"] = "GPU instance"
    return [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in fields.items()]


def parse_price_list(price_list: Iterable[str | Mapping[str, Any]]) -> dict[str, float]:
    """``{instance type: USD per hour}`` from ``GetProducts``'s ``PriceList`` entries."""
    prices: dict[str, float] = {}
    for item in price_list:
        document = json.loads(item) if isinstance(item, str) else item
        attributes = document.get("product", {}).get("attributes", {})
        instance_type = attributes.get("instanceType")
        if not instance_type:
            continue
        # Defensive: a filter the API ignored must not mix Windows or SQL prices in.
        if any(attributes.get(k, v) != v for k, v in _PRODUCT_ATTRIBUTES.items()):
            continue
        for term in document.get("terms", {}).get("OnDemand", {}).values():
            for dimension in term.get("priceDimensions", {}).values():
                if dimension.get("unit") not in {"Hrs", "Hours"}:
                    continue
                try:
                    usd = float(dimension.get("pricePerUnit", {}).get("USD", ""))
                except ValueError:
                    continue
                if usd > 0:
                    prices[instance_type] = min(usd, prices.get(instance_type, usd))
    return prices


def fetch_on_demand_prices(session: boto3.Session, region: str) -> dict[str, float]:
    """On-demand prices of the GPU instance types of ``region`` (raises on AWS errors)."""
    pricing = client(session, "pricing", PRICING_REGION)
    price_list: list[str] = []
    pages = pricing.get_paginator("get_products").paginate(
        ServiceCode="AmazonEC2",
        Filters=pricing_filters(region),
        FormatVersion="aws_v1",
        PaginationConfig={"PageSize": 100},
    )
    for page in pages:
        price_list.extend(page["PriceList"])
    return parse_price_list(price_list)


# A region's price table is about 100 KiB of JSON.
MAX_CACHE_BYTES = 16 * 1024 * 1024


def _cache_file(region: str) -> Path:
    return cache_dir() / "prices" / f"on-demand-{region}.json"


def _read_cache(region: str) -> tuple[dict[str, float], float] | None:
    path = _cache_file(region)
    if not path.exists():
        return None
    try:
        # A regular file of sane size only: the cache folder is the user's to break.
        data = json.loads(read_small_file(path, limit=MAX_CACHE_BYTES))
        return {k: float(v) for k, v in data["prices"].items()}, float(data["fetched_at"])
    except (WizardError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _write_cache(region: str, prices: Mapping[str, float], fetched_at: float) -> None:
    path = _cache_file(region)
    private_dir(path.parent)
    # mkstemp makes the file 0600, which the rename keeps.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".prices-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"fetched_at": fetched_at, "region": region, "prices": prices}, out)
    os.replace(temporary, path)


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat(timespec="seconds")


def bundled_prices(region: str) -> OnDemandPrices:
    """The price table shipped with the app (public list prices of its ``as_of`` date)."""
    table = json.loads(resource(*BUNDLED_TABLE).read_text(encoding="utf-8"))
    as_of = str(table["as_of"])
    prices = {k: float(v) for k, v in table["regions"].get(region, {}).items()}
    return OnDemandPrices(
        prices, QT_TRANSLATE_NOOP("core", "bundled {date}").format(date=as_of), as_of
    )


def on_demand_prices(
    session: boto3.Session, region: str, *, now: float | None = None, refresh: bool = False
) -> OnDemandPrices:
    """On-demand prices: the day-old cache, else the Pricing API, else the bundled table."""
    now = time.time() if now is None else now
    cached = _read_cache(region)
    if cached and not refresh and now - cached[1] < CACHE_SECONDS:
        return OnDemandPrices(cached[0], QT_TRANSLATE_NOOP("core", "cache"), _iso(cached[1]))
    try:
        prices = fetch_on_demand_prices(session, region)
    except (ClientError, BotoCoreError) as exc:
        # Denied (pricing:GetProducts is often missing from narrow policies) or unreachable.
        log.info("Pricing API unavailable for %s: %s", region, exc)
        prices = {}
    if prices:
        _write_cache(region, prices, now)
        return OnDemandPrices(prices, QT_TRANSLATE_NOOP("core", "pricing-api"), _iso(now))
    if cached:  # stale, but newer than the bundled table
        return OnDemandPrices(cached[0], QT_TRANSLATE_NOOP("core", "cache"), _iso(cached[1]))
    return bundled_prices(region)


def spot_prices(
    session: boto3.Session, region: str, instance_types: Sequence[str]
) -> dict[str, dict[str, float]]:
    """The current Linux spot price of each type per zone: ``{type: {zone: USD per hour}}``."""
    ec2 = client(session, "ec2", region)
    latest: dict[tuple[str, str], tuple[dt.datetime, float]] = {}
    # StartTime=now returns the price in effect now for every type and zone.
    start = dt.datetime.now(dt.UTC)
    with translating(QT_TRANSLATE_NOOP("core", "read spot prices"), region=region):
        for first in range(0, len(instance_types), 50):
            pages = ec2.get_paginator("describe_spot_price_history").paginate(
                InstanceTypes=list(instance_types[first : first + 50]),
                ProductDescriptions=["Linux/UNIX"],
                StartTime=start,
            )
            for page in pages:
                for entry in page["SpotPriceHistory"]:
                    key = (entry["InstanceType"], entry["AvailabilityZone"])
                    stamp, price = entry["Timestamp"], float(entry["SpotPrice"])
                    if key not in latest or stamp > latest[key][0]:
                        latest[key] = (stamp, price)
    result: dict[str, dict[str, float]] = {}
    for (instance_type, zone), (_, price) in sorted(latest.items()):
        result.setdefault(instance_type, {})[zone] = price
    return result
