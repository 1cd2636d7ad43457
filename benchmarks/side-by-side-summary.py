#!/usr/bin/env python3
"""Net time and allocation per candidate from side-by-side.sh's ab.txt (net = minus noop of the same JMH run)."""
import sys

thr, alloc = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 9 or f[0] == 'done':
        continue
    rnd, tag, name, cand = f[0], f[1], f[2], f[3]
    bench = name.split('.')[0]
    if name.endswith('verify'):
        thr[(rnd, tag, bench, cand)] = (float(f[6]), float(f[8]))
    elif name.endswith('gc.alloc.rate.norm'):
        alloc[(rnd, tag, bench, cand)] = float(f[6])
print("| round | jar | bench | candidate | ops/s (± 99.9 %) | ns/op | net ns | net B/op |")
print("|---|---|---|---|---:|---:|---:|---:|")
for key in sorted(thr):
    rnd, tag, bench, cand = key
    ops, err = thr[key]
    noop = thr.get((rnd, tag, bench, 'noop'))
    net = 1e9 / ops - 1e9 / noop[0] if noop and cand != 'noop' else 0.0
    net_b = alloc.get(key, 0.0) - alloc.get((rnd, tag, bench, 'noop'), 0.0)
    print(f"| {rnd} | {tag} | {bench} | {cand} | {ops:,.0f} (± {100 * err / ops:.0f} %) | "
          f"{1e9 / ops:,.0f} | {net:,.0f} | {net_b:,.0f} |")
