#!/usr/bin/env bash
# Build the OneWindow bundle (PyInstaller, one-directory) and, on Debian/Ubuntu x86_64/arm64, the .deb.
#   bash scripts/package.sh                 bundle in build/dist/onewindow + dist/onewindow_<version>_<arch>.deb
#   bash scripts/package.sh --bundle-only   the bundle alone
#   bash scripts/package.sh --version V     package version (default: pyproject's)
# Reproducible: build inputs pinned in packaging/requirements-build.txt (own venv in build/package-venv),
# SOURCE_DATE_EPOCH from the last commit, PYTHONHASHSEED=0, file times clamped; the contents list with sizes and
# SHA-256 is written next to the bundle (dist/onewindow-<version>.contents.txt) and summarised on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

BUNDLE_ONLY=0
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle-only) BUNDLE_ONLY=1 ;;
    --version) VERSION=$2; shift ;;
    *) echo "package: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# System tools PyInstaller needs on Linux (objdump, ldd) and for the .deb; the CJK font copied into the bundle.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  need=()
  for pkg in binutils dpkg-dev fonts-wqy-zenhei python3-venv; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "package: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# Translations are compiled from the committed .ts (the .qm are committed too; this keeps them current).
if [ -x .venv/bin/pyside6-lrelease ]; then bash scripts/i18n.sh >/dev/null; fi  # else the committed .qm

# Pinned build environment, separate from the development venv so the bundle's inputs are exactly the lock file.
VENV=build/package-venv
LOCK=packaging/requirements-build.txt
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
want=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ "$(cat "$VENV/.lock-sha256" 2>/dev/null)" != "$want" ]; then
  echo "package: installing pinned build inputs" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-virtualenv -r "$LOCK"
  echo "$want" > "$VENV/.lock-sha256"
fi

SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1
COMMIT=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no 2>/dev/null | head -1)

start=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/pyinstaller packaging/onewindow.spec
BUNDLE=build/dist/onewindow
INTERNAL=$BUNDLE/_internal

# What was built from what: shown by `onewindow-admin doctor` and read by IT staff.
"$VENV/bin/python" - "$INTERNAL/BUILD-INFO.json" "$VERSION" "$COMMIT" "$SOURCE_DATE_EPOCH" "${DIRTY:+dirty}" <<'PY'
import json, platform, subprocess, sys
path, version, commit, epoch, dirty = sys.argv[1:6]
freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--disable-pip-version-check"],
                        capture_output=True, text=True, check=True).stdout.split()
info = {"version": version, "commit": commit + ("-dirty" if dirty else ""), "source_date_epoch": int(epoch),
        "python": platform.python_version(), "machine": platform.machine(), "inputs": sorted(freeze)}
open(path, "w", encoding="utf-8").write(json.dumps(info, indent=1, sort_keys=True) + "\n")
PY
find "$BUNDLE" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p dist
CONTENTS=dist/onewindow-$VERSION.contents.txt
(cd "$BUNDLE" && find . -type f -printf '%P\n' | LC_ALL=C sort | while read -r f; do
   printf '%s  %10d  %s\n' "$(sha256sum "$f" | cut -c1-64)" "$(stat -c %s "$f")" "$f"; done) > "$CONTENTS"
echo "package: bundle $BUNDLE built in $(( $(date +%s) - start )) s"
echo "package: bundle size $(du -sh "$BUNDLE" | cut -f1), $(wc -l < "$CONTENTS") files; contents in $CONTENTS"
echo "package: bundle digest $(sha256sum "$CONTENTS" | cut -c1-16) (SHA-256 of the contents list: compare two builds of one commit)"
echo "package: largest parts:"
(cd "$INTERNAL" && du -s --block-size=1M -- * | sort -rn | head -12 | sed 's/^/  MiB /')
for plugin in platforms multimedia printsupport; do
  printf '  Qt plugins/%s: %s\n' "$plugin" "$(ls "$INTERNAL/PySide6/Qt/plugins/$plugin" 2>/dev/null | tr '\n' ' ')"
done

if [ "$BUNDLE_ONLY" = "1" ]; then
  exit 0
fi
bash packaging/debian/build_deb.sh "$BUNDLE" "$VERSION" dist
