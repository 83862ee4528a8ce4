"""Extraction throughput as a ratio to bare spaCy parsing of the same texts, in one run.

    python bench/throughput.py ARTICLES... [--repeat N] [--workers N]

The baseline is `nlp.pipe` over the texts with kg's pipeline (parsing only); the measured job is
`Extractor.extract_many` (parsing + mentions + rules + resolution). The ratio is what kg's own
work costs on top of spaCy, independent of the machine's speed.
"""
from __future__ import annotations

import argparse
import resource
import time

from kg.model import Document
from loaders.extractor import Extractor
from loaders.readers import read_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    docs = [d for d in read_documents(args.paths) if isinstance(d, Document)] * args.repeat
    chars = sum(len(d.text) for d in docs)
    extractor = Extractor()
    extractor.extract(docs[0])  # warm up: model, gazetteers, dateparser

    start = time.perf_counter()
    for _ in extractor.nlp.pipe((d.text for d in docs), n_process=args.workers, batch_size=16):
        pass
    parse = time.perf_counter() - start

    start = time.perf_counter()
    total = sum(len(a) for _, a in extractor.extract_many(docs, workers=args.workers))
    full = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} documents, {chars} characters, {total} assertions, workers={args.workers}")
    print(f"spaCy parse only : {parse:6.2f} s  ({chars / parse:,.0f} chars/s)")
    print(f"kg extract       : {full:6.2f} s  ({chars / full:,.0f} chars/s)")
    print(f"ratio extract/parse: {full / parse:.2f}   peak RSS {rss:,.0f} MiB")


if __name__ == "__main__":
    main()
