"""Benchmarks of kg: extraction, writing, querying, memory and browsing, each as a ratio to a baseline
measured in the same run. Run from the repository root (bench is not installed):

    python -m bench extract --scale smoke     # one benchmark, its section on stdout
    python -m bench all                       # every one; writes docs/benchmarks.md
    python -m bench corpus --articles 1000 --out /tmp/corpus

Each module bench/<name>.py has `run(scale, workdir) -> dict` and `markdown(result) -> str`
(its section of docs/benchmarks.md). The dict is JSON-serialisable and holds "name", "title",
"command", "figures" (rows made by bench.report.figure: measured, baseline, ratio, target,
met; "target_text" when a target is not on the ratio) and optionally "series" for the plot:
[{"label", "unit", "points": [[size, throughput], ...], "x": "axis label"}].
"""

MODULES = ("extract", "write", "query", "memory", "browse")
SCALES = ("smoke", "full")
