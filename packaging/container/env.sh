# shellcheck shell=bash
# Sourced by the container scripts (and used by test/packaging/container.test.ts): points podman and
# buildah at project-owned configuration instead of /etc/containers, with the settings that work on
# the build machines: storage driver vfs (no overlay mounts needed), runtime runc (crun fails on their
# kernel's cgroups), cgroup manager cgroupfs (no systemd), and ulimits no higher than the current
# ones (raising limits is not permitted there). Images and containers live under .cache/containers.
# Run from the repository root.
CONTAINERS_DIR=$PWD/.cache/containers
mkdir -p "$CONTAINERS_DIR"
cat >"$CONTAINERS_DIR/storage.conf" <<CONF
[storage]
driver = "vfs"
runroot = "$CONTAINERS_DIR/run"
graphroot = "$CONTAINERS_DIR/storage"
CONF
cat >"$CONTAINERS_DIR/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF=$CONTAINERS_DIR/containers.conf
export CONTAINERS_STORAGE_CONF=$CONTAINERS_DIR/storage.conf
