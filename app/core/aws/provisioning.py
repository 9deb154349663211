"""Provisioning, one idempotent step at a time: network, key pair, instance, host keys.

Every resource is tagged ``ec2nb:managed=true``, ``ec2nb:launch-id=<id>`` and
``Name=ec2nb-<id>`` when it is created. The steps live in smaller modules; this one is the
entry point the launch job and the CLI import.
"""

from __future__ import annotations

from app.core.aws.console import console_host_keys, parse_host_keys
from app.core.aws.instances import (
    InstanceInfo,
    InstanceSpec,
    describe_instance,
    launch_instances,
    run_instance,
    wait_running,
)
from app.core.aws.keypairs import create_key_pair, import_key_pair, verify_key_pair
from app.core.aws.network import (
    create_default_vpc,
    default_vpc_id,
    ensure_security_group,
    public_ipv4,
    ssh_cidr,
)

__all__ = [
    "InstanceInfo",
    "InstanceSpec",
    "console_host_keys",
    "create_default_vpc",
    "create_key_pair",
    "default_vpc_id",
    "describe_instance",
    "ensure_security_group",
    "import_key_pair",
    "launch_instances",
    "parse_host_keys",
    "public_ipv4",
    "run_instance",
    "ssh_cidr",
    "verify_key_pair",
    "wait_running",
]
