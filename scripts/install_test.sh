#!/usr/bin/env bash
# Prove the .deb on a clean Debian 12: build it (scripts/package.sh), make a fresh debootstrap chroot that has none of
# the project's Python packages (no Python at all), and check as an ordinary user:
#   1. the .deb installs offline (dpkg -i in a network namespace without network; its dependencies from apt first);
#   2. `onewindow-admin doctor --json` runs, and the GUI starts offscreen to a painted window (--screenshot);
#   3. upgrade N -> N+1 keeps database, outbox, data key and configuration; N+1's migration runs once with a backup
#      first; the cases committed offline under N are still there and sync to the training platform under N+1;
#   4. a downgrade (N over N+1) refuses the newer database with a clear message and leaves it untouched;
#   5. `dpkg -r` keeps the clerk's data, `dpkg --purge` deletes it.
# Root only (debootstrap, chroot). The debootstrap base (with apt lists) and the downloaded dependency .debs are
# cached in $ONEWINDOW_INSTALL_CACHE (default /var/cache/onewindow-install-test), so reruns take a few minutes.
# Evidence goes to build/install-test/ (log, doctor JSON, screenshot). Exits non-zero on the first failed check.
#   bash scripts/install_test.sh [--deb FILE]     reuse a built .deb instead of running package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/build/install-test
CACHE=${ONEWINDOW_INSTALL_CACHE:-/var/cache/onewindow-install-test}
SUITE=bookworm
DEB=""
if [ "${1:-}" = "--deb" ]; then DEB=$2; fi

if [ "$(id -u)" != "0" ]; then echo "install test: needs root (debootstrap, chroot)" >&2; exit 2; fi
rm -rf "$OUT"; mkdir -p "$OUT" "$CACHE/archives/partial"
LOG=$OUT/log.txt
exec > >(tee "$LOG") 2>&1
T0=$(date +%s)
passed=0
step() { echo "== [$(( $(date +%s) - T0 )) s] $*"; }
ok() { passed=$((passed + 1)); echo "   ok: $*"; }
fail() { echo "   FAILED: $*"; echo "install test: $passed passed, 1 failed"; exit 1; }

need=()
for pkg in debootstrap dpkg-dev binutils util-linux; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

# --- the packages: N as built, N+1 = the same bundle with one more migration (what a real upgrade brings) ----------
if [ -z "$DEB" ]; then
  step "building the bundle and the .deb"
  # xz level 1 for this throwaway .deb (level 6, package.sh's default for releases, costs minutes more on 2 cores)
  ONEWINDOW_DEB_XZ_LEVEL=${ONEWINDOW_DEB_XZ_LEVEL:-1} bash scripts/package.sh
  DEB=$(ls -t dist/onewindow_*_"$(dpkg --print-architecture)".deb | head -1)
fi
VERSION=$(dpkg-deb -f "$DEB" Version)
NEXT_VERSION="$VERSION+upgradetest1"
NEXT_MIGRATION=9990
step "making $NEXT_VERSION (adds migration $NEXT_MIGRATION)"
STAGE=$(mktemp -d /tmp/onewindow-next.XXXXXX)
JAIL=""
cleanup() {
  set +e
  if [ -n "$JAIL" ]; then
    # Processes this test started inside the chroot (none should outlive their command; a stray one would pin it).
    for proc in /proc/[0-9]*; do
      [ "$(readlink "$proc/root" 2>/dev/null)" = "$JAIL" ] && kill -9 "${proc#/proc/}" 2>/dev/null
    done
    for m in "$JAIL/var/cache/apt/archives" "$JAIL/dev" "$JAIL/proc"; do umount -l "$m" 2>/dev/null; done
    # Never delete through a mount still attached (the host's /dev, the package cache).
    if grep -q " $JAIL/" /proc/mounts; then echo "install test: $JAIL still has mounts; left in place"
    else rm -rf "$JAIL" || echo "install test: could not remove $JAIL"; fi
  fi
  rm -rf "$STAGE"
}
trap cleanup EXIT INT TERM
dpkg-deb -x "$DEB" "$STAGE/root"
mkdir -p "$STAGE/root/opt/onewindow/_internal/offline_cache/migrations"  # the bundle lists this folder too
cat > "$STAGE/root/opt/onewindow/_internal/offline_cache/migrations/m${NEXT_MIGRATION}_install_test.py" <<EOF
"""Migration of the upgrade test's version N+1 (never in the source tree)."""
VERSION = $NEXT_MIGRATION


def apply(conn):
    conn.execute("CREATE TABLE install_test_upgrade (note TEXT)")
    conn.execute("INSERT INTO install_test_upgrade VALUES ('migrated once')")
EOF
# Not compressed: it only travels to the chroot (xz of 300 MB costs minutes).
ONEWINDOW_DEB_XZ_LEVEL=0 SOURCE_DATE_EPOCH=$(date +%s) bash packaging/debian/build_deb.sh "$STAGE/root/opt/onewindow" "$NEXT_VERSION" "$STAGE" \
  >/dev/null
NEXT_DEB=$(ls "$STAGE"/onewindow_*.deb)
echo "   N   = $DEB ($(du -h "$DEB" | cut -f1))"
echo "   N+1 = $NEXT_DEB"

# --- a clean Debian 12 ----------------------------------------------------------------------------------------------
MIRROR=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$MIRROR" ]; then MIRROR=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list); fi
BASE=$CACHE/$SUITE-minbase.tar
if [ ! -f "$BASE" ]; then
  step "debootstrap $SUITE (minbase) once into the cache"
  fresh=$(mktemp -d)
  debootstrap --variant=minbase --cache-dir="$CACHE/archives" "$SUITE" "$fresh" "$MIRROR" > "$OUT/debootstrap.log"
  printf 'deb %s %s main\n' "$MIRROR" "$SUITE" > "$fresh/etc/apt/sources.list"
  chroot "$fresh" apt-get update -q > /dev/null
  tar -C "$fresh" -cf "$BASE.tmp" . && mv "$BASE.tmp" "$BASE"
  rm -rf "$fresh"
fi
JAIL=$(mktemp -d /tmp/onewindow-jail.XXXXXX)
step "unpacking a fresh $SUITE root"
tar -C "$JAIL" -xf "$BASE"
chmod 0755 "$JAIL"  # mktemp made it 0700: the clerk's user must be able to enter its root
mount -t proc proc "$JAIL/proc"
mount --bind /dev "$JAIL/dev"
mount --bind "$CACHE/archives" "$JAIL/var/cache/apt/archives"
cp /etc/resolv.conf "$JAIL/etc/resolv.conf" 2>/dev/null || true
cp "$DEB" "$JAIL/tmp/onewindow-N.deb"
cp "$NEXT_DEB" "$JAIL/tmp/onewindow-N1.deb"
in_jail() { chroot "$JAIL" "$@"; }
chroot "$JAIL" useradd -m -u 1000 -s /bin/sh clerk
as_clerk() {
  chroot --userspec=1000:1000 "$JAIL" env -i HOME=/home/clerk USER=clerk PATH=/usr/bin:/bin LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/clerk-runtime "$@"
}
mkdir -p "$JAIL/tmp/clerk-runtime" && chown 1000:1000 "$JAIL/tmp/clerk-runtime" && chmod 700 "$JAIL/tmp/clerk-runtime"
if in_jail sh -c 'command -v python3 || ls /usr/lib/python3*/ 2>/dev/null | head -1' | grep -q .; then
  fail "the clean root already has a Python"
fi
ok "clean root has no Python at all"

# --- 1. install offline ---------------------------------------------------------------------------------------------
step "system dependencies of the .deb from apt (what a hall's local mirror or ISO provides)"
deps=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/ //g' | grep -v '^$')
# shellcheck disable=SC2086
in_jail env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $deps > "$OUT/apt.log" \
  || { tail -20 "$OUT/apt.log"; fail "dependencies did not install"; }
echo "   $(grep -c '^Setting up' "$OUT/apt.log") system packages set up"
step "dpkg -i onewindow $VERSION with no network"
unshare --net chroot "$JAIL" dpkg -i /tmp/onewindow-N.deb > "$OUT/dpkg-N.log" 2>&1 \
  || { cat "$OUT/dpkg-N.log"; fail "dpkg -i N"; }
ok "installed $VERSION offline ($(du -sh "$JAIL/opt/onewindow" | cut -f1) under /opt/onewindow)"
in_jail sh -c 'command -v onewindow-admin && grep -q "^Name=一窗受理工作台" /usr/share/applications/onewindow.desktop &&
  test -f /usr/share/icons/hicolor/256x256/apps/onewindow.png' > /dev/null || fail "PATH command, desktop entry, icon"
ok "onewindow-admin on PATH, desktop entry 一窗受理工作台 and icon installed"

# --- 2. doctor and a painted window ---------------------------------------------------------------------------------
step "onewindow-admin doctor --json"
doctor_rc=0
as_clerk onewindow-admin doctor --json > "$OUT/doctor.json" 2> "$OUT/doctor.err" || doctor_rc=$?
python3 - "$OUT/doctor.json" <<'PY' || fail "doctor --json did not give a JSON report from the bundle"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
assert report["install"]["packaged"] and report["install"]["location"] == "/opt/onewindow", report["install"]
for item in report["checks"] + report["devices"]:
    name = item.get("check") or item.get("stack")
    state = item.get("ok", item.get("available"))
    print(f"   doctor: {name:<10} {'OK' if state else '--'} {item['detail']}")
PY
[ "$doctor_rc" = "0" ] || fail "doctor found a core check failing (exit $doctor_rc)"
ok "doctor --json from /opt/onewindow: core checks pass"
step "GUI offscreen to a painted window"
start=$(date +%s%N)
as_clerk timeout 180 onewindow --no-crash-dialog --screenshot /tmp/shot.png > "$OUT/gui.out" 2> "$OUT/gui.err" \
  || { tail -20 "$OUT/gui.err"; fail "GUI did not paint"; }
echo "   $(cat "$OUT/gui.out") in $(( ($(date +%s%N) - start) / 1000000 )) ms"
cp "$JAIL/tmp/shot.png" "$OUT/installed-window.png"
grep -q '"ok": true' "$OUT/gui.out" || fail "window painted blank"
ok "window painted (build/install-test/installed-window.png)"
# A failure off the GUI thread (a data file missing from the bundle, a module left out) does not stop the paint: the
# workstation's own log says it. Nothing at ERROR is allowed on a clean first start.
CLERK_LOG=$JAIL/home/clerk/.local/share/OneWindow/logs/onewindow.log
[ -f "$CLERK_LOG" ] || fail "the workstation wrote no log ($CLERK_LOG)"
if grep -E '^[0-9-]+ [0-9:,]+ (ERROR|CRITICAL) ' "$CLERK_LOG" > "$OUT/gui-errors.txt"; then
  cat "$OUT/gui-errors.txt"; fail "the installed workstation logged errors on its first start"
fi
ok "no error in the workstation's log on its first start"

# --- 3. upgrade N -> N+1 keeps everything ---------------------------------------------------------------------------
step "version $VERSION: configuration, 3 cases committed offline"
mkdir -p "$JAIL/home/clerk/.config/OneWindow"
printf 'mode = "training"\n\n[centre]\nname = "升级测试便民服务中心"\n' > "$JAIL/home/clerk/.config/OneWindow/onewindow.toml"
chown -R 1000:1000 "$JAIL/home/clerk/.config"
as_clerk onewindow-admin training sample-cases --count 3 --json > "$OUT/cases.json" || fail "committing cases"
cat "$OUT/cases.json"
numbers=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["cases"]))' "$OUT/cases.json")
queued() { as_clerk onewindow-admin sync status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["queued"])'; }
[ "$(queued)" = "3" ] || fail "outbox should hold 3"
DATA=$JAIL/home/clerk/.local/share/OneWindow
keep_digest() {  # configuration and the data key, byte for byte
  (cd "$JAIL/home/clerk" && sha256sum .config/OneWindow/onewindow.toml .local/share/OneWindow/.data-key) | sha256sum
}
before=$(keep_digest)
ok "3 cases committed offline, outbox holds 3"

step "dpkg -i $NEXT_VERSION over $VERSION (no network)"
unshare --net chroot "$JAIL" dpkg -i /tmp/onewindow-N1.deb > "$OUT/dpkg-N1.log" 2>&1 || fail "dpkg -i N+1"
for n in $numbers; do
  as_clerk onewindow-admin case show "$n" --json > /dev/null || fail "case $n lost in the upgrade"
done
ok "every case still there after the upgrade"
[ "$(queued)" = "3" ] || fail "outbox changed in the upgrade"
[ "$(keep_digest)" = "$before" ] || fail "configuration or data key changed in the upgrade"
ok "outbox (3), configuration and data key unchanged"
backups=$(ls "$DATA"/onewindow.sqlite3.before-v*.bak 2>/dev/null | wc -l)
[ "$backups" = "1" ] && [ -f "$DATA/onewindow.sqlite3.before-v$NEXT_MIGRATION.bak" ] || fail "one backup before v$NEXT_MIGRATION expected, found $backups"
version=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$DATA/onewindow.sqlite3")
rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM install_test_upgrade").fetchone()[0])' "$DATA/onewindow.sqlite3")
[ "$version" = "$NEXT_MIGRATION" ] && [ "$rows" = "1" ] || fail "migration ran wrongly (version $version, rows $rows)"
ok "migration $NEXT_MIGRATION ran once (several opens since), one backup made before it"

step "sync under $NEXT_VERSION"
as_clerk onewindow-admin sync --once --until-empty --json > "$OUT/sync.json" || { cat "$OUT/sync.json"; fail "sync"; }
for n in $numbers; do grep -q "$n" "$OUT/sync.json" || fail "case $n was not sent"; done
[ "$(queued)" = "0" ] || fail "outbox not empty after sync"
ok "the 3 cases committed under $VERSION synced under $NEXT_VERSION; outbox empty"

# --- 4. downgrade refuses ------------------------------------------------------------------------------------------
step "downgrade: $VERSION over $NEXT_VERSION"
db_before=$(sha256sum "$DATA/onewindow.sqlite3" | cut -c1-64)
unshare --net chroot "$JAIL" dpkg -i /tmp/onewindow-N.deb > "$OUT/dpkg-downgrade.log" 2>&1 || fail "dpkg -i N again"
if as_clerk onewindow-admin case today --json > /dev/null 2> "$OUT/downgrade.err"; then fail "old version opened the newer database"; fi
echo "   $(cat "$OUT/downgrade.err")"
grep -q "较新版本" "$OUT/downgrade.err" || fail "no clear message on downgrade"
[ "$(sha256sum "$DATA/onewindow.sqlite3" | cut -c1-64)" = "$db_before" ] || fail "downgrade touched the database"
ok "downgrade refused with a clear message, database untouched"

# --- 5. remove keeps data, purge deletes it -------------------------------------------------------------------------
step "dpkg -r, then dpkg --purge"
in_jail dpkg -r onewindow > /dev/null
[ ! -e "$JAIL/opt/onewindow" ] && [ -f "$DATA/onewindow.sqlite3" ] || fail "remove should keep the data and drop /opt"
ok "removed: program gone, clerk's data kept"
in_jail dpkg --purge onewindow > /dev/null
[ ! -e "$DATA" ] && [ ! -e "$JAIL/home/clerk/.config/OneWindow" ] || fail "purge should delete the data"
ok "purged: clerk's data deleted"

echo "install test: done in $(( $(date +%s) - T0 )) s; evidence in build/install-test/"
echo "install test: $passed passed, 0 failed"
