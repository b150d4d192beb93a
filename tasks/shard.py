"""Prefect adapters for scale-out: the per-machine model slot and the name of the worker a task runs on.

Model slot: a Prefect global concurrency limit named ``briefing-models-<machine>`` with ``slots`` slots
(default 1). A shard holds one slot while its model stages run, so two worker processes on one machine
never load and run models at the same time (each would hold its own copy of the same large model).
A worker process runs one shard at a time anyway (``--nthreads 1``); the limit covers several worker
processes on one machine. Slots are leased: a worker killed while holding one frees it after
``SLOT_LEASE_S`` (Prefect renews the lease while the holder lives).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from prefect import get_client
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists, PrefectHTTPStatusError

from briefing.scale.workers import machine_name

SLOT_LEASE_S = 60
SLOT_WAIT_S = 3600


def model_limit_name(machine: str | None = None) -> str:
    return f"briefing-models-{machine or machine_name()}"


@contextmanager
def model_slot(slots: int = 1, machine: str | None = None) -> Iterator[str]:
    """Hold one of this machine's model slots (the limit is created with ``slots`` when missing)."""
    name = model_limit_name(machine)
    _ensure_limit(name, slots)
    with concurrency(name, occupy=1, timeout_seconds=SLOT_WAIT_S, lease_duration=SLOT_LEASE_S, strict=True):
        yield name


def _ensure_limit(name: str, slots: int) -> None:
    # Another worker of this machine may create it at the same moment.
    with get_client(sync_client=True) as client, suppress(ObjectAlreadyExists, PrefectHTTPStatusError):
        client.upsert_global_concurrency_limit_by_name(name, slots)


def worker_name() -> str:
    """The Dask worker's name when running on one, else ``host-pid``."""
    try:
        from distributed import get_worker

        return str(get_worker().name)
    except (ImportError, ValueError):
        return f"{socket.gethostname()}-{os.getpid()}"
