#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, mypy on the non-UI packages, the import contracts (.importlinter), and the whole test suite against the
# real device stack (pcscd + virtual card, SANE test backend, CUPS PDF queue, Secret Service, Xvfb, the sandbox
# platform over HTTP). With CI=true a missing component fails the run instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff" && .venv/bin/ruff check .
echo "== mypy" && .venv/bin/mypy
echo "== lint-imports" && .venv/bin/lint-imports
echo "== pytest" && exec .venv/bin/python -m pytest "$@"
