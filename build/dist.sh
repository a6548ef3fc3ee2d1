#!/usr/bin/env bash
# make dist: single-file executables for linux x64 and arm64 from dist/linux-tiny-exporter.cjs.
#
#   dist/linux-tiny-exporter-linux-x64      dist/linux-tiny-exporter-linux-x64.xz
#   dist/linux-tiny-exporter-linux-arm64    dist/linux-tiny-exporter-linux-arm64.xz
#   dist/SHA256SUMS
#
# Network: only the npm registry (npm pack of the pinned node-linux-<arch> packages, once).
# Everything downloaded or derived is kept under .cache/ and reused by later builds.
#
# Steps:
#   1. base Node binaries: `npm pack node-linux-<arch>@NODE_VERSION` (the tarball's sha512 must match
#      the pin below), bin/node stripped of symbols and debug info (measured: 17 MB less on disk,
#      the same resident memory; see docs/binaries.md), laid out the way pkg's SEA mode caches
#      Node release archives: .cache/pkg-home/.pkg-cache/sea/node-v<ver>-linux-<arch>.tar.gz (+ .ok),
#      already extracted beside it (+ bin/node.ok).
#   2. @yao-pkg/pkg SEA build (build/sea.cjs), run by that Node (pkg needs Node >= 22) with
#      HOME=.cache/pkg-home so pkg neither downloads anything nor writes into the user's home.
#   3. smoke test (--version) of the host's binary, xz copies, SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=22.23.3
declare -A NODE_INTEGRITY=(
  [x64]='sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng=='
  [arm64]='sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA=='
)
declare -A STRIP_TOOL=([x64]=x86_64-linux-gnu-strip [arm64]=aarch64-linux-gnu-strip)
declare -A STRIP_PACKAGE=([x64]=binutils-x86-64-linux-gnu [arm64]=binutils-aarch64-linux-gnu)
ARCHS=(x64 arm64)
BUNDLE=dist/linux-tiny-exporter.cjs
NAME=linux-tiny-exporter

CACHE=$PWD/.cache
PKG_HOME=$CACHE/pkg-home
SEA_CACHE=$PKG_HOME/.pkg-cache/sea

log() { printf 'dist: %s\n' "$*" >&2; }
die() { printf 'dist: error: %s\n' "$*" >&2; exit 1; }

[ -f "$BUNDLE" ] || die "$BUNDLE is missing (make build)"
[ -d node_modules/@yao-pkg/pkg ] || die "node_modules/@yao-pkg/pkg is missing (make install)"
command -v xz >/dev/null || die "xz is missing (apt-get install xz-utils, or make deps)"
# Stripping is worth 17 MB per executable but needs binutils for each architecture; without them (a
# fresh machine before `make deps`) the executables are built unstripped, with a warning, so that
# `make test` still works there.
declare -A STRIP_MODE
for arch in "${ARCHS[@]}"; do
  if command -v "${STRIP_TOOL[$arch]}" >/dev/null; then
    STRIP_MODE[$arch]=stripped
  else
    STRIP_MODE[$arch]=unstripped
    log "warning: ${STRIP_TOOL[$arch]} is missing (apt-get install ${STRIP_PACKAGE[$arch]}, or make deps): the $arch executable is not stripped (17 MB larger)"
  fi
done

case "$(uname -m)" in
  x86_64) HOST_ARCH=x64 ;;
  aarch64) HOST_ARCH=arm64 ;;
  *) die "unsupported build host $(uname -m): need x86_64 or aarch64" ;;
esac

OUTPUTS=("$NAME-linux-x64" "$NAME-linux-x64.xz" "$NAME-linux-arm64" "$NAME-linux-arm64.xz" SHA256SUMS)

# Make reruns this script whenever the bundle's timestamp changes; when its content (and the rest of
# the inputs) did not, the existing executables stand: check them and refresh their timestamps.
INPUTS=$( (cat "$BUNDLE" build/dist.sh build/sea.cjs node_modules/@yao-pkg/pkg/package.json node_modules/postject/package.json; echo "${STRIP_MODE[*]}") | sha256sum | cut -d' ' -f1)
if [ -f dist/.dist-inputs ] && [ "$(cat dist/.dist-inputs)" = "$INPUTS" ] && (cd dist && sha256sum --quiet --status -c SHA256SUMS 2>/dev/null); then
  for f in "${OUTPUTS[@]}"; do touch "dist/$f"; done
  log "executables up to date (same bundle)"
  exit 0
fi
rm -f dist/.dist-inputs

# 1. Base Node binaries, in pkg's SEA cache layout.
base_node() {
  local arch=$1
  local dir=node-v$NODE_VERSION-linux-$arch
  local node=$SEA_CACHE/$dir/bin/node
  if [ "$(cat "$node.ok" 2>/dev/null)" = "${STRIP_MODE[$arch]}" ] && [ -f "$node" ] && [ -f "$SEA_CACHE/$dir.tar.gz.ok" ] && [ -f "$SEA_CACHE/$dir.tar.gz" ]; then
    return
  fi
  log "fetching node-linux-$arch@$NODE_VERSION from the npm registry"
  local work
  work=$(mktemp -d "$CACHE/node-$arch.XXXXXX")
  # npm pack does not check os/cpu (npm install of the arm64 package fails with EBADPLATFORM on x64).
  npm pack "node-linux-$arch@$NODE_VERSION" --pack-destination "$work" --json --silent >"$work/pack.json"
  local integrity file
  integrity=$(node -e 'process.stdout.write(require(process.argv[1])[0].integrity)' "$work/pack.json")
  file=$(node -e 'process.stdout.write(require(process.argv[1])[0].filename)' "$work/pack.json")
  [ "$integrity" = "${NODE_INTEGRITY[$arch]}" ] \
    || die "node-linux-$arch@$NODE_VERSION: integrity $integrity, expected ${NODE_INTEGRITY[$arch]}"
  tar -xzf "$work/$file" -C "$work" package/bin/node
  rm -rf "${SEA_CACHE:?}/$dir" "$SEA_CACHE/$dir.tar.gz" "$SEA_CACHE/$dir.tar.gz.ok"
  mkdir -p "$SEA_CACHE/$dir/bin"
  if [ "${STRIP_MODE[$arch]}" = stripped ]; then
    "${STRIP_TOOL[$arch]}" --strip-all -o "$node" "$work/package/bin/node"
  else
    cp "$work/package/bin/node" "$node"
  fi
  # The archive pkg would have downloaded from nodejs.org (same layout), and pkg's "extracted" marker.
  tar -C "$SEA_CACHE" --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - "$dir/bin/node" | gzip -n -1 >"$SEA_CACHE/$dir.tar.gz"
  : >"$SEA_CACHE/$dir.tar.gz.ok"
  echo "${STRIP_MODE[$arch]}" >"$node.ok"
  rm -rf "$work"
}

mkdir -p "$SEA_CACHE"
for arch in "${ARCHS[@]}"; do base_node "$arch"; done
HOST_NODE=$SEA_CACHE/node-v$NODE_VERSION-linux-$HOST_ARCH/bin/node
"$HOST_NODE" --version >/dev/null || die "cannot run $HOST_NODE"

# 2. pkg SEA build into a staging directory; results move into dist/ only when complete.
STAGE=$(mktemp -d "$PWD/dist/.stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
log "pkg (SEA mode) for ${ARCHS[*]}, Node $NODE_VERSION"
HOME=$PKG_HOME "$HOST_NODE" build/sea.cjs "$BUNDLE" "$STAGE/$NAME-linux" "$NODE_VERSION" "${ARCHS[@]}" >"$STAGE/pkg.log" 2>&1 \
  || { cat "$STAGE/pkg.log" >&2; die "pkg failed"; }

# 3. Smoke test, compressed copies, checksums.
version=$("$STAGE/$NAME-linux-$HOST_ARCH" --version)
case "$version" in
  *"(node v$NODE_VERSION, linux/$HOST_ARCH)"*) log "$version" ;;
  *) die "unexpected --version output: $version" ;;
esac
for arch in "${ARCHS[@]}"; do
  xz -6 -T0 -k -f "$STAGE/$NAME-linux-$arch"
  chmod 644 "$STAGE/$NAME-linux-$arch.xz"
done
(cd "$STAGE" && sha256sum "$NAME-linux-x64" "$NAME-linux-x64.xz" "$NAME-linux-arm64" "$NAME-linux-arm64.xz" >SHA256SUMS)
for f in "${OUTPUTS[@]}"; do
  mv -f "$STAGE/$f" "dist/$f"
done
echo "$INPUTS" >dist/.dist-inputs
ls -l dist/"$NAME"-linux-* dist/SHA256SUMS >&2
