#!/bin/sh
# Two builds of the bundle side by side on the router fixture, under wrk load in turn: before/after
# figures for a change, measured in the same stretches of time (this shared VM's speed drifts).
#
#   sh bench/ab-bundles.sh A.cjs B.cjs [collector ...]
#
# A and B are bundles (make a baseline with `git worktree add /tmp/base <commit>` and
# `node build/bundle.mjs /tmp/a.cjs` there). Collectors default to make bench's twelve. AB_ROUNDS
# (default 5) rounds of AB_SECONDS (default 3) of `wrk -c AB_CONNS` (default 1) each, alternated; prints
# scrapes/s and the CPU of the whole process (all threads) per scrape for every round, then the RSS.
# Needs wrk and curl; run from the project root.
set -eu
A=$1
B=$2
shift 2
SET=${*:-cpu meminfo netdev diskstats hwmon thermal_zone loadavg stat conntrack pressure filefd entropy}
ROUNDS=${AB_ROUNDS:-5}
SECONDS_EACH=${AB_SECONDS:-3}
CONNS=${AB_CONNS:-1}
T=$(pwd)/test/fixtures/router
FLAGS="--path.procfs=$T/proc --path.sysfs=$T/sys --path.rootfs=$T --path.udev.data=$T/run/udev/data --collector.disable-defaults"
for c in $SET; do FLAGS="$FLAGS --collector.$c"; done
NODE_FLAGS="--max-semi-space-size=2 --max-old-space-size=32"

# shellcheck disable=SC2086 # word splitting of the flag lists is meant
node $NODE_FLAGS "$A" $FLAGS --web.listen-address=127.0.0.1:19201 2>/dev/null &
PA=$!
# shellcheck disable=SC2086
node $NODE_FLAGS "$B" $FLAGS --web.listen-address=127.0.0.1:19202 2>/dev/null &
PB=$!
trap 'kill $PA $PB 2>/dev/null' EXIT
sleep 2
for port in 19201 19202; do
  i=0
  while [ $i -lt 300 ]; do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; i=$((i + 1)); done
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
echo "label scrapes/s cpu_ms_per_scrape"
r=0
while [ $r -lt "$ROUNDS" ]; do
  for x in "A $PA 19201" "B $PB 19202"; do
    # shellcheck disable=SC2086
    set -- $x
    t0=$(ticks "$2")
    out=$(wrk -c"$CONNS" -t1 -d"${SECONDS_EACH}s" "http://127.0.0.1:$3/metrics" 2>&1)
    t1=$(ticks "$2")
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "$1 $rps $(awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v n="$n" 'BEGIN {printf "%.3f", (b - a) * 1000 / hz / n}')"
  done
  r=$((r + 1))
done
echo "RSS kB: A $(awk '/VmRSS/ {print $2}' "/proc/$PA/status") B $(awk '/VmRSS/ {print $2}' "/proc/$PB/status")"
