"""The AWS emulator: moto in server mode on loopback, with seeding, faults and a loopback host.

moto's ``ThreadedMotoServer`` runs in this process, so its backend objects can be seeded
directly (Deep Learning AMIs and their public SSM parameters). The gateway
(:mod:`app.demo.gateway`) in front of it injects faults, records calls and answers what moto
lacks; the realism behaviours (:mod:`app.demo.realism`) make it answer as strictly as AWS and
are installed on start and after every ``reset()``. The test fixture ``aws`` and
``ec2nb --demo`` both use this one class.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import gzip
import html
import re
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from app.demo.cloud_init import is_xen, keys_to_console
from app.demo.gateway import (
    ApiRequest,
    ApiResponse,
    Fault,
    Gateway,
    ec2_response,
    error_response,
)
from app.demo.realism import RealismConfig, install_behaviours

_Behaviour = TypeVar("_Behaviour")

#: moto's default account: every backend object lives under it.
ACCOUNT_ID = "123456789012"
DLAMI_PARAMETER = "/aws/service/deeplearning/ami/x86_64/{flavour}/latest/ami-id"
DEFAULT_FLAVOUR = "oss-nvidia-driver-gpu-pytorch-2.7-ubuntu-22.04"
#: The account AWS publishes the Deep Learning AMIs from.
DLAMI_OWNER = "898082745236"
_RELEASE_NOTES = "https://docs.aws.amazon.com/dlami/latest/devguide/appendix-ami-release-notes.html"
#: How a current (late 2026) OSS-driver DLAMI describes itself (DescribeImages
#: ``Description``), per architecture: the families its driver supports (no P3/P3dn, G3 or the
#: AMD G4ad), then the release notes.
DLAMI_DESCRIPTIONS = {
    "x86_64": "Supported EC2 instances: G4dn, G5, G6, Gr6, Gr6f, G6e, G6f, G7, G7e, P4, P4de, "
    f"P5, P5e, P5en, P6-B200, P6-B300. Release notes: {_RELEASE_NOTES}",
    "arm64": f"Supported EC2 instances: G5g, P6e-GB200. Release notes: {_RELEASE_NOTES}",
}


def _backend_app(service: Any) -> Any:
    """moto's app for ``service``; its exceptions reach the gateway instead of a 500 page."""
    app = create_backend_app(service)
    app.config["PROPAGATE_EXCEPTIONS"] = True
    return app


class _Server(ThreadedMotoServer):
    """ThreadedMotoServer with the gateway in front, on a free loopback port."""

    def __init__(self) -> None:
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.gateway = Gateway(DomainDispatcherApplication(_backend_app))

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, self.gateway, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()


class AwsEmulator:
    """One moto server; ``reset()`` forgets everything between tests.

    ``realism``: how strictly it plays AWS (default: from ``EC2NB_REALISM*``, i.e. on).
    """

    def __init__(self, realism: RealismConfig | None = None) -> None:
        self._server = _Server()
        self.endpoint = ""
        self._boot: Any = None  # the CloudInitStandIn of attach_instance_host, if any
        self._host_hooks: list[tuple[str, Any]] = []
        self.realism = realism if realism is not None else RealismConfig.from_env()
        self._behaviours: dict[type, object] = {}
        self._emulated_before_realism: dict[str, Any] = {}
        self._realism_handlers: tuple[dict[str, Any], ...] = ({}, {}, {}, {})

    @property
    def gateway(self) -> Gateway:
        return self._server.gateway

    def start(self) -> None:
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self._install_realism()

    def stop(self) -> None:
        self.shutdown_instances()
        self._server.stop()

    def reset(self) -> None:
        """Forget every resource, fault, emulated API and boot hook (moto's reset API)."""
        url = f"{self.endpoint}/moto-api/reset"  # always http://127.0.0.1:port
        request = urllib.request.Request(url, method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            answer.read()
        self.clear_faults()
        self.shutdown_instances()
        self.gateway.clear_handlers()
        with self.gateway.lock:
            self._host_hooks = []
        self._install_realism()

    # -- realism ------------------------------------------------------------------------------

    def set_realism(self, config: RealismConfig) -> None:
        """Play AWS as ``config`` says from now on (the behaviours start afresh; emulated APIs
        and boot hooks registered since stay)."""
        gateway = self.gateway
        with gateway.lock:
            emulated, before, after, rewrite = self._realism_handlers
            for action, handler in emulated.items():
                if gateway.emulated.get(action) is handler:  # still the realism wrapper
                    previous = self._emulated_before_realism.get(action)
                    if previous is None:
                        gateway.emulated.pop(action)
                    else:
                        gateway.emulated[action] = previous
            for table, added in ((gateway.before, before), (gateway.after, after)):
                for action, handlers in added.items():
                    table[action] = [h for h in table.get(action, []) if h not in handlers]
            for action, rewrites in rewrite.items():
                gateway.rewrite[action] = [
                    r for r in gateway.rewrite.get(action, []) if r not in rewrites
                ]
        self.realism = config
        self._install_realism()

    def _install_realism(self) -> None:
        """Install the behaviours, remembering what they registered (for :meth:`set_realism`)."""
        gateway = self.gateway
        with gateway.lock:
            self._emulated_before_realism = dict(gateway.emulated)
            old = (
                dict(gateway.emulated),
                {k: list(v) for k, v in gateway.before.items()},
                {k: list(v) for k, v in gateway.after.items()},
                {k: list(v) for k, v in gateway.rewrite.items()},
            )
        self._behaviours = install_behaviours(self, self.realism)
        with gateway.lock:
            self._realism_handlers = (
                {k: h for k, h in gateway.emulated.items() if old[0].get(k) is not h},
                {
                    k: [h for h in v if h not in old[1].get(k, [])]
                    for k, v in gateway.before.items()
                },
                {k: [h for h in v if h not in old[2].get(k, [])] for k, v in gateway.after.items()},
                {
                    k: [h for h in v if h not in old[3].get(k, [])]
                    for k, v in gateway.rewrite.items()
                },
            )

    def behaviour(self, kind: type[_Behaviour]) -> _Behaviour:
        """The installed realism behaviour of type ``kind``, to steer it from a test."""
        found = self._behaviours[kind]
        assert isinstance(found, kind)
        return found

    # -- faults -----------------------------------------------------------------------------

    def inject(
        self,
        action: str,
        code: str,
        *,
        message: str = "Injected by the test.",
        status: int = 400,
        times: int = 1,
        match: Callable[[dict[str, str]], bool] | None = None,
    ) -> Fault:
        """Make the next ``times`` calls of ``action`` (e.g. ``RunInstances``) fail with ``code``.

        ``match`` receives the request's parameters (query form fields, or the top-level JSON
        members) and narrows the fault, e.g. to one availability zone.
        """
        fault = Fault(action, code, message, status, times, match)
        with self.gateway.lock:
            self.gateway.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.gateway.lock:
            self.gateway.faults.clear()
            self.gateway.calls.clear()

    @property
    def calls(self) -> list[str]:
        """The API actions received since the last reset, in order."""
        with self.gateway.lock:
            return list(self.gateway.calls)

    # -- the loopback "instance" ------------------------------------------------------------

    def attach_instance_host(
        self,
        authorize: Callable[[str], None],
        host_public_keys: list[str],
        *,
        image_environment: Mapping[str, str] | None = None,
        cut_key_lines: bool = False,
    ) -> None:
        """Make every instance this emulator launches *be* one SSH server, as cloud-init would.

        After a successful ``RunInstances`` the key pair's public key is passed to ``authorize``
        (cloud-init writes it to ``authorized_keys``), and ``GetConsoleOutput`` shows
        ``host_public_keys`` in the ``BEGIN SSH HOST KEY KEYS`` block cloud-init prints, so the
        app verifies the host key the way it does on EC2. With ``image_environment`` (the
        image's settings, e.g. ``EC2NB_PYTHON``) each instance really boots: its user data runs
        as root through :class:`app.demo.cloud_init.CloudInitStandIn`, and the console shows
        the host keys only once it has ended (``cut_key_lines``: with another writer's line
        inside each key line). ``Latest=True`` is refused on Xen types either way.
        """
        from app.demo.cloud_init import CloudInitStandIn

        boot: CloudInitStandIn | None = None
        if image_environment is not None:
            boot = CloudInitStandIn(
                authorize, host_public_keys, image_environment, cut_key_lines=cut_key_lines
            )
        self.shutdown_instances()
        self._boot = boot

        def launched(request: ApiRequest, body: bytes) -> None:
            name = request.params.get("KeyName")
            pair = self.ec2_backend(request.region).key_pairs.get(name) if name else None
            public_key = pair.public_key if pair is not None else None
            if boot is None:
                if public_key:
                    authorize(public_key)
                return
            user_data = _decoded(request.params.get("UserData", ""))
            for instance_id in re.findall(r"<instanceId>(i-[0-9a-f]+)</instanceId>", body.decode()):
                boot.boot(instance_id, public_key, user_data)

        def terminated(request: ApiRequest, _body: bytes) -> None:
            if boot is not None:
                for key, value in request.params.items():
                    if key.startswith("InstanceId."):
                        boot.terminate(value)

        with self.gateway.lock:
            previous = self.gateway.emulated.get("GetConsoleOutput")

        def console_output(request: ApiRequest) -> ApiResponse | None:
            instance_id = request.params.get("InstanceId", "")
            try:
                instance = self.ec2_backend(request.region).get_instance(instance_id)
            except Exception:  # moto answers with the proper error
                return previous(request) if previous else None
            latest = request.params.get("Latest", "").lower() in {"true", "1"}
            if latest and self.realism.enabled and is_xen(instance.instance_type):
                return error_response(
                    Fault(
                        "GetConsoleOutput",
                        "UnsupportedOperation",
                        "The latest console output is only available on instances built on "
                        "the Nitro System.",
                        400,
                        1,
                    ),
                    request,
                )
            shown = boot.console(instance_id) if boot is not None else None
            text = console_text(host_public_keys) if shown is None else shown
            stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            output = f"<output>{base64.b64encode(text.encode()).decode()}</output>" if text else ""
            return ec2_response(
                "GetConsoleOutput",
                f"<instanceId>{html.escape(instance_id)}</instanceId>"
                f"<timestamp>{stamp}</timestamp>{output}",
            )

        with self.gateway.lock:
            # Attached again (another image): the earlier instance host stops booting.
            for action, hook in self._host_hooks:
                with contextlib.suppress(ValueError):
                    self.gateway.after.get(action, []).remove(hook)
            self._host_hooks = [("RunInstances", launched), ("TerminateInstances", terminated)]
            for action, hook in self._host_hooks:
                self.gateway.after.setdefault(action, []).append(hook)
            self.gateway.emulated["GetConsoleOutput"] = console_output

    def shutdown_instances(self) -> None:
        """End whatever the booted instances still run (their user data, its Jupyter)."""
        boot, self._boot = getattr(self, "_boot", None), None
        if boot is not None:
            boot.shutdown()

    def emulate(self, action: str, handler: Callable[[ApiRequest], ApiResponse | None]) -> None:
        """Answer ``action`` with ``handler`` (for APIs moto does not implement)."""
        with self.gateway.lock:
            self.gateway.emulated[action] = handler

    def deny(self, *actions: str) -> None:
        """Refuse these IAM actions (``"ec2:RunInstances"``) as AWS refuses a principal without
        them, dry runs included, until ``reset()`` (see :mod:`app.demo.permissions`)."""
        from app.demo.permissions import deny

        deny(self, *actions)

    # -- backends and seeding -----------------------------------------------------------------

    @staticmethod
    def ec2_backend(region: str) -> Any:
        from moto.ec2.models import ec2_backends

        return ec2_backends[ACCOUNT_ID][region]

    @staticmethod
    def ssm_backend(region: str) -> Any:
        from moto.ssm.models import ssm_backends

        return ssm_backends[ACCOUNT_ID][region]

    def seed_dlami(
        self,
        region: str,
        *,
        flavour: str = DEFAULT_FLAVOUR,
        name: str | None = None,
        description: str | None = None,
        created: dt.datetime | None = None,
        architecture: str = "x86_64",
        parameter: bool = True,
    ) -> str:
        """Register an Amazon-owned Deep Learning AMI and, by default, its public SSM parameter.

        Returns the image id.
        """
        from moto.ec2.models.amis import Ami
        from moto.ec2.utils import random_ami_id
        from moto.ssm.models import Parameter

        created = created or (dt.datetime.now(dt.UTC) - dt.timedelta(days=9))
        stamp = created.strftime("%Y%m%d")
        pretty = flavour.replace("oss-nvidia-driver-gpu-", "OSS Nvidia Driver AMI GPU ")
        name = name or f"Deep Learning {pretty} {stamp}"
        backend = self.ec2_backend(region)
        ami_id = random_ami_id()
        backend.amis[ami_id] = Ami(
            backend,
            ami_id,
            name=name,
            description=description
            or DLAMI_DESCRIPTIONS.get(architecture, DLAMI_DESCRIPTIONS["x86_64"]),
            owner_id=DLAMI_OWNER,
            owner_alias="amazon",
            public=True,
            virtualization_type="hvm",
            architecture=architecture,
            creation_date=created,
            platform=None,
            hypervisor="xen",
            root_device_type="ebs",
            root_device_name="/dev/sda1",
            region_name=f"{region}a",
        )
        if parameter:
            ssm_name = DLAMI_PARAMETER.format(flavour=flavour).replace("x86_64", architecture)
            ssm = self.ssm_backend(region)
            ssm._parameters[ssm_name].append(
                Parameter(
                    account_id=ACCOUNT_ID,
                    name=ssm_name,
                    value=ami_id,
                    parameter_type="String",
                    description=None,
                    allowed_pattern=None,
                    keyid=None,
                    last_modified_date=created,
                    version=len(ssm._parameters[ssm_name]) + 1,
                    data_type="aws:ec2:image",
                )
            )
        return ami_id

    def tagged_resources(self, region: str, launch_id: str) -> dict[str, list[str]]:
        """Every EC2 resource in ``region`` tagged with ``ec2nb:launch-id=launch_id``.

        Described through the API (not the backend) so that it sees what a user would. Instances
        that are terminated are gone for billing, so they do not count.
        """
        import boto3

        ec2 = boto3.client("ec2", region_name=region, endpoint_url=self.endpoint)
        tag = [{"Name": "tag:ec2nb:launch-id", "Values": [launch_id]}]
        found: dict[str, list[str]] = {}
        instances = [
            i["InstanceId"]
            for r in ec2.describe_instances(Filters=tag)["Reservations"]
            for i in r["Instances"]
            if i["State"]["Name"] != "terminated"
        ]
        groups = [g["GroupId"] for g in ec2.describe_security_groups(Filters=tag)["SecurityGroups"]]
        keys = [k["KeyPairId"] for k in ec2.describe_key_pairs(Filters=tag)["KeyPairs"]]
        volumes = [v["VolumeId"] for v in ec2.describe_volumes(Filters=tag)["Volumes"]]
        alarms_client = boto3.client("cloudwatch", region_name=region, endpoint_url=self.endpoint)
        alarms = [
            a["AlarmName"]
            for a in alarms_client.describe_alarms(AlarmNamePrefix=f"ec2nb-{launch_id}")[
                "MetricAlarms"
            ]
        ]
        for kind, ids in (
            ("instances", instances),
            ("security_groups", groups),
            ("key_pairs", keys),
            ("volumes", volumes),
            ("alarms", alarms),
        ):
            if ids:
                found[kind] = ids
        return found


def console_text(host_public_keys: list[str]) -> str:
    """A finished cloud-init console log whose host key block lists ``host_public_keys``."""
    return (
        "[    0.000000] Linux version 6.8.0-1029-aws (buildd@lcy02-amd64-012)\n"
        "[   12.421311] cloud-init[712]: Cloud-init v. 24.4.1 running 'modules:config'\n"
        f"{keys_to_console(host_public_keys)}"
        "[   31.002114] cloud-init[1290]: Cloud-init v. 24.4.1 finished at "
        "Mon, 02 Jun 2025 10:01:12 +0000. Datasource DataSourceEc2Local.\n"
    )


def _decoded(user_data: str) -> str:
    """RunInstances' ``UserData`` (base64) as cloud-init runs it: gzipped data unpacked."""
    try:
        raw = base64.b64decode(user_data)
        if raw[:2] == b"\x1f\x8b":  # gzip's magic, as cloud-init recognises it
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", "replace")
    except (binascii.Error, ValueError, OSError, EOFError):
        return ""
