"""The core's English errors and sentences reach a Chinese user in Chinese, values intact.

Two kinds of check: every place in ``app/core`` that raises a ``WizardError`` with a written-out
message (and every AWS action phrase) has its sentence in the catalogs of ``app/ui/messages.py``
and ``app/ui/core_sentences.py``; and real errors from the core (AWS errors through the error
table, key files, plan problems, quota verdicts) come out in Chinese with their values.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore import exceptions as boto_errors
from botocore.exceptions import ClientError
from PySide6.QtCore import QCoreApplication

from app.core.errors import WizardError
from app.ui import i18n
from app.ui.core_sentences import FLOW_AND_PLAN, FRAGMENTS, QUOTA
from app.ui.message_templates import FIELD
from app.ui.messages import ERRORS, HINTS, error_text
from tests.ui.screen_checks import assert_chinese

CORE = Path(__file__).resolve().parents[2] / "app" / "core"
_ERROR_CLASSES = {"WizardError"}


@pytest.fixture(autouse=True)
def chinese(qapp: Any) -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


# -- every raise site is in the catalog --------------------------------------------------------


def _shape(node: ast.expr | None) -> str | None:
    """A regex for every text ``node`` can be (values as ``.*``); None for a variable."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".*" for v in node.values]
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _shape(node.left), _shape(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _error_helpers(tree: ast.Module) -> dict[str, str | None]:
    """Functions that wrap ``WizardError(<their argument>, code=...)``: name -> code."""
    helpers: dict[str, str | None] = {}
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        arguments = {a.arg for a in function.args.args}
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
            if _name(call) in _ERROR_CLASSES and call.args:
                first = call.args[0]
                if isinstance(first, ast.Name) and first.id in arguments:
                    helpers[function.name] = _code(call)
    return helpers


def _code(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            value = keyword.value
            return value.value if isinstance(value, ast.Constant) else None
    return "error"


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def raise_sites() -> list[tuple[str, str | None, str | None, str | None]]:
    """(where, code, message shape, hint shape) of each error the core writes out."""
    sites = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = _error_helpers(tree)
        subclasses = {
            c.name
            for c in ast.walk(tree)
            if isinstance(c, ast.ClassDef)
            and any(getattr(b, "id", "") in _ERROR_CLASSES for b in c.bases)
        }
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name, where = _name(call), f"{path.relative_to(CORE.parents[1])}:{call.lineno}"
            is_super_init = (
                name == "__init__"
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Call)
                and _name(call.func.value) == "super"
                and subclasses
            )
            if name in _ERROR_CLASSES or is_super_init:
                message = call.args[0] if call.args else _keyword(call, "message")
                hint = _keyword(call, "hint")
                sites.append((where, _code(call), _shape(message), _shape(hint)))
            elif name in helpers and call.args:
                sites.append((where, helpers[name], _shape(call.args[0]), None))
    return sites


def _samples(sources: tuple[str, ...]) -> list[str]:
    return [FIELD.sub("\x00", source) for source in sources]


def test_every_written_out_core_error_is_in_the_catalog() -> None:
    sentences = (*FLOW_AND_PLAN, *QUOTA)
    every_error = tuple(s for group in ERRORS.values() for s in group)
    missing = []
    sites = raise_sites()
    assert len(sites) > 80, "the scan of app/core found too few raise sites"
    for where, code, message, hint in sites:
        known = (*ERRORS.get(code, ()), *sentences) if code else (*every_error, *sentences)
        if message is not None and not any(
            re.fullmatch(message, s, re.DOTALL) for s in _samples(known)
        ):
            missing.append(f"{where} [{code}] message /{message}/")
        if hint is not None and not any(re.fullmatch(hint, s, re.DOTALL) for s in _samples(HINTS)):
            missing.append(f"{where} hint /{hint}/")
    assert not missing, "core errors missing from app/ui/messages.py:\n" + "\n".join(missing)


def _actions() -> list[tuple[str, str]]:
    """The ``action`` phrases the core hands to the AWS error table."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            assigned = {
                t.id: node.value
                for node in ast.walk(function)
                if isinstance(node, ast.Assign)
                for t in node.targets
                if isinstance(t, ast.Name)
            }
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                if _name(call) == "translating" and call.args:
                    phrase: ast.expr | None = call.args[0]
                elif _name(call) == "translate":
                    phrase = _keyword(call, "action")
                else:
                    continue
                if isinstance(phrase, ast.Name):  # action = "..." earlier in the function
                    phrase = assigned.get(phrase.id)
                shape = _shape(phrase)
                if shape:
                    found.append((f"{path.name}:{call.lineno}", shape))
    return found


def test_every_aws_action_phrase_is_in_the_catalog() -> None:
    actions = _actions()
    assert len(actions) > 20
    missing = [
        f"{where}: /{shape}/"
        for where, shape in actions
        if not any(re.fullmatch(shape, s) for s in _samples(FRAGMENTS))
    ]
    assert not missing, "actions missing from app/ui/core_sentences.py:\n" + "\n".join(missing)


def progress_notes() -> list[tuple[str, str]]:
    """(where, shape) of each note the core shows on the progress page: the messages it passes
    to ``progress(step, message)``, its skip reasons, and what a launch step returns (the
    functions of ``app/core/launch/steps`` and the methods of ``KeyPairWork``)."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        notes: list[ast.expr] = []
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if _name(call) in ("progress", "_progress") and len(call.args) == 2:
                notes.append(call.args[1])
            elif _name(call) == "_skip" and call.args:
                notes.append(call.args[0])
        # The launch's steps (one module each) and the key-pair work return their notes.
        is_step = path.parent == CORE / "launch" / "steps"
        for holder in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef | ast.Module)):
            if not is_step and getattr(holder, "name", "") != "KeyPairWork":
                continue
            for method in (n for n in holder.body if isinstance(n, ast.FunctionDef)):
                if method.returns is not None and ast.unparse(method.returns) == "str":
                    returns = (n for n in ast.walk(method) if isinstance(n, ast.Return))
                    notes += [r.value for r in returns if r.value is not None]
        # ``state.message or f"Enough ..."``: either one is shown.
        notes = [v for n in notes for v in (n.values if isinstance(n, ast.BoolOp) else [n])]
        for note in notes:
            shape = _note_shape(note)
            # Values only ("{user}@{host}:{port}", "{name} ({image_id})"): nothing to translate.
            if shape and re.search(r"[A-Za-z]", shape.replace(".*", "")):
                found.append((f"{path.name}:{note.lineno}", shape))
    return found


def _note_shape(node: ast.expr) -> str | None:
    """Like :func:`_shape`, with a value for a part it cannot read ("ready: " + url)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _note_shape(node.left), _note_shape(node.right)
        return (left or ".*") + (right or ".*") if left or right else None
    return _shape(node)


def _example(shape: str) -> str:
    """A text of ``shape`` with a made-up value ("X1") for each value."""
    return "X1".join(re.sub(r"\\(.)", r"\1", part) for part in shape.split(".*"))


def test_every_progress_note_of_the_core_is_in_the_catalog() -> None:
    notes = progress_notes()
    assert len(notes) > 30, "the scan of app/core found too few progress notes"
    missing = [
        f"{where}: {_example(shape)!r}"
        for where, shape in notes
        if QCoreApplication.translate("core", _example(shape)) == _example(shape)
    ]
    assert not missing, "progress notes missing from app/ui/core_sentences.py:\n" + "\n".join(
        missing
    )


# -- real errors in Chinese --------------------------------------------------------------------

_VALUES = {
    "region": "ap-northeast-1",
    "instance_type": "g5.xlarge",
    "image_id": "ami-0123456789abcdef0",
    "key_name": "ec2nb-key-1",
    "group_id": "sg-0123456789abcdef0",
    "profile": "work",
}


def _aws_error_codes() -> list[str]:
    from app.core.aws.errors import _BY_CODE

    return sorted(_BY_CODE)


@pytest.mark.parametrize("aws_code", _aws_error_codes())
def test_every_aws_error_of_the_table_is_shown_in_chinese(aws_code: str) -> None:
    from app.core.aws.errors import translate

    failure = ClientError(
        {"Error": {"Code": aws_code, "Message": "Denied"}}, operation_name="RunInstances"
    )
    with_values = translate(failure, action="start the instance", **_VALUES)
    text = error_text(with_values)
    assert_chinese(text, with_values.params.values())
    for name in FIELD.findall(with_values.message):
        assert with_values.params[name] in text
    # Without the values the core says "this region"; that is translated too.
    bare = translate(failure, action="look up the instance")
    assert_chinese(error_text(bare), bare.params.values())


@pytest.mark.parametrize(
    "failure",
    [
        boto_errors.NoCredentialsError(),
        boto_errors.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
        boto_errors.ProfileNotFound(profile="work"),
        boto_errors.NoRegionError(),
        boto_errors.EndpointConnectionError(endpoint_url="https://ec2.example"),
        boto_errors.SSLError(endpoint_url="https://ec2.example", error="bad"),
        boto_errors.ProxyConnectionError(proxy_url="http://proxy", error="refused"),
        boto_errors.SSOTokenLoadError(error_msg="expired"),
        ConnectionResetError("reset"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_connection_and_credential_failures_are_shown_in_chinese(failure: Exception) -> None:
    from app.core.aws.errors import translate

    error = translate(failure, action="check the credentials", profile="work")
    assert_chinese(error_text(error), error.params.values())


def test_an_aws_outage_and_an_unknown_refusal_name_the_action_in_chinese() -> None:
    from app.core.aws.errors import translate

    outage = ClientError(
        {"Error": {"Code": "InternalError"}, "ResponseMetadata": {"HTTPStatusCode": 503}},
        operation_name="RunInstances",
    )
    assert error_text(translate(outage, action="start the instance")) == (
        "AWS 出现问题，无法启动实例。这种情况通常很快恢复；请过一分钟再试。"
    )
    refused = ClientError({"Error": {"Code": "Odd", "Message": "Nope"}}, "DescribeImages")
    assert error_text(translate(refused, action="list the Deep Learning images")) == (
        "AWS 拒绝列出 Deep Learning 映像：Nope"
    )


def _key_failures(tmp_path: Path) -> Iterator[tuple[WizardError, list[str]]]:
    from app.core.keys import generate_key, load_private_key, public_openssh_line, to_openssh

    key = generate_key("ed25519")
    encrypted = tmp_path / "locked"
    encrypted.write_text(to_openssh(key, passphrase="right horse"))
    public = tmp_path / "key.pub"
    public.write_text(public_openssh_line(key, "me"))
    cases: list[tuple[Any, str | None, list[str]]] = [
        (tmp_path / "missing.pem", None, [str(tmp_path / "missing.pem")]),
        (tmp_path, None, [str(tmp_path)]),
        (b"hello, not a key", None, []),
        (public, None, []),
        (encrypted, None, []),
        (encrypted, "wrong battery", []),
        (b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", None, []),
    ]
    for source, passphrase, values in cases:
        with pytest.raises(WizardError) as caught:
            load_private_key(source, passphrase)
        yield caught.value, values


def test_key_file_errors_are_shown_in_chinese(tmp_path: Path) -> None:
    codes = set()
    for error, values in _key_failures(tmp_path):
        codes.add(error.code)
        text = error_text(error)
        assert_chinese(text, values)
        for value in values:
            assert value in text
    assert codes >= {"not-found", "not-a-key", "passphrase-needed", "wrong-passphrase"}


def test_the_plan_problems_the_pages_show_are_in_chinese() -> None:
    from app.core.plan import LaunchPlan

    plan = LaunchPlan()
    for name, value in {
        "region": "moon-base",
        "image_id": "ami-xyz",
        "instance_type": "huge",
        "volume_gib": 100_000,
        "volume_type": "floppy",
        "ssh_cidr": "300.1.2.3/40",
        "key_type": "dsa",
        "ppk_version": 9,
        "idle_stop_minutes": 10**7,
        "git_repo": "ftp://example",
        "trusted_host_key": "MD5:ab",
    }.items():
        setattr(plan, name, value)
    problems = plan.problems(min_volume_gib=200)
    assert len(problems) >= 10
    for problem in problems:
        shown = QCoreApplication.translate("core", problem)
        assert_chinese(shown, ["moon-base", "ami-xyz", "huge", "floppy", "300.1.2.3/40"])


def test_the_flow_hints_are_in_chinese() -> None:
    from app.core.flow import FlowState, PageId, missing

    state = FlowState()
    for page in PageId:
        for need in missing(page, state):
            assert_chinese(QCoreApplication.translate("core", need))


def test_quota_verdicts_are_in_chinese(world: Any) -> None:
    from app.core.aws.quotas import check_vcpu_quota
    from app.core.aws.session import Credentials, make_session
    from tests.support.constants import REGION

    session = make_session(Credentials(profile="work"), REGION)
    states = {}
    # The demo account changed its G quota (a verdict); its P quota is known only by default.
    checks = (("g5.xlarge", 4), ("g5.48xlarge", 9_999), ("p4d.24xlarge", 96), ("t3.micro", 2))
    for instance_type, vcpus in checks:
        state = check_vcpu_quota(session, REGION, instance_type, vcpus, "on-demand")
        states[state.status] = state
        shown = QCoreApplication.translate("core", state.message)
        assert_chinese(shown, [state.quota_name, instance_type, REGION])
    assert set(states) == {"enough", "short", "unknown"}


def test_launch_step_messages_with_values_are_in_chinese() -> None:
    translate = QCoreApplication.translate
    assert translate("core", "i-0abc is stopping, 12 s") == "i-0abc 状态：正在停止，12 秒"
    assert translate("core", "Requesting g5.xlarge in us-east-1a") == (
        "正在 us-east-1a 申请 g5.xlarge"
    )
    nested = (
        "Could not check the quota (Could not read your quota 'Running On-Demand G and VT "
        "instances' (Service Quotas could not be reached). If it is too low, the launch will "
        "say so.); launching anyway."
    )
    assert translate("core", nested) == (
        "无法检查配额（无法读取您的配额“Running On-Demand G and VT instances”（无法连接 "
        "Service Quotas）。如果配额太低，启动时会提示。）；仍继续启动。"
    )
    assert translate("core", "Something the catalog does not know") == (
        "Something the catalog does not know"
    )
    # A sentence that is not in the catalog is not taken for "{instance_id} in {zone}".
    unknown = "AWS has no free g5.xlarge machines in us-east-1 now. Try again in a while."
    assert translate("core", unknown) == unknown


def test_an_error_the_catalog_does_not_know_is_shown_as_the_core_wrote_it() -> None:
    error = WizardError("A brand new failure.", code="brand-new", hint="Do something new.")
    assert error_text(error) == "A brand new failure. Do something new."
