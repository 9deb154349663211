"""Where the instance lives on the network: the caller's IP, the default VPC, the security group.

The security group lets SSH in from the user's own address only (and port 8888 in HTTPS mode);
nothing is opened to the whole Internet unless the caller insists.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

import boto3
from botocore.exceptions import ClientError

from app.core.aws.consistency import retry_not_found, wait_until_listed
from app.core.aws.errors import error_code, translating
from app.core.aws.session import client
from app.core.aws.tags import launch_filter, resource_name, tag_specifications
from app.core.errors import WizardError
from app.core.sentence import QT_TRANSLATE_NOOP

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
            QT_TRANSLATE_NOOP("core", "Could not find out this computer's public IP address."),
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Check the Internet connection, or enter the address range to allow for SSH.",
            ),
            code="network",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    try:
        address = ipaddress.ip_address(text)
    except ValueError as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The public IP service gave an answer that is not an IP address."
            ),
            hint=QT_TRANSLATE_NOOP("core", "Enter the address range to allow for SSH by hand."),
            code="no-public-ip",
            detail=repr(text[:64]),
        ) from exc
    if address.version != 4 or _not_public(address):
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "{address} is not a public IPv4 address, so it cannot be allowed for SSH."
            ).format(address=address),
            hint=QT_TRANSLATE_NOOP("core", "Enter the address range to allow for SSH by hand."),
            code="no-public-ip",
        )
    return str(address)


def proxy_for_checkip(environ: Mapping[str, str] | None = None) -> str | None:
    """The HTTPS proxy the what-is-my-IP look-up goes through, or None.

    Behind a proxy the check-ip service sees the proxy's address, which may not be where this
    computer's own SSH connections come from.
    """
    env = os.environ if environ is None else environ
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        value = env.get(name, "").strip()
        if not value:
            continue
        bypass = env.get("NO_PROXY", env.get("no_proxy", ""))
        hosts = [urllib.parse.urlsplit(url).hostname or "" for url in CHECKIP_URLS]
        if bypass.strip() == "*" or all(_bypassed(host, bypass) for host in hosts):
            return None
        return name
    return None


def _bypassed(host: str, no_proxy: str) -> bool:
    for entry in (e.strip().lstrip(".").lower() for e in no_proxy.split(",")):
        if entry and (host == entry or host.endswith("." + entry)):
            return True
    return False


def ssh_cidr(address_or_range: str, *, allow_wide: bool = False, allow_world: bool = False) -> str:
    """A normalised IPv4 range: a bare address becomes ``/32``.

    A range wider than /16 (``0.0.0.0/0`` included) is refused unless the user confirmed it
    (``allow_wide``; ``allow_world`` is its older name).
    """
    try:
        network = ipaddress.ip_network(address_or_range.strip(), strict=False)
    except ValueError as exc:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{address}' is not an IPv4 address or range.").format(
                address=address_or_range
            ),
            code="invalid-plan",
        ) from exc
    if network.version != 4:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Only IPv4 ranges can be allowed for SSH."),
            code="invalid-plan",
        )
    if allow_wide or allow_world:
        return str(network)
    if network.prefixlen == 0:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Opening SSH to the whole Internet (0.0.0.0/0) is refused."),
            hint=QT_TRANSLATE_NOOP(
                "core", "Allow your own address (the default) or your network's range."
            ),
            code="invalid-plan",
        )
    if network.prefixlen < 16:
        cidr, addresses = str(network), f"{network.num_addresses:,}"
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core",
                "Opening SSH to {cidr} ({addresses} addresses) is refused without your "
                "confirmation.",
            ).format(cidr=cidr, addresses=addresses),
            hint=QT_TRANSLATE_NOOP(
                "core",
                "Allow your own address (the default) or a range of /16 or narrower, "
                "or confirm the wide range (--allow-wide-cidr).",
            ),
            code="invalid-plan",
        )
    return str(network)


def default_vpc_id(session: boto3.Session, region: str) -> str | None:
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "find the default VPC"), region=region):
        vpcs = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"]
    return str(vpcs[0]["VpcId"]) if vpcs else None


def create_default_vpc(session: boto3.Session, region: str) -> str:
    """Create the region's default VPC (with a default subnet per zone); return its id."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "create the default VPC"), region=region):
        return str(ec2.create_default_vpc()["Vpc"]["VpcId"])


def require_default_vpc(session: boto3.Session, region: str) -> str:
    vpc_id = default_vpc_id(session, region)
    if vpc_id is None:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The region {region} has no default VPC (network) to put the instance in."
            ).format(region=region),
            hint=QT_TRANSLATE_NOOP(
                "core", "Let the wizard create the default VPC, or choose another region."
            ),
            code="no-default-vpc",
            params={"region": region},
        )
    return vpc_id


def default_subnets(session: boto3.Session, region: str, vpc_id: str) -> dict[str, str]:
    """``{zone: subnet id}`` of the default VPC's default subnets."""
    ec2 = client(session, "ec2", region)
    with translating(QT_TRANSLATE_NOOP("core", "list the default subnets"), region=region):
        subnets = ec2.describe_subnets(
            Filters=[
                {"Name": "vpc-id", "Values": [vpc_id]},
                {"Name": "default-for-az", "Values": ["true"]},
            ]
        )["Subnets"]
    return {s["AvailabilityZone"]: s["SubnetId"] for s in subnets}


def security_group_exists(session: boto3.Session, region: str, group_id: str) -> bool:
    """Whether ``group_id`` still exists (a clean-up may have deleted it meanwhile)."""
    ec2 = client(session, "ec2", region)
    with translating(
        QT_TRANSLATE_NOOP("core", "use the security group"), region=region, group_id=group_id
    ):
        try:
            ec2.describe_security_groups(GroupIds=[group_id])
        except ClientError as exc:
            # EC2 answers InvalidGroup.NotFound; the other spelling is seen for group ids too
            # (the Terraform AWS provider checks both).
            if error_code(exc) in {"InvalidGroup.NotFound", "InvalidSecurityGroupID.NotFound"}:
                return False
            raise
    return True


def _find_group(ec2: Any, launch_id: str, vpc_id: str) -> str | None:
    groups = ec2.describe_security_groups(
        Filters=[*launch_filter(launch_id), {"Name": "vpc-id", "Values": [vpc_id]}]
    )["SecurityGroups"]
    return str(groups[0]["GroupId"]) if groups else None


_MY_IP_RULE = "from your IP (ec2nb)"  # the description of the rules that follow the user's IP


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
                        "IpRanges": [{"CidrIp": cidr, "Description": f"{what} {_MY_IP_RULE}"}],
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
    allow_wide: bool = False,
) -> str:
    """The security group of the launch: SSH (and 8888 when ``https``) from ``cidr`` only.

    Idempotent: a group already made for ``launch_id`` is reused. An ``existing_group_id``
    chosen by the user is checked and used unchanged. ``vpc_id``: the default VPC when the
    caller looked it up already (else it is looked up here). ``allow_wide``: the user confirmed
    a range wider than /16 (see :func:`ssh_cidr`).
    """
    ec2 = client(session, "ec2", region)
    if existing_group_id:
        with translating(
            QT_TRANSLATE_NOOP("core", "use the security group"),
            region=region,
            group_id=existing_group_id,
        ):
            ec2.describe_security_groups(GroupIds=[existing_group_id])
        return existing_group_id
    allowed = ssh_cidr(cidr, allow_wide=allow_wide)
    vpc_id = vpc_id or require_default_vpc(session, region)
    name = resource_name(launch_id)
    with translating(
        QT_TRANSLATE_NOOP("core", "create the security group"), region=region, group_id=name
    ):
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


def follow_my_ip(
    session: boto3.Session, region: str, launch_id: str, group_id: str, cidr: str, *, https: bool
) -> list[str]:
    """Allow ``cidr`` (the user's address now) into the launch's group and revoke the "your IP"
    rules this launch made for an earlier address. Returns the ranges revoked (empty: unchanged).

    A laptop that moved (home, office, new DHCP lease) otherwise cannot reach its instance on
    resume or ``ec2nb open``. Rules the user added by hand are left alone.
    """
    allowed = ssh_cidr(cidr)
    ec2 = client(session, "ec2", region)
    ports = [SSH_PORT, NOTEBOOK_PORT] if https else [SSH_PORT]
    with translating(
        QT_TRANSLATE_NOOP("core", "update the security group"), region=region, group_id=group_id
    ):
        group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
        stale: list[dict[str, Any]] = []
        present: set[int] = set()  # ports that already allow ``allowed``
        for permission in group.get("IpPermissions", []):
            for ip_range in permission.get("IpRanges", []):
                if ip_range.get("CidrIp") == allowed:
                    present.add(int(permission.get("FromPort", -1)))
                elif str(ip_range.get("Description", "")).endswith(_MY_IP_RULE):
                    stale.append(
                        {
                            "IpProtocol": permission["IpProtocol"],
                            "FromPort": permission["FromPort"],
                            "ToPort": permission["ToPort"],
                            "IpRanges": [{"CidrIp": ip_range["CidrIp"]}],
                        }
                    )
        for port in ports:
            if port in present:
                continue  # the common case: the address has not changed
            what = "SSH" if port == SSH_PORT else "Jupyter HTTPS"
            _allow(ec2, group_id, launch_id, port, allowed, what)  # first: never locked out
        if stale:
            ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=stale)
    revoked = sorted({p["IpRanges"][0]["CidrIp"] for p in stale})
    if revoked:
        log.info("security group %s: %s replaces %s", group_id, allowed, ", ".join(revoked))
    return revoked
