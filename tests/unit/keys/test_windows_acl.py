"""The Windows owner-only path, tested here through its command builders and a stub icacls."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.keys import files, windows_acl, write_private_file

WINDOWS_ENV = {"SystemRoot": r"C:\Windows", "USERNAME": "Zoë Smith", "USERDOMAIN": "LAPTOP"}
WHOAMI = '"laptop\\zoë smith","S-1-5-21-1004336348-1177238915-682003330-1001"\r\n'


class FakeWindows:
    """Records the commands it is asked to run and answers like whoami/icacls would."""

    def __init__(self, *, icacls_rc: int = 0, whoami_rc: int = 0) -> None:
        self.commands: list[list[str]] = []
        self.icacls_rc = icacls_rc
        self.whoami_rc = whoami_rc

    def __call__(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        self.commands.append(command)
        if command[0].lower().endswith("whoami.exe"):
            return subprocess.CompletedProcess(command, self.whoami_rc, WHOAMI, "")
        message = "" if self.icacls_rc == 0 else "Access is denied."
        return subprocess.CompletedProcess(command, self.icacls_rc, "", message)


def test_icacls_command_removes_inheritance_and_grants_only_the_user() -> None:
    command = windows_acl.icacls_command(Path("C:/Users/z/key"), "*S-1-5-21-1", WINDOWS_ENV)
    assert command[0].replace("/", "\\") == r"C:\Windows\System32\icacls.exe"
    assert command[2:] == ["/inheritance:r", "/grant:r", "*S-1-5-21-1:F"]


def test_whoami_csv_gives_the_sid() -> None:
    assert windows_acl.parse_whoami_sid(WHOAMI) == "S-1-5-21-1004336348-1177238915-682003330-1001"
    assert windows_acl.parse_whoami_sid("garbage") is None


def test_principal_is_the_sid_or_else_domain_and_user() -> None:
    fake = FakeWindows()
    assert windows_acl.current_user_principal(fake, WINDOWS_ENV).startswith("*S-1-5-21-")
    broken = FakeWindows(whoami_rc=1)
    assert windows_acl.current_user_principal(broken, WINDOWS_ENV) == "LAPTOP\\Zoë Smith"
    with pytest.raises(WizardError) as caught:
        windows_acl.current_user_principal(broken, {})
    assert caught.value.code == "acl-failed"


def test_icacls_failure_is_a_clear_error() -> None:
    with pytest.raises(WizardError) as caught:
        windows_acl.restrict_to_current_user(
            Path("key"), run=FakeWindows(icacls_rc=5), principal="*S-1-5-21-1"
        )
    assert caught.value.code == "acl-failed"
    assert "Access is denied" in caught.value.detail


@pytest.fixture
def fake_windows(monkeypatch: pytest.MonkeyPatch) -> FakeWindows:
    fake = FakeWindows()
    monkeypatch.setattr(files, "_IS_WINDOWS", True)
    monkeypatch.setattr(windows_acl, "_run", fake)
    monkeypatch.setattr(windows_acl, "_cached_principal", lambda: "*S-1-5-21-42")
    return fake


def test_key_file_gets_its_acl_before_it_appears_under_its_name(
    tmp_path: Path, fake_windows: FakeWindows
) -> None:
    write_private_file(tmp_path / "key.ppk", "secret")

    [command] = fake_windows.commands
    acl_target = Path(command[1])
    # The ACL is set on the temp file, so the key never exists under its name unprotected.
    assert acl_target.parent == tmp_path
    assert acl_target.name != "key.ppk"
    assert acl_target.name.startswith(".key.ppk.")
    assert command[-1] == "*S-1-5-21-42:F"
    assert (tmp_path / "key.ppk").read_text() == "secret"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.ppk"]


def test_failed_acl_leaves_no_file_behind(tmp_path: Path, fake_windows: FakeWindows) -> None:
    fake_windows.icacls_rc = 5
    with pytest.raises(WizardError) as caught:
        write_private_file(tmp_path / "key.ppk", "secret")
    assert caught.value.code == "acl-failed"
    assert list(tmp_path.iterdir()) == []
