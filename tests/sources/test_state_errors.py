"""A state database that cannot be used: one line naming the file and the way out, never a traceback, and
a 0-byte file is never silently recreated (every source would be fetched and digested again)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.sources.state import STATE_FILE, StateError, open_state

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("content", [b"this is not a database, " * 300, b""], ids=["garbage", "empty"])
def test_a_broken_state_database_is_named_with_move_it_aside_advice(tmp_path: Path, monkeypatch, content):
    from briefing_cli import app

    data = tmp_path / "data"
    data.mkdir()
    broken = data / STATE_FILE
    broken.write_bytes(content)
    with pytest.raises(StateError) as err:
        open_state(data)
    message = str(err.value)
    assert message.startswith(f"{broken}: ") and "move it aside" in message and "\n" not in message
    assert broken.read_bytes() == content  # left exactly as it was: not recreated, not "repaired"

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data))
    for command in (["sources", "list"], ["run", "--offline", "https://example.org/feed.xml"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines == [f"error: {message}"], command
    assert broken.read_bytes() == content
