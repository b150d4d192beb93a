"""``briefing run`` as plain functions, split by concern; nothing here imports Prefect.

- :mod:`briefing.run.options` — a run's options applied to the settings
- :mod:`briefing.run.inputs` — files and folders to article refs, and the cleaning stage
- :mod:`briefing.run.keys` — each stage's cache key
- :mod:`briefing.run.stages` — the batched model stages and per-article isolation
- :mod:`briefing.run.compose` — the one composition of a run, whatever runs its steps
- :mod:`briefing.run.report` — digest files, index, status rows, the Markdown briefing
- :mod:`briefing.run.batch` — the whole run without Prefect (the composition with plain calls)
"""
