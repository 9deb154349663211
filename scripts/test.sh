#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian/Ubuntu machine, then runs it:
# system tools (OpenSSH server, PuTTY tools, Qt's libraries), a virtual environment with the
# package and its test extra, ruff, mypy on app/core, and pytest with the offscreen Qt platform.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/unit -k ppk
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup-env.sh
source scripts/setup-env.sh
ensure_system_packages openssh-server openssh-client putty-tools "${QT_XCB_PACKAGES[@]}" \
    fonts-noto-cjk procps openssl xvfb xdotool sudo python3 e2fsprogs util-linux mount
ensure_venv ".[test]"

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (app/core)"
.venv/bin/mypy
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
fi
exit "$status"
