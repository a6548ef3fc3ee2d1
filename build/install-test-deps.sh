#!/usr/bin/env bash
# Installs the Debian packages the full test suite uses (run as root, or through sudo):
#   prometheus               real Prometheus server and promtool
#   prometheus-node-exporter the reference implementation, for side-by-side comparison
#   qemu-user-static + arm64 cross libs, to run the arm64 executable
#   binutils for x86-64 and aarch64 (strip), to build the executables (make dist)
#   wrk, hyperfine, shellcheck, xz-utils, file
#   iw                       the wifi collector against the real iw (no data without nl80211)
#   openssl                  certificates made for the TLS tests (test/security)
#   packages (make packages, test/packaging): lintian, debootstrap, binfmt-support (update-binfmts,
#   arm64 roots through qemu), podman + runc (container images; runc, since crun fails on the CI
#   machine's cgroups)
# Packages already present are not reinstalled.
set -euo pipefail
pkgs=(prometheus prometheus-node-exporter qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross binutils-x86-64-linux-gnu binutils-aarch64-linux-gnu shellcheck wrk hyperfine xz-utils file iw openssl lintian debootstrap binfmt-support podman runc)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all installed"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "test dependencies: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian roots the .deb install tests use (downloaded here, never by a test).
if [ "$(id -u)" -eq 0 ]; then bash "$(dirname "$0")/make-test-roots.sh"; else sudo bash "$(dirname "$0")/make-test-roots.sh"; fi
