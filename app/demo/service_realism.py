"""The realism behaviours of Service Quotas' neighbours: one-time spot and alarm actions.

Installed on the emulator for the tests (the ``aws`` fixture) and the demo, unless the realism
layer is off (``EC2NB_REALISM=0``). Service Quotas' own behaviour (applied vs default values)
lives in :class:`app.demo.services.QuotaService`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from app.demo.alarm_role import AlarmRole, install_alarm_role
from app.demo.emulator import AwsEmulator
from app.demo.realism import RealismConfig
from app.demo.strict_spot import StrictSpot, install_strict_spot


@dataclass
class ServiceRealism:
    spot: StrictSpot
    alarm_role: AlarmRole


_INSTALLED: weakref.WeakKeyDictionary[AwsEmulator, ServiceRealism] = weakref.WeakKeyDictionary()


def install_service_realism(
    aws: AwsEmulator, realism: RealismConfig | None = None
) -> ServiceRealism | None:
    """Install the behaviours on ``aws`` (again after each reset); None when realism is off."""
    if not (realism or RealismConfig.from_env()).enabled:
        _INSTALLED.pop(aws, None)
        return None
    installed = ServiceRealism(install_strict_spot(aws), install_alarm_role(aws))
    _INSTALLED[aws] = installed
    return installed


def service_realism(aws: AwsEmulator) -> ServiceRealism:
    """What :func:`install_service_realism` last installed on ``aws`` (a test's handle)."""
    return _INSTALLED[aws]
