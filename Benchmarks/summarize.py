#!/usr/bin/env python3
"""Condenses Benchmarks/.results/ (what run.sh writes) into .results/summary.md: the figures
docs/benchmarks.md quotes, per benchmark the p0, p50 and p100 of ordo-one/benchmark's samples."""
import pathlib
import re

results = pathlib.Path(__file__).resolve().parent / ".results"
out = []


def ordo_one(path):
    """{benchmark: {metric: (p0, p50, p100, samples)}} from ordo-one/benchmark's text output."""
    table, name = {}, None
    for line in path.read_text().splitlines():
        if re.match(r"^(generation|accessor|vcpu) ", line):
            name = line.strip()
            table[name] = {}
        elif name and line.startswith("│") and "Metric" not in line:
            cells = [c.strip() for c in line.strip("│").split("│")]
            table[name][cells[0]] = (cells[1], cells[3], cells[7], cells[8])
    return table


benchmark = results / "benchmark.txt"
if benchmark.exists():
    out.append("| benchmark | metric | p0 | p50 | p100 | samples |\n| --- | --- | --- | --- | --- | --- |")
    for name, metrics in ordo_one(benchmark).items():
        for metric, (p0, p50, p100, samples) in metrics.items():
            out.append(f"| {name} | {metric} | {p0} | {p50} | {p100} | {samples} |")
rounds = sorted(results.glob("benchmark-accessors-*.txt"))
if benchmark.exists() and rounds:
    out.append("\n## accessors, wall clock p50 per round (ns per 1M calls)\n")
    runs = [ordo_one(benchmark)] + [ordo_one(path) for path in rounds]
    out.append("| benchmark | " + " | ".join(f"round {n + 1}" for n in range(len(runs))) + " |")
    out.append("| --- |" + " --- |" * len(runs))
    for name in runs[0]:
        if name.startswith("accessor"):
            cells = [run.get(name, {}).get("Time (wall clock) (ns)", ("",) * 4)[1] for run in runs]
            out.append(f"| {name} | " + " | ".join(cells) + " |")
for extra in ["instructions.tsv", "allocations.tsv", "check-instructions.txt", "check.md", "accesses.md",
              "synthetic.txt", "generation-kernel.txt", "generation-kernel.md", "generation-synthetic.txt",
              "generation-synthetic.md", "build-time.tsv"]:
    path = results / extra
    if path.exists():
        out.append(f"\n## {extra}\n\n{path.read_text().strip()}")
(results / "summary.md").write_text("\n".join(out) + "\n")
print(results / "summary.md")
