"""An offline package index for the "install JupyterLab" path: no network in tests.

The JupyterLab wheel is rebuilt from the files the test environment installed (its RECORD), and
the "instance" Python is a fresh venv that sees every other installed package but not
JupyterLab, so pip installs exactly one real wheel from a local folder.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import distribution
from pathlib import Path

from app.demo.image_layout import ImageLayout, base_interpreter
from app.demo.login_user import LoginUser

_KEEP_DIST_INFO = ("METADATA", "WHEEL", "entry_points.txt", "licenses/")


def rebuild_wheel(name: str, folder: Path) -> Path:
    """A ``.whl`` of the installed distribution ``name``, as its build produced it."""
    dist = distribution(name)
    version = dist.version
    stem = f"{dist.metadata['Name'].replace('-', '_')}-{version}"
    site = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{stem}-py3-none-any.whl"
    records: list[str] = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for entry in dist.files or []:
            relative = entry.as_posix()
            if relative.endswith(".pyc") or relative.startswith("../../../bin/"):
                continue  # pip compiles, and writes the console scripts from entry_points.txt
            if ".dist-info/" in relative:
                inner = relative.split(".dist-info/", 1)[1]
                if not inner.startswith(_KEEP_DIST_INFO):
                    continue
            target = (
                f"{stem}.data/data/{relative[len('../../../') :]}"
                if relative.startswith("../../../")
                else relative
            )
            data = (site / relative).read_bytes()
            archive.writestr(target, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            records.append(f"{target},sha256={digest.decode()},{len(data)}")
        record = f"{stem}.dist-info/RECORD"
        archive.writestr(record, "\n".join([*records, f"{record},,"]) + "\n")
    return wheel


def python_without(name: str, folder: Path, interpreter: str | None = None) -> Path:
    """A venv that sees this environment's packages, except ``name`` (a top-level package).

    ``interpreter`` makes it (default: this Python's base), e.g. one the login user may run.
    """
    base = interpreter or getattr(sys, "_base_executable", sys.executable)
    subprocess.run(
        [base, "-m", "venv", "--without-pip", str(folder)],  # pip is among the packages it sees
        check=True,
        capture_output=True,
    )
    python = folder / "bin" / "python"
    shadow = folder / "visible-packages"
    shadow.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for item in site.iterdir():
        hidden = item.name == name or item.name.startswith(f"{name}-")
        if not hidden and not item.name.endswith(".pth") and item.name != "__pycache__":
            (shadow / item.name).symlink_to(item)
    venv_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(venv_site) / "ec2nb-test-visible.pth").write_text(f"{shadow}\n")
    return python


def base_image(folder: Path, user: LoginUser) -> ImageLayout:
    """The Base Deep Learning AMI's Python: no JupyterLab, owned by root, and a pip whose
    configuration (as an image would have in /etc/pip.conf) installs from a local wheelhouse."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    wheels = folder / "wheelhouse"
    rebuild_wheel("jupyterlab", wheels)
    python = python_without("jupyterlab", folder / "usr", base_interpreter(user))
    pip_conf = folder / "pip.conf"
    pip_conf.write_text(f"[global]\nno-index = true\nfind-links = {wheels}\n")
    for path in (folder, wheels, *wheels.iterdir(), pip_conf):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return ImageLayout(
        "base", python, {"EC2NB_PYTHON": str(python), "PIP_CONFIG_FILE": str(pip_conf)}
    )
