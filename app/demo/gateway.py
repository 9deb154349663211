"""The WSGI front door of the AWS emulator: records calls, injects faults, fills moto's gaps.

Every request to the emulator passes through :class:`Gateway` before moto sees it. In order:

1. it reads the API action and records it (so tests and the benchmark can count AWS calls);
2. an injected :class:`Fault` that matches answers with its error;
3. the *before* behaviours (``before[action]``, then ``before["*"]``) run: each may answer
   instead of moto (an error AWS would give: a not-yet-visible id, a region not enabled, no
   capacity), wait (a delay AWS would show), or return ``None`` to let the request go on. They
   are the realism layer (:mod:`app.demo.realism`) and leave the action's ``emulated`` slot free;
4. the action's *emulated API* answers when moto has none (Pricing, Service Quotas for EC2,
   realistic spot prices, console output with SSH host keys), else moto answers;
5. on a successful answer the *rewrites* (``rewrite[action]``) may change its body (hide an
   instance a filtered Describe would not list yet, mark a region not opted in), and the
   *after hooks* run, e.g. the boot hooks that play cloud-init for the loopback "instance"
   after ``RunInstances`` (authorising the key pair's public key).

An action neither moto nor an emulated API implements is refused as AWS refuses an unknown
operation (see :func:`unknown_operation`).

Since the gateway sits in the server, it serves subprocesses (the ``ec2nb`` CLI) as well.
"""

from __future__ import annotations

import html
import io
import json
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

# The SigV4 credential scope: .../date/region/service/aws4_request.
_SCOPE_IN_AUTH = re.compile(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/")


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
    service: str = ""  # the signing name: "ec2", "sts", "monitoring", "servicequotas", ...
    user_agent: str = ""

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
#: Runs before the emulated API and moto: an answer to send instead, or None to go on (it may
#: wait first, to play a delay).
BeforeHook = Callable[[ApiRequest], "ApiResponse | None"]
#: Rewrites the body of a successful answer (moto's or an emulated API's).
Rewrite = Callable[[ApiRequest, bytes], bytes]
#: ``before`` key whose hooks see every action.
EVERY_ACTION = "*"


class Gateway:
    """WSGI middleware in front of moto (see the module docstring)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self._app = app
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.calls: list[str] = []
        self.emulated: dict[str, EmulatedApi] = {}
        self.after: dict[str, list[AfterHook]] = {}
        self.before: dict[str, list[BeforeHook]] = {}
        self.rewrite: dict[str, list[Rewrite]] = {}

    def clear_handlers(self) -> None:
        """Forget every emulated API, hook and rewrite (faults and calls stay)."""
        with self.lock:
            for table in (self.emulated, self.after, self.before, self.rewrite):
                table.clear()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = self._read(environ)
        if request is None:
            return self._app(environ, start_response)
        with self.lock:
            self.calls.append(request.action)
            fault = self._take_fault(request)
            before = [*self.before.get(request.action, ()), *self.before.get(EVERY_ACTION, ())]
            emulated = self.emulated.get(request.action)
            hooks = list(self.after.get(request.action, ()))
            rewrites = list(self.rewrite.get(request.action, ()))
        if fault is not None:
            return _send(start_response, error_response(fault, request))
        for behaviour in before:
            answer = behaviour(request)
            if answer is not None:
                return _send(start_response, answer)
        if emulated is not None:
            answer = emulated(request)
            if answer is not None:
                if answer.status < 300:
                    answer.body = _rewritten(request, answer.body, rewrites)
                    for hook in hooks:
                        hook(request, answer.body)
                return _send(start_response, answer)
        if not hooks and not rewrites:
            return self._forward(environ, start_response, request)
        return self._call_with_hooks(environ, start_response, request, hooks, rewrites)

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
        rewrites: list[Rewrite],
    ) -> Iterable[bytes]:
        # The status line and headers wait for the body: a rewrite changes its length.
        started: list[tuple[str, list[tuple[str, str]], tuple[Any, ...]]] = []

        def capture(code: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            started.append((code, headers, rest))
            return lambda _data: None  # WSGI's write(): moto returns its body instead

        chunks = self._forward(environ, capture, request)
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        code, headers, rest = started[0]
        if code.startswith("2"):
            body = _rewritten(request, body, rewrites)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
            for hook in hooks:
                hook(request, body)
        start_response(code, headers, *rest)
        return [body]

    def _read(self, environ: dict[str, Any]) -> ApiRequest | None:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        # Put the body back for moto.
        environ["wsgi.input"] = io.BytesIO(body)
        auth = environ.get("HTTP_AUTHORIZATION", "")
        found = _SCOPE_IN_AUTH.search(auth)
        region, service = (found.group(1), found.group(2)) if found else ("us-east-1", "")
        agent = str(environ.get("HTTP_USER_AGENT", ""))
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
            action = target.rsplit(".", 1)[-1]
            return ApiRequest(action, params, "json", region, body, service, agent)
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        form.update(query)
        action = form.get("Action")
        if not action:
            return None
        protocol = "ec2" if "/ec2/aws4_request" in auth else "query"
        return ApiRequest(action, form, protocol, region, body, service, agent)

    def _take_fault(self, request: ApiRequest) -> Fault | None:
        for fault in self.faults:
            if fault.action != request.action or fault.hits >= fault.times:
                continue
            if fault.match is not None and not fault.match(request.params):
                continue
            fault.hits += 1
            return fault
        return None


def _rewritten(request: ApiRequest, body: bytes, rewrites: list[Rewrite]) -> bytes:
    for rewrite in rewrites:
        body = rewrite(request, body)
    return body


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
    message = html.escape(fault.message, quote=False)
    if request.protocol == "json":
        body = json.dumps({"__type": fault.code, "message": fault.message}).encode()
        return ApiResponse(fault.status, body, "application/x-amz-json-1.1")
    if request.protocol == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
            f"<Code>{fault.code}</Code><Message>{message}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        ).encode()
        return ApiResponse(fault.status, body, "text/xml")
    body = (
        "<ErrorResponse><Error><Type>Sender</Type>"
        f"<Code>{fault.code}</Code><Message>{message}</Message></Error>"
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
