#!/bin/bash
# Regenerates the exposure goldens under tests/HardenTui.Core.Tests/Exposure/golden from the REAL
# `systemd-analyze security` running inside a booted sandbox. Usage (as root):
#   regen.sh LEADER_PID        (the sandbox's PID 1 as seen from the host, see docs in BRIEF / Sandbox)
# Writes: online/UNIT.json   {unit, properties (the scorer's inputs only), analyze (--json=short rows), overall, predicate}
#         offline/NAME.json  {file, analyze, overall, predicate} for every offline/units/*.service
#         dropin/CASE.json   {unit, dropin, analyze, overall, predicate} after really applying cases/UNIT@@NAME.conf
#         syscall-filter.txt (the host's group listing the scorer resolves groups from)
set -euo pipefail
P=${1:?leader pid of the sandbox}
HERE=$(cd "$(dirname "$0")" && pwd)
GOLDEN=$(cd "$HERE/../../HardenTui.Core.Tests/Exposure/golden" && pwd)
IN() { nsenter -t "$P" -a "$@"; }
PY=$(command -v python3)

IN systemd-analyze syscall-filter > "$GOLDEN/syscall-filter.txt" 2>/dev/null || true

escape() { "$PY" -c 'import sys;print("".join(c if c.isalnum() else "_%02x" % ord(c) for c in sys.argv[1]))' "$1"; }

record_online() { # unit outfile
  local unit=$1 out=$2 props analyze text
  props=$(IN busctl --json=short call org.freedesktop.systemd1 "/org/freedesktop/systemd1/unit/$(escape "$unit")" \
          org.freedesktop.DBus.Properties GetAll s "")
  analyze=$(IN systemd-analyze security --no-pager --json=short "$unit")
  text=$(IN systemd-analyze security --no-pager "$unit" | tail -1)
  "$PY" "$HERE/golden.py" online "$unit" "$props" "$analyze" "$text" > "$out"
}

rm -f "$GOLDEN"/online/*.json
for unit in $(IN systemctl list-units --type=service --all --no-legend --plain | awk '$2=="loaded"{print $1}'); do
  record_online "$unit" "$GOLDEN/online/$unit.json" || echo "skip $unit" >&2
done

rm -f "$GOLDEN"/offline/*.json
IN rm -rf /tmp/hu-offline; IN mkdir -p /tmp/hu-offline
tar -C "$GOLDEN/offline/units" -cf - . | IN tar -C /tmp/hu-offline -xf -
for f in "$GOLDEN"/offline/units/*.service; do
  name=$(basename "$f")
  analyze=$(IN systemd-analyze security --offline=true --no-pager --json=short "/tmp/hu-offline/$name")
  text=$(IN systemd-analyze security --offline=true --no-pager "/tmp/hu-offline/$name" | tail -1)
  "$PY" "$HERE/golden.py" offline "$name" "$analyze" "$text" > "$GOLDEN/offline/$name.json"
done
IN systemd-analyze security --offline=true --no-pager /tmp/hu-offline/nobody.service > "$GOLDEN/offline/nobody.service.txt"

rm -f "$GOLDEN"/dropin/*.json
for f in "$GOLDEN"/dropin/cases/*.conf; do
  case=$(basename "$f" .conf); unit=${case%%@@*}
  IN mkdir -p "/etc/systemd/system/$unit.d"
  IN sh -c "cat > /etc/systemd/system/$unit.d/zz-hardentui-golden.conf" < "$f"
  IN systemctl daemon-reload
  analyze=$(IN systemd-analyze security --no-pager --json=short "$unit")
  text=$(IN systemd-analyze security --no-pager "$unit" | tail -1)
  IN rm "/etc/systemd/system/$unit.d/zz-hardentui-golden.conf"
  IN systemctl daemon-reload
  "$PY" "$HERE/golden.py" dropin "$unit" "$(cat "$f")" "$analyze" "$text" > "$GOLDEN/dropin/$case.json"
done
echo "online: $(ls "$GOLDEN"/online | wc -l)  offline: $(ls "$GOLDEN"/offline/*.json | wc -l)  dropin: $(ls "$GOLDEN"/dropin/*.json | wc -l)"
