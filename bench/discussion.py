"""What readers say on a long thread: 500 comments in one article (``make bench-discussion``).

``python -m bench.discussion [--comments 500] [--repeat 3]`` builds one digest with that many comments (the
daily scenario's reader lines in five languages with their number added so no two are alike, plus a
share of noise: one-word replies, links, repeats), each as the translate stage leaves it (here with no
translation, so the grouping embeds the comments as written: the same amount of text to embed). It
times :func:`briefing.discussion.discussion_of` with the real MiniLM model: the model load once, then
each repeat (wall and CPU seconds, with the load average: on a shared machine the wall time depends on
what else runs); and reports this process's peak RSS. A report, not a test: no assertion on time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from bench.child import peak_rss_bytes
from bench.daily import AUTHORS, COMMENTS
from briefing.records import Comment, Digest, Segment, Source
from briefing.settings import Settings

NOISE = ("First", "https://example.org/offer", "+1", "Totally agree with everyone here today!")


def long_thread(count: int) -> tuple[Comment, ...]:
    """``count`` comments: reader lines of five languages in turn, every tenth one noise."""
    lines = [(lang, line) for lang, texts in COMMENTS.items() for line in texts]
    comments = []
    for i in range(count):
        if i % 10 == 9:
            text, lang = NOISE[i // 10 % len(NOISE)], "en"
        else:
            lang, line = lines[i % len(lines)]
            text = f"{line} ({i})"
        comments.append(Comment(text, lang, (Segment(text, lang, 0.9),), AUTHORS[i % len(AUTHORS)]))
    return tuple(comments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.discussion")
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from briefing.discussion import discussion_of
    from briefing.models import minilm

    digest = Digest(
        "long-thread",
        Source("long-thread.txt", "0" * 64, "utf-8"),
        "A long thread",
        "en",
        ("Body.",),
        comments=long_thread(args.comments),
    )
    settings = Settings()
    began = time.perf_counter()
    minilm.embed(["warm up"])
    load_s = time.perf_counter() - began
    runs, cpu = [], []
    found = None
    for _ in range(args.repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        found = discussion_of(digest, settings)
        runs.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    assert found is not None
    report = {
        "comments": args.comments,
        "model_load_s": round(load_s, 3),
        "discussion_s": [round(s, 3) for s in runs],
        "best_s": round(min(runs), 3),
        # CPU seconds (all threads): the wall time on a shared machine depends on what else runs.
        "cpu_s": [round(s, 3) for s in cpu],
        "load_average": list(os.getloadavg()),
        "representatives": [{"comment": r.comment, "share": r.share} for r in found.representatives],
        "peak_rss_bytes": peak_rss_bytes(),
    }
    print(json.dumps(report, indent=2))
    print(
        f"{args.comments} comments in one article: {min(runs):.2f} s best of {args.repeat} "
        f"({min(cpu):.2f} CPU s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs) "
        f"(MiniLM load {load_s:.1f} s, once per process), {len(found.representatives)} representatives, "
        f"peak RSS {report['peak_rss_bytes'] / 1e9:.2f} GB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
