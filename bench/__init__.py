"""The benchmark: naive transformers baseline vs Briefing's shipped pipeline (``python -m bench.run``)."""
