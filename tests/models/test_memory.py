"""Freed heap memory goes back to the OS after the steps that free a lot at once (``briefing.memory``)."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

import pytest

from briefing.memory import return_freed_memory
from briefing.models import batching, cache
from briefing.models.batching import GenerationParams, generate_ids
from briefing.settings import Settings
from tests.models.factories import FakeEngine

_GLIBC = sys.platform.startswith("linux") and "libc.so.6" in (ctypes.util.find_library("c") or "")


@pytest.fixture
def trims(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(batching, "return_freed_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(cache, "return_freed_memory", lambda: calls.append(1) or True)
    return calls


@pytest.mark.unit
def test_each_generate_call_returns_memory_once_not_per_batch(trims: list[int]) -> None:
    engine = FakeEngine("Helsinki-NLP/opus-mt-fr-en")
    inputs = engine.tokenize([f"sentence {i}" for i in range(10)])
    generate_ids(engine, inputs, GenerationParams(max_new_tokens=8), batch_size=3)
    assert len(engine.calls) == 4 and len(trims) == 1


@pytest.mark.unit
def test_releasing_a_model_returns_memory(trims: list[int], fake_models: list[str]) -> None:
    settings = Settings(model_memory_mb=512)
    cache.load_seq2seq("m300-summarizer", settings)
    assert trims == []  # within the budget: nothing released
    cache.load_seq2seq("m300-en-de", settings)
    assert cache.loaded_model_ids() == ["m300-en-de"] and trims == [1]
    cache.load_seq2seq("m100-fr-en", settings)
    cache.load_seq2seq("m100-de-en", settings)
    cache.load_seq2seq("m500-summarizer", settings)  # releases the three others: one trim for all
    assert cache.loaded_model_ids() == ["m500-summarizer"] and trims == [1, 1]


@pytest.mark.cli
@pytest.mark.skipif(not _GLIBC, reason="malloc_trim is glibc's")
def test_memory_freed_in_another_thread_leaves_the_process() -> None:
    # In a fresh process: threads allocate and free many small blocks (as lingua and beam search do);
    # glibc keeps the pages in their arenas until malloc_trim hands them back.
    code = """
import threading
from briefing.memory import return_freed_memory

def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))

def churn():
    blocks = [bytearray(1000) for _ in range(200_000)]
    del blocks[::2]
    blocks.clear()

threads = [threading.Thread(target=churn) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
before = rss()
assert return_freed_memory()
print(before, rss())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, out.stdout.split())
    assert after < before - 50_000, (before, after)  # kB: most of the ~400 MB churned is returned


@pytest.mark.unit
def test_return_freed_memory_says_whether_it_could() -> None:
    assert return_freed_memory() is _GLIBC
