"""Refresh the wizard's translations from the sources.

``pyside6-lupdate`` collects every translatable text of ``app/ui`` (pages, dialogs) and of
``app/core`` (its sentences, marked ``QT_TRANSLATE_NOOP("core", ...)`` where they are written) into
``resources/translations/ec2nb_<lang>.ts``, keeping the translations already made and dropping
texts that are gone; ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the wizard
loads. New texts arrive as ``type="unfinished"``: translate them in the ``.ts`` (by hand or with
``pyside6-linguist``) and run this again. ``tests/ui/test_translations.py`` runs it on a copy
(``--out``) to check that the committed files are complete and current.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh_CN",)
SOURCE_FOLDERS = ("app/core", "app/ui")


def sources(root: Path = ROOT) -> list[str]:
    """The files lupdate reads, relative to ``root``, in a stable order."""
    found = (p for folder in SOURCE_FOLDERS for p in (root / folder).rglob("*.py"))
    return sorted(p.relative_to(root).as_posix() for p in found)


def tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` of the Python running this script."""
    suffix = ".exe" if os.name == "nt" else ""
    beside = Path(sys.executable).parent / f"{name}{suffix}"
    return str(beside) if beside.exists() else name


def update(out: Path, root: Path = ROOT) -> list[Path]:
    """Update ``out/ec2nb_<lang>.ts`` from the sources and compile it; returns the .ts files."""
    out.mkdir(parents=True, exist_ok=True)
    updated = []
    for lang in LANGUAGES:
        ts = (out / f"ec2nb_{lang}.ts").resolve()
        qm = ts.with_suffix(".qm")
        lupdate = [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "relative"]
        lupdate += ["-source-language", "en", "-target-language", lang]
        subprocess.run([*lupdate, *sources(root), "-ts", str(ts)], cwd=root, check=True)
        lrelease = [tool("pyside6-lrelease"), "-silent", "-nounfinished", "-removeidentical"]
        subprocess.run([*lrelease, str(ts), "-qm", str(qm)], cwd=root, check=True)
        updated.append(ts)
    return updated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "resources" / "translations",
        help="folder of the .ts/.qm files (default: resources/translations)",
    )
    args = parser.parse_args(argv)
    for ts in update(args.out):
        print(f"updated {ts} and {ts.with_suffix('.qm').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
