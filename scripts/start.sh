#!/usr/bin/env bash
# Set up (if needed) and start the workstation. With no configuration file it runs in training mode: local SQLite,
# simulated devices where no real one is found, the bundled sandbox platform on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" = "" ]; then
  echo "start: no graphical display found. Run this from a desktop session (or set DISPLAY)." >&2
  exit 1
fi
exec .venv/bin/python main.py "$@"
