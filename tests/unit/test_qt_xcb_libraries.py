"""Qt's xcb platform plugin (a window on an X11 desktop) finds every library it needs.

A missing one makes the wizard die with "Could not load the Qt platform plugin xcb" on a desktop
while every offscreen test passes, so this reads the plugin's own dependencies with ``ldd``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")

# The X11 libraries: the ones a desktop may lack while Qt itself loads (the rest of what ldd
# lists comes with Qt's core libraries or with any Debian system).
X11_LIBRARY = re.compile(r"^lib(xcb|X11|xkbcommon)")


def _xcb_files() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    files += sorted((qt / "plugins" / "xcbglintegrations").glob("*.so"))
    return [f for f in files if f.exists()]


def _ldd(path: Path) -> dict[str, str]:
    """soname -> resolved path ("" when not found)."""
    output = subprocess.run(
        ["ldd", str(path)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    found: dict[str, str] = {}
    for line in output.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if arrow:
            found[name] = "" if rest.startswith("not found") else rest.split(" (")[0]
    return found


def _package_of(path: str) -> str:
    candidates = [path, str(Path(path).resolve())]
    if path.startswith("/usr/"):
        candidates.append(path.removeprefix("/usr"))  # dpkg knows /lib on merged-/usr systems
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    return ""


def _guess_package(soname: str) -> str:
    # Debian names a library package after its soname: libxcb-icccm.so.4 -> libxcb-icccm4.
    stem, _, version = soname.partition(".so.")
    return f"{stem}{'-' if stem[-1].isdigit() else ''}{version}"


def _scripts_packages() -> set[str]:
    listing = subprocess.run(
        ["bash", "-c", 'source scripts/setup-env.sh && printf "%s\\n" "${QT_XCB_PACKAGES[@]}"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(listing.split())


def _needed() -> dict[str, str]:
    files = _xcb_files()
    assert files, "PySide6 has no xcb platform plugin"
    needed: dict[str, str] = {}
    for path in files:
        needed.update(_ldd(path))
    return needed


def test_every_library_of_the_xcb_plugin_is_installed() -> None:
    if shutil.which("ldd") is None:
        pytest.skip("no ldd")
    missing = sorted(name for name, path in _needed().items() if not path)
    assert not missing, (
        "Qt's xcb platform plugin cannot load on this machine: "
        + ", ".join(f"{name} (Debian package {_guess_package(name)})" for name in missing)
        + " not found; add the package to QT_XCB_PACKAGES in scripts/setup-env.sh"
    )


def test_the_setup_scripts_install_every_x11_library_the_plugin_loads() -> None:
    if shutil.which("dpkg") is None or shutil.which("ldd") is None:
        pytest.skip("not a Debian system")
    listed = _scripts_packages()
    packages = {
        name: _package_of(path) or _guess_package(name)
        for name, path in _needed().items()
        if X11_LIBRARY.match(name)
    }
    assert packages, "ldd listed no X11 library: the plugin was not read"
    absent = sorted(f"{pkg} ({name})" for name, pkg in packages.items() if pkg not in listed)
    assert not absent, "QT_XCB_PACKAGES in scripts/setup-env.sh lacks " + ", ".join(absent)
    for script in ("run-demo.sh", "test.sh"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert '"${QT_XCB_PACKAGES[@]}"' in text, f"{script} does not install QT_XCB_PACKAGES"
