#!/usr/bin/env bash
# Builds the OpenWrt 24.10 (opkg) packages:
#
#   bash packaging/ipk/build.sh          dist/packages/linux-tiny-exporter_<version>_all.ipk: the esbuild
#                                        bundle of `make build` on OpenWrt's Node.js (Depends node)
#   bash packaging/ipk/build.sh amd64    dist/packages/linux-tiny-exporter_<version>_<openwrt arch>.ipk:
#   bash packaging/ipk/build.sh arm64    the self-contained tree of `make dist`, no dependency
#                                        (Architecture x86_64, or $OPENWRT_AARCH64, default
#                                        aarch64_cortex-a53: packaging/common.sh, openwrt_arch)
#
# Both run the exporter as the unprivileged user of Require-User, created by the postinst.
# The file is laid out exactly as OpenWrt's scripts/ipkg-build makes one: a gzip-compressed tar (not
# an ar archive) of ./debian-binary ("2.0"), ./data.tar.gz and ./control.tar.gz, in that order; GNU
# tar format, numeric owners (root), names sorted, mtimes from SOURCE_DATE_EPOCH, gzip -n;
# Installed-Size is the size of the uncompressed data tar, as ipkg-build computes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=ipk
# shellcheck source=packaging/common.sh
. packaging/common.sh

variant=${1:-node}
src=packaging/ipk
mkdir -p "$OUT"
stage=$(mktemp -d "$OUT/.ipk.XXXXXX")
trap 'rm -rf "$stage"' EXIT
data=$stage/data
control=$stage/control
install -d -m 0755 "$data" "$control"

case "$variant" in
  node)
    bundle=dist/$NAME.cjs
    [ -f "$bundle" ] || die "$bundle is missing (make build)"
    install -d -m 0755 "$data/usr/bin" "$data/usr/lib/$NAME" "$data/etc/init.d" "$data/etc/config"
    install -m 0644 "$bundle" "$data/usr/lib/$NAME/$NAME.cjs"
    # The launcher passes the V8 flags of build/sea.cjs, read from there so the two never differ.
    exec_argv=$(node -e 'process.stdout.write(require("./build/sea.cjs").EXEC_ARGV.join(" "))')
    sed -e "s|@EXEC_ARGV@|$exec_argv|" -e "s|@EXEC_ARGV_DOC@|$exec_argv|" "$src/launcher.in" >"$data/usr/bin/$NAME"
    chmod 0755 "$data/usr/bin/$NAME"
    install -m 0755 "$src/$NAME.init" "$data/etc/init.d/$NAME"
    uci_config >"$data/etc/config/$NAME"
    chmod 0644 "$data/etc/config/$NAME"
    depends='Depends: node'
    architecture=all
    runs="Runs on OpenWrt's Node.js (package node)."
    ;;
  amd64 | arm64)
    if ! openwrt_selfcontained_root "$variant" "$data"; then
      log "warning: dist/$NAME-$VERSION-linux-$MACHINE.tar.gz was not built (make dist says why): the self-contained $MACHINE .ipk is not built"
      exit 0
    fi
    depends=''
    architecture=$(openwrt_arch "$variant")
    runs="Self-contained ($MACHINE): carries its own C library, needs no other package."
    ;;
  *) die "unknown variant $variant (node, amd64 or arm64)" ;;
esac

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

{
  printf 'Package: %s\nVersion: %s\n' "$NAME" "$VERSION"
  [ -z "$depends" ] || printf '%s\n' "$depends"
  cat <<EOT
Source: $NAME
SourceName: $NAME
License: $LICENSE
Section: utils
Require-User: $OPENWRT_USER
Maintainer: $MAINTAINER
Architecture: $architecture
Installed-Size: $installed_size
Description: Prometheus exporter for machine metrics, node_exporter-compatible.
 Reads /proc and /sys and serves node_exporter-compatible metrics on port 9101
 (UCI: /etc/config/$NAME). $runs
EOT
} >"$control/control"
chmod 0644 "$control/control" "$control/conffiles"
clamp_mtimes "$control"
ipk_tar "$control" . | gzip -n -9 >"$stage/control.tar.gz"

echo 2.0 >"$stage/debian-binary"
clamp_mtimes "$stage"
ipk=$OUT/${NAME}_${VERSION}_$architecture.ipk
ipk_tar "$stage" ./debian-binary ./data.tar.gz ./control.tar.gz | gzip -n -9 >"$ipk.tmp"
mv "$ipk.tmp" "$ipk"
log "$ipk ($(stat -c %s "$ipk") bytes, $installed_size bytes installed)"
