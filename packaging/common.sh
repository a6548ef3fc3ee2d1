# shellcheck shell=bash disable=SC2034
# Sourced by the packaging scripts: names, version and timestamps shared by the .deb, the .ipk and the
# container image. Run from the repository root.
NAME=linux-tiny-exporter
VERSION=$(node -p "require('./package.json').version")
MAINTAINER='linux-tiny-exporter maintainers <linux-tiny-exporter@example.org>'
LICENSE=$(node -p "require('./package.json').license")
OUT=dist/packages
# Reproducible builds: every file's mtime, and gzip's header, come from the last commit (or the
# SOURCE_DATE_EPOCH given by the caller); outside a git checkout, from package.json's mtime.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || stat -c %Y package.json)
fi
export SOURCE_DATE_EPOCH

log() { printf '%s: %s\n' "${LOG_PREFIX:-packaging}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${LOG_PREFIX:-packaging}" "$*" >&2; exit 1; }

# Sets every mtime under $1 to SOURCE_DATE_EPOCH.
clamp_mtimes() { find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }

# A tar of the directory $1's contents ("./..."), root-owned, sorted, reproducible, on stdout.
tar_dir() {
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    --format=gnu -C "$1" -cf - .
}
