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

# The architectures of the executables: Debian's name (amd64, arm64) -> the executable `make dist`
# writes, what `uname -m` says on such a machine, and the name of glibc's dynamic loader there.
# Sets EXE, MACHINE, LOADER and SYSROOT (where Debian keeps that architecture's libraries: / for the
# build host's, /usr/aarch64-linux-gnu for the arm64 cross libraries).
exe_arch() {
  case "$1" in
    amd64) EXE=dist/$NAME-linux-x64 MACHINE=x86_64 LOADER=ld-linux-x86-64.so.2 SYSROOT='' ;;
    arm64) EXE=dist/$NAME-linux-arm64 MACHINE=aarch64 LOADER=ld-linux-aarch64.so.1 SYSROOT=/usr/aarch64-linux-gnu ;;
    *) die "unknown architecture $1 (amd64 or arm64)" ;;
  esac
}

# Prints what is missing to list the libraries of an $1 (amd64|arm64) executable on this machine, with
# the Debian packages that bring it; prints nothing when all is there. Callers decide whether that is
# an error or a skip.
exe_libs_missing() {
  exe_arch "$1"
  [ "$1" = amd64 ] && return 0
  command -v qemu-aarch64-static >/dev/null || { echo "qemu-aarch64-static (apt-get install qemu-user-static, or make deps)"; return 0; }
  [ -e "$SYSROOT/lib/$LOADER" ] || { echo "$SYSROOT (apt-get install libc6-arm64-cross libstdc++6-arm64-cross, or make deps)"; return 0; }
  return 0
}

# exe_libs <amd64|arm64> <executable>: the shared libraries the executable loads, found by asking
# glibc's dynamic loader (`ld.so --list`; arm64 through qemu-aarch64-static and Debian's arm64 cross
# libraries), one "<path at run time> <file on this machine, symlinks resolved>" pair per line, the
# loader (the ELF interpreter) included: "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and
# "/lib64/ld-linux-x86-64.so.2 (0x...)".
exe_libs() {
  local arch=$1 bin=$2 listing lib
  exe_arch "$arch"
  if [ "$arch" = amd64 ]; then
    listing=$(/lib64/ld-linux-x86-64.so.2 --list "$bin")
  else
    listing=$(qemu-aarch64-static -L "$SYSROOT" "$SYSROOT/lib/$LOADER" --list "$bin")
  fi
  awk '$1 ~ /^\// { print $1; next } $2 == "=>" && $3 ~ /^\// { print $3 }' <<<"$listing" |
    while read -r lib; do printf '%s %s\n' "$lib" "$(readlink -f "$SYSROOT$lib")"; done
}

# The Debian package that installed a file (dpkg -S), trying the /usr-merged twin of /lib paths.
owning_package() {
  local file=$1 alt
  case "$file" in
    /usr/lib/*) alt=${file#/usr} ;;
    /lib/*) alt=/usr$file ;;
    *) alt=$file ;;
  esac
  { dpkg -S "$file" 2>/dev/null || dpkg -S "$alt" 2>/dev/null; } | head -n1 | cut -d: -f1
}

# The project's copyright file (Debian's machine-readable format), Node.js's LICENSE included: it
# covers the executables, which carry Node.js.
project_copyright() {
  cat packaging/deb/copyright
  # Node.js's LICENSE as the body of the last License field: lines indented, empty lines as " .".
  sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' packaging/deb/node-LICENSE
}

# The OpenWrt packages' UCI config (packaging/ipk/linux-tiny-exporter.config.in), on stdout. OpenWrt's
# default config turns the wifi collector on, but only if the bundle has one: an unknown
# --collector.wifi would make the exporter exit 2. Without it the line stays, commented out.
uci_config() {
  local wifi_prefix='#'
  if node "dist/$NAME.cjs" --help 2>/dev/null | grep -qE -- '--\[no-\]collector\.wifi( |$)'; then
    wifi_prefix=''
  else
    log "the bundle has no wifi collector: list collector 'wifi' is commented out in /etc/config/$NAME"
  fi
  sed "s|^@WIFI@|$wifi_prefix|" "packaging/ipk/$NAME.config.in"
}

# The unprivileged system user the OpenWrt packages run the exporter as, in OpenWrt's USERID form
# (user:group; the ids are the next free ones from 32768, chosen at install by add_group_and_user of
# /lib/functions.sh). The .ipk's control says it as Require-User, the .apk in
# /lib/apk/packages/<name>.rusers.
OPENWRT_USER=$NAME:$NAME

# openwrt_selfcontained_root <amd64|arm64> <dir>: fills <dir> with what the self-contained OpenWrt
# packages install: the self-contained archive of `make dist` as /usr/lib/linux-tiny-exporter/,
# /usr/bin/linux-tiny-exporter (a symbolic link to its launcher), the procd init script and the UCI
# config of packaging/ipk/ (the same as the .ipk that runs on OpenWrt's node). Returns 1 when the
# archive was not built (make dist warned why).
openwrt_selfcontained_root() {
  local arch=$1 dir=$2 top archive
  exe_arch "$arch"
  top=$NAME-$VERSION-linux-$MACHINE
  archive=dist/$top.tar.gz
  [ -f "$archive" ] || return 1
  install -d -m 0755 "$dir/usr/lib" "$dir/usr/bin" "$dir/etc/init.d" "$dir/etc/config"
  tar -xzf "$archive" -C "$dir/usr/lib"
  mv "$dir/usr/lib/$top" "$dir/usr/lib/$NAME"
  ln -s "../lib/$NAME/$NAME" "$dir/usr/bin/$NAME"
  install -m 0755 "packaging/ipk/$NAME.init" "$dir/etc/init.d/$NAME"
  uci_config >"$dir/etc/config/$NAME"
  chmod 0644 "$dir/etc/config/$NAME"
}

# The OpenWrt package architecture of an executable's packages: what opkg's `arch` lines and apk's
# /etc/apk/arch name on a router of that CPU. x86_64 is OpenWrt's x86/64 target; for arm64 one
# package architecture per build, aarch64_cortex-a53 unless OPENWRT_AARCH64 names another
# (aarch64_generic, aarch64_cortex-a72, aarch64_cortex-a76: the same executable runs on all of them).
openwrt_arch() {
  case "$1" in
    amd64) echo x86_64 ;;
    arm64) echo "${OPENWRT_AARCH64:-aarch64_cortex-a53}" ;;
    *) die "unknown architecture $1 (amd64 or arm64)" ;;
  esac
}
