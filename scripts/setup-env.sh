# Shared set-up steps for scripts/*.sh: sourced, not run.

# Installs the Debian packages given whose files are missing; needs root or sudo.
ensure_system_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Please install: ${missing[*]} (no apt-get on this machine)" >&2
        return 0
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "== installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

# Picks a Python >= 3.11.
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    return 1
}

# Creates .venv (once) and installs the package in editable mode with the given extras.
ensure_venv() {
    local spec="$1"
    local python
    python=$(find_python)
    if [ ! -x .venv/bin/python ]; then
        echo "== creating .venv with $python"
        "$python" -m venv .venv
    fi
    echo "== installing $spec into .venv"
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -m pip install -q -e "$spec" 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -c "import app" || { echo "installing $spec failed" >&2; return 1; }
}
