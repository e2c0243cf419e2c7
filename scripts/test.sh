#!/usr/bin/env bash
# Set up (if needed) and run every check: ruff, mypy (every package, ui included), the import contracts
# (.importlinter), and the whole test suite against the real device stack (pcscd + virtual card, SANE test
# backend, CUPS PDF queue, Secret Service, Xvfb, the sandbox platform over HTTP). With CI=true a missing component
# fails the run instead of skipping. With ONEWINDOW_INSTALL_TEST=1 (CI sets it) also the clean-system install test of the .deb (scripts/install_test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
echo "== ruff" && .venv/bin/ruff check .
echo "== mypy" && .venv/bin/mypy
echo "== lint-imports" && .venv/bin/lint-imports
if [ "${ONEWINDOW_INSTALL_TEST:-0}" = "1" ]; then
  # The packaged workstation on a clean Debian 12 chroot (build, install offline, doctor, painted window, upgrade,
  # downgrade, remove/purge). Several minutes, root only: CI sets the flag (.ci/run); before pytest so pytest's
  # summary stays the last line.
  echo "== install test" && bash scripts/install_test.sh
fi
echo "== pytest" && exec .venv/bin/python -m pytest "$@"
