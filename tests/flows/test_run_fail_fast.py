"""`briefing run` refuses a bad command line, setting or Prefect API in one line, before Prefect starts.

Each case runs the CLI in a fresh interpreter that reports, at exit, whether Prefect was imported:
the error must come before any Prefect import (so before any server could start). Timing is not
asserted here (see the issue's report); exit code, the one line and "no Prefect" are.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.cli

_CLI = """
import atexit, sys
atexit.register(lambda: print("prefect imported:", "prefect" in sys.modules))
from briefing_cli import main
sys.argv = ["briefing", *sys.argv[1:]]
main()
"""


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, list[str], bool]:
    result = subprocess.run(
        [sys.executable, "-c", _CLI, "run", *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stderr.splitlines(), "prefect imported: True" in result.stdout


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BRIEFING_"))}
    return {**clean, "PREFECT_HOME": str(tmp_path / "prefect-home"), "HF_HUB_OFFLINE": "1"}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Council approves the new bridge.\n\nWork starts in May.\n", encoding="utf-8"
    )
    return folder


def _case(name: str, tmp_path: Path, articles: Path, env: dict[str, str]) -> tuple[list[str], dict, str]:
    """(arguments, extra environment, expected line) for each item of the issue's point 7."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.toml").write_text("engine = \n", encoding="utf-8")
    (tmp_path / "engine.toml").write_text('engine = "tensorrt"\n', encoding="utf-8")
    a = str(articles)
    return {
        "output is a file": (
            [a, "--output", str(tmp_path / "file")],
            {},
            f"error: {tmp_path / 'file'}: output folder is a file",
        ),
        "empty input folder": (
            [str(tmp_path / "empty")],
            {},
            f"error: {tmp_path / 'empty'}: no article files (.txt, .md, .html) in this folder",
        ),
        "--offline true": (
            [a, "--offline", "true"],
            {},
            "error: true: no such file or folder (flags such as --offline take no value)",
        ),
        "bad TOML": (
            [a],
            {"BRIEFING_CONFIG": str(tmp_path / "bad.toml")},
            f"error: {tmp_path / 'bad.toml'}: invalid TOML: Invalid value (at line 1, column 10)",
        ),
        "missing BRIEFING_CONFIG": (
            [a],
            {"BRIEFING_CONFIG": str(tmp_path / "nope.toml")},
            f"error: BRIEFING_CONFIG={tmp_path / 'nope.toml'}: no such file",
        ),
        "unknown target language": (
            [a],
            {"BRIEFING_TARGET_LANGUAGES": "xx"},
            "error: BRIEFING_TARGET_LANGUAGES: unknown language code(s): 'xx' (ISO 639-1 expected)",
        ),
        "misspelt variable": (
            [a],
            {"BRIEFING_TARGET_LANGAUGES": "fr"},
            "error: BRIEFING_TARGET_LANGAUGES: unknown variable (did you mean BRIEFING_TARGET_LANGUAGES?)",
        ),
        "unknown engine": (
            [a],
            {"BRIEFING_CONFIG": str(tmp_path / "engine.toml")},
            f"error: {tmp_path / 'engine.toml'}: engine: 'tensorrt' is not one of auto, torch, ctranslate2",
        ),
        "ftp URL argument": (
            ["ftp://127.0.0.1/feed.xml"],
            {},
            "error: ftp://127.0.0.1/feed.xml: refused scheme ftp: only http and https are fetched",
        ),
        "missing configured source": (
            [],
            {"BRIEFING_SOURCES": f"{a},{tmp_path / 'gone'}"},
            f"error: setting sources: {tmp_path / 'gone'}: no such file or folder",
        ),
        "summary length out of range": (
            [a, "--summary-max-tokens", "5"],
            {},
            "error: --summary-max-tokens 5: must be between 16 and 512",
        ),
    }[name]


@pytest.mark.parametrize(
    "name",
    [
        "output is a file",
        "empty input folder",
        "--offline true",
        "bad TOML",
        "missing BRIEFING_CONFIG",
        "unknown target language",
        "misspelt variable",
        "unknown engine",
        "ftp URL argument",
        "missing configured source",
        "summary length out of range",
    ],
)
def test_bad_run_is_exit_2_one_line_before_prefect(name, tmp_path, articles, env):
    args, extra, line = _case(name, tmp_path, articles, env)
    code, stderr, prefect_imported = _run(args, {**env, **extra}, tmp_path)
    assert (code, stderr) == (2, [line])
    assert not prefect_imported
    assert not (tmp_path / "prefect-home").exists()


def _silent_server() -> tuple[socket.socket, list[socket.socket]]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    return server, held


def test_prefect_api_that_never_answers_is_one_line_in_bounded_time(tmp_path, articles, env):
    server, held = _silent_server()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/api"
    try:
        code, stderr, prefect_imported = _run(
            [str(articles), "-o", str(tmp_path / "out")], {**env, "PREFECT_API_URL": url}, tmp_path
        )
    finally:
        server.close()
        for conn in held:
            conn.close()
    assert code == 2
    assert stderr == [f"error: the Prefect API at {url} did not answer within 10 s (PREFECT_API_URL)"]
    assert not prefect_imported
    assert not (tmp_path / "out").exists()
