#!/usr/bin/env bash
# Compile every ui/i18n/*.ts into the .qm files the application loads.
set -euo pipefail
cd "$(dirname "$0")/.."
LRELEASE=${LRELEASE:-.venv/bin/pyside6-lrelease}
for ts in ui/i18n/*.ts; do
  "$LRELEASE" -silent "$ts" -qm "${ts%.ts}.qm"
done
