"""Scale-out of a run over several worker processes or machines; nothing here imports Prefect.

- :mod:`briefing.scale.shards` — cut a backlog into length-balanced shards, same-source articles together
- :mod:`briefing.scale.workers` — what each shard reports back (worker, model loads) and the run's tally

The fan-out itself (a Dask cluster through Prefect's ``DaskTaskRunner``) is in ``flows/scale.py``;
docs/SCALING.md says why Dask and how to run it on several machines.
"""
