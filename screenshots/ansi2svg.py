#!/usr/bin/env python3
"""Turn a `tmux capture-pane -e -p` capture (text with SGR escapes) into an SVG of the terminal: one cell per
character in DejaVu Sans Mono, xterm's 256-colour palette, bold/dim/reverse/underline. ImageMagick turns the SVG
into a PNG. Usage: ansi2svg.py capture.ans out.svg COLS ROWS"""
import html, re, sys

BASE = ["#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
FG, BG = "#d4d4d4", "#1e1e1e"
CW, CH = 9, 18

def palette(n):
    if n < 16: return BASE[n]
    if n < 232:
        n -= 16; steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10; return "#%02x%02x%02x" % (v, v, v)

def blend(a, b):
    pa, pb = [int(a[i:i + 2], 16) for i in (1, 3, 5)], [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#%02x%02x%02x" % tuple((x + y) // 2 for x, y in zip(pa, pb))

def apply_sgr(state, params):
    ps = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(ps):
        p = ps[i]
        if p == 0: state.update(fg=None, bg=None, bold=False, dim=False, rev=False, ul=False)
        elif p == 1: state["bold"] = True
        elif p == 2: state["dim"] = True
        elif p == 22: state.update(bold=False, dim=False)
        elif p == 4: state["ul"] = True
        elif p == 24: state["ul"] = False
        elif p == 7: state["rev"] = True
        elif p == 27: state["rev"] = False
        elif 30 <= p <= 37: state["fg"] = BASE[p - 30]
        elif 90 <= p <= 97: state["fg"] = BASE[p - 90 + 8]
        elif 40 <= p <= 47: state["bg"] = BASE[p - 40]
        elif 100 <= p <= 107: state["bg"] = BASE[p - 100 + 8]
        elif p == 39: state["fg"] = None
        elif p == 49: state["bg"] = None
        elif p in (38, 48) and i + 1 < len(ps):
            if ps[i + 1] == 5 and i + 2 < len(ps): c = palette(ps[i + 2]); i += 2
            elif ps[i + 1] == 2 and i + 4 < len(ps): c = "#%02x%02x%02x" % tuple(ps[i + 2:i + 5]); i += 4
            else: c = None
            state["fg" if p == 38 else "bg"] = c
        i += 1

def main():
    src, out, cols, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    lines = open(src, encoding="utf-8").read().split("\n")[:rows]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{cols * CW + 16}" height="{rows * CH + 16}">',
             f'<rect width="100%" height="100%" fill="{BG}"/>',
             '<g font-family="DejaVu Sans Mono" font-size="15" stroke="none" transform="translate(8,8)">']
    # tmux carries attributes over line ends (it re-sends SGR only where they change), so the state does too.
    state = dict(fg=None, bg=None, bold=False, dim=False, rev=False, ul=False)
    for y, line in enumerate(lines):
        x = 0
        for m in re.finditer(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|([^\x1b]+)", line):
            if m.group(2) is None:
                if m.group(0).endswith("m"): apply_sgr(state, m.group(1))
                continue
            text = m.group(2)
            fg, bg = state["fg"] or FG, state["bg"]
            if state["rev"]: fg, bg = (state["bg"] or BG), (state["fg"] or FG)
            if state["dim"]: fg = blend(fg, bg or BG)
            if bg: parts.append(f'<rect x="{x * CW}" y="{y * CH}" width="{len(text) * CW}" height="{CH}" fill="{bg}"/>')
            attrs = f'fill="{fg}"' + (' font-weight="bold"' if state["bold"] else "") + (' text-decoration="underline"' if state["ul"] else "")
            for i, ch in enumerate(text):
                if ch != " ":
                    parts.append(f'<text x="{(x + i) * CW}" y="{y * CH + 14}" {attrs}>{html.escape(ch)}</text>')
            x += len(text)
    parts.append("</g></svg>")
    open(out, "w", encoding="utf-8").write("\n".join(parts))

main()
