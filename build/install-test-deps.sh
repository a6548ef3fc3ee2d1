#!/usr/bin/env bash
# Installs the Debian packages the full test suite uses, as root or through sudo:
#   prometheus               real Prometheus server and promtool (also a remote-write receiver)
#   victoria-metrics         a second remote-write receiver
#   prometheus-node-exporter the reference implementation, for side-by-side comparison
#   qemu-user-static + arm64 cross libs, to run the arm64 executable
#   binutils for x86-64 and aarch64 (strip), to build the executables (make dist)
#   wrk, hyperfine, shellcheck, xz-utils, file
#   iw                       the wifi collector against the real iw (no data without nl80211)
#   iproute2                 tc, for the qdisc collector
#   busybox-static           a root with no libc at all, for the self-contained executables
#   openssl                  certificates made for the TLS tests (test/security)
#   packages (make packages, test/packaging): lintian, debootstrap, binfmt-support (update-binfmts,
#   arm64 roots through qemu), podman + runc (container images; runc, since crun fails on the CI
#   machine's cgroups)
# and debootstraps the Debian roots the .deb install tests use (build/make-test-roots.sh).
# Packages already present are not reinstalled.
#
#   install-test-deps.sh              install, or fail when that is not possible (make deps)
#   install-test-deps.sh --if-possible  without root and without sudo, say so and what to run, exit 0
#                                     (make test: the tests that need what is missing are skipped,
#                                     each named when the suite starts)
set -euo pipefail
pkgs=(prometheus victoria-metrics prometheus-node-exporter qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross binutils-x86-64-linux-gnu binutils-aarch64-linux-gnu shellcheck wrk hyperfine xz-utils file iw iproute2 busybox-static openssl lintian debootstrap binfmt-support podman runc)
log() { printf 'test dependencies: %s\n' "$*" >&2; }
optional=false
[ "${1:-}" = --if-possible ] && optional=true

# Root runs apt-get itself; otherwise sudo, when it can be used without a password or there is a
# terminal to ask for one. Sets SUDO, or fails (with --if-possible: says so and returns 1).
SUDO=""
can_install() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then SUDO=sudo; return 0; fi
  if $optional; then
    log "not root and no sudo: $1: not installed. The tests that need them are skipped, each named when"
    log "the suite starts. To install everything: sudo make deps"
    return 1
  fi
  log "error: needs root or sudo to install $1"
  exit 1
}

if ! command -v apt-get >/dev/null; then
  log "apt-get not found (not a Debian/Ubuntu machine): nothing installed; the tests that need a missing package are skipped"
  exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "all installed"
elif can_install "${missing[*]}"; then
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  apt_install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
  if ! apt_install "${missing[@]}"; then
    # One package this distribution lacks must not keep the others out: one at a time, then say which.
    failed=()
    for p in "${missing[@]}"; do apt_install "$p" 2>/dev/null || failed+=("$p"); done
    if [ ${#failed[@]} -gt 0 ]; then
      log "could not install ${failed[*]} (apt-get install ${failed[*]}): the tests that need them are skipped"
      $optional || exit 1
    fi
  fi
fi
# The Debian roots the .deb install tests use (downloaded here, never by a test; those tests need root).
if [ "$(id -u)" -eq 0 ]; then
  bash "$(dirname "$0")/make-test-roots.sh"
elif can_install "the Debian test roots (the .deb install tests run as root only)"; then
  sudo bash "$(dirname "$0")/make-test-roots.sh"
fi
