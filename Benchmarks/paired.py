#!/usr/bin/env python3
"""Times two commands as processes, alternating them run by run so that both see the same
machine load: paired.py RUNS NAME_A 'COMMAND A' NAME_B 'COMMAND B'. Prints each command's
median, min and max wall time and the median of the per-pair ratios B/A (output discarded;
one warm-up pair first)."""
import shlex
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
(name_a, command_a), (name_b, command_b) = (sys.argv[2], sys.argv[3]), (sys.argv[4], sys.argv[5])


def wall(command):
    start = time.perf_counter()
    subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


wall(command_a), wall(command_b)
times_a, times_b = [], []
for _ in range(runs):
    times_a.append(wall(command_a))
    times_b.append(wall(command_b))
ratios = [b / a for a, b in zip(times_a, times_b)]
for name, times in ((name_a, times_a), (name_b, times_b)):
    print(f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
          f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms ({runs} runs)")
quartiles = statistics.quantiles(ratios, n=4)
print(f"{name_b} / {name_a}, median of {runs} paired runs: {statistics.median(ratios):.2f} "
      f"(quartiles {quartiles[0]:.2f} to {quartiles[2]:.2f})")
