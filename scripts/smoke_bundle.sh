#!/usr/bin/env bash
# Smoke-tests a built bundle as a user would meet it: copied into a folder whose path has spaces
# and non-ASCII letters, the wizard opens and paints (offscreen), `ec2nb --version` answers,
# the bundle's self-check passes (every AWS service's data, SSH, every app module, resources),
# and `ec2nb convert-key` turns a fresh OpenSSH key into a .ppk that PuTTYgen reads back as the
# same key. Runs on Linux and in Git Bash on Windows (where PuTTYgen is optional: the .ppk is
# checked by converting it back instead).
#   scripts/smoke_bundle.sh [BUNDLE_DIR]     (default: dist/EC2NotebookWizard)
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=${1:-dist/EC2NotebookWizard}
exe=""
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe=".exe" ;; esac
for name in EC2NotebookWizard ec2nb; do
    [ -x "$bundle/$name$exe" ] || { echo "smoke: $bundle/$name$exe is missing" >&2; exit 1; }
done

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
# A path as the executables see it: C:\... under Git Bash on Windows, unchanged elsewhere.
native() { if [ -n "$exe" ]; then cygpath -w "$1"; else printf '%s' "$1"; fi; }
step() { echo "smoke: $*"; }
checks=0
check() { checks=$((checks + 1)); step "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
place="$work/Users/José Müller 张伟/EC2 Notebook Wizard"
mkdir -p "$(dirname "$place")"
cp -a "$bundle" "$place"  # -a keeps the bundle's symbolic links
wizard="$place/EC2NotebookWizard$exe"
cli="$place/ec2nb$exe"
home="$work/home (ü 张)"
EC2NB_HOME=$(native "$home")
export EC2NB_HOME
export QT_QPA_PLATFORM=offscreen

check "wizard --smoke-test"
started=$(date +%s%N)
out=$(timeout 120 "$wizard" --smoke-test 2>&1) || fail "the wizard exited with $?: $out"
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
# The windowed Windows executable has no stdout; the run's log says it too.
if ! grep -q "first paint after" <<<"$out" \
    && ! grep -rqs "first paint after" "$home/logs"; then
    fail "the wizard never reported its first paint: $out"
fi
step "  painted and exited in ${elapsed_ms} ms (process start to exit)"

check "ec2nb --version"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
out=$("$cli" --version 2>&1) || fail "--version exited with $?: $out"
out=${out//$'\r'/}  # Windows consoles end lines with CR LF
[ "$out" = "ec2nb $version" ] || fail "--version printed '$out', expected 'ec2nb $version'"

check "bundle self-check"
out=$(EC2NB_BUNDLE_CHECK=1 "$cli" 2>&1) || fail "self-check: $out"
# shellcheck disable=SC2001  # prefix every line
sed 's/^/smoke:   /' <<<"$out"
grep -q "bundle check: OK" <<<"$out" || fail "self-check did not pass"
broken=$(find "$bundle" -xtype l)
[ -z "$broken" ] || fail "symbolic links to files the bundle left out: $broken"

check "ec2nb --demo says it needs the source install"
out=$(timeout 20 "$cli" --demo 2>&1) && fail "--demo should refuse in a bundle, exited 0: $out"
[ "$?" -ne 124 ] || fail "--demo opened the wizard instead of saying it needs the source install"
grep -qi "source" <<<"$out" || fail "--demo failed without saying why: $out"
grep -q "Traceback" <<<"$out" && fail "--demo printed a traceback: $out"

check "ec2nb convert-key"
key="$work/keys ü/id_ed25519"
mkdir -p "$(dirname "$key")"
ssh-keygen -q -t ed25519 -N "" -C "smoke@ec2nb" -f "$key" || fail "ssh-keygen is needed"
out=$("$cli" convert-key "$(native "$key")" -o "$(native "$key.ppk")" 2>&1) || fail "convert-key exited with $?: $out"
head -n1 "$key.ppk" | grep -q "^PuTTY-User-Key-File-3: ssh-ed25519" \
    || fail "not a PPK v3 file: $(head -n1 "$key.ppk")"
expected=$(cut -d' ' -f1,2 "$key.pub")
puttygen_bin=$(command -v puttygen || true)
if [ -n "$puttygen_bin" ]; then
    "$puttygen_bin" "$key.ppk" -O public-openssh -o "$key.ppk.pub" || fail "puttygen refused the .ppk"
    got=$(cut -d' ' -f1,2 "$key.ppk.pub")
    [ "$got" = "$expected" ] || fail "puttygen reads another key from the .ppk: $got"
    step "  puttygen reads the .ppk as the same key"
elif [ -n "${CI:-}" ] && [ -z "$exe" ]; then
    fail "puttygen is not installed (Debian package putty-tools); CI must install it"
fi
out=$("$cli" convert-key "$(native "$key.ppk")" --to openssh -o "$(native "$key.back")" 2>&1) \
    || fail "convert-key back to OpenSSH exited with $?: $out"
got=$(ssh-keygen -y -f "$key.back" | tr -d '\r' | cut -d' ' -f1,2)
[ "$got" = "$expected" ] || fail "the .ppk converted back is another key: $got"
out=$("$cli" convert-key "$(native "$work/no such key")" 2>&1) && fail "a missing input exited 0"
grep -q "Traceback" <<<"$out" && fail "a missing input printed a traceback: $out"

size=$(du -sm "$bundle" | cut -f1)
step "OK: bundle of ${size} MB at $bundle"
echo "smoke: $checks passed, 0 failed"  # a failed check has exited above
