"""Opt-in regions the account has not enabled: AWS answers there as to unknown credentials.

AWS: Regions launched after 20 March 2019 are disabled until the account enables them
(AWS Account Management, "Specify which AWS Regions your account can use"). In such a region:

- STS (``GetCallerIdentity`` at the regional endpoint, which botocore uses by default) answers
  ``InvalidClientTokenId`` / "The security token included in the request is invalid." (HTTP
  403), the answer quoted for disabled regions in AWS's re:Post knowledge centre and SDK bug
  reports;
- EC2 answers ``AuthFailure`` / "AWS was not able to validate the provided access credentials"
  (HTTP 401); JSON services answer ``UnrecognizedClientException``;
- ``DescribeRegions`` (from an enabled region) lists it with ``OptInStatus`` ``not-opted-in``
  only when ``AllRegions=true``, and enabled opt-in regions as ``opted-in`` (EC2 API
  Reference, DescribeRegions).

By default every opt-in region in :data:`OPT_IN_REGIONS` is disabled, as in a new account;
tests enable or disable regions with :meth:`OptInRegions.enable` / ``disable``. Not reproduced:
enabling takes minutes on AWS (here at once); the global STS endpoint, which answers for any
region's credentials.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from app.demo.emulator import AwsEmulator
from app.demo.gateway import EVERY_ACTION, ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, refusal

#: The regions an account must enable first (the "aws" partition, 2025).
OPT_IN_REGIONS = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-south-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-7",
        "ca-west-1",
        "eu-central-2",
        "eu-south-1",
        "eu-south-2",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
    }
)
_TOKEN_INVALID = "The security token included in the request is invalid."  # noqa: S105 (a message)
# A region's <item> (its children hold no <item>), in whatever order moto writes them.
_ITEM = re.compile(
    rb"<item>(?:(?!</item>).)*?<regionName>([a-z0-9-]+)</regionName>.*?</item>", re.S
)
_STATUS = re.compile(rb"<optInStatus>[a-z-]*</optInStatus>")


@dataclass
class OptInRegions:
    """Which opt-in regions the emulated account has not enabled."""

    disabled: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def disable(self, region: str) -> None:
        with self._lock:
            self.disabled.add(region)

    def enable(self, region: str) -> None:
        with self._lock:
            self.disabled.discard(region)

    def is_disabled(self, region: str) -> bool:
        with self._lock:
            return region in self.disabled

    def refuse(self, request: ApiRequest) -> ApiResponse | None:
        """Every call signed for a disabled region fails as AWS fails it."""
        if not self.is_disabled(request.region):
            return None
        if request.service == "sts":
            return refusal(request, "InvalidClientTokenId", _TOKEN_INVALID, 403)
        if request.protocol == "ec2":
            return refusal(
                request,
                "AuthFailure",
                "AWS was not able to validate the provided access credentials",
                401,
            )
        if request.protocol == "json":
            return refusal(request, "UnrecognizedClientException", _TOKEN_INVALID, 400)
        return refusal(request, "InvalidClientTokenId", _TOKEN_INVALID, 403)

    def regions(self, request: ApiRequest, body: bytes) -> bytes:
        """``DescribeRegions`` with each opt-in region's status (hidden unless AllRegions)."""
        all_regions = request.params.get("AllRegions", "").lower() == "true"

        def status(found: re.Match[bytes]) -> bytes:
            name = found.group(1).decode()
            if name not in OPT_IN_REGIONS:
                # moto marks some regions not-opted-in of its own accord.
                value = b"opt-in-not-required"
                return _STATUS.sub(b"<optInStatus>" + value + b"</optInStatus>", found.group(0))
            if self.is_disabled(name):
                if not all_regions:
                    return b""
                value = b"not-opted-in"
            else:
                value = b"opted-in"
            return _STATUS.sub(b"<optInStatus>" + value + b"</optInStatus>", found.group(0))

        return _ITEM.sub(status, body)


def install(aws: AwsEmulator, config: RealismConfig) -> OptInRegions:
    behaviour = OptInRegions(set(OPT_IN_REGIONS) if config.enabled else set())
    with aws.gateway.lock:
        aws.gateway.before.setdefault(EVERY_ACTION, []).append(behaviour.refuse)
        aws.gateway.rewrite.setdefault("DescribeRegions", []).append(behaviour.regions)
    return behaviour
