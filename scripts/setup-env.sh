# Shared set-up steps for scripts/*.sh: sourced, not run.

# Debian packages of the libraries Qt needs to show a window on X11: Qt's own (EGL, GL,
# fontconfig, D-Bus, xkbcommon) and everything `ldd` lists for its xcb platform plugin
# (plugins/platforms/libqxcb.so, lib/libQt6XcbQpa.so.6, plugins/xcbglintegrations/*.so), mapped
# with `dpkg -S`. tests/unit/test_qt_xcb_libraries.py fails when the plugin misses a library or
# this list misses its package.
QT_XCB_PACKAGES=(
    libegl1 libgl1 libglx0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
    libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0
    libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0
    libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
    libxcb-xkb1
)

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
    # A .venv left by an older Python, or by one since removed, is made anew.
    if [ -e .venv/bin/python ] \
        && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "== .venv does not run Python 3.11+: making it anew"
        rm -rf .venv
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "== creating .venv with $python"
        "$python" -m venv .venv
    fi
    echo "== installing $spec into .venv"
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -m pip install -q -e "$spec" 2>&1 | grep -v "^WARNING: Location" || true
    .venv/bin/python -c "import app" || { echo "installing $spec failed" >&2; return 1; }
}

# Starts Xvfb on a free display, exports DISPLAY, and stops it when the calling script exits.
start_virtual_display() {
    if ! command -v Xvfb >/dev/null; then
        echo "Xvfb is not installed (Debian package xvfb)" >&2
        return 1
    fi
    local number_file
    number_file=$(mktemp)
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    # A session of its own: Ctrl+C in the terminal must reach the app, not end its display.
    setsid Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 -nolisten tcp 3>"$number_file" >/dev/null 2>&1 &
    VIRTUAL_DISPLAY_PID=$!
    trap 'kill "$VIRTUAL_DISPLAY_PID" 2>/dev/null || true' EXIT
    local tries=0
    while [ ! -s "$number_file" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$VIRTUAL_DISPLAY_PID" 2>/dev/null; then
            echo "Xvfb did not start" >&2
            rm -f "$number_file"
            return 1
        fi
        sleep 0.1
    done
    export DISPLAY=":$(tr -d '[:space:]' <"$number_file")"
    rm -f "$number_file"
}
