#!/usr/bin/env bash
# Builds dist/linux-tiny-exporter-<version>-linux-<machine>.tar.gz (machine: x86_64 or aarch64), the
# self-contained form of a `make dist` executable for any Linux of that CPU, musl or glibc: one
# directory, linux-tiny-exporter-<version>-linux-<machine>/, holding
#
#   linux-tiny-exporter              POSIX sh launcher (packaging/selfcontained/launcher.in): execs
#                                    the loader on the executable with every argument
#   libexec/linux-tiny-exporter      the executable of `make dist`, unchanged
#   lib/linux-tiny-exporter          glibc's dynamic loader (ld-linux-x86-64.so.2, ld-linux-aarch64.so.1),
#                                    named so that the process it becomes is named as the exporter
#                                    (/proc/<pid>/exe, comm, argv[0]: what ps, top, pidof and killall show)
#   lib/*.so.*                       exactly the libraries the executable loads (packaging/common.sh,
#                                    exe_libs), from Debian's libc6, libstdc++6 and libgcc-s1 (amd64) or
#                                    their -arm64-cross twins
#   share/doc/<package>/copyright    the copyright file of each Debian package a library came from,
#                                    and the project's own (Node.js's license included)
#
# The OpenWrt packages (.apk, self-contained .ipk) are made from this archive. Without the tools to
# list the arm64 libraries (qemu-user-static, libc6-arm64-cross) it warns and builds nothing, so that
# `make dist` and `make test` still work there; the tests skip likewise.
#
#   bash packaging/selfcontained/build.sh amd64|arm64
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=selfcontained
# shellcheck source=packaging/common.sh
. packaging/common.sh

arch=${1:?usage: build.sh amd64|arm64}
exe_arch "$arch"
[ -x "$EXE" ] || die "$EXE is missing (make dist)"
missing=$(exe_libs_missing "$arch")
if [ -n "$missing" ]; then
  log "warning: $missing is missing: the self-contained $MACHINE archive is not built"
  exit 0
fi

top=$NAME-$VERSION-linux-$MACHINE
stage=$(mktemp -d "dist/.selfcontained-$arch.XXXXXX")
trap 'rm -rf "$stage"' EXIT
tree=$stage/$top
install -d -m 0755 "$tree/libexec" "$tree/lib" "$tree/share/doc/$NAME"

install -m 0755 "$EXE" "$tree/libexec/$NAME"
sed -e "s|@MACHINE@|$MACHINE|g" packaging/selfcontained/launcher.in >"$tree/$NAME"
chmod 0755 "$tree/$NAME"

libs=$(exe_libs "$arch" "$EXE")
[ -n "$libs" ] || die "the dynamic loader listed no libraries for $EXE"
grep -q "/$LOADER " <<<"$libs" || die "the dynamic loader $LOADER is not among the libraries of $EXE"
packages=()
while read -r lib host; do
  name=${lib##*/}
  # The loader is executed (by the launcher), under the exporter's name; the libraries are only
  # mapped. The loader is found by libc's DT_NEEDED through its own DT_SONAME, not its file name.
  if [ "$name" = "$LOADER" ]; then
    install -m 0755 "$host" "$tree/lib/$NAME"
  else
    install -m 0644 "$host" "$tree/lib/$name"
  fi
  package=$(owning_package "$host")
  [ -n "$package" ] || die "no Debian package owns $host (dpkg -S): its copyright file cannot be shipped"
  packages+=("$package")
done <<<"$libs"
for package in $(printf '%s\n' "${packages[@]}" | sort -u); do
  copyright=/usr/share/doc/$package/copyright
  [ -f "$copyright" ] || die "$copyright is missing"
  install -D -m 0644 "$copyright" "$tree/share/doc/$package/copyright"
done
project_copyright >"$tree/share/doc/$NAME/copyright"
chmod 0644 "$tree/share/doc/$NAME/copyright"

clamp_mtimes "$stage"
archive=dist/$top.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --format=gnu \
  -C "$stage" -cf - "$top" | gzip -n -9 >"$archive.tmp"
mv "$archive.tmp" "$archive"
log "$archive ($(stat -c %s "$archive") bytes; $(du -sb --apparent-size "$tree" | cut -f1) bytes unpacked)"
