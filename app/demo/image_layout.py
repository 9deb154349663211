"""The loopback instance's Python, laid out as on the PyTorch Deep Learning AMI.

The PyTorch DLAMI keeps its framework in a venv at ``/opt/pytorch`` that has JupyterLab. Here that
venv is built cheaply under the instance's folder: an empty venv whose ``.pth`` reaches this
process's packages (JupyterLab included), plus a stand-in ``torch`` that reports no CUDA, as on a
machine without a GPU. Its interpreter must be one the login user can run: when we are root,
this process's own Python may live under ``/root``, closed to ``ubuntu``, so the system's Python
of the same version is taken instead.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from app.demo.login_user import LoginUser

TORCH_VERSION = "2.7.0"
_TORCH_INIT = f'''"""A stand-in for PyTorch on the loopback instance (no GPU here)."""
__version__ = "{TORCH_VERSION}"


class cuda:  # noqa: N801 (torch.cuda)
    @staticmethod
    def is_available():
        return False
'''


@dataclass(frozen=True)
class ImageLayout:
    """One image's Python: where it is and the settings the image gives every process."""

    name: str  # "pytorch" | "base"
    python: Path
    environment: dict[str, str] = field(default_factory=dict)


def base_interpreter(user: LoginUser) -> str:
    """A Python of this process's version that ``user`` may run (RuntimeError if none)."""
    major, minor = sys.version_info[:2]
    candidates = [
        getattr(sys, "_base_executable", sys.executable),
        f"/usr/bin/python{major}.{minor}",
        f"/usr/local/bin/python{major}.{minor}",
    ]
    check = f"import sys; sys.exit(sys.version_info[:2] != ({major}, {minor}))"
    for candidate in candidates:
        if not Path(candidate).exists():
            continue
        runs = subprocess.run(user.command(candidate, "-c", check), capture_output=True)
        if runs.returncode == 0:
            return candidate
    raise RuntimeError(
        f"no Python {major}.{minor} that {user.name} may run: apt-get install python{major}.{minor}"
    )


def make_venv(folder: Path, user: LoginUser, *, see_packages: bool = True) -> Path:
    """A venv at ``folder`` whose ``.pth`` reaches this process's packages; returns its python."""
    subprocess.run(
        [base_interpreter(user), "-m", "venv", "--without-pip", str(folder)],
        check=True,
        capture_output=True,
    )
    python = folder / "bin" / "python3"
    if see_packages:
        (site_packages(python) / "ec2nb-stand-in.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
        )
    return python


def site_packages(python: Path) -> Path:
    found = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Path(found)


def pytorch_layout(root: Path, user: LoginUser) -> ImageLayout:
    """``root/opt/pytorch``: the framework venv with JupyterLab, as the PyTorch DLAMI has."""
    python = make_venv(root / "opt" / "pytorch", user)
    site = site_packages(python)
    (site / "torch").mkdir()
    (site / "torch" / "__init__.py").write_text(_TORCH_INIT, encoding="utf-8")
    info = site / f"torch-{TORCH_VERSION}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: torch\nVersion: {TORCH_VERSION}\n", encoding="utf-8"
    )
    return ImageLayout("pytorch", python, {"EC2NB_PYTHON": str(python)})
