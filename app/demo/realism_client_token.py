"""RunInstances is idempotent with a ClientToken, as on AWS (moto starts a second instance).

AWS ("Ensuring idempotency in Amazon EC2 API requests", EC2 Developer Guide,
https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html): a repeated
``RunInstances`` with the same client token starts nothing and answers with the same
reservation, "the result might contain updated information, such as the current creation
status" (a terminated instance is answered as terminated). This matters once eventual
consistency hides the new instance from the launch's tag look-up: only the token then stops a
second instance.

Not reproduced: ``IdempotentParameterMismatch`` for the same token with other parameters; the
token's expiry.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig


@dataclass
class ClientTokens:
    """The first answer to each ``(region, ClientToken)`` of ``RunInstances``."""

    aws: AwsEmulator
    answers: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def remember(self, request: ApiRequest, body: bytes) -> None:
        token = request.params.get("ClientToken")
        if token:
            with self._lock:
                self.answers.setdefault((request.region, token), body)

    def replay(self, request: ApiRequest) -> ApiResponse | None:
        token = request.params.get("ClientToken")
        with self._lock:
            body = self.answers.get((request.region, token or ""))
        if body is None:
            return None
        return ApiResponse(200, self._current(request.region, body), "text/xml")

    def _current(self, region: str, body: bytes) -> bytes:
        """``body`` with each instance's state as it is now."""
        root = ET.fromstring(body)  # noqa: S314 (moto's own answer, kept in this process)
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        ET.register_namespace("", namespace)
        ns = {"ec2": namespace}
        backend = self.aws.ec2_backend(region)
        for item in root.iterfind("ec2:instancesSet/ec2:item", ns):
            try:
                instance = backend.get_instance(item.findtext("ec2:instanceId", "", ns))
            except Exception:  # noqa: S112 (gone from moto: keep the first answer)
                continue
            state = item.find("ec2:instanceState", ns)
            if state is not None:
                for tag, value in (("code", instance.state_code), ("name", instance.state)):
                    node = state.find(f"ec2:{tag}", ns)
                    if node is not None:
                        node.text = str(value)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def install(aws: AwsEmulator, config: RealismConfig) -> ClientTokens:
    tokens = ClientTokens(aws)
    if config.enabled:
        with aws.gateway.lock:
            aws.gateway.after.setdefault("RunInstances", []).append(tokens.remember)
            aws.gateway.before.setdefault("RunInstances", []).append(tokens.replay)
    return tokens
