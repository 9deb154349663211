"""Parsing the Pricing API's answers, the day-long cache and the bundled price table."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from app.core.aws import prices
from app.core.aws.prices import bundled_prices, parse_price_list, pricing_filters
from app.core.paths import resource
from tests.unit.aws.samples import price_document


def test_on_demand_hourly_prices_are_read_from_the_json_strings() -> None:
    answer = [
        price_document("g4dn.xlarge", "0.5260000000"),
        price_document("g5.xlarge", "1.0060000000"),
    ]
    assert parse_price_list(answer) == {"g4dn.xlarge": 0.526, "g5.xlarge": 1.006}


def test_reserved_terms_and_other_products_are_ignored() -> None:
    answer = [
        price_document("g4dn.xlarge", "0.5260000000"),
        # The same type with SQL Server pre-installed, and Windows: another price.
        price_document("g4dn.xlarge", "1.2000000000", preInstalledSw="SQL Std"),
        price_document("g4dn.xlarge", "0.7100000000", operatingSystem="Windows"),
        # The unused part of a capacity reservation costs nothing extra.
        price_document("g4dn.xlarge", "0.0000000000", capacitystatus="UnusedCapacityReservation"),
    ]
    assert parse_price_list(answer) == {"g4dn.xlarge": 0.526}


def test_a_zero_price_is_no_price() -> None:
    assert parse_price_list([price_document("g6.xlarge", "0.0000000000")]) == {}


def test_filters_ask_for_linux_shared_no_software_used_capacity() -> None:
    fields = {f["Field"]: f["Value"] for f in pricing_filters("eu-west-1")}
    assert fields == {
        "regionCode": "eu-west-1",
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "capacitystatus": "Used",
        "operation": "RunInstances",
        "instanceFamily": "GPU instance",
    }
    assert all(f["Type"] == "TERM_MATCH" for f in pricing_filters("eu-west-1"))


def test_bundled_table_is_dated_and_covers_the_main_regions() -> None:
    table = json.loads(resource("prices", "on-demand.json").read_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", table["as_of"])
    assert dt.date.fromisoformat(table["as_of"]) <= dt.date.today()
    for region in ("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1"):
        prices_of = table["regions"][region]
        assert {"g4dn.xlarge", "g5.xlarge", "p3.2xlarge"} <= set(prices_of)
        # List prices: a T4 costs less than an A10G, which costs less than a V100.
        assert prices_of["g4dn.xlarge"] < prices_of["g5.xlarge"] < prices_of["p3.2xlarge"]
        assert all(0.1 < price < 200 for price in prices_of.values())


def test_bundled_prices_name_their_date() -> None:
    found = bundled_prices("us-east-1")
    assert found.source == "bundled 2025-05-01"
    assert found.prices["g4dn.xlarge"] == 0.526
    assert bundled_prices("af-south-1").prices == {}


class _Session:
    """Stands in for a session; the Pricing call is replaced below."""


def test_cache_is_fresh_for_a_day_then_refreshed(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([{"g4dn.xlarge": 0.526}, {"g4dn.xlarge": 0.5}])
    monkeypatch.setattr(prices, "fetch_on_demand_prices", lambda _s, _r: next(answers))
    start = 1_750_000_000.0
    first = prices.on_demand_prices(_Session(), "us-east-1", now=start)  # type: ignore[arg-type]
    assert (first.source, first.prices) == ("pricing-api", {"g4dn.xlarge": 0.526})
    cached = prices.on_demand_prices(_Session(), "us-east-1", now=start + 23 * 3600)  # type: ignore[arg-type]
    assert (cached.source, cached.prices) == ("cache", {"g4dn.xlarge": 0.526})
    fresh = prices.on_demand_prices(_Session(), "us-east-1", now=start + 25 * 3600)  # type: ignore[arg-type]
    assert (fresh.source, fresh.prices) == ("pricing-api", {"g4dn.xlarge": 0.5})


def test_a_stale_cache_beats_the_bundled_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from botocore.exceptions import EndpointConnectionError

    calls = iter([{"g4dn.xlarge": 0.51}])

    def fetch(_session: object, _region: str) -> dict[str, float]:
        try:
            return next(calls)
        except StopIteration:
            raise EndpointConnectionError(endpoint_url="https://api.pricing.us-east-1") from None

    monkeypatch.setattr(prices, "fetch_on_demand_prices", fetch)
    prices.on_demand_prices(_Session(), "us-east-1", now=1_000.0)  # type: ignore[arg-type]
    offline = prices.on_demand_prices(_Session(), "us-east-1", now=1_000.0 + 3 * 86_400)  # type: ignore[arg-type]
    assert (offline.source, offline.prices["g4dn.xlarge"]) == ("cache", 0.51)
    never_cached = prices.on_demand_prices(_Session(), "eu-west-1", now=1_000.0)  # type: ignore[arg-type]
    assert never_cached.source.startswith("bundled ")
