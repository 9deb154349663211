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
# Two worker processes (pytest-xdist), a test file to each at a time: most tests wait on real
# servers (sshd, Jupyter, the emulator), so two cut the run by about a quarter on two cores.
# EC2NB_TEST_WORKERS=0 runs everything in this one process.
workers=${EC2NB_TEST_WORKERS:-2}
set +e
.venv/bin/python -m pytest -n "$workers" --dist loadfile "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
fi
exit "$status"
