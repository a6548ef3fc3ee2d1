#!/usr/bin/env bash
# Builds dist/packages/linux-tiny-exporter_<version>_all.ipk for OpenWrt 24.10 (opkg) from the esbuild
# bundle of `make build`: Architecture all, Depends node (OpenWrt's Node.js 20 package).
#
# The file is laid out exactly as OpenWrt's scripts/ipkg-build makes one: a gzip-compressed tar (not
# an ar archive) of ./debian-binary ("2.0"), ./data.tar.gz and ./control.tar.gz, in that order; GNU
# tar format, numeric owners (root), names sorted, mtimes from SOURCE_DATE_EPOCH, gzip -n;
# Installed-Size is the size of the uncompressed data tar, as ipkg-build computes it.
#
#   bash packaging/ipk/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=ipk
# shellcheck source=packaging/common.sh
. packaging/common.sh

bundle=dist/$NAME.cjs
[ -f "$bundle" ] || die "$bundle is missing (make build)"
src=packaging/ipk

mkdir -p "$OUT"
stage=$(mktemp -d "$OUT/.ipk.XXXXXX")
trap 'rm -rf "$stage"' EXIT
data=$stage/data
control=$stage/control
install -d -m 0755 "$data/usr/bin" "$data/usr/lib/$NAME" "$data/etc/init.d" "$data/etc/config" "$control"

install -m 0644 "$bundle" "$data/usr/lib/$NAME/$NAME.cjs"

# The launcher passes the V8 flags of build/sea.cjs, read from there so the two never differ.
exec_argv=$(node -e 'process.stdout.write(require("./build/sea.cjs").EXEC_ARGV.join(" "))')
sed -e "s|@EXEC_ARGV@|$exec_argv|" -e "s|@EXEC_ARGV_DOC@|$exec_argv|" "$src/launcher.in" >"$data/usr/bin/$NAME"
chmod 0755 "$data/usr/bin/$NAME"
install -m 0755 "$src/$NAME.init" "$data/etc/init.d/$NAME"

# OpenWrt's default config turns the wifi collector on, but only if this bundle has one: an unknown
# --collector.wifi would make the exporter exit 2. Without it the line stays, commented out.
if node "$bundle" --help 2>/dev/null | grep -qE -- '--\[no-\]collector\.wifi( |$)'; then
  wifi_prefix=''
else
  wifi_prefix='#'
  log "the bundle has no wifi collector: list collector 'wifi' is commented out in /etc/config/$NAME"
fi
sed "s|^@WIFI@|$wifi_prefix|" "$src/$NAME.config.in" >"$data/etc/config/$NAME"
chmod 0644 "$data/etc/config/$NAME"

install -m 0755 "$src/postinst" "$control/postinst"
install -m 0755 "$src/prerm" "$control/prerm"
printf '/etc/config/%s\n' "$NAME" >"$control/conffiles"

ipk_tar() { # <dir> <members...>: tar as ipkg-build runs it (under fakeroot there: owners are root)
  local dir=$1
  shift
  tar -C "$dir" --format=gnu --numeric-owner --owner=0 --group=0 --sort=name \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - "$@"
}
clamp_mtimes "$data"
ipk_tar "$data" . | gzip -n -9 >"$stage/data.tar.gz"
installed_size=$(gzip -dc "$stage/data.tar.gz" | wc -c)

cat >"$control/control" <<EOF
Package: $NAME
Version: $VERSION
Depends: node
Source: $NAME
SourceName: $NAME
License: $LICENSE
Section: utils
Maintainer: $MAINTAINER
Architecture: all
Installed-Size: $installed_size
Description: Prometheus exporter for machine metrics, node_exporter-compatible.
 Reads /proc and /sys and serves node_exporter-compatible metrics on port 9101
 (UCI: /etc/config/$NAME). Runs on OpenWrt's Node.js (package node).
EOF
chmod 0644 "$control/control" "$control/conffiles"
clamp_mtimes "$control"
ipk_tar "$control" . | gzip -n -9 >"$stage/control.tar.gz"

echo 2.0 >"$stage/debian-binary"
clamp_mtimes "$stage"
ipk=$OUT/${NAME}_${VERSION}_all.ipk
ipk_tar "$stage" ./debian-binary ./data.tar.gz ./control.tar.gz | gzip -n -9 >"$ipk.tmp"
mv "$ipk.tmp" "$ipk"
log "$ipk ($(stat -c %s "$ipk") bytes)"
