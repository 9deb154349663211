"""What the PyInstaller bundle keeps (read by build.spec) and a self-check of a built bundle.

``build.spec`` imports the lists below, so the spec and the check agree. The check runs inside
the frozen ``ec2nb`` when ``EC2NB_BUNDLE_CHECK=1`` (see ``scripts/entry_ec2nb.py``): it builds
and signs a request for every AWS service the app calls (no request is sent), loads an SSH key
with paramiko, imports every module of the app and finds the bundled resources. A module or
data file the spec forgot shows up here, not on a user's machine.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# The AWS services the app calls, and those botocore itself calls for credentials
# (sts: assume-role; sso, sso-oidc: IAM Identity Center; signin: `aws login`).
BOTOCORE_SERVICES: frozenset[str] = frozenset(
    {
        "ec2",
        "sts",
        "ssm",
        "pricing",
        "service-quotas",
        "cloudwatch",
        "sso",
        "sso-oidc",
        "signin",
    }
)
# Top-level files of botocore/data that botocore loads for any client.
BOTOCORE_SHARED_FILES: frozenset[str] = frozenset(
    {"endpoints.json", "partitions.json", "sdk-default-configuration.json", "_retry.json"}
)
# Languages of Qt's own translations (Back/Next/Cancel, dialogs) that the bundle keeps.
QT_TRANSLATION_LANGUAGES: tuple[str, ...] = ("zh_CN",)
# Packages only the source install has: the demo's AWS emulator and Jupyter, and test tools.
SOURCE_ONLY_PACKAGES: tuple[str, ...] = (
    "moto",
    "werkzeug",
    "flask",
    "flask_cors",
    "jupyterlab",
    "jupyter_server",
    "jupyter_client",
    "jupyter_core",
    "notebook",
    "ipykernel",
    "IPython",
    "tornado",
    "zmq",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "docker",
    "cfnlint",
    "jsonschema",
    "openapi_spec_validator",
)

_CLIENT_CALL = re.compile(r"""\bclient\(\s*(?:[\w.]+\s*,\s*)?["']([a-z0-9-]+)["']""")


def services_in_source(root: Path) -> set[str]:
    """AWS service names passed to ``client(...)`` anywhere under ``root`` (the app package)."""
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if path.name == Path(__file__).name:
            continue  # this file names services on purpose (s3, to see it is absent)
        found.update(_CLIENT_CALL.findall(path.read_text(encoding="utf-8")))
    return found


# -- the self-check ----------------------------------------------------------------------------


class _Captured(Exception):
    """Raised from botocore's before-send hook: the request was built and signed, not sent."""


def _one_request(client: Any, operation: str, params: dict[str, Any]) -> str:
    def capture(request: Any, **_: Any) -> None:
        raise _Captured(request.url)

    client.meta.events.register_first("before-send.*.*", capture)
    try:
        getattr(client, operation)(**params)
    except _Captured as sent:
        return str(sent)
    raise RuntimeError(f"{operation} was not captured before sending")


# One cheap call per service, to build a full request (endpoint rules, model, signer).
_REQUESTS: dict[str, tuple[str, dict[str, Any]]] = {
    "ec2": ("describe_regions", {}),
    "sts": ("get_caller_identity", {}),
    "ssm": ("get_parameter", {"Name": "/aws/service/deeplearning/ami/x86_64/x"}),
    "pricing": ("describe_services", {"ServiceCode": "AmazonEC2"}),
    "service-quotas": ("get_service_quota", {"ServiceCode": "ec2", "QuotaCode": "L-1216C47A"}),
    "cloudwatch": ("describe_alarms", {}),
    "sso": ("list_accounts", {"accessToken": "x"}),
    "sso-oidc": ("register_client", {"clientName": "ec2nb", "clientType": "public"}),
}


def _check_aws(report: Callable[[str], None]) -> None:
    import boto3
    from botocore.exceptions import UnknownServiceError

    session = boto3.Session(
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="check-only",  # noqa: S106 - a dummy, nothing is sent
        region_name="us-east-1",
    )
    for service in sorted(BOTOCORE_SERVICES):
        client = session.client(service, region_name="us-east-1")
        if service in _REQUESTS:
            operation, params = _REQUESTS[service]
            url = _one_request(client, operation, params)
            report(f"aws {service}: {operation} -> {url.split('?')[0]}")
        else:
            report(f"aws {service}: client ok")
    # TLS needs a CA bundle: botocore takes certifi's (build.spec drops botocore's own copy).
    from botocore.httpsession import get_cert_path

    ca_bundle = Path(get_cert_path(True))
    if not ca_bundle.is_file():
        raise RuntimeError(f"no CA bundle for TLS at {ca_bundle}")
    report(f"aws: CA bundle {ca_bundle.parent.name}/{ca_bundle.name}")
    ec2 = session.client("ec2", region_name="eu-west-1")
    ec2.get_waiter("instance_running")
    ec2.get_paginator("describe_instances")
    try:
        session.client("s3")
    except UnknownServiceError:
        report("aws: unused services are trimmed (s3 absent)")
    else:
        if getattr(sys, "frozen", False):
            raise RuntimeError("botocore data was not trimmed: s3 is in the bundle")


def _check_ssh(report: Callable[[str], None]) -> None:
    import io

    import paramiko
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    dummy = "check-only"  # a throwaway passphrase for a throwaway key
    private = ed25519.Ed25519PrivateKey.generate()
    text = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.BestAvailableEncryption(dummy.encode()),  # bcrypt KDF
    ).decode()
    key = paramiko.Ed25519Key.from_private_key(io.StringIO(text), password=dummy)
    report(f"ssh: paramiko {paramiko.__version__} loaded an encrypted {key.get_name()} key")


def _check_modules(report: Callable[[str], None]) -> list[str]:
    import app

    problems: list[str] = []
    count = 0
    for info in pkgutil.walk_packages(app.__path__, "app."):
        try:
            importlib.import_module(info.name)
            count += 1
        except ModuleNotFoundError as exc:
            missing = (exc.name or "").split(".")[0]
            if missing in SOURCE_ONLY_PACKAGES:
                report(f"module {info.name}: needs the source install ({missing})")
            else:
                problems.append(f"{info.name}: {exc}")
        except Exception as exc:
            problems.append(f"{info.name}: {exc.__class__.__name__}: {exc}")
    report(f"modules: {count} of the app imported")
    return problems


def _check_qt(report: Callable[[str], None]) -> list[str]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    problems: list[str] = []
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    platforms = sorted(p.name for p in (plugins / "platforms").glob("*"))
    if not any("offscreen" in name for name in platforms):
        problems.append(f"no offscreen platform plugin in {plugins}")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for language in QT_TRANSLATION_LANGUAGES:
        if not QTranslator().load(f"qtbase_{language}", folder):
            problems.append(f"Qt's own {language} translation is not loadable from {folder}")
    report(f"qt: platforms {', '.join(platforms)}; translations {folder}")
    return problems


def _check_resources(report: Callable[[str], None]) -> list[str]:
    from app.core.paths import resource, resources_dir

    folder = resources_dir()
    problems = [
        f"missing resource {name}"
        for name in ("icons/app.png", "icons/app.ico")
        if not resource(*name.split("/")).is_file()
    ]
    files = [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    report(f"resources: {len(files)} files in {folder}")
    if getattr(sys, "frozen", False) and not sys.flags.utf8_mode:
        problems.append("the bundle runs without Python's UTF-8 mode (build.spec sets X utf8)")
    return problems


def run_checks(names: Iterable[str] = ("aws", "ssh", "qt", "modules", "resources")) -> list[str]:
    """Run the named checks, printing what each found; return the problems."""
    problems: list[str] = []
    checks: dict[str, Callable[[Callable[[str], None]], Any]] = {
        "aws": _check_aws,
        "ssh": _check_ssh,
        "qt": _check_qt,
        "modules": _check_modules,
        "resources": _check_resources,
    }
    for name in names:
        try:
            found = checks[name](print)
        except Exception as exc:
            found = [f"{name}: {exc.__class__.__name__}: {exc}"]
        problems += found or []
    return problems


def main() -> int:
    problems = run_checks()
    for problem in problems:
        print("PROBLEM:", problem)
    print("bundle check:", "FAILED" if problems else "OK")
    return 1 if problems else 0
