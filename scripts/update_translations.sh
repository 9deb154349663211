#!/usr/bin/env bash
# Refreshes the wizard's translations: pyside6-lupdate over app/core (its sentences) and app/ui
# (pages, dialogs) into
# resources/translations/ec2nb_zh_CN.ts, then pyside6-lrelease into ec2nb_zh_CN.qm.
# Translate what comes out type="unfinished" in the .ts and run it again.
# (Windows: .venv\Scripts\python scripts\update_translations.py)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/update_translations.py "$@"
