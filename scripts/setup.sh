#!/usr/bin/env bash
# Set up OneWindow on Debian/Ubuntu: system packages (when run as root), a virtual environment with every Python
# dependency, compiled translations. Safe to run again: it only does what is missing.
#   scripts/setup.sh          workstation + test stack
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # Python build and runtime
  python3 python3-venv python3-dev gcc pkg-config
  # Qt on X11 / offscreen, CJK fonts (WQY is TrueType: reportlab can embed it)
  xvfb xauth x11-utils fonts-wqy-zenhei fonts-wqy-microhei fontconfig
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0
  libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libpulse0  # Qt Multimedia (document camera) does not load without it
  # PC/SC smart cards (social security cards) and the virtual reader used by tests
  pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools
  # serial readers, scanners (SANE), printing (CUPS + PDF queue), checking printouts
  socat sane-utils libsane-dev cups printer-driver-cups-pdf libcups2-dev poppler-utils poppler-data zbar-tools
  # OS key store (Secret Service) for the data key and credentials
  gnome-keyring libsecret-tools dbus
)

install_system_packages() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: not root on Debian/Ubuntu; skipping system packages (see README for the list)" >&2
    return
  fi
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  echo "setup: installing ${#missing[@]} system packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

install_python() {
  local python=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  local stamp=.venv/.onewindow-installed
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing Python dependencies" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
    echo "$want" > "$stamp"
  fi
}

install_system_packages
install_python
scripts/i18n.sh
echo "setup: done" >&2
