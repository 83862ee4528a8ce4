"""python -m bench (extract|write|query|memory|browse|all) [--scale smoke|full] | corpus | news | calibrate
| scorer | scale | faults | entities

See bench/__init__.py. Each benchmark runs in a temporary directory that is removed after it;
a benchmark that needs the graph engine starts its own there.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from bench import MODULES, SCALES

ROOT = Path(__file__).resolve().parent.parent


def load(name: str) -> ModuleType | None:
    """bench.<name>, or None (with a message) while its file does not exist yet."""
    if not (ROOT / "bench" / f"{name}.py").exists():
        print(f"bench/{name}.py is missing: benchmark {name!r} skipped", file=sys.stderr)
        return None
    return importlib.import_module(f"bench.{name}")


def run_one(module: ModuleType, scale: str) -> dict:
    # a short path: an engine's Unix socket lives in there
    with tempfile.TemporaryDirectory(prefix="kgb-") as workdir:
        started = time.perf_counter()
        result = module.run(scale, Path(workdir))
        result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["corpus"]:
        from bench.corpus import main as corpus_main

        corpus_main(argv[1:])
        return 0
    if argv[:1] == ["entities"]:  # entity resolution against gold clusters (bench/entities.py)
        from bench.entities import main as entities_main

        return entities_main(argv[1:])
    if argv[:1] == ["faults"]:  # fault injection (bench/faults.py), its own section of the docs
        from bench.faults import main as faults_main

        return faults_main(argv[1:])
    if argv[:1] == ["scale"]:  # Ray, resume, writes of assertion files (bench/scale.py)
        from bench.scale import main as scale_main

        return scale_main(argv[1:])
    if argv[:1] == ["scorer"]:  # the trained scorer: its table, training and gains (bench/scorer.py)
        from bench.scorer import main as scorer_main

        return scorer_main(argv[1:])
    if argv[:1] == ["calibrate"]:  # calibrated confidence and the trained scorer (bench/calibrate.py)
        from bench.calibrate import main as calibrate_main

        return calibrate_main(argv[1:])
    if argv[:1] == ["news"]:  # extraction quality on evaluation data (bench/news.py)
        from bench.news import main as news_main

        return news_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=[*MODULES, "all", "corpus"])
    parser.add_argument("--scale", choices=SCALES, default="full")
    parser.add_argument("--json", type=Path, help="also write the raw result(s) to this file")
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="with all: where benchmarks.md/.json and throughput.png go "
        "(default docs/ at full scale; nothing is written at smoke scale)",
    )
    args = parser.parse_args(argv)
    if args.name != "all":
        module = load(args.name)
        if module is None:
            return 2
        result = run_one(module, args.scale)
        if args.json:
            args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(module.markdown(result))
        return 0
    return run_all(args.scale, args.docs or (ROOT / "docs" if args.scale == "full" else None), args.json)


def run_all(scale: str, docs: Path | None, json_path: Path | None) -> int:
    from bench.report import write_docs

    started = time.perf_counter()
    results, sections, missing = [], [], []
    for name in MODULES:
        module = load(name)
        if module is None:
            missing.append(name)
            continue
        print(f"running {name} ({scale}) ...", file=sys.stderr, flush=True)
        result = run_one(module, scale)
        print(f"  {name}: {result['seconds']:.0f} s", file=sys.stderr, flush=True)
        results.append(result)
        sections.append(module.markdown(result))
    seconds = time.perf_counter() - started
    command = "python -m bench all" + ("" if scale == "full" else f" --scale {scale}")
    if json_path:
        json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if docs is not None:
        write_docs(docs, results, sections, command, seconds, missing)
        print(f"wrote {docs / 'benchmarks.md'}, benchmarks.json, throughput.png", file=sys.stderr)
    else:
        print("\n".join(sections))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
