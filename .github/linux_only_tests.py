"""pytest plugin for the Windows job of release.yml: deselects tests that need Linux-only tools.

OpenSSH's ``sshd`` (the stand-in instance) and PuTTY's ``puttygen`` (the .ppk oracle) come from
Debian packages that the Linux job installs; the Windows runner has neither, and with CI set the
fixtures fail rather than skip. A test needs them when it asks for the ``sshd`` or ``puttygen``
fixture, directly or through another fixture, so the selection follows the tests as they are
written instead of a list of paths. Load with ``-p linux_only_tests`` and ``.github`` on the
path (``PYTHONPATH=.github``).
"""

from __future__ import annotations

import pytest

LINUX_ONLY_FIXTURES = frozenset({"sshd", "_ssh_server", "puttygen"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        needs = LINUX_ONLY_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        (drop if needs else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
