"""The AWS APIs moto lacks, answered for the demo: Pricing, EC2 Service Quotas, spot prices.

They speak the real wire formats (the Pricing ``PriceList`` of JSON strings, Service Quotas'
JSON, EC2's XML), so the app's own parsers and clients run unchanged against the emulator.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
import uuid
from collections.abc import Iterable
from typing import Any

from app.demo.emulator import ACCOUNT_ID, AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse, ec2_response, json_response
from app.demo.permissions import permissions_of
from app.demo.realism import RealismConfig
from app.demo.seed import DEMO_QUOTAS, REGION_NAMES, on_demand_price, spot_price

_PAGE = 100


def _gpu_types() -> list[str]:
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    return sorted(t for t, info in INSTANCE_TYPES.items() if info.get("GpuInfo"))


def _zones_offering(region: str, instance_type: str) -> list[str]:
    from moto.ec2.models.instance_types import INSTANCE_TYPE_OFFERINGS

    offerings = INSTANCE_TYPE_OFFERINGS["availability-zone"].get(region, [])
    return sorted(o["Location"] for o in offerings if o.get("InstanceType") == instance_type)


def _product(instance_type: str, region: str, price: float) -> dict[str, Any]:
    from moto.ec2.models.instance_types import INSTANCE_TYPES

    info = INSTANCE_TYPES[instance_type]
    sku = uuid.uuid5(uuid.NAMESPACE_URL, f"{region}/{instance_type}").hex[:16].upper()
    gpus = sum(g.get("Count", 0) for g in info.get("GpuInfo", {}).get("Gpus", []))
    term = "JRTCKXETXF"
    return {
        "product": {
            "productFamily": "Compute Instance",
            "sku": sku,
            "attributes": {
                "servicecode": "AmazonEC2",
                "instanceType": instance_type,
                "instanceFamily": "GPU instance",
                "regionCode": region,
                "location": REGION_NAMES.get(region, region),
                "locationType": "AWS Region",
                "operatingSystem": "Linux",
                "tenancy": "Shared",
                "preInstalledSw": "NA",
                "capacitystatus": "Used",
                "licenseModel": "No License required",
                "marketoption": "OnDemand",
                "usagetype": f"BoxUsage:{instance_type}",
                "operation": "RunInstances",
                "vcpu": str(info["VCpuInfo"]["DefaultVCpus"]),
                "memory": f"{info['MemoryInfo']['SizeInMiB'] / 1024:g} GiB",
                "gpu": str(gpus),
            },
        },
        "serviceCode": "AmazonEC2",
        "terms": {
            "OnDemand": {
                f"{sku}.{term}": {
                    "offerTermCode": term,
                    "sku": sku,
                    "effectiveDate": "2025-06-01T00:00:00Z",
                    "termAttributes": {},
                    "priceDimensions": {
                        f"{sku}.{term}.6YS6EN2CT7": {
                            "unit": "Hrs",
                            "endRange": "Inf",
                            "beginRange": "0",
                            "rateCode": f"{sku}.{term}.6YS6EN2CT7",
                            "appliesTo": [],
                            "description": f"${price:.4f} per On Demand Linux {instance_type} "
                            "Instance Hour",
                            "pricePerUnit": {"USD": f"{price:.10f}"},
                        }
                    },
                }
            }
        },
        "version": "20250601000000",
        "publicationDate": "2025-06-01T00:00:00Z",
    }


def _matches(product: dict[str, Any], filters: list[dict[str, Any]]) -> bool:
    attributes = {
        **product["product"]["attributes"],
        "productFamily": product["product"]["productFamily"],
        "ServiceCode": "AmazonEC2",
    }
    lowered = {k.lower(): v for k, v in attributes.items()}
    for item in filters:
        field = str(item.get("Field", "")).lower()
        value = str(item.get("Value", ""))
        if field not in lowered:
            continue  # an attribute the demo does not model: do not let it hide the price
        kind = item.get("Type", "TERM_MATCH")
        actual = lowered[field]
        if kind == "CONTAINS" and value.lower() not in actual.lower():
            return False
        if kind == "ANY_OF" and actual not in value.split(","):
            return False
        if kind not in ("CONTAINS", "ANY_OF") and actual.lower() != value.lower():
            return False
    return True


def get_products(request: ApiRequest) -> ApiResponse:
    body = request.json_body()
    if body.get("ServiceCode") != "AmazonEC2":
        return json_response({"FormatVersion": "aws_v1", "PriceList": []})
    filters = body.get("Filters", [])
    regions = {
        code
        for code, name in REGION_NAMES.items()
        if any(
            str(f.get("Field", "")).lower() in ("regioncode", "location")
            and f.get("Value") in (code, name)
            for f in filters
        )
    } or set(REGION_NAMES)
    products = []
    for region in sorted(regions):
        for instance_type in _gpu_types():
            price = on_demand_price(instance_type, region)
            if price is not None:
                product = _product(instance_type, region, price)
                if _matches(product, filters):
                    products.append(json.dumps(product))
    start = int(body.get("NextToken") or 0)
    size = int(body.get("MaxResults") or _PAGE)
    answer: dict[str, Any] = {
        "FormatVersion": "aws_v1",
        "PriceList": products[start : start + size],
    }
    if start + size < len(products):
        answer["NextToken"] = str(start + size)
    return json_response(answer)


#: The demo account raised its G quotas (so they have applied values); the P quotas were never
#: changed, so Service Quotas knows only their AWS defaults.
DEMO_APPLIED = ("L-DB2E81BA", "L-3819A6DF")


class QuotaService:
    """EC2's vCPU quotas in Service Quotas, with increase requests that stay pending.

    As on AWS, only a quota whose value was changed for the account has an *applied* value:
    ``GetServiceQuota`` answers ``NoSuchResourceException`` for the others and
    ``ListServiceQuotas`` leaves them out; ``GetAWSDefaultServiceQuota`` and
    ``ListAWSDefaultServiceQuotas`` answer AWS's default, which ignores increases. ``apply``
    makes a quota changed (a test's way to an account with a known value). With the realism
    layer off every quota is applied at its default (moto-like forgiveness).
    """

    def __init__(
        self, realism: RealismConfig | None = None, applied: Iterable[str] = DEMO_APPLIED
    ) -> None:
        realism = realism or RealismConfig.from_env()
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        codes = applied if realism.enabled else DEMO_QUOTAS
        self.applied: dict[str, float] = {code: DEMO_QUOTAS[code][1] for code in codes}

    def apply(self, code: str, value: float | None = None) -> None:
        """Give quota ``code`` an applied value (default: AWS's default), as a change would."""
        with self._lock:
            self.applied[code] = DEMO_QUOTAS[code][1] if value is None else float(value)

    def unapply(self, code: str) -> None:
        """Make quota ``code`` never changed: only its default is known."""
        with self._lock:
            self.applied.pop(code, None)

    @staticmethod
    def _quota(region: str, code: str) -> dict[str, Any]:
        name, value = DEMO_QUOTAS[code]
        return {
            "ServiceCode": "ec2",
            "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
            "QuotaArn": f"arn:aws:servicequotas:{region}:{ACCOUNT_ID}:ec2/{code}",
            "QuotaCode": code,
            "QuotaName": name,
            "Value": value,
            "Unit": "None",
            "Adjustable": True,
            "GlobalQuota": False,
            "UsageMetric": {
                "MetricNamespace": "AWS/Usage",
                "MetricName": "ResourceCount",
                "MetricDimensions": {"Class": "None", "Resource": "vCPU", "Service": "EC2"},
                "MetricStatisticRecommendation": "Maximum",
            },
        }

    def _applied(self, region: str, code: str) -> dict[str, Any] | None:
        with self._lock:
            value = self.applied.get(code)
        return None if value is None else {**self._quota(region, code), "Value": value}

    def __call__(self, request: ApiRequest) -> ApiResponse:
        body = request.json_body()
        if body.get("ServiceCode", "ec2") != "ec2":
            return _json_error("NoSuchResourceException", "The demo only knows EC2 quotas.")
        code = str(body.get("QuotaCode", ""))
        if request.action == "ListAWSDefaultServiceQuotas":
            quotas = [self._quota(request.region, c) for c in DEMO_QUOTAS]
            return json_response({"Quotas": quotas})
        if request.action == "ListServiceQuotas":
            applied = [self._applied(request.region, c) for c in DEMO_QUOTAS]
            return json_response({"Quotas": [q for q in applied if q is not None]})
        if request.action == "GetAWSDefaultServiceQuota":
            if code not in DEMO_QUOTAS:
                return _json_error("NoSuchResourceException", f"No quota {code}.")
            return json_response({"Quota": self._quota(request.region, code)})
        if request.action == "GetServiceQuota":
            found = self._applied(request.region, code) if code in DEMO_QUOTAS else None
            if found is None:
                # AWS's answer for a quota without an applied value, or an unknown code.
                return _json_error(
                    "NoSuchResourceException",
                    f"The request failed because the specified quota {code} does not exist.",
                )
            return json_response({"Quota": found})
        if request.action == "RequestServiceQuotaIncrease":
            if code not in DEMO_QUOTAS:
                return _json_error("NoSuchResourceException", f"No quota {code}.")
            change = {
                "Id": uuid.uuid4().hex,
                "CaseId": f"case-{uuid.uuid4().hex[:10]}",
                "ServiceCode": "ec2",
                "QuotaCode": code,
                "QuotaName": DEMO_QUOTAS[code][0],
                "DesiredValue": float(body.get("DesiredValue", 0)),
                "Status": "PENDING",
                "Created": dt.datetime.now(dt.UTC).timestamp(),
                "Requester": f"arn:aws:iam::{ACCOUNT_ID}:user/demo",
                "QuotaArn": self._quota(request.region, code)["QuotaArn"],
                "GlobalQuota": False,
                "Unit": "None",
            }
            with self._lock:
                self.requests.append(change)
            return json_response({"RequestedQuota": change})
        if request.action.startswith("ListRequestedServiceQuotaChangeHistory"):
            with self._lock:
                found = [r for r in self.requests if not code or r["QuotaCode"] == code]
            return json_response({"RequestedQuotas": found})
        if request.action == "GetRequestedServiceQuotaChange":
            wanted = body.get("RequestId")
            with self._lock:
                for change in self.requests:
                    if change["Id"] == wanted:
                        return json_response({"RequestedQuota": change})
            return _json_error("NoSuchResourceException", "No such request.")
        return _json_error("InvalidInputException", f"The demo does not emulate {request.action}.")


def _json_error(code: str, message: str) -> ApiResponse:
    body = json.dumps({"__type": code, "message": message}).encode()
    return ApiResponse(400, body, "application/x-amz-json-1.1")


def describe_spot_price_history(request: ApiRequest) -> ApiResponse:
    params = request.params
    wanted = [v for k, v in params.items() if k.startswith("InstanceType.")]
    for key, value in params.items():
        if key.startswith("Filter.") and key.endswith(".Name") and value == "instance-type":
            prefix = key[: -len("Name")]
            wanted += [v for k, v in params.items() if k.startswith(prefix + "Value.")]
    zone_filter = params.get("AvailabilityZone")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    items = []
    for instance_type in wanted or _gpu_types():
        on_demand = on_demand_price(instance_type, request.region)
        if on_demand is None:
            continue
        for zone in _zones_offering(request.region, instance_type):
            if zone_filter and zone != zone_filter:
                continue
            items.append(
                "<item>"
                f"<availabilityZone>{zone}</availabilityZone>"
                f"<instanceType>{html.escape(instance_type)}</instanceType>"
                "<productDescription>Linux/UNIX</productDescription>"
                f"<spotPrice>{spot_price(instance_type, zone, on_demand):.6f}</spotPrice>"
                f"<timestamp>{stamp}</timestamp>"
                "</item>"
            )
    return ec2_response(
        "DescribeSpotPriceHistory",
        f"<spotPriceHistorySet>{''.join(items)}</spotPriceHistorySet><nextToken></nextToken>",
    )


def emulate_missing_services(
    aws: AwsEmulator, *, applied: Iterable[str] = DEMO_APPLIED
) -> QuotaService:
    """Answer Pricing, Service Quotas (EC2), spot price history and Budgets' gaps on ``aws``.

    ``applied``: the quota codes the account changed (see :class:`QuotaService`).
    """
    quotas = QuotaService(applied=applied)
    aws.emulate("GetProducts", get_products)
    for action in (
        "ListServiceQuotas",
        "ListAWSDefaultServiceQuotas",
        "GetServiceQuota",
        "GetAWSDefaultServiceQuota",
        "RequestServiceQuotaIncrease",
        "ListRequestedServiceQuotaChangeHistory",
        "ListRequestedServiceQuotaChangeHistoryByQuota",
        "GetRequestedServiceQuotaChange",
    ):
        aws.emulate(action, quotas)
    aws.emulate("DescribeSpotPriceHistory", describe_spot_price_history)
    # IAM's policy simulator and STS's message decoder, for the permission check.
    permissions_of(aws)
    from app.demo.budgets import emulate_budgets

    emulate_budgets(aws)  # UpdateBudget, DescribeSubscribersForNotification
    return quotas
