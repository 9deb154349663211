#!/bin/bash
# EC2 Notebook Wizard: prepare and start the Jupyter notebook on this machine.
# Sent over SSH (stored, then run) or run as EC2 user data at boot. Idempotent: a second run with the
# same settings changes nothing. Prints progress lines "ec2nb: ..." and one final line
# "EC2NB_RESULT {json}". The notebook token is written to an owner-only file, never printed.
#
# Settings (environment, all optional):
#   EC2NB_ACTION start|stop   EC2NB_ACCESS tunnel|https   EC2NB_PORT (8888)
#   EC2NB_USER (who runs Jupyter; default: the caller)   EC2NB_REMOTE_HOME (default: their home)
#   EC2NB_PYTHON (the Python environment; default: searched)   EC2NB_GIT_REPO
#   EC2NB_IDLE_MINUTES (empty: no auto-stop)   EC2NB_IDLE_DRY_RUN 1|0
#   EC2NB_MAX_HOURS (empty: no hard limit; counted from each boot)
#   EC2NB_LIMIT_FROM, EC2NB_LIMIT_HOUR_SECONDS, EC2NB_AGENT_LOOP_SECONDS (stand-ins and tests
#   only: the limit's start instead of the boot, the hour's length, the detached agent's pace)
#   EC2NB_SPOT 1|0 (watch for AWS taking this spot machine back)   EC2NB_METADATA_URL,
#   EC2NB_SPOT_POLL_SECONDS, EC2NB_WALL_COMMAND (stand-ins and tests only: a fake metadata
#   server, its pace, a wall of their own or none)
#   EC2NB_SERVICE auto|systemd|detached   EC2NB_PIP_ARGS   EC2NB_WAIT_SECONDS (120)
#   EC2NB_WORK_VOLUME (the work disk's volume id: mounted at $EC2NB_REMOTE_HOME/work, Jupyter's
#   root; formatted ext4 only when it has no filesystem)   EC2NB_WORK_WAIT_SECONDS (300)
#   EC2NB_DISK_BY_ID (/dev/disk/by-id), EC2NB_FSTAB (/etc/fstab): moved only by stand-ins
set -eu
umask 077

ACTION=${EC2NB_ACTION:-start}
ACCESS=${EC2NB_ACCESS:-tunnel}
PORT=${EC2NB_PORT:-8888}
WAIT=${EC2NB_WAIT_SECONDS:-120}
ME=$(id -un)
TARGET=${EC2NB_USER:-$ME}
if [ -z "${EC2NB_USER:-}" ] && [ -n "${EC2NB_USER_FROM_UID:-}" ]; then
    # User data runs as root: Jupyter belongs to the image's login user (uid 1000: ubuntu,
    # ec2-user), whom cloud-init has created by now.
    TARGET=$(getent passwd "$EC2NB_USER_FROM_UID" | cut -d: -f1)
    [ -n "$TARGET" ] || TARGET=$ME
fi
CHANGED=""
WARNINGS=""
UNIT_DIR=${EC2NB_UNIT_DIR:-/etc/systemd/system}  # moved only by tests

say() { printf 'ec2nb: %s\n' "$*"; }
changed() { CHANGED="$CHANGED $1"; }
warn() { WARNINGS="$WARNINGS$*|"; say "warning: $*"; }
fail() {
    msg=$(printf '%s' "$*" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr '\n' ' ')
    printf 'EC2NB_RESULT {"ok": false, "error": "%s"}\n' "$msg"
    exit 1
}

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
can_sudo() { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }
# Run as the notebook user (user data runs as root; Jupyter must not).
as_target() {
    if [ "$ME" = "$TARGET" ]; then "$@"; else runuser -u "$TARGET" -- env HOME="$TARGET_HOME" "$@"; fi
}

TARGET_HOME=$(getent passwd "$TARGET" 2>/dev/null | cut -d: -f6 || true)
[ -n "$TARGET_HOME" ] || TARGET_HOME=${HOME:-/root}
REMOTE_HOME=${EC2NB_REMOTE_HOME:-$TARGET_HOME}
STATE="$REMOTE_HOME/.ec2nb"
mkdir -p "$STATE" "$STATE/runtime"
chmod 700 "$STATE"
[ "$ME" = "$TARGET" ] || chown "$TARGET" "$REMOTE_HOME" "$STATE" "$STATE/runtime"

# One run at a time: the boot-time run may still be busy when the app connects.
if command -v flock >/dev/null 2>&1; then
    exec 9>>"$STATE/bootstrap.lock"
    [ "$ME" = "$TARGET" ] || chown "$TARGET" "$STATE/bootstrap.lock"
    if ! flock -n 9; then
        say "waiting for the setup started at boot to finish"
        flock -w 1800 9 || fail "another setup run holds $STATE/bootstrap.lock"
    fi
fi

if [ "$ACCESS" = https ]; then SCHEME=https; else SCHEME=http; fi
SERVICE=${EC2NB_SERVICE:-auto}
if [ "$SERVICE" = auto ]; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 && can_sudo; then
        SERVICE=systemd
    else
        SERVICE=detached
    fi
fi

pid_of() { # the live process recorded in $STATE/$1.pid, if it is still ours
    pid=$(cat "$STATE/$1.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null &&
        echo "$pid"
}
stop_pid() {
    pid=$(pid_of "$1" "$2" || true)
    [ -n "$pid" ] || { rm -f "$STATE/$1.pid"; return 0; }
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$STATE/$1.pid"
}
start_detached() { # name pattern command...: a session of its own, so it outlives SSH
    name=$1; shift 2
    rm -f "$STATE/$name.pid"
    set -- setsid sh -c 'echo $$ > "$0"; exec "$@"' "$STATE/$name.pid" "$@"
    [ "$ME" = "$TARGET" ] || set -- runuser -u "$TARGET" -- env HOME="$TARGET_HOME" "$@"
    # Not a function call, so no shell lingers; fd 9 (the run lock) must not be inherited.
    "$@" >>"$STATE/$name.log" 2>&1 </dev/null 9>&- &
    for _ in $(seq 100); do [ -s "$STATE/$name.pid" ] && break; sleep 0.05; done
}
install_file() { # source destination: root-owned file, replaced only when it differs
    if ! $SUDO cmp -s "$1" "$2" 2>/dev/null; then
        $SUDO install -m 644 "$1" "$2"
        rm -f "$1"
        return 0
    fi
    rm -f "$1"
    return 1
}
systemd_stop() {
    [ -e "$UNIT_DIR/$1" ] || return 0
    $SUDO systemctl disable --now "$1" >/dev/null 2>&1 || true
    $SUDO rm -f "$UNIT_DIR/$1"
    changed "$2"
}

if [ "$ACTION" = stop ]; then
    systemd_stop ec2nb-idle.timer idle-agent
    systemd_stop ec2nb-jupyter.service jupyter
    systemd_stop ec2nb-spot.service spot-watch
    stop_pid idle idle_agent
    stop_pid spot spot-watch
    stop_pid jupyter jupyterlab
    say "stopped"
    printf 'EC2NB_RESULT {"ok": true, "stopped": true}\n'
    exit 0
fi

# -- the Python environment with the deep-learning framework --------------------------------
has_lab() { "$1" -c 'import importlib.util as u, sys; sys.exit(not u.find_spec("jupyterlab"))' 2>/dev/null; }
find_python() {
    if [ -n "${EC2NB_PYTHON:-}" ]; then echo "$EC2NB_PYTHON"; return; fi
    if [ -x "$(cat "$STATE/python" 2>/dev/null)" ]; then cat "$STATE/python"; return; fi
    for candidate in /opt/pytorch/bin/python3 /opt/conda/envs/pytorch/bin/python3 \
        /opt/tensorflow/bin/python3 /opt/conda/envs/*/bin/python3 /opt/conda/bin/python3; do
        [ -x "$candidate" ] || continue
        if "$candidate" -c 'import importlib.util as u, sys
sys.exit(not any(u.find_spec(m) for m in ("torch", "tensorflow", "jax")))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    command -v python3 || true
}
PY=$(find_python)
[ -n "$PY" ] || fail "no Python 3 on this machine"
[ -x "$PY" ] || fail "the Python $PY does not exist"
say "Python environment: $PY"

if ! has_lab "$PY"; then
    say "installing JupyterLab (a few minutes)"
    # The script's umask (077) keeps the token private; packages must stay readable by the
    # notebook user, though pip runs as root (user data, sudo) into the image's Python.
    # shellcheck disable=SC2086 # EC2NB_PIP_ARGS is a list of arguments
    pip_install() { (umask 022 && "$@" -m pip install --quiet --disable-pip-version-check \
        ${EC2NB_PIP_ARGS:-} jupyterlab ipykernel); }
    info=$("$PY" -c 'import sys, sysconfig, os
p = sysconfig.get_paths()
managed = os.path.exists(os.path.join(p["stdlib"], "EXTERNALLY-MANAGED"))
print("system" if managed and sys.prefix == sys.base_prefix else
      "writable" if os.access(p["purelib"], os.W_OK) else "readonly")')
    if [ "$info" = system ]; then
        # The distribution's own Python refuses pip (PEP 668): a venv of ours that still sees
        # the system's packages.
        [ -x "$STATE/venv/bin/python" ] || as_target "$PY" -m venv --system-site-packages \
            "$STATE/venv" || fail "cannot create a virtual environment (install python3-venv)"
        PY="$STATE/venv/bin/python"
        pip_install as_target "$PY" || fail "pip could not install JupyterLab"
    elif [ "$info" = writable ]; then
        pip_install "$PY" || fail "pip could not install JupyterLab into $PY"
    elif can_sudo; then
        pip_install $SUDO "$PY" || fail "pip could not install JupyterLab into $PY"
    else
        pip_install "$PY" --user || fail "pip could not install JupyterLab for $ME"
    fi
    as_target_has_lab() { if [ "$ME" = "$TARGET" ]; then has_lab "$PY"; else as_target "$PY" -c \
        'import importlib.util as u, sys; sys.exit(not u.find_spec("jupyterlab.labapp"))'; fi; }
    as_target_has_lab || fail "JupyterLab is still missing after the installation"
    changed jupyterlab
fi
if [ "$(cat "$STATE/python" 2>/dev/null)" != "$PY" ]; then
    printf '%s\n' "$PY" >"$STATE/python"
fi

# Versions in one Python start (each start costs time on a cold disk).
eval "$("$PY" - <<'PYEOF'
import importlib.util, platform, shlex
try:
    from importlib.metadata import version
except ImportError:
    version = None
def v(name):
    try:
        return version(name) if version else ""
    except Exception:
        return ""
framework = ""
for module, dist in (("torch", "torch"), ("tensorflow", "tensorflow"), ("jax", "jax")):
    if importlib.util.find_spec(module):
        framework = (module + " " + v(dist)).strip()
        break
for key, value in (("PY_VERSION", platform.python_version()), ("LAB_VERSION", v("jupyterlab")),
                   ("SERVER_VERSION", v("jupyter-server")), ("FRAMEWORK", framework)):
    print(key + "=" + shlex.quote(value))
PYEOF
)"
# torch.cuda.is_available() takes seconds to import: ask it while Jupyter starts.
CUDA_PID=""
if [ "${FRAMEWORK%% *}" = torch ]; then
    "$PY" -c 'import torch; print(torch.cuda.is_available())' >"$STATE/cuda" 2>/dev/null 9>&- &
    CUDA_PID=$!
fi

# -- the work disk: an EBS volume that outlives the machine ------------------------------------
NOTEBOOK_ROOT=$REMOTE_HOME
if [ -n "${EC2NB_WORK_VOLUME:-}" ]; then
    WORK="$REMOTE_HOME/work"
    BY_ID=${EC2NB_DISK_BY_ID:-/dev/disk/by-id}
    FSTAB=${EC2NB_FSTAB:-/etc/fstab}
    # On Nitro the disk is an NVMe device whose serial is the volume id without its dash; udev
    # names it by that. On Xen it keeps the name it was attached as (/dev/sdf = /dev/xvdf).
    SERIAL=$(printf '%s' "$EC2NB_WORK_VOLUME" | tr -d -)
    DEV=""
    for _ in $(seq "${EC2NB_WORK_WAIT_SECONDS:-300}"); do
        for candidate in "$BY_ID/nvme-Amazon_Elastic_Block_Store_$SERIAL" \
            $([ "$BY_ID" = /dev/disk/by-id ] && echo /dev/xvdf /dev/sdf); do
            if [ -e "$candidate" ]; then DEV=$candidate; break 2; fi
        done
        [ -n "$DEV" ] || { say "waiting for the work disk $EC2NB_WORK_VOLUME"; sleep 1; }
    done
    [ -n "$DEV" ] || fail "the work disk $EC2NB_WORK_VOLUME did not appear"
    if [ -d "$DEV" ] && [ ! -L "$WORK" ]; then
        # A stand-in without root has no block device: a folder plays the disk.
        rmdir "$WORK" 2>/dev/null || true
        ln -s "$DEV" "$WORK"
        changed work-disk
    elif [ ! -d "$DEV" ] && ! mountpoint -q "$WORK"; then
        mkdir -p "$WORK"
        if ! $SUDO blkid "$DEV" >/dev/null 2>&1; then
            # Only a disk without a filesystem is formatted: a kept disk keeps its files.
            say "formatting the new work disk (ext4)"
            $SUDO mkfs.ext4 -q -F -L ec2nb-work "$DEV" || fail "mkfs.ext4 failed on $DEV"
        fi
        $SUDO mount "$DEV" "$WORK" || fail "could not mount the work disk at $WORK"
        changed work-disk
    fi
    if [ ! -d "$DEV" ]; then
        UUID=$($SUDO blkid -s UUID -o value "$DEV" || true)
        # nofail: a boot without the disk (detached, moved) must still reach SSH.
        if [ -n "$UUID" ] && ! grep -qs "^UUID=$UUID " "$FSTAB"; then
            printf 'UUID=%s %s ext4 defaults,nofail 0 2\n' "$UUID" "$WORK" | $SUDO tee -a "$FSTAB" >/dev/null
            changed fstab
        fi
    fi
    # The disk's top folder belongs to the notebook user (a new filesystem's is root's).
    [ "$(stat -L -c %U "$WORK")" = "$TARGET" ] || $SUDO chown "$TARGET" "$WORK"
    NOTEBOOK_ROOT=$WORK
fi

# -- token, certificate, configuration ---------------------------------------------------------
if [ ! -s "$STATE/token" ]; then
    od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$STATE/token.new"
    mv "$STATE/token.new" "$STATE/token"
    changed token
fi
chmod 600 "$STATE/token"
if [ "$ACCESS" = https ] && { [ ! -s "$STATE/jupyter.key" ] || [ ! -s "$STATE/jupyter.crt" ]; }; then
    say "making a self-signed certificate"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ec2nb-notebook" \
        -keyout "$STATE/jupyter.key" -out "$STATE/jupyter.crt" >/dev/null 2>&1 ||
        fail "openssl could not make a certificate"
    changed certificate
fi
[ "$ME" = "$TARGET" ] || chown "$TARGET" "$STATE"/* 2>/dev/null || true

EC2NB_CFG_ACCESS=$ACCESS EC2NB_CFG_PORT=$PORT EC2NB_CFG_STATE=$STATE EC2NB_CFG_ROOT=$NOTEBOOK_ROOT \
    EC2NB_CFG_ROOTUSER=$([ "$TARGET" = root ] && echo 1 || echo 0) \
    EC2NB_CFG_SERVER=$SERVER_VERSION "$PY" - >"$STATE/config.new" <<'PYEOF'
import json, os
e = os.environ
state = e["EC2NB_CFG_STATE"]
with open(os.path.join(state, "token")) as f:
    token = f.read().strip()
https = e["EC2NB_CFG_ACCESS"] == "https"
app = {
    "ip": "0.0.0.0" if https else "127.0.0.1",  # tunnel mode: reachable through SSH only
    "port": int(e["EC2NB_CFG_PORT"]), "port_retries": 0, "open_browser": False,
    "root_dir": e["EC2NB_CFG_ROOT"], "allow_root": e["EC2NB_CFG_ROOTUSER"] == "1",
}
config = {"ServerApp": app}
if https:
    app.update(certfile=os.path.join(state, "jupyter.crt"),
               keyfile=os.path.join(state, "jupyter.key"), allow_remote_access=True)
if int((e["EC2NB_CFG_SERVER"] or "2").split(".")[0]) >= 2:
    config["IdentityProvider"] = {"token": token}
else:
    app["token"] = token
print(json.dumps(config, indent=1, sort_keys=True))
PYEOF
CONFIG="$STATE/jupyter_server_config.json"
RESTART=0
if cmp -s "$STATE/config.new" "$CONFIG"; then
    rm -f "$STATE/config.new"
else
    mv "$STATE/config.new" "$CONFIG"
    changed config
    RESTART=1
fi
[ "$ME" = "$TARGET" ] || chown "$TARGET" "$CONFIG"

# -- start Jupyter ------------------------------------------------------------------------------
if [ "$SERVICE" = systemd ]; then
    cat >"$STATE/unit.new" <<EOF
[Unit]
Description=Jupyter notebook (EC2 Notebook Wizard)
After=network-online.target

[Service]
User=$TARGET
WorkingDirectory=$NOTEBOOK_ROOT
Environment="JUPYTER_RUNTIME_DIR=$STATE/runtime"
ExecStart="$PY" -m jupyterlab "--config=$CONFIG"
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
EOF
    if install_file "$STATE/unit.new" "$UNIT_DIR/ec2nb-jupyter.service"; then
        $SUDO systemctl daemon-reload
        $SUDO systemctl enable ec2nb-jupyter.service >/dev/null 2>&1
        changed service
        RESTART=1
    fi
fi
start_jupyter() { # sets PID; $1=1 restarts a running server
    if [ "$SERVICE" = systemd ]; then
        if [ "$1" = 1 ] || ! systemctl is-active --quiet ec2nb-jupyter.service; then
            say "starting Jupyter (systemd service)"
            $SUDO systemctl restart ec2nb-jupyter.service
            changed started
        fi
        PID=$(systemctl show -p MainPID --value ec2nb-jupyter.service 2>/dev/null || echo "")
    else
        if [ "$1" = 1 ]; then stop_pid jupyter jupyterlab; fi
        if ! pid_of jupyter jupyterlab >/dev/null; then
            say "starting Jupyter"
            (cd "$NOTEBOOK_ROOT" && export JUPYTER_RUNTIME_DIR="$STATE/runtime" &&
                start_detached jupyter jupyterlab "$PY" -m jupyterlab "--config=$CONFIG")
            changed started
        fi
        PID=$(cat "$STATE/jupyter.pid" 2>/dev/null || echo "")
    fi
}
wait_for_jupyter() { # sets WAITED: 0 answers, 1 silent until $WAIT, 2 ended, 3 not ours
    say "waiting for Jupyter to answer"
    WAITED=0
    "$PY" - "$SCHEME://127.0.0.1:$PORT/api" "$WAIT" "$PID" "$STATE/token" <<'PYEOF' || WAITED=$?
import os, ssl, sys, time, urllib.error, urllib.request
url, wait, pid, token_file = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl._create_unverified_context()  # our own self-signed certificate, on loopback
deadline = time.time() + wait
while time.time() < deadline:
    try:
        urllib.request.urlopen(url, timeout=2, context=context).read()
        break
    except Exception:
        time.sleep(0.05)
    if pid and not os.path.exists("/proc/" + pid):
        sys.exit(2)
else:
    sys.exit(1)
with open(token_file) as f:
    request = urllib.request.Request(url + "/status", headers={"Authorization": "token " + f.read().strip()})
try:
    urllib.request.urlopen(request, timeout=10, context=context).read()
except urllib.error.HTTPError:
    sys.exit(3)  # a server that does not take our token: not ours
PYEOF
}
start_jupyter "$RESTART"
wait_for_jupyter
if [ "$WAITED" = 2 ]; then
    # Ended as it started (a port or file still held by a server being stopped): once more,
    # as systemd's Restart= would; a second ending is the server's own fault and is said.
    tail -n 5 "$STATE/jupyter.log" 2>/dev/null | sed 's/token=[^& ]*/token=***/g' >&2 || true
    say "Jupyter ended as it started; starting it once more"
    start_jupyter 1
    wait_for_jupyter
fi
if [ "$WAITED" = 3 ]; then
    fail "port $PORT is taken by another server; stop it or choose another port"
elif [ "$WAITED" != 0 ]; then
    tail -n 15 "$STATE/jupyter.log" 2>/dev/null | sed 's/token=[^& ]*/token=***/g' >&2 || true
    fail "Jupyter did not answer on port $PORT (see $STATE/jupyter.log)"
fi

# -- idle auto-stop agent ------------------------------------------------------------------------
# The same agent enforces the hard time limit: it runs when either is asked for.
IDLE=${EC2NB_IDLE_MINUTES:-}
MAX_HOURS=${EC2NB_MAX_HOURS:-}
if [ -n "$IDLE$MAX_HOURS" ] && ! command -v write_idle_agent >/dev/null 2>&1; then
    warn "this copy of the script carries no idle agent; auto-stop and the time limit are off"
    IDLE=""; MAX_HOURS=""
fi
if [ -n "$IDLE$MAX_HOURS" ]; then
    write_idle_agent >"$STATE/idle_agent.new"
    if cmp -s "$STATE/idle_agent.new" "$STATE/idle_agent.py"; then rm -f "$STATE/idle_agent.new"
    else mv "$STATE/idle_agent.new" "$STATE/idle_agent.py"; changed idle-agent; RESTART_IDLE=1; fi
    printf '{"minutes": %s, "url": "%s://127.0.0.1:%s", "token_file": "%s", "dry_run": %s, "max_hours": %s, "limit_from": %s, "hour_seconds": %s, "notebook_log": "%s", "warned_file": "%s"}\n' \
        "${IDLE:-null}" "$SCHEME" "$PORT" "$STATE/token" \
        "$([ "${EC2NB_IDLE_DRY_RUN:-0}" = 1 ] && echo true || echo false)" \
        "${MAX_HOURS:-null}" "${EC2NB_LIMIT_FROM:-null}" "${EC2NB_LIMIT_HOUR_SECONDS:-3600}" \
        "$STATE/jupyter.log" "$STATE/limit-warned" >"$STATE/idle.new"
    if cmp -s "$STATE/idle.new" "$STATE/idle.json"; then rm -f "$STATE/idle.new"
    else mv "$STATE/idle.new" "$STATE/idle.json"; changed idle-config; RESTART_IDLE=1; fi
    AGENT="\"$PY\" \"$STATE/idle_agent.py\" --config \"$STATE/idle.json\""
    if [ "$SERVICE" = systemd ]; then
        printf '[Unit]\nDescription=Stop this machine when the notebook is idle or its time is up (ec2nb)\n\n[Service]\nType=oneshot\nExecStart=%s\n' \
            "$AGENT" >"$STATE/idle-service.new"
        printf '[Unit]\nDescription=Idle check every minute (ec2nb)\n\n[Timer]\nOnBootSec=5min\nOnUnitActiveSec=1min\n\n[Install]\nWantedBy=timers.target\n' \
            >"$STATE/idle-timer.new"
        a=0; install_file "$STATE/idle-service.new" "$UNIT_DIR/ec2nb-idle.service" || a=$?
        b=0; install_file "$STATE/idle-timer.new" "$UNIT_DIR/ec2nb-idle.timer" || b=$?
        if [ "$a" = 0 ] || [ "$b" = 0 ]; then
            $SUDO systemctl daemon-reload
            $SUDO systemctl enable --now ec2nb-idle.timer >/dev/null 2>&1
            changed idle-timer
        fi
    else
        # No systemd (containers): the agent loops by itself, checking once a minute.
        if [ "${RESTART_IDLE:-0}" = 1 ]; then stop_pid idle idle_agent; fi
        if ! pid_of idle idle_agent >/dev/null; then
            start_detached idle idle_agent "$PY" "$STATE/idle_agent.py" --config \
                "$STATE/idle.json" --loop "${EC2NB_AGENT_LOOP_SECONDS:-60}"
            changed idle-loop
        fi
    fi
else
    systemd_stop ec2nb-idle.timer idle-agent
    if pid_of idle idle_agent >/dev/null; then stop_pid idle idle_agent; changed idle-agent; fi
fi

# -- spot interruption guard ------------------------------------------------------------------
# A spot machine gets two minutes' notice in its metadata: the agent polls it every few seconds
# (a process of its own, so the minute-long idle timer does not slow it down).
if [ "${EC2NB_SPOT:-0}" = 1 ] && ! command -v write_idle_agent >/dev/null 2>&1; then
    warn "this copy of the script carries no agent; spot interruption notices are off"
elif [ "${EC2NB_SPOT:-0}" = 1 ]; then
    if [ ! -f "$STATE/idle_agent.py" ] || ! write_idle_agent | cmp -s - "$STATE/idle_agent.py"; then
        write_idle_agent >"$STATE/idle_agent.py"; changed idle-agent
    fi
    case " $CHANGED " in *" idle-agent "*) RESTART_SPOT=1 ;; esac  # a new agent: restart the watch
    WALL_SETTING='"wall"'
    if [ -n "${EC2NB_WALL_COMMAND+set}" ]; then
        WALL_SETTING=$([ -n "$EC2NB_WALL_COMMAND" ] && printf '"%s"' "$EC2NB_WALL_COMMAND" || echo null)
    fi
    printf '{"metadata_url": "%s", "spot_poll_seconds": %s, "spot_events_file": "%s", "notebook_log": "%s", "work_dir": "%s", "wall_command": %s}\n' \
        "${EC2NB_METADATA_URL:-http://169.254.169.254}" "${EC2NB_SPOT_POLL_SECONDS:-5}" \
        "$STATE/spot-events.json" "$STATE/jupyter.log" "$REMOTE_HOME/work" "$WALL_SETTING" \
        >"$STATE/spot.new"
    if cmp -s "$STATE/spot.new" "$STATE/spot.json"; then rm -f "$STATE/spot.new"
    else mv "$STATE/spot.new" "$STATE/spot.json"; changed spot-config; RESTART_SPOT=1; fi
    [ "$ME" = "$TARGET" ] || chown "$TARGET" "$STATE/spot.json" "$STATE/idle_agent.py"
    WATCH="\"$PY\" \"$STATE/idle_agent.py\" --config \"$STATE/spot.json\" --spot-watch"
    if [ "$SERVICE" = systemd ]; then
        printf '[Unit]\nDescription=Watch for AWS taking this spot machine back (ec2nb)\n\n[Service]\nUser=%s\nExecStart=%s\nRestart=always\nRestartSec=5\n\n[Install]\nWantedBy=multi-user.target\n' \
            "$TARGET" "$WATCH" >"$STATE/spot-service.new"
        if install_file "$STATE/spot-service.new" "$UNIT_DIR/ec2nb-spot.service"; then
            $SUDO systemctl daemon-reload
            $SUDO systemctl enable ec2nb-spot.service >/dev/null 2>&1
            RESTART_SPOT=1
        fi
        if [ "${RESTART_SPOT:-0}" = 1 ] || ! systemctl is-active --quiet ec2nb-spot.service; then
            $SUDO systemctl restart ec2nb-spot.service
            changed spot-watch
        fi
    else
        if [ "${RESTART_SPOT:-0}" = 1 ]; then stop_pid spot spot-watch; fi
        if ! pid_of spot spot-watch >/dev/null; then
            start_detached spot spot-watch "$PY" "$STATE/idle_agent.py" --config \
                "$STATE/spot.json" --spot-watch
            changed spot-watch
        fi
    fi
else
    systemd_stop ec2nb-spot.service spot-watch
    if pid_of spot spot-watch >/dev/null; then stop_pid spot spot-watch; changed spot-watch; fi
fi

# -- optional Git repository -------------------------------------------------------------------
GIT_STATE=""
if [ -n "${EC2NB_GIT_REPO:-}" ]; then
    # The folder is the repository's last name part without ".git" and without leading dots:
    # a repo named .jupyter or .ipython must not land in (and take over) that config folder.
    REPO_NAME=${EC2NB_GIT_REPO%/}
    REPO_NAME=${REPO_NAME##*[/:]}
    REPO_NAME=${REPO_NAME%.git}
    REPO_NAME=${REPO_NAME#"${REPO_NAME%%[!.]*}"}
    DEST="$NOTEBOOK_ROOT/${REPO_NAME:-repository}"
    if [ -d "$DEST/.git" ]; then
        GIT_STATE="present"
    elif ! command -v git >/dev/null 2>&1; then
        warn "git is not installed; the repository was not cloned"
    else
        SHOWN_REPO=$(printf '%s' "$EC2NB_GIT_REPO" | sed 's|//[^/@]*@|//***@|')
        say "cloning $SHOWN_REPO"
        if as_target env GIT_TERMINAL_PROMPT=0 git clone --quiet "$EC2NB_GIT_REPO" "$DEST" >&2; then
            GIT_STATE="cloned"
            changed git
        else
            warn "could not clone $SHOWN_REPO"
        fi
    fi
fi

# -- report -------------------------------------------------------------------------------------
GPU=""
if command -v nvidia-smi >/dev/null 2>&1; then
    GPU=$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
        2>/dev/null | head -n 1 || true)
fi
CUDA=""
if [ -n "$CUDA_PID" ]; then wait "$CUDA_PID" 2>/dev/null || true; CUDA=$(cat "$STATE/cuda" 2>/dev/null || true); fi
CERT=""
if [ "$ACCESS" = https ]; then
    CERT=$(openssl x509 -noout -fingerprint -sha256 -in "$STATE/jupyter.crt" 2>/dev/null | cut -d= -f2)
fi
[ "$ME" = "$TARGET" ] || chown -R "$TARGET" "$STATE" 2>/dev/null || true

R_CHANGED=$CHANGED R_WARNINGS=$WARNINGS R_GPU=$GPU R_CUDA=$CUDA R_CERT=$CERT R_PID=$PID \
    R_PY=$PY R_PY_VERSION=$PY_VERSION R_LAB=$LAB_VERSION R_FRAMEWORK=$FRAMEWORK R_PORT=$PORT \
    R_ACCESS=$ACCESS R_SERVICE=$SERVICE R_STATE=$STATE R_HOME=$NOTEBOOK_ROOT R_GIT=$GIT_STATE \
    "$PY" - <<'PYEOF'
import json, os
e = os.environ.get
gpu = [part.strip() for part in e("R_GPU", "").split(",")]
print("EC2NB_RESULT " + json.dumps({
    "ok": True, "port": int(e("R_PORT")), "https": e("R_ACCESS") == "https",
    "jupyter_version": e("R_LAB"), "python": e("R_PY"), "python_version": e("R_PY_VERSION"),
    "framework": e("R_FRAMEWORK") or "none",
    "gpu_name": gpu[0] if gpu[0] else "no GPU found",
    "gpu_memory": gpu[1] if len(gpu) > 1 else "", "driver": gpu[2] if len(gpu) > 2 else "",
    "cuda_available": {"True": True, "False": False}.get(e("R_CUDA", "").strip()),
    "service": e("R_SERVICE"), "pid": int(e("R_PID")) if (e("R_PID") or "").isdigit() else None,
    "state_dir": e("R_STATE"), "notebook_dir": e("R_HOME"), "git": e("R_GIT"),
    "cert_fingerprint": e("R_CERT"), "changed": e("R_CHANGED", "").split(),
    "warnings": [w for w in e("R_WARNINGS", "").split("|") if w],
}, sort_keys=True))
PYEOF
