"""The WSGI front door of the AWS emulator: records calls, injects faults, fills moto's gaps.

Every request to the emulator passes through :class:`Gateway` before moto sees it. It reads the
API action, records it (so tests and the benchmark can count AWS calls), answers it with an
injected error when a fault matches, hands it to an *emulated API* when moto has none (Pricing,
Service Quotas for EC2, realistic spot prices, console output with SSH host keys), and after a
successful ``RunInstances`` runs the *boot hooks* that play cloud-init for the loopback
"instance" (authorising the key pair's public key). An action neither moto nor an emulated API
implements is refused as AWS refuses an unknown operation (see :func:`unknown_operation`).

Since the gateway sits in the server, it serves subprocesses (the ``ec2nb`` CLI) as well.
"""

from __future__ import annotations

import io
import json
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

_REGION_IN_AUTH = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/")


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
class ApiRequest:
    """One AWS API request as the gateway understood it."""

    action: str
    params: dict[str, str]
    protocol: str  # "ec2", "query" or "json"
    region: str
    body: bytes = b""

    def json_body(self) -> dict[str, Any]:
        try:
            loaded = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}


@dataclass
class ApiResponse:
    """What an emulated API answers: a status and a body already in the protocol's format."""

    status: int
    body: bytes
    content_type: str


#: An emulated API: returns a response, or None to let moto answer after all.
EmulatedApi = Callable[[ApiRequest], "ApiResponse | None"]
#: Runs after a successful call of the action it is registered for.
AfterHook = Callable[[ApiRequest, bytes], None]


class Gateway:
    """WSGI middleware in front of moto (see the module docstring)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.calls: list[str] = []
        self.emulated: dict[str, EmulatedApi] = {}
        self.after: dict[str, list[AfterHook]] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = self._read(environ)
        if request is None:
            return self._app(environ, start_response)
        with self.lock:
            self.calls.append(request.action)
            fault = self._take_fault(request)
            emulated = self.emulated.get(request.action)
            hooks = list(self.after.get(request.action, ()))
        if fault is not None:
            return _send(start_response, error_response(fault, request))
        if emulated is not None:
            answer = emulated(request)
            if answer is not None:
                return _send(start_response, answer)
        if not hooks:
            return self._forward(environ, start_response, request)
        return self._call_with_hooks(environ, start_response, request, hooks)

    def _forward(
        self, environ: dict[str, Any], start_response: Callable[..., Any], request: ApiRequest
    ) -> Iterable[bytes]:
        """moto's answer, or AWS's answer to an unknown operation where moto has none."""
        try:
            answer: Iterable[bytes] = self._app(environ, start_response)
        except NotImplementedError as exc:  # reaches here: the moto apps propagate exceptions
            return _send(start_response, unknown_operation(request, str(exc)))
        return answer

    def _call_with_hooks(
        self,
        environ: dict[str, Any],
        start_response: Callable[..., Any],
        request: ApiRequest,
        hooks: list[AfterHook],
    ) -> Iterable[bytes]:
        status: list[str] = []

        def capture(code: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            status.append(code)
            return start_response(code, headers, *rest)

        chunks = self._forward(environ, capture, request)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        if status and status[0].startswith("2"):
            for hook in hooks:
                hook(request, body)
        return [body]

    def _read(self, environ: dict[str, Any]) -> ApiRequest | None:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        # Put the body back for moto.
        environ["wsgi.input"] = io.BytesIO(body)
        auth = environ.get("HTTP_AUTHORIZATION", "")
        found = _REGION_IN_AUTH.search(auth)
        region = found.group(1) if found else "us-east-1"
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            params: dict[str, str] = {}
            try:
                loaded = json.loads(body or b"{}")
                params = {
                    k: json.dumps(v) if not isinstance(v, str) else v for k, v in loaded.items()
                }
            except (ValueError, AttributeError):
                pass
            return ApiRequest(target.rsplit(".", 1)[-1], params, "json", region, body)
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        form.update(query)
        action = form.get("Action")
        if not action:
            return None
        protocol = "ec2" if "/ec2/aws4_request" in auth else "query"
        return ApiRequest(action, form, protocol, region, body)

    def _take_fault(self, request: ApiRequest) -> Fault | None:
        for fault in self.faults:
            if fault.action != request.action or fault.hits >= fault.times:
                continue
            if fault.match is not None and not fault.match(request.params):
                continue
            fault.hits += 1
            return fault
        return None


def _send(start_response: Callable[..., Any], response: ApiResponse) -> list[bytes]:
    headers = [
        ("Content-Type", response.content_type),
        ("Content-Length", str(len(response.body))),
        ("x-amzn-RequestId", str(uuid.uuid4())),
    ]
    start_response(f"{response.status} {'OK' if response.status < 300 else 'Error'}", headers)
    return [response.body]


def error_response(fault: Fault, request: ApiRequest) -> ApiResponse:
    """The error ``fault`` describes, in the wire format of ``request``'s protocol."""
    request_id = str(uuid.uuid4())
    if request.protocol == "json":
        body = json.dumps({"__type": fault.code, "message": fault.message}).encode()
        return ApiResponse(fault.status, body, "application/x-amz-json-1.1")
    if request.protocol == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
            f"<Code>{fault.code}</Code><Message>{fault.message}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        ).encode()
        return ApiResponse(fault.status, body, "text/xml")
    body = (
        "<ErrorResponse><Error><Type>Sender</Type>"
        f"<Code>{fault.code}</Code><Message>{fault.message}</Message></Error>"
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    ).encode()
    return ApiResponse(fault.status, body, "text/xml")


def unknown_operation(request: ApiRequest, detail: str) -> ApiResponse:
    """What AWS answers an operation it does not know: a 400 that SDKs do not retry.

    moto's own answer to an action it lacks is a crash page with status 500, which botocore
    retries as a server fault: every such call would reach the emulator (and be counted) twice.
    """
    code = "UnknownOperationException" if request.protocol == "json" else "InvalidAction"
    message = f"The emulator does not implement {request.action} ({detail})."
    return error_response(Fault(request.action, code, message, 400, 0), request)


def json_response(payload: dict[str, Any], status: int = 200) -> ApiResponse:
    return ApiResponse(status, json.dumps(payload).encode(), "application/x-amz-json-1.1")


def ec2_response(action: str, inner_xml: str) -> ApiResponse:
    """An EC2 query-protocol answer: ``<ActionResponse>`` around ``inner_xml``."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        f"<requestId>{uuid.uuid4()}</requestId>{inner_xml}</{action}Response>"
    ).encode()
    return ApiResponse(200, body, "text/xml")
