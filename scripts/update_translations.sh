#!/usr/bin/env bash
# Refreshes the wizard's translations: pyside6-lupdate collects every translatable text of
# app/ui (pages, dialogs, the core message catalog in app/ui/messages.py and
# app/ui/core_sentences.py) into resources/translations/ec2nb_<lang>.ts, keeping the
# translations already made and dropping texts that are gone; pyside6-lrelease then compiles
# each .ts into the .qm the wizard loads. Translate new texts (type="unfinished") in the .ts
# (by hand or with pyside6-linguist) and run this again.
#
#   scripts/update_translations.sh            update the .ts files and compile the .qm files
#   TRANSLATIONS_DIR=/tmp/x scripts/update_translations.sh   work on copies elsewhere (tests)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${PYSIDE6_BIN:-.venv/bin}"
OUT="${TRANSLATIONS_DIR:-resources/translations}"
LANGUAGES=(zh_CN)

mapfile -t SOURCES < <(find app/ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
mkdir -p "$OUT"
for lang in "${LANGUAGES[@]}"; do
    ts="$OUT/ec2nb_${lang}.ts"
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations relative -source-language en \
        -target-language "$lang" "${SOURCES[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent -nounfinished -removeidentical "$ts" -qm "$OUT/ec2nb_${lang}.qm"
done
