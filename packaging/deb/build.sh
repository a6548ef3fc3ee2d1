#!/usr/bin/env bash
# Builds dist/packages/linux-tiny-exporter_<version>_<arch>.deb (arch: amd64 or arm64) from the
# single-file executable of `make dist`. No debhelper: dpkg-deb on a staged tree, root-owned, with
# reproducible mtimes; the maintainer scripts are the ones dh_installsystemd would write.
#
#   bash packaging/deb/build.sh amd64|arm64
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=deb
# shellcheck source=packaging/common.sh
. packaging/common.sh

arch=${1:?usage: build.sh amd64|arm64}
case "$arch" in
  amd64) bin=dist/$NAME-linux-x64 ;;
  arm64) bin=dist/$NAME-linux-arm64 ;;
  *) die "unknown architecture $arch (amd64 or arm64)" ;;
esac
[ -x "$bin" ] || die "$bin is missing (make dist)"
src=packaging/deb
changelog_version=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$src/changelog")
[ "$changelog_version" = "$VERSION" ] ||
  die "packaging/deb/changelog starts with version $changelog_version, package.json says $VERSION: add an entry"

mkdir -p "$OUT"
stage=$(mktemp -d "$OUT/.deb-$arch.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
doc=$root/usr/share/doc/$NAME
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/default" \
  "$doc" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"

install -m 0755 "$bin" "$root/usr/bin/$NAME"
install -m 0644 "$src/$NAME.service" "$root/lib/systemd/system/$NAME.service"
install -m 0644 "$src/default" "$root/etc/default/$NAME"
sed "s/@VERSION@/$VERSION/" packaging/$NAME.1 | gzip -9n >"$root/usr/share/man/man1/$NAME.1.gz"
gzip -9n <"$src/changelog" >"$doc/changelog.gz"
project_copyright >"$doc/copyright"
chmod 0644 "$doc/copyright" "$doc/changelog.gz" "$root/usr/share/man/man1/$NAME.1.gz"
install -m 0644 "$src/lintian-overrides" "$root/usr/share/lintian/overrides/$NAME"

for script in postinst prerm postrm; do
  install -m 0755 "$src/$script" "$root/DEBIAN/$script"
done
printf '/etc/default/%s\n' "$NAME" >"$root/DEBIAN/conffiles"

installed_size=$(du -k -s --apparent-size --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: libc6 (>= 2.28), libgcc-s1 (>= 3.0), libstdc++6 (>= 5.2)
Section: net
Priority: optional
Description: Prometheus exporter for machine metrics, node_exporter-compatible
 linux-tiny-exporter reads /proc and /sys and serves node_exporter-compatible
 metrics (same names, labels, types and values) on port 9101, so existing
 Grafana dashboards and alert rules work unchanged. It is made for routers
 and small edge machines.
 .
 This package holds a single executable (Node.js 22 and the exporter in one
 file) and a hardened systemd service that runs it as an unprivileged
 dynamic user. Its flags are set in /etc/default/linux-tiny-exporter.
EOF
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"
clamp_mtimes "$root"

deb=$OUT/${NAME}_${VERSION}_$arch.deb
dpkg-deb --root-owner-group -Zxz -z6 --build "$root" "$deb.tmp" >/dev/null
mv "$deb.tmp" "$deb"
log "$deb ($(stat -c %s "$deb") bytes)"
