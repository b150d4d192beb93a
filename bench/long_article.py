"""Long one-line articles (not a test): a 1 MB and a 19 MB one-line file through ``run_batch`` side by side.

Each size runs in a fresh process (imports and all), without models (the extractive digest path: what a
long text costs outside generation), one after the other on the same machine; the ratio 19 MB / 1 MB is
the figure (goal: under 2 — the 19 MB file is refused by ``max_article_chars`` or digested, never stuck).
``python -m bench.long_article [--sizes 1000000,19000000] [--timeout 900]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time

_ONE = """
import json, sys, tempfile, time
from pathlib import Path
from briefing.run.batch import run_batch
from briefing.settings import Settings
size, folder = int(sys.argv[1]), Path(sys.argv[2])
sentence = "The council voted on Tuesday to close the old pier, saying repairs would cost more. "
(folder / "in").mkdir(); (folder / "models").mkdir()
article = folder / "in" / "long.txt"
article.write_text((sentence * (size // len(sentence) + 1))[:size])
settings = Settings(data_dir=folder / "data", model_dir=folder / "models", offline=True, target_languages=())
result = run_batch([article], settings, folder / "out")
print(json.dumps({"digests": len(result.digests), "failures": [f.reason for f in result.failures]}))
"""


def run_one(size: int, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, "-c", _ONE, str(size), folder],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return {"size": size, "seconds": None, "outcome": f"still running after {timeout:g} s"}
        seconds = time.monotonic() - start
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    return {"size": size, "seconds": round(seconds, 1), "outcome": last}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,19000000")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    rows = [run_one(int(size), args.timeout) for size in args.sizes.split(",")]
    for row in rows:
        print(f"{row['size']:>12,} bytes  {row['seconds']} s  {row['outcome']}")
    first, last = rows[0]["seconds"], rows[-1]["seconds"]
    if isinstance(first, float) and isinstance(last, float):
        print(f"ratio {rows[-1]['size']:,} / {rows[0]['size']:,} bytes: {last / first:.2f} (goal: under 2)")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
