#!/bin/bash
# Regenerates the exposure goldens under tests/HardenTui.Core.Tests/Exposure/golden from the REAL
# `systemd-analyze security` running inside a booted sandbox. Usage (as root):
#   regen.sh LEADER_PID [dropin]   (the sandbox's PID 1 as seen from the host; "dropin" redoes only the drop-in cases)
#   regen.sh LEADER_PID version    (another systemd, e.g. a `sandbox --release trixie`: online and offline only, into
#                                   golden/vNNN/ where NNN is that systemd's version; the offline inputs are shared)
# Writes: online/UNIT.json   {unit, properties (the scorer's inputs only), analyze (--json=short rows), overall, predicate}
#         offline/NAME.json  {file, analyze, overall, predicate} for every offline/units/*.service
#         dropin/CASE.json   {unit, dropin, unit_text (systemctl cat before), analyze, overall, predicate} after really
#                            applying cases/UNIT@@NAME.conf
#         src/HardenTui.Core/Syscalls/recorded/syscall-filter-NNN.txt (that systemd's group listing the scorer resolves
#                            groups from; it ships, for `analyze --offline --systemd-version NNN`)
set -euo pipefail
P=${1:?leader pid of the sandbox}
ONLY=${2:-all}
HERE=$(cd "$(dirname "$0")" && pwd)
GOLDEN=$(cd "$HERE/../../HardenTui.Core.Tests/Exposure/golden" && pwd)
UNITS="$GOLDEN/offline/units"
IN() { nsenter -t "$P" -a "$@"; }
if [ "$ONLY" = version ]; then
  GOLDEN="$GOLDEN/v$(IN systemctl --version | awk 'NR==1{print $2}')"
  mkdir -p "$GOLDEN/online" "$GOLDEN/offline"
fi
PY=$(command -v python3)

IN systemd-analyze syscall-filter > "$HERE/../../../src/HardenTui.Core/Syscalls/recorded/syscall-filter-$(IN systemctl --version | awk 'NR==1{print $2}').txt" 2>/dev/null || true

escape() { "$PY" -c 'import sys;print("".join(c if c.isalnum() else "_%02x" % ord(c) for c in sys.argv[1]))' "$1"; }

record_online() { # unit outfile
  local unit=$1 out=$2 props analyze text
  props=$(IN busctl --json=short call org.freedesktop.systemd1 "/org/freedesktop/systemd1/unit/$(escape "$unit")" \
          org.freedesktop.DBus.Properties GetAll s "")
  analyze=$(IN systemd-analyze security --no-pager --json=short "$unit")
  text=$(IN systemd-analyze security --no-pager "$unit" | tail -1)
  "$PY" "$HERE/golden.py" online "$unit" "$props" "$analyze" "$text" > "$out"
}

if [ "$ONLY" != dropin ]; then
rm -f "$GOLDEN"/online/*.json
for unit in $(IN systemctl list-units --type=service --all --no-legend --plain | awk '$2=="loaded"{print $1}'); do
  record_online "$unit" "$GOLDEN/online/$unit.json" || echo "skip $unit" >&2
done

rm -f "$GOLDEN"/offline/*.json
IN rm -rf /tmp/hu-offline; IN mkdir -p /tmp/hu-offline
tar -C "$UNITS" -cf - . | IN tar -C /tmp/hu-offline -xf -
for f in "$UNITS"/*.service; do
  name=$(basename "$f")
  analyze=$(IN systemd-analyze security --offline=true --no-pager --json=short "/tmp/hu-offline/$name")
  text=$(IN systemd-analyze security --offline=true --no-pager "/tmp/hu-offline/$name" | tail -1)
  "$PY" "$HERE/golden.py" offline "$name" "$analyze" "$text" > "$GOLDEN/offline/$name.json"
done
IN systemd-analyze security --offline=true --no-pager /tmp/hu-offline/nobody.service > "$GOLDEN/offline/nobody.service.txt"
fi

[ "$ONLY" = version ] && { echo "online: $(ls "$GOLDEN"/online | wc -l)  offline: $(ls "$GOLDEN"/offline/*.json | wc -l)"; exit 0; }
rm -f "$GOLDEN"/dropin/*.json
for f in "$GOLDEN"/dropin/cases/*.conf; do
  case=$(basename "$f" .conf); unit=${case%%@@*}
  unit_text=$(IN systemctl cat --no-pager "$unit")
  IN mkdir -p "/etc/systemd/system/$unit.d"
  IN sh -c "cat > /etc/systemd/system/$unit.d/zz-hardentui-golden.conf" < "$f"
  IN systemctl daemon-reload
  analyze=$(IN systemd-analyze security --no-pager --json=short "$unit")
  text=$(IN systemd-analyze security --no-pager "$unit" | tail -1)
  IN rm "/etc/systemd/system/$unit.d/zz-hardentui-golden.conf"
  IN systemctl daemon-reload
  "$PY" "$HERE/golden.py" dropin "$unit" "$(cat "$f")" "$analyze" "$text" "$unit_text" > "$GOLDEN/dropin/$case.json"
done
echo "online: $(ls "$GOLDEN"/online | wc -l)  offline: $(ls "$GOLDEN"/offline/*.json | wc -l)  dropin: $(ls "$GOLDEN"/dropin/*.json | wc -l)"
