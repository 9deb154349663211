"""The core's sentences reach a Chinese user in Chinese, values intact.

Every sentence of ``app/core`` is a :class:`~app.core.sentence.Sentence`, marked where it is
written (the type check refuses plain text where one is required); here: lupdate finds them and
each has a finished Chinese translation, and real errors and notes of the core (AWS errors
through the error table, key files, plan problems, quota verdicts) come out in Chinese with
their values.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore import exceptions as boto_errors
from botocore.exceptions import ClientError

from app.core.errors import WizardError
from app.core.sentence import CONTEXT, QT_TRANSLATE_NOOP, Sentence
from app.ui import i18n
from app.ui.sentences import error_text, shown
from tests.ui.screen_checks import assert_chinese

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ec2nb_zh_CN.ts"


@pytest.fixture(autouse=True)
def chinese(qapp: Any) -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


# -- every sentence of the core is marked and translated ---------------------------------------


def _sentences(ts: Path) -> dict[str, str | None]:
    """The core context of a .ts: source -> finished translation (None when unfinished)."""
    found: dict[str, str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own file)
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") is None
            text = translation.text if finished and translation is not None else None
            found[message.findtext("source") or ""] = text or None
    return found


def test_every_sentence_lupdate_finds_in_the_core_has_a_chinese_translation(
    tmp_path: Path,
) -> None:
    beside = Path(sys.executable).parent / "pyside6-lupdate"
    lupdate = str(beside) if beside.exists() else "pyside6-lupdate"
    core_files = sorted(str(p) for p in (ROOT / "app" / "core").rglob("*.py"))
    fresh = tmp_path / "core.ts"
    subprocess.run(
        [lupdate, "-silent", *core_files, "-ts", str(fresh)],
        check=True,
        cwd=ROOT,
    )
    found = _sentences(fresh)
    # The errors, hints, notes, actions and fragments of the core: a few hundred.
    assert len(found) > 300, "lupdate found too few sentences in app/core"
    committed = _sentences(TS)
    missing = sorted(source for source in found if not committed.get(source))
    assert not missing, "core sentences without Chinese (run scripts/update_translations.sh):\n" + (
        "\n".join(missing)
    )


def test_a_plain_string_where_a_sentence_is_required_fails_the_type_check(
    tmp_path: Path,
) -> None:
    pytest.importorskip("mypy")
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from app.core.errors import WizardError\n"
        "from app.core.sentence import QT_TRANSLATE_NOOP\n"
        'WizardError(QT_TRANSLATE_NOOP("core", "Marked."))\n'
        'WizardError("Not marked.")\n'
        'WizardError(QT_TRANSLATE_NOOP("core", "Marked."), hint="Not marked.")\n',
        encoding="utf-8",
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(sample)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["4", "5"], checked.stdout


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
    with_values = translate(
        failure, action=QT_TRANSLATE_NOOP("core", "start the instance"), **_VALUES
    )
    text = error_text(with_values)
    assert_chinese(text, with_values.params.values())
    for value in with_values.message.params.values():
        # Ids and names appear as they are; a sentence among the values is translated.
        assert (shown(value) if isinstance(value, Sentence) else value) in text
    # Without the values the core says "this region"; that is translated too.
    bare = translate(failure, action=QT_TRANSLATE_NOOP("core", "look up the instance"))
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

    error = translate(
        failure, action=QT_TRANSLATE_NOOP("core", "check the credentials"), profile="work"
    )
    assert_chinese(error_text(error), error.params.values())


def test_a_region_the_account_has_not_enabled_is_explained_in_chinese() -> None:
    # Raised by the credentials check and the launch, not through the error table.
    from app.core.aws.regions import region_not_enabled

    error = region_not_enabled("ap-east-2")
    text = error_text(error)
    assert_chinese(text, ["ap-east-2"])
    assert "ap-east-2" in text
    assert "Enable" not in text


def test_an_aws_outage_and_an_unknown_refusal_name_the_action_in_chinese() -> None:
    from app.core.aws.errors import translate

    outage = ClientError(
        {"Error": {"Code": "InternalError"}, "ResponseMetadata": {"HTTPStatusCode": 503}},
        operation_name="RunInstances",
    )
    assert error_text(
        translate(outage, action=QT_TRANSLATE_NOOP("core", "start the instance"))
    ) == ("AWS 出现问题，无法启动实例。这种情况通常很快恢复；请过一分钟再试。")
    refused = ClientError({"Error": {"Code": "Odd", "Message": "Nope"}}, "DescribeImages")
    assert error_text(
        translate(refused, action=QT_TRANSLATE_NOOP("core", "list the Deep Learning images"))
    ) == ("AWS 拒绝列出 Deep Learning 映像：Nope")


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
        assert_chinese(shown(problem), ["moon-base", "ami-xyz", "huge", "floppy", "300.1.2.3/40"])


def test_the_flow_hints_are_in_chinese() -> None:
    from app.core.flow import FlowState, PageId, missing

    state = FlowState()
    for page in PageId:
        for need in missing(page, state):
            assert_chinese(shown(need))


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
        assert_chinese(shown(state.message), [state.quota_name, instance_type, REGION])
    assert set(states) == {"enough", "short", "unknown"}


def test_a_sentence_without_a_translation_is_shown_as_the_core_wrote_it() -> None:
    error = WizardError(
        QT_TRANSLATE_NOOP("core", "A brand new failure of {thing}.").format(thing="x1"),
        code="brand-new",
        hint=QT_TRANSLATE_NOOP("core", "Do something new."),
    )
    assert error_text(error) == "A brand new failure of x1. Do something new."
    assert str(error) == "A brand new failure of x1. Do something new."


def test_a_translation_whose_fields_differ_is_refused_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sentence = QT_TRANSLATE_NOOP("core", "Deleting key pair {key_name}").format(key_name="k1")
    action = QT_TRANSLATE_NOOP("core", "start the instance")
    wrong = {sentence.template: "正在删除密钥对 {name}", action: "启动实例"}
    right = {sentence.template: "正在删除密钥对 {key_name}", action: "启动实例"}

    def lookup(table: dict[str, str]) -> Any:
        return lambda context, source: table.get(source, source) if context == CONTEXT else source

    with caplog.at_level(logging.WARNING, logger="app.ui.sentences"):
        assert shown(sentence, lookup(wrong)) == "Deleting key pair k1"
    assert "fields differ" in caplog.text
    assert shown(sentence, lookup(right)) == "正在删除密钥对 k1"
    # A value that is a sentence is translated too (and a Chinese value needs no spaces).
    nested = QT_TRANSLATE_NOOP("core", "Could not {action}: {reason}").format(
        action=action, reason="boom"
    )
    table = {nested.template: "无法 {action}：{reason}", action: "启动实例"}
    assert shown(nested, lookup(table)) == "无法启动实例：boom"


def test_an_error_shown_as_text_on_a_progress_row_is_translated() -> None:
    from app.core.keys import load_private_key

    with pytest.raises(WizardError) as caught:
        load_private_key(b"hello, not a key")
    # The launch reports a failed step with str(error): still a sentence, with its hint.
    assert shown(str(caught.value)) == error_text(caught.value)
    assert_chinese(shown(str(caught.value)))
