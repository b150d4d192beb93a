"""`briefing clean FILE` as a user runs it: the installed script, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEED_000

pytestmark = pytest.mark.cli

BRIEFING = Path(sys.executable).with_name("briefing")


def run_clean(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BRIEFING), "clean", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_script_is_installed_next_to_the_interpreter():
    assert BRIEFING.is_file()


def test_seed_prints_one_schema_valid_object(validate_digest):
    done = run_clean(str(SEED_000))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = validate_digest(json.loads(done.stdout))
    assert "summary" not in data and "translations" not in data
    assert len(data["body"]) == 8 and len(data["comments"]) == 2
    assert data["comments"][1]["segments"][-1]["language"] == "fr"


def test_detect_languages_option_limits_the_detector(validate_digest):
    done = run_clean(str(EXAMPLES / "lyon-bus-hydrogene.txt"), "--detect-languages", "en,de")
    assert done.returncode == 0, done.stderr
    data = validate_digest(json.loads(done.stdout))
    languages = {data["language"]} | {s["language"] for c in data["comments"] for s in c["segments"]}
    assert languages <= {"en", "de"}


def _bad_inputs(tmp: Path) -> list[tuple[Path, str]]:
    cases = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \r\n\t\n", "file contains only whitespace"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "binary file (contains NUL bytes)"),
        "controls.txt": (bytes(range(1, 9)) * 50, "binary file (mostly control characters)"),
        "bad-bom.txt": (b"\xef\xbb\xbfcaf\xe9 au lait", "cannot decode as utf-8-sig (byte offset 3)"),
    }
    out = []
    for name, (data, reason) in cases.items():
        path = tmp / name
        path.write_bytes(data)
        out.append((path, reason))
    out.append((tmp / "missing.txt", "no such file"))
    return out


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    for path, reason in _bad_inputs(tmp_path):
        done = run_clean(str(path))
        assert done.returncode == 2, (path.name, done.stderr)
        assert done.stdout == ""
        assert done.stderr.splitlines() == [f"error: {path}: {reason}"], path.name
        assert "Traceback" not in done.stderr


def test_unknown_detection_language_is_a_one_line_error():
    done = run_clean(str(SEED_000), "--detect-languages", "en,xx")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["error: unknown language code: 'xx'"]


def test_clean_imports_no_torch_or_seq2seq_stack():
    script = (
        "import sys\n"
        "from briefing_cli import main\n"
        f"sys.argv = ['briefing', 'clean', {str(SEED_000)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit_:\n    assert exit_.code in (0, None), exit_.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'torch', 'transformers', 'ctranslate2', 'sentence_transformers', 'prefect'})\n"
        "print(heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
