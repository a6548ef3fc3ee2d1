#!/usr/bin/env bash
# Builds the container image localhost/linux-tiny-exporter:<version>-<arch> (amd64 or arm64) from
# the Containerfile, FROM scratch: no image registry is needed (none is reachable from the build
# machines). The build context, dist/container/<arch>/, is staged here: the single-file executable
# of `make dist`, exactly the shared libraries it loads (found by asking the dynamic loader,
# `ld.so --list`; arm64 through qemu-aarch64-static and Debian's arm64 cross libraries), and an
# /etc/passwd naming the unprivileged user the image runs as. Also writes
# dist/packages/linux-tiny-exporter_<version>_<arch>.oci.tar (podman load -i ...).
#
#   bash packaging/container/build.sh amd64|arm64
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=container
# shellcheck source=packaging/common.sh
. packaging/common.sh
# shellcheck source=packaging/container/env.sh
. packaging/container/env.sh

arch=${1:?usage: build.sh amd64|arm64}
exe_arch "$arch"
bin=$EXE
# Not errors, so that `make test` works before `make deps`; the container test skips likewise.
missing=$(exe_libs_missing "$arch")
if [ -n "$missing" ]; then
  log "warning: $missing is missing: image $arch not built"
  exit 0
fi
[ -x "$bin" ] || die "$bin is missing (make dist)"
if ! command -v podman >/dev/null; then
  # Not an error, so that `make test` works before `make deps`; the container test skips likewise.
  log "warning: podman is missing (apt-get install podman runc, or make deps): image $arch not built"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  # The project's podman settings (env.sh: vfs storage, runc, cgroupfs) are for root; the test skips too.
  log "warning: not root: image $arch not built (make test as root builds it)"
  exit 0
fi

context=dist/container/$arch
rm -rf "$context"
install -d -m 0755 "$context/usr/bin" "$context/etc"
install -m 0755 "$bin" "$context/usr/bin/$NAME"

# Each library at the path the loader found it (the interpreter at its ELF path), its symlinks
# resolved (packaging/common.sh, exe_libs).
libs=$(exe_libs "$arch" "$bin")
[ -n "$libs" ] || die "the dynamic loader listed no libraries for $bin"
while read -r lib host; do
  install -D -m 0755 "$host" "$context$lib"
done <<<"$libs"

printf 'root:x:0:0:root:/:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' >"$context/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$context/etc/group"
chmod 0644 "$context/etc/passwd" "$context/etc/group"
clamp_mtimes "$context"

image=localhost/$NAME:$VERSION-$arch
log "building $image from $context"
podman build --quiet --platform "linux/$arch" --timestamp "$SOURCE_DATE_EPOCH" \
  --label "org.opencontainers.image.version=$VERSION" \
  -f Containerfile -t "$image" "$context" >/dev/null
mkdir -p "$OUT"
archive=$OUT/${NAME}_${VERSION}_$arch.oci.tar
rm -f "$archive"
podman save --quiet --format oci-archive -o "$archive" "$image"
# The image this one replaced is left untagged in the project's (vfs) storage: drop such leftovers.
podman image prune -f >/dev/null
log "$image, $archive ($(stat -c %s "$archive") bytes)"
