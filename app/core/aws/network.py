"""Where the instance lives on the network: the caller's IP, the default VPC, the security group.

The security group lets SSH in from the user's own address only (and port 8888 in HTTPS mode);
nothing is opened to the whole Internet unless the caller insists.
"""

from __future__ import annotations

import ipaddress
import logging
import urllib.request
from collections.abc import Callable
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.consistency import retry_not_found, wait_until_listed
from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.aws.tags import launch_filter, resource_name, tag_specifications
from app.core.errors import WizardError

log = logging.getLogger(__name__)

CHECKIP_URLS = ("https://checkip.amazonaws.com", "https://api.ipify.org")
SSH_PORT = 22
NOTEBOOK_PORT = 8888


def _fetch_checkip() -> str:
    failure: OSError | None = None
    for url in CHECKIP_URLS:
        try:
            # Fixed https URLs (not user input); urllib honours HTTPS_PROXY.
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310
                return str(answer.read(64).decode("ascii", "replace"))
        except OSError as exc:
            failure = exc
    raise failure or OSError("no check-ip service answered")


# Addresses a check-ip service would only report from behind a broken proxy or captive portal.
# (Documentation ranges such as 198.51.100.0/24 are allowed: the demo and tests use them.)
_NOT_PUBLIC = [
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "0.0.0.0/8")
]


def _not_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or any(address in network for network in _NOT_PUBLIC)
    )


def public_ipv4(fetch: Callable[[], str] | None = None) -> str:
    """This computer's public IPv4 address as the Internet sees it (no prefix length).

    ``fetch`` returns the address text; by default an AWS check-ip service is asked.
    """
    try:
        text = (fetch or _fetch_checkip)().strip()
    except OSError as exc:
        raise WizardError(
            "Could not find out this computer's public IP address.",
            hint="Check the Internet connection, or enter the address range to allow for SSH.",
            code="network",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    try:
        address = ipaddress.ip_address(text)
    except ValueError as exc:
        raise WizardError(
            "The public IP service gave an answer that is not an IP address.",
            hint="Enter the address range to allow for SSH by hand.",
            code="no-public-ip",
            detail=repr(text[:64]),
        ) from exc
    if address.version != 4 or _not_public(address):
        raise WizardError(
            f"{address} is not a public IPv4 address, so it cannot be allowed for SSH.",
            hint="Enter the address range to allow for SSH by hand.",
            code="no-public-ip",
        )
    return str(address)


def ssh_cidr(address_or_range: str, *, allow_world: bool = False) -> str:
    """A normalised IPv4 range: a bare address becomes ``/32``; ``0.0.0.0/0`` is refused."""
    try:
        network = ipaddress.ip_network(address_or_range.strip(), strict=False)
    except ValueError as exc:
        raise WizardError(
            f"'{address_or_range}' is not an IPv4 address or range.", code="invalid-plan"
        ) from exc
    if network.version != 4:
        raise WizardError("Only IPv4 ranges can be allowed for SSH.", code="invalid-plan")
    if network.prefixlen == 0 and not allow_world:
        raise WizardError(
            "Opening SSH to the whole Internet (0.0.0.0/0) is refused.",
            hint="Allow your own address (the default) or your network's range.",
            code="invalid-plan",
        )
    return str(network)


def default_vpc_id(session: boto3.Session, region: str) -> str | None:
    ec2 = client(session, "ec2", region)
    with translating("find the default VPC", region=region):
        vpcs = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
    return str(vpcs[0]["VpcId"]) if vpcs else None


def create_default_vpc(session: boto3.Session, region: str) -> str:
    """Create the region's default VPC (with a default subnet per zone); return its id."""
    ec2 = client(session, "ec2", region)
    with translating("create the default VPC", region=region):
        return str(ec2.create_default_vpc()["Vpc"]["VpcId"])


def require_default_vpc(session: boto3.Session, region: str) -> str:
    vpc_id = default_vpc_id(session, region)
    if vpc_id is None:
        raise WizardError(
            f"The region {region} has no default VPC (network) to put the instance in.",
            hint="Let the wizard create the default VPC, or choose another region.",
            code="no-default-vpc",
            params={"region": region},
        )
    return vpc_id


def default_subnets(session: boto3.Session, region: str, vpc_id: str) -> dict[str, str]:
    """``{zone: subnet id}`` of the default VPC's default subnets."""
    ec2 = client(session, "ec2", region)
    with translating("list the default subnets", region=region):
        subnets = ec2.describe_subnets(
            Filters=[
                {"Name": "vpc-id", "Values": [vpc_id]},
                {"Name": "default-for-az", "Values": ["true"]},
            ]
        )["Subnets"]
    return {s["AvailabilityZone"]: s["SubnetId"] for s in subnets}


def _find_group(ec2: Any, launch_id: str, vpc_id: str) -> str | None:
    groups = ec2.describe_security_groups(
        Filters=[*launch_filter(launch_id), {"Name": "vpc-id", "Values": [vpc_id]}]
    )["SecurityGroups"]
    return str(groups[0]["GroupId"]) if groups else None


def _allow(ec2: Any, group_id: str, launch_id: str, port: int, cidr: str, what: str) -> None:
    """Allow ``port`` from ``cidr`` in the launch's own group (just made: it may not be
    visible yet, so NotFound is retried)."""
    try:
        retry_not_found(
            lambda: ec2.authorize_security_group_ingress(
                GroupId=group_id,
                IpPermissions=[
                    {
                        "IpProtocol": "tcp",
                        "FromPort": port,
                        "ToPort": port,
                        "IpRanges": [
                            {"CidrIp": cidr, "Description": f"{what} from your IP (ec2nb)"}
                        ],
                    }
                ],
                TagSpecifications=tag_specifications(launch_id, ["security-group-rule"]),
            ),
            [group_id],
        )
    except ClientError as exc:
        if error_code(exc) != "InvalidPermission.Duplicate":  # a re-run: already allowed
            raise


def ensure_security_group(
    session: boto3.Session,
    region: str,
    launch_id: str,
    cidr: str,
    *,
    https: bool,
    existing_group_id: str | None = None,
    vpc_id: str | None = None,
) -> str:
    """The security group of the launch: SSH (and 8888 when ``https``) from ``cidr`` only.

    Idempotent: a group already made for ``launch_id`` is reused. An ``existing_group_id``
    chosen by the user is checked and used unchanged. ``vpc_id``: the default VPC when the
    caller looked it up already (else it is looked up here).
    """
    ec2 = client(session, "ec2", region)
    if existing_group_id:
        with translating("use the security group", region=region, group_id=existing_group_id):
            ec2.describe_security_groups(GroupIds=[existing_group_id])
        return existing_group_id
    allowed = ssh_cidr(cidr)
    vpc_id = vpc_id or require_default_vpc(session, region)
    name = resource_name(launch_id)
    with translating("create the security group", region=region, group_id=name):
        group_id = _find_group(ec2, launch_id, vpc_id)
        if group_id is None:
            try:
                group_id = str(
                    ec2.create_security_group(
                        GroupName=name,
                        Description="EC2 Notebook Wizard: SSH from your IP only",
                        VpcId=vpc_id,
                        TagSpecifications=tag_specifications(launch_id, ["security-group"]),
                    )["GroupId"]
                )
            except ClientError as exc:
                # Created by an earlier attempt whose answer was lost, or moments ago by an
                # earlier run: AWS's tag search may not list it yet.
                if error_code(exc) != "InvalidGroup.Duplicate":
                    raise
                group_id = wait_until_listed(lambda: _find_group(ec2, launch_id, vpc_id))
                if group_id is None:
                    raise
        _allow(ec2, group_id, launch_id, SSH_PORT, allowed, "SSH")
        if https:
            _allow(ec2, group_id, launch_id, NOTEBOOK_PORT, allowed, "Jupyter HTTPS")
    log.info("security group %s allows %s from %s", group_id, "22+8888" if https else "22", allowed)
    return group_id
