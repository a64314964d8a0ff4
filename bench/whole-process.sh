#!/usr/bin/env bash
# Whole-process benchmarks of the native executable (start-up, reading, output all included), with hyperfine:
#   findings  `hardentui findings --strace-log LOG --json` vs the seed's awk|sort|uniq pipeline on a large real
#             strace log (data/nginx-load.log.gz repeated COPIES times), after checking both give the same histogram
#   version   `hardentui --version`
#   analyze   `hardentui analyze --json` over every service vs `systemd-analyze security` over the same units, in a
#             sandbox (needs root; run where systemd is not PID 1 or not)
# Usage (as root, from the repository): bench/whole-process.sh [findings|version|analyze]...   (default: all three)
# Results go to stdout and to bench/results/*.md (hyperfine's markdown). Benchmarks only: no test asserts time.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"
command -v hyperfine >/dev/null || tools/apt-install bench hyperfine
./hardentui --version >/dev/null                       # builds the native executable when the sources changed
[ -n "${HARDENTUI_EXE:-}" ] || [ "$(cat .build/app/build-kind)" = native ] || { echo "bench: .build/app is not the native build" >&2; exit 1; }
exe="${HARDENTUI_EXE:-$here/.build/app/hardentui}"   # HARDENTUI_EXE: measure another build (e.g. a branch's)
out="$here/bench/results"
mkdir -p "$out"
copies="${COPIES:-6}"
runs="${RUNS:-5}"

findings() {
  local log="${TMPDIR:-/tmp}/hardentui-bench-strace.log"
  if [ ! -f "$log" ] || [ "$(stat -c %s "$log")" -lt $((copies * 60000000)) ]; then
    : >"$log"
    for _ in $(seq "$copies"); do zcat bench/HardenTui.Bench/data/nginx-load.log.gz >>"$log"; done
  fi
  echo "findings: $(du -m "$log" | cut -f1) MB, $(wc -l <"$log") lines"
  local seed="awk '{print \$3}' $log | awk -F\\( '{print \$1}' | grep -E '^[a-z]' | sort | uniq -c"
  diff <(sh -c "$seed" | awk '{print $2, $1}' | sort) \
       <("$exe" findings --strace-log "$log" --json | jq -r '.syscalls | to_entries[] | "\(.key) \(.value)"' | sort) \
    && echo "findings: histograms identical"
  cat /proc/loadavg
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$out/findings.md" \
    -n "hardentui findings --json" "$exe findings --strace-log $log --json" \
    -n "seed awk|sort|uniq" "$seed"
}

version() {
  cat /proc/loadavg
  hyperfine -N --warmup 10 --runs 300 --export-markdown "$out/version.md" \
    -n "hardentui --version" "$exe --version" -n "systemd-analyze --version" "systemd-analyze --version"
  cat /proc/loadavg
}

analyze() {
  # In a sandbox: every service it has, both tools over the same list, the JSON checked to be one per unit.
  "$exe" sandbox --install nginx-light redis-server memcached curl -- sh -c '
    units="$(systemctl list-units --type=service --all --no-legend --plain | awk "\$1 ~ /\\.service\$/ && \$2 == \"loaded\" {print \$1}" | tr "\n" " ")"
    echo "analyze: $(echo $units | wc -w) services (loaded)"
    '"$exe"' analyze --json $units >/dev/null || exit 1
    cat /proc/loadavg
    hyperfine -N --warmup 1 --runs '"$runs"' --export-markdown /tmp/analyze.md \
      -n "hardentui analyze --json" "'"$exe"' analyze --json $units" \
      -n "systemd-analyze security" "systemd-analyze security --no-pager $units"
    cat /tmp/analyze.md' | tee "$out/analyze.txt"   # the sandbox keeps nothing: its output is the record
}

for what in "${@:-findings version analyze}"; do
  for w in $what; do "$w"; done
done
