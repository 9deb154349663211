"""The bundled EBS price table, priced by hand: what a disk costs per month and so far."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.aws.storage_prices import (
    HOURS_PER_MONTH,
    cost_since,
    disk_monthly_cost,
    storage_prices,
)


def test_a_gp3_disk_costs_its_gib_times_the_regions_price() -> None:
    assert disk_monthly_cost("us-east-1", "gp3", 100) == pytest.approx(8.00)  # 100 x 0.08
    assert disk_monthly_cost("eu-west-1", "gp3", 100) == pytest.approx(8.80)  # 100 x 0.088
    assert disk_monthly_cost("us-east-1", "gp2", 100) == pytest.approx(10.00)
    assert storage_prices("us-east-1").monthly("snapshot", 100) == pytest.approx(5.00)


def test_an_unlisted_region_or_type_is_priced_as_the_default_gp3() -> None:
    assert disk_monthly_cost("ap-south-2", "gp3", 50) == pytest.approx(4.00)
    assert disk_monthly_cost("us-east-1", "sc9", 50) == pytest.approx(4.00)


def test_cost_since_counts_hours_of_a_730_hour_month() -> None:
    now = dt.datetime(2026, 1, 31, tzinfo=dt.UTC)
    assert HOURS_PER_MONTH == 730
    assert cost_since(8.0, now - dt.timedelta(hours=73), now) == pytest.approx(0.80)
    assert cost_since(8.0, None, now) == 0.0
    assert cost_since(8.0, now + dt.timedelta(hours=1), now) == 0.0  # a clock ahead: nothing
