#!/usr/bin/env bash
# Regenerates screenshots/*.png from the real wizard: runs it in tmux at 120x40 (in the sandbox, where systemd
# is not PID 1 here), walks every screen with real keys against nginx, captures each with its colours
# (capture-pane -e) and renders the capture to PNG (ansi2svg.py, then rsvg-convert: ImageMagick's own SVG reader
# drew dim text as if struck through). Needs root, tmux, librsvg2-bin.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dll="$root/src/HardenTui/bin/Release/net10.0/hardentui.dll"
session="${HARDENTUI_SHOTS_SESSION:-hardentui-shots}"
[ -f "$dll" ] || dotnet build -c Release "$root/src/HardenTui" >/dev/null

tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 120 -y 40 "cd '$root' && dotnet '$dll'; sleep 5"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

keys() { tmux send-keys -t "$session" "$@"; sleep 0.4; }
wait_for() { # TEXT SECONDS
  for _ in $(seq 1 $(( $2 * 4 ))); do
    tmux capture-pane -t "$session" -p | grep -q -- "$1" && return 0
    sleep 0.25
  done
  echo "capture.sh: timed out waiting for '$1'" >&2; tmux capture-pane -t "$session" -p >&2; exit 1
}
shot() { # NAME
  sleep 0.5
  tmux capture-pane -t "$session" -e -p > "$here/$1.ans"
  python3 "$here/ansi2svg.py" "$here/$1.ans" "$here/$1.svg" 120 40
  rsvg-convert -z 1.5 "$here/$1.svg" -o "$here/$1.png"
  rm -f "$here/$1.svg" "$here/$1.ans"
  echo "screenshots/$1.png"
}

wait_for "Boot the sandbox" 30; keys y Enter
wait_for "[1-9][0-9]* services, worst first" 120; shot 1-picker
keys / n g i n x; shot 2-picker-filter
keys Enter Enter; wait_for "Exposure" 30; shot 3-overview
keys e; shot 4-effective-unit; keys Escape
keys t; wait_for "strace" 30
keys p; tmux send-keys -t "$session" -l 'for i in 1 2 3 4 5; do curl -fsS http://localhost/ >/dev/null; sleep 2; done'; keys Enter
keys s; wait_for "tracing" 30; sleep 10; shot 5-trace-live
wait_for "finished" 60
keys l; wait_for "directives chosen" 30; keys j; shot 6-levels
keys ?; shot 7-help; keys Escape
keys r; shot 8-review
keys Enter; wait_for "service runs with\|service failed" 180; shot 9-apply
keys Escape; wait_for "directives chosen" 10; keys p; wait_for "started from profile" 10; keys Tab j j j Tab j; shot 10-levels-profile
keys q; keys y
