"""Score the summary check on hand-written (source, summary) pairs: ``python -m briefing.checks.evaluate F``.

Each JSON line has ``source``, ``language`` and ``sentences`` (the summary, one entry per sentence, each
``invented`` or not, with the ``kind`` of invention or paraphrase). A sentence is predicted unsupported
when the check lists it. Reported: precision and recall of "unsupported" (sentence level), the share of
faithful paraphrases kept, misses per kind, and the check's cost per summary (mean wall time on this
machine, all sentences, facts and source index included). ``make eval-faithfulness`` runs it on
eval/faithfulness/pairs.jsonl; figures in docs/FAITHFULNESS.md.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefing.checks.summary import check_summary
from briefing.models.text import split_sentences


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    true_neg: int = 0
    misses: Counter[str] = field(default_factory=Counter)  # kind of invention not caught / paraphrase dropped
    examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        invented = self.true_pos + self.false_neg
        return self.true_pos / invented if invented else 1.0

    @property
    def kept(self) -> float:
        faithful = self.true_neg + self.false_pos
        return self.true_neg / faithful if faithful else 1.0


def evaluate(rows: list[dict]) -> tuple[Score, dict[str, Score], dict[str, Score], float]:
    """Overall score, score per language, score per set (``tuning``: the pairs the extractor was corrected
    on; ``held-out``: written after the last correction), and mean seconds per summary."""
    total = Score()
    by_language: dict[str, Score] = {}
    by_set: dict[str, Score] = {}
    spent = 0.0
    for row in rows:
        language = row["language"]
        summary = " ".join(s["text"] for s in row["sentences"])
        split_sentences(summary, language)  # the splitter's first use per language is not the check's cost
        start = time.perf_counter()
        checked = check_summary(row["source"], summary, language, "flag")
        spent += time.perf_counter() - start
        flagged = {u.text: u.missing for u in checked.check.unsupported}
        score = by_language.setdefault(language, Score())
        part = by_set.setdefault(row.get("set", "all"), Score())
        for sentence in row["sentences"]:
            hit = sentence["text"] in flagged or any(sentence["text"] in t for t in flagged)
            for target in (total, score, part):
                _count(target, sentence, hit, row["id"], flagged)
    return total, by_language, by_set, spent / max(1, len(rows))


def _count(score: Score, sentence: dict, hit: bool, row_id: str, flagged: dict) -> None:
    if sentence["invented"] and hit:
        score.true_pos += 1
    elif sentence["invented"]:
        score.false_neg += 1
        score.misses[f"missed {sentence['kind']}"] += 1
        score.examples.append(f"{row_id} missed: {sentence['text']}")
    elif hit:
        score.false_pos += 1
        score.misses[f"dropped {sentence['kind']}"] += 1
        missing = next((m for t, m in flagged.items() if sentence["text"] in t), ())
        score.examples.append(f"{row_id} dropped ({', '.join(missing)}): {sentence['text']}")
    else:
        score.true_neg += 1


def report(
    total: Score, by_language: dict[str, Score], by_set: dict[str, Score], seconds: float, pairs: int
) -> str:
    lines = [
        f"pairs: {pairs} in {len(by_language)} languages; sentences: "
        f"{total.true_pos + total.false_neg} invented, {total.true_neg + total.false_pos} faithful",
        f"unsupported precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"faithful kept {total.kept:.3f}  (tp {total.true_pos}, fp {total.false_pos}, fn {total.false_neg})",
        f"cost: {seconds * 1000:.2f} ms per summary (mean, this machine)",
        "",
        "set/language  sentences  precision  recall  faithful-kept",
    ]
    for language, score in [*sorted(by_set.items()), *sorted(by_language.items())]:
        n = score.true_pos + score.false_pos + score.false_neg + score.true_neg
        lines.append(
            f"{language:<9} {n:>15}  {score.precision:>9.3f}  {score.recall:>6.3f}  {score.kept:>13.3f}"
        )
    if total.examples:
        lines += ["", "errors:", *(f"  {e}" for e in total.examples)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "eval/faithfulness/pairs.jsonl")
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as err:
        print(f"error: {path}: {err}", file=sys.stderr)
        return 2
    total, by_language, by_set, seconds = evaluate(rows)
    print(report(total, by_language, by_set, seconds, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
