"""Choices remembered between runs (QSettings). Never secrets: no keys, tokens or passphrases."""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QSettings

from app.core.plan import Access, LaunchPlan, Market


class RememberedChoices:
    """Reads and writes the wizard's last choices; pass a QSettings to keep tests apart."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings()
        self._owner_only()

    def _owner_only(self) -> None:
        """Keep the settings file (profile, region, key paths) readable by the user alone.

        Qt rewrites it through QSaveFile, which keeps the file's permissions; so one chmod holds,
        and a file an older version left 0644 is tightened at the next start.
        """
        if os.name == "nt":
            return  # the registry, under the user's own key
        with contextlib.suppress(OSError):  # not written yet: done after the first sync
            os.chmod(self.settings.fileName(), 0o600)

    def _get(self, key: str, default: str = "") -> str:
        value = self.settings.value(key, default)
        return str(value) if value is not None else default

    def _get_int(self, key: str, default: int) -> int:
        try:
            return int(str(self.settings.value(key, default)))
        except ValueError:
            return default

    @property
    def profile(self) -> str:
        return self._get("credentials/profile")

    @profile.setter
    def profile(self, name: str) -> None:
        self.settings.setValue("credentials/profile", name)

    @property
    def region(self) -> str:
        return self._get("credentials/region")

    @region.setter
    def region(self, name: str) -> None:
        self.settings.setValue("credentials/region", name)

    def apply_to(self, plan: LaunchPlan) -> None:
        """Fill ``plan`` with the remembered choices, keeping its defaults for the rest."""
        plan.region = self.region or plan.region
        plan.profile = self.profile or plan.profile
        plan.flavour = self._get("plan/flavour", plan.flavour)
        plan.instance_type = self._get("plan/instance_type", plan.instance_type)
        plan.volume_gib = self._get_int("plan/volume_gib", plan.volume_gib)
        plan.volume_type = self._get("plan/volume_type", plan.volume_type)
        plan.ppk_version = self._get_int("plan/ppk_version", plan.ppk_version)
        try:
            plan.market = Market(self._get("plan/market", plan.market.value))
            plan.access = Access(self._get("plan/access", plan.access.value))
        except ValueError:
            pass  # an older or hand-edited value: keep the defaults
        plan.idle_stop_minutes = self._get_int(
            "plan/idle_stop_minutes", plan.idle_stop_minutes or 60
        )

    def remember(self, plan: LaunchPlan) -> None:
        """Store the choices of a plan that is being launched."""
        if plan.profile:
            self.profile = plan.profile
        self.region = plan.region
        self.settings.setValue("plan/flavour", plan.flavour)
        self.settings.setValue("plan/instance_type", plan.instance_type)
        self.settings.setValue("plan/volume_gib", plan.volume_gib)
        self.settings.setValue("plan/volume_type", plan.volume_type)
        self.settings.setValue("plan/ppk_version", plan.ppk_version)
        self.settings.setValue("plan/market", plan.market.value)
        self.settings.setValue("plan/access", plan.access.value)
        if plan.idle_stop_minutes:
            self.settings.setValue("plan/idle_stop_minutes", plan.idle_stop_minutes)
        regions = set(self.launched_regions) | {plan.region}
        self.settings.setValue("fleet/regions", ",".join(sorted(regions)))
        self.settings.sync()
        self._owner_only()

    @property
    def key_folder(self) -> str:
        """The folder the user last saved a key into ("" for the default)."""
        return self._get("plan/key_folder")

    @key_folder.setter
    def key_folder(self, folder: str) -> None:
        self.settings.setValue("plan/key_folder", folder)

    @property
    def existing_key_path(self) -> str:
        return self._get("plan/existing_key_path")

    @existing_key_path.setter
    def existing_key_path(self, path: str) -> None:
        self.settings.setValue("plan/existing_key_path", path)

    @property
    def launched_regions(self) -> list[str]:
        """Regions the wizard launched into: where to look for instances still running."""
        return [r for r in self._get("fleet/regions").split(",") if r]

    @property
    def remind_hours(self) -> float:
        """Remind about a machine running longer than this many hours (My instances, tray)."""
        from app.core.aws.running_reminder import REMIND_HOURS

        try:
            hours = float(str(self.settings.value("fleet/remind_hours", REMIND_HOURS)))
        except ValueError:
            return REMIND_HOURS
        return hours if hours > 0 else REMIND_HOURS

    @remind_hours.setter
    def remind_hours(self, hours: float) -> None:
        self.settings.setValue("fleet/remind_hours", hours)
