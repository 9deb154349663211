#!/usr/bin/env bash
# Builds the app bundle with build.spec into dist/EC2NotebookWizard/ (the windowed wizard and
# the ec2nb command line side by side). On Windows use scripts\build.ps1, which also zips it.
#   scripts/build.sh              one folder
#   scripts/build.sh --onefile    dist/onefile/EC2NotebookWizard and dist/onefile/ec2nb
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup-env.sh
source scripts/setup-env.sh
# PyInstaller reads shared-library dependencies with ldd/objdump (binutils); it bundles the
# xcb plugin's libraries only when they are installed.
ensure_system_packages binutils "${QT_XCB_PACKAGES[@]}"
ensure_venv ".[build]"

if [ "${1:-}" = "--onefile" ]; then
    # Its own folder: the single files would clash with the one-folder bundle's directory.
    echo "== pyinstaller build.spec -- --onefile"
    .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist/onefile build.spec -- --onefile
    ls -l dist/onefile
else
    echo "== pyinstaller build.spec"
    .venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
    echo "== built dist/EC2NotebookWizard ($(du -sm dist/EC2NotebookWizard | cut -f1) MB)"
fi
