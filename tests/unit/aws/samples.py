"""AWS answers in their real shapes, for stubbed Pricing and Service Quotas clients.

GetProducts returns each product as a JSON *string*; the members below are those of a real
AmazonEC2 on-demand Linux product (trimmed of attributes the app does not read).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

LOCATIONS = {"us-east-1": "US East (N. Virginia)", "eu-west-1": "Europe (Ireland)"}


def _sku(*parts: str) -> str:
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:16].upper()  # noqa: S324


def price_document(
    instance_type: str, usd: str, region: str = "us-east-1", **attributes: str
) -> str:
    """One ``PriceList`` entry of GetProducts for ``instance_type`` at ``usd`` per hour."""
    sku = _sku(instance_type, region, usd, *attributes.values())
    term = f"{sku}.JRTCKXETXF"
    reserved = f"{sku}.4NA7Y494T4"
    attrs = {
        "instanceType": instance_type,
        "instanceFamily": "GPU instance",
        "location": LOCATIONS.get(region, region),
        "locationType": "AWS Region",
        "regionCode": region,
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "capacitystatus": "Used",
        "licenseModel": "No License required",
        "operation": "RunInstances",
        "usagetype": f"BoxUsage:{instance_type}",
        "servicecode": "AmazonEC2",
        "servicename": "Amazon Elastic Compute Cloud",
        "vcpu": "4",
        "memory": "16 GiB",
        "gpu": "1",
        "currentGeneration": "Yes",
        **attributes,
    }
    document: dict[str, Any] = {
        "product": {"productFamily": "Compute Instance", "attributes": attrs, "sku": sku},
        "serviceCode": "AmazonEC2",
        "terms": {
            "OnDemand": {
                term: {
                    "priceDimensions": {
                        f"{term}.6YS6EN2CT7": {
                            "unit": "Hrs",
                            "endRange": "Inf",
                            "description": f"${float(usd):.3f} per On Demand Linux "
                            f"{instance_type} Instance Hour",
                            "appliesTo": [],
                            "rateCode": f"{term}.6YS6EN2CT7",
                            "beginRange": "0",
                            "pricePerUnit": {"USD": usd},
                        }
                    },
                    "sku": sku,
                    "effectiveDate": "2025-05-01T00:00:00Z",
                    "offerTermCode": "JRTCKXETXF",
                    "termAttributes": {},
                }
            },
            "Reserved": {
                reserved: {
                    "priceDimensions": {
                        f"{reserved}.2TG2D8R56U": {
                            "unit": "Quantity",
                            "description": "Upfront Fee",
                            "appliesTo": [],
                            "rateCode": f"{reserved}.2TG2D8R56U",
                            "pricePerUnit": {"USD": "2738"},
                        }
                    },
                    "sku": sku,
                    "effectiveDate": "2025-05-01T00:00:00Z",
                    "offerTermCode": "4NA7Y494T4",
                    "termAttributes": {
                        "LeaseContractLength": "1yr",
                        "OfferingClass": "standard",
                        "PurchaseOption": "All Upfront",
                    },
                }
            },
        },
        "version": "20250501000000",
        "publicationDate": "2025-05-01T00:00:00Z",
    }
    return json.dumps(document)


def get_products_answer(*documents: str, next_token: str | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {"FormatVersion": "aws_v1", "PriceList": list(documents)}
    if next_token:
        answer["NextToken"] = next_token
    return answer


def quota(code: str, name: str, value: float, region: str = "us-east-1") -> dict[str, Any]:
    """One ``Quotas`` entry of ListServiceQuotas / ``Quota`` of GetServiceQuota."""
    return {
        "ServiceCode": "ec2",
        "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
        "QuotaArn": f"arn:aws:servicequotas:{region}:123456789012:ec2/{code}",
        "QuotaCode": code,
        "QuotaName": name,
        "Value": value,
        "Unit": "None",
        "Adjustable": True,
        "GlobalQuota": False,
        "UsageMetric": {
            "MetricNamespace": "AWS/Usage",
            "MetricName": "ResourceCount",
            "MetricDimensions": {
                "Class": "G/OnDemand",
                "Resource": "vCPU",
                "Service": "EC2",
                "Type": "Resource",
            },
            "MetricStatisticRecommendation": "Maximum",
        },
        "QuotaAppliedAtLevel": "ACCOUNT",
    }


def ec2_quotas(g_on_demand: float = 8.0, p_on_demand: float = 0.0) -> list[dict[str, Any]]:
    """The EC2 quotas a new-ish account lists (a few of the ~150 there are)."""
    return [
        quota("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 32),
        quota("L-DB2E81BA", "Running On-Demand G and VT instances", g_on_demand),
        quota("L-417A185B", "Running On-Demand P instances", p_on_demand),
        quota("L-3819A6DF", "All G and VT Spot Instance Requests", 4.0),
        quota("L-7212CCBC", "All P Spot Instance Requests", 0.0),
    ]


def requested_quota(
    code: str, desired: float, status: str = "PENDING", request_id: str = "d2b4c8e0f1a2b3c4"
) -> dict[str, Any]:
    """``RequestedQuota`` of RequestServiceQuotaIncrease (and of the request history)."""
    import datetime as dt

    return {
        "Id": request_id,
        "CaseId": "",
        "ServiceCode": "ec2",
        "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
        "QuotaCode": code,
        "QuotaName": "Running On-Demand G and VT instances",
        "DesiredValue": desired,
        "Status": status,
        "Created": dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC),
        "LastUpdated": dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC),
        "Requester": '{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/me"}',
        "QuotaArn": f"arn:aws:servicequotas:us-east-1:123456789012:ec2/{code}",
        "GlobalQuota": False,
        "Unit": "None",
        "QuotaRequestedAtLevel": "ACCOUNT",
    }
