#!/usr/bin/env bash
# Wrap a built bundle into a .deb: packaging/debian/build_deb.sh BUNDLE_DIR VERSION OUT_DIR
#   /opt/onewindow            the bundle (onewindow = GUI, onewindow-admin = admin CLI)
#   /usr/bin/onewindow-admin  on PATH; /usr/bin/onewindow for the desktop entry and a terminal
#   desktop entry 一窗受理工作台 + hicolor icon
# Depends are what the bundle takes from the system (Qt's xcb libraries, smart-card, scanner and CUPS client
# libraries, fonts); the C library version comes from the newest GLIBC symbol the bundle's binaries use.
# Needs dpkg-deb only; reproducible with SOURCE_DATE_EPOCH.
set -euo pipefail
BUNDLE=$(cd "$1" && pwd); VERSION=$2; OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ARCH=$(dpkg --print-architecture)
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct)}
export SOURCE_DATE_EPOCH
mkdir -p "$OUT"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

install -d "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/DEBIAN" \
  "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/doc/onewindow"
cp -a "$BUNDLE" "$STAGE/opt/onewindow"
for program in onewindow onewindow-admin; do
  printf '#!/bin/sh\nexec /opt/onewindow/%s "$@"\n' "$program" > "$STAGE/usr/bin/$program"
  chmod 0755 "$STAGE/usr/bin/$program"
done
install -m 0644 "$HERE/onewindow.desktop" "$STAGE/usr/share/applications/onewindow.desktop"
install -m 0644 "$ROOT/packaging/onewindow.png" "$STAGE/usr/share/icons/hicolor/256x256/apps/onewindow.png"
install -m 0644 "$HERE/copyright" "$STAGE/usr/share/doc/onewindow/copyright"
for script in postinst prerm postrm; do
  install -m 0755 "$HERE/$script" "$STAGE/DEBIAN/$script"
done

# The newest C library symbol version any bundled binary needs (the bundle runs only on systems at least that new).
glibc=$(find "$STAGE/opt/onewindow" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
installed_kib=$(du -sk --apparent-size "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@GLIBC@/$glibc/" -e "s/@SIZE@/$installed_kib/" \
  "$HERE/control.in" > "$STAGE/DEBIAN/control"

find "$STAGE" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
DEB="$OUT/onewindow_${VERSION}_${ARCH}.deb"
level=${ONEWINDOW_DEB_XZ_LEVEL:-6}  # 0 = not compressed (the install test's throwaway N+1)
if [ "$level" = "0" ]; then compression=(-Znone); else compression=(-Zxz "-z$level"); fi
dpkg-deb --root-owner-group "${compression[@]}" --build "$STAGE" "$DEB" >/dev/null
echo "deb: $DEB $(du -h "$DEB" | cut -f1) (installed $(( installed_kib / 1024 )) MiB, needs libc6 >= $glibc)"
