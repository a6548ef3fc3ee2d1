#!/usr/bin/env bash
# Makes the minimal Debian roots the .deb tests install into (test/packaging/deb.test.ts):
# `debootstrap --variant=minbase bookworm` for amd64 (with systemd, for systemd-analyze verify) and arm64
# (through qemu-user binfmt), kept as tars in $LTE_ROOTFS_CACHE (default /var/cache/linux-tiny-exporter-test).
# debootstrap downloads from the Debian archive, so this runs here, from `make deps`, and never from a
# test: tests make no network traffic but to loopback, and skip the install test when no root is cached.
# A cached root younger than 30 days is kept. Needs root; skipped with a message otherwise.
set -euo pipefail
CACHE=${LTE_ROOTFS_CACHE:-/var/cache/linux-tiny-exporter-test}
log() { printf 'test roots: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then log "not root: skipped (the .deb install tests will be skipped)"; exit 0; fi
for cmd in debootstrap tar; do
  command -v "$cmd" >/dev/null || { log "$cmd not found (apt-get install $cmd): skipped"; exit 0; }
done

# The mirror comes from this machine's apt configuration only (a bookworm source); none is written here.
# shellcheck disable=SC2016 # $(REPO_URI) is apt's format syntax, not the shell's
mirror=$(apt-get indextargets --format '$(REPO_URI) $(CODENAME)' 2>/dev/null | awk '$2 == "bookworm" { print $1; exit }')
if [ -z "$mirror" ]; then
  log "apt has no bookworm source (apt-get indextargets lists none; run apt-get update, or add one to /etc/apt/sources.list.d/)."
  log "The .deb install tests need a Debian 12 root made from it: not made, those tests will be skipped."
  exit 0
fi

enable_arm64_binfmt() {
  [ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null || update-binfmts --enable qemu-aarch64
}

# make_root ARCH [PACKAGE...]: the cache key is the one test/packaging/debroot.ts looks for.
make_root() {
  local arch=$1; shift
  local key="bookworm-$arch-minbase"
  if [ $# -gt 0 ]; then key="$key-$(printf '%s\n' "$@" | sort | paste -sd+)"; fi
  local tar="$CACHE/$key.tar"
  if [ -f "$tar" ] && [ -n "$(find "$tar" -mtime -30)" ]; then log "$key: cached"; return; fi
  if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ]; then enable_arm64_binfmt; fi
  local root include=()
  root=$(mktemp -d "/tmp/lte-$arch-root.XXXXXX")
  if [ $# -gt 0 ]; then include=("--include=$(printf '%s\n' "$@" | paste -sd,)"); fi
  log "$key: debootstrap from $mirror"
  local t0=$SECONDS
  debootstrap --variant=minbase "--arch=$arch" "${include[@]}" bookworm "$root" "$mirror" >/dev/null \
    || { tail -n 30 "$root/debootstrap/debootstrap.log" >&2 || true; rm -rf "$root"; exit 1; }
  mkdir -p "$CACHE"
  tar -cpf "$tar.tmp" -C "$root" --numeric-owner .
  mv "$tar.tmp" "$tar"
  rm -rf "$root"
  log "$key: made in $((SECONDS - t0)) s"
}

make_root amd64 systemd
make_root arm64
