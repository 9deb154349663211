"""Rules of the house that are checked, not just written down."""

from __future__ import annotations

import subprocess
import sys

from app import __version__


def test_core_imports_no_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, app.core\n"
        "for m in pkgutil.walk_packages(app.core.__path__, 'app.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_version_command_answers_without_loading_heavy_modules() -> None:
    code = (
        "import sys, app.cli\n"
        "try:\n    app.cli.main(['--version'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "heavy = [n for n in ('boto3', 'paramiko', 'PySide6') if n in sys.modules]\n"
        "print('heavy:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert f"ec2nb {__version__}" in result.stdout
    assert "heavy:\n" in result.stdout or result.stdout.rstrip().endswith("heavy:")
