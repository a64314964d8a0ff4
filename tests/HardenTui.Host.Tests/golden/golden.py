# Shapes one golden record (used by regen.sh): keeps only the properties the exposure scorer reads, so the
# committed goldens stay small, and splits the "Overall exposure level" line into number and predicate.
import json, re, sys

SCORED = """Id Type LoadState FragmentPath DefaultDependencies AmbientCapabilities CapabilityBoundingSet User Group
SupplementaryGroups DynamicUser KeyringMode ProtectProc ProcSubset LockPersonality MemoryDenyWriteExecute
NoNewPrivileges ProtectHostname PrivateDevices PrivateMounts PrivateNetwork PrivateTmp PrivateUsers
ProtectControlGroups ProtectKernelModules ProtectKernelTunables ProtectKernelLogs ProtectClock RemoveIPC
RestrictRealtime RestrictSUIDSGID NotifyAccess ProtectHome ProtectSystem RestrictAddressFamilies RestrictNamespaces
RootDirectory RootImage Delegate DevicePolicy DeviceAllow IPAddressDeny IPAddressAllow IPIngressFilterPath
IPEgressFilterPath SystemCallArchitectures SystemCallFilter UMask
PrivateTmpEx PrivateUsersEx ProtectControlGroupsEx ProtectHostnameEx PrivatePIDs""".split()

def overall(line):
    m = re.search(r"Overall exposure level for \S+: (\d+\.\d) (\w+)", line)
    return (m.group(1), m.group(2)) if m else (None, None)

kind = sys.argv[1]
if kind == "online":
    unit, props, analyze, text = sys.argv[2:6]
    data = json.loads(props)["data"][0]
    record = {"unit": unit, "properties": {k: data[k]["data"] for k in SCORED if k in data}}
elif kind == "offline":
    unit, analyze, text = sys.argv[2:5]
    record = {"file": unit}
else:
    unit, dropin, analyze, text, unit_text = sys.argv[2:7]
    record = {"unit": unit, "dropin": dropin, "unit_text": unit_text}
record["overall"], record["predicate"] = overall(text)
record["analyze"] = json.loads(analyze)
print(json.dumps(record, separators=(",", ":")))
