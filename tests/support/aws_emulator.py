"""The AWS emulator: moto in server mode on loopback, with seeding and fault injection.

moto's ``ThreadedMotoServer`` runs in this process, so tests reach its backend objects to seed
data (Deep Learning AMIs, public SSM parameters). Faults are injected by a WSGI wrapper in front
of it, which also serves subprocesses (the ``ec2nb`` CLI) since they talk to the same server.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import requests
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from tests.support.constants import ACCOUNT_ID, DLAMI_FLAVOUR

DLAMI_PARAMETER = "/aws/service/deeplearning/ami/x86_64/{flavour}/latest/ami-id"


@dataclass
class Fault:
    """Answer ``action`` with error ``code`` the next ``times`` times ``match(params)`` holds."""

    action: str
    code: str
    message: str
    status: int
    times: int
    match: Callable[[dict[str, str]], bool] | None = None
    hits: int = 0


@dataclass
class _Request:
    action: str
    params: dict[str, str]
    protocol: str  # "ec2", "query" or "json"


class FaultInjector:
    """WSGI middleware: reads the API action of each request and fails the chosen ones."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self._lock = threading.Lock()
        self.faults: list[Fault] = []
        self.calls: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = self._read(environ)
        if request is not None:
            with self._lock:
                self.calls.append(request.action)
                fault = self._take(request)
            if fault is not None:
                return self._error(fault, request, start_response)
        return self._app(environ, start_response)

    def _read(self, environ: dict[str, Any]) -> _Request | None:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        # Put the body back for moto.
        environ["wsgi.input"] = io.BytesIO(body)
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            params: dict[str, str] = {}
            try:
                loaded = json.loads(body or b"{}")
                params = {
                    k: json.dumps(v) if not isinstance(v, str) else v for k, v in loaded.items()
                }
            except ValueError:
                pass
            return _Request(target.rsplit(".", 1)[-1], params, "json")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        form.update(query)
        action = form.get("Action")
        if not action:
            return None
        auth = environ.get("HTTP_AUTHORIZATION", "")
        protocol = "ec2" if "/ec2/aws4_request" in auth else "query"
        return _Request(action, form, protocol)

    def _take(self, request: _Request) -> Fault | None:
        for fault in self.faults:
            if fault.action != request.action or fault.hits >= fault.times:
                continue
            if fault.match is not None and not fault.match(request.params):
                continue
            fault.hits += 1
            return fault
        return None

    @staticmethod
    def _error(fault: Fault, request: _Request, start_response: Callable[..., Any]) -> list[bytes]:
        request_id = str(uuid.uuid4())
        status = f"{fault.status} Error"
        if request.protocol == "json":
            body = json.dumps({"__type": fault.code, "message": fault.message}).encode()
            headers = [
                ("Content-Type", "application/x-amz-json-1.1"),
                ("x-amzn-ErrorType", fault.code),
                ("x-amzn-RequestId", request_id),
            ]
        elif request.protocol == "ec2":
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
                f"<Code>{fault.code}</Code><Message>{fault.message}</Message>"
                f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
            ).encode()
            headers = [("Content-Type", "text/xml")]
        else:
            body = (
                "<ErrorResponse><Error><Type>Sender</Type>"
                f"<Code>{fault.code}</Code><Message>{fault.message}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>"
            ).encode()
            headers = [("Content-Type", "text/xml")]
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]


class _Server(ThreadedMotoServer):
    """ThreadedMotoServer with the fault injector in front and a free port."""

    def __init__(self) -> None:
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.injector = FaultInjector(DomainDispatcherApplication(create_backend_app))

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, self.injector, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()


class AwsEmulator:
    """One moto server for the test session; ``reset()`` between tests."""

    def __init__(self) -> None:
        self._server = _Server()

    def start(self) -> None:
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def stop(self) -> None:
        self._server.stop()

    def reset(self) -> None:
        """Forget every resource and fault (moto's reset API)."""
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=10).raise_for_status()
        self.clear_faults()

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
        with self._server.injector._lock:
            self._server.injector.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._server.injector._lock:
            self._server.injector.faults.clear()
            self._server.injector.calls.clear()

    @property
    def calls(self) -> list[str]:
        """The API actions received since the last reset, in order."""
        with self._server.injector._lock:
            return list(self._server.injector.calls)

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
        flavour: str = DLAMI_FLAVOUR,
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
            or f"Supported EC2 instances: G4dn, G5, G6, Gr6, G6e, P4d, P4de, P5. {name}",
            owner_id="898082745236",
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
