"""Settings from every layer are validated once, and a bad one names its origin in one line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from briefing.settings import (
    DEFAULT_MAX_INPUT_BYTES,
    OTHER_VARIABLES,
    SettingsError,
    known_variables,
    load_settings,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("env", "origin", "reason"),
    [
        (
            {"BRIEFING_TARGET_LANGUAGES": "fr,xx"},
            "BRIEFING_TARGET_LANGUAGES",
            "unknown language code(s): 'xx'",
        ),
        ({"BRIEFING_ENGINE": "tensorrt"}, "BRIEFING_ENGINE", "'tensorrt' is not one of"),
        ({"BRIEFING_OFFLINE": "maybe"}, "BRIEFING_OFFLINE", "expected true or false"),
        ({"BRIEFING_BATCH_SIZE": "many"}, "BRIEFING_BATCH_SIZE", "expected an integer"),
        ({"BRIEFING_MAX_INPUT_BYTES": "0"}, "BRIEFING_MAX_INPUT_BYTES", "must be a positive integer"),
        ({"BRIEFING_CONFIG": "/nonexistent/briefing.toml"}, "BRIEFING_CONFIG=", "no such file"),
    ],
)
def test_bad_environment_names_the_variable(env, origin, reason, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError) as caught:
        load_settings(env=env)
    message = str(caught.value)
    assert message.startswith(origin) and reason in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('engine = "tensorrt"\n', "engine: 'tensorrt' is not one of auto, torch, ctranslate2"),
        ("engine = \n", "invalid TOML"),
        ('briefing_language = "english"\n', "briefing_language: unknown language code(s)"),
        ("summary_max_tokens = 10\nsummary_min_tokens = 20\n", "exceeds summary_max_tokens"),
        ('colour = "blue"\n', "unknown setting(s): colour"),
        ('batch_size = "x"\n', "batch_size: expected an integer"),
    ],
)
def test_bad_toml_names_the_file(text, reason, tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(config, env={})
    assert str(caught.value).startswith(str(config)) and reason in str(caught.value)


def test_layers_still_apply_in_order(tmp_path: Path):
    config = tmp_path / "b.toml"
    config.write_text('engine = "torch"\nbatch_size = 4\n', encoding="utf-8")
    settings = load_settings(env={"BRIEFING_CONFIG": str(config), "BRIEFING_BATCH_SIZE": "8"})
    assert (settings.engine, settings.batch_size) == ("torch", 8)
    assert settings.max_input_bytes == DEFAULT_MAX_INPUT_BYTES
    assert load_settings(env={"BRIEFING_OFFLINE": "no", "HF_HUB_OFFLINE": "1"}).offline is False
    assert load_settings(env={"HF_HUB_OFFLINE": "1"}).offline is True


# Deliberate misspellings used below (the repository scan skips them).
MISSPELT = {"BRIEFING_TARGET_LANGAUGES", "BRIEFING_COLOUR", "BRIEFING_OFLINE"}


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {"BRIEFING_TARGET_LANGAUGES": "fr"},
            "BRIEFING_TARGET_LANGAUGES: unknown variable (did you mean BRIEFING_TARGET_LANGUAGES?)",
        ),
        (
            {"BRIEFING_COLOUR": "blue"},
            "BRIEFING_COLOUR: unknown variable (a setting's variable is BRIEFING_ and its name in capitals, "
            "e.g. BRIEFING_ENGINE)",
        ),
        (
            {"BRIEFING_OFLINE": "1", "BRIEFING_COLOUR": "blue"},
            "BRIEFING_COLOUR: unknown variable (a setting's variable is BRIEFING_ and its name in capitals, "
            "e.g. BRIEFING_ENGINE); also unknown: BRIEFING_OFLINE",
        ),
    ],
)
def test_a_misspelt_variable_is_an_error_naming_the_nearest_known_one(env, line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError) as caught:
        load_settings(env=env)
    assert str(caught.value) == line


def test_variables_read_outside_the_settings_fields_are_not_misspellings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {name: str(tmp_path) for name in OTHER_VARIABLES - {"BRIEFING_CONFIG"}}
    env |= {"BRIEFING_MODEL_DIR": str(tmp_path), "BRIEFING_CT2_COMPUTE_TYPE": "int8", "BRIEFING_OFFLINE": "1"}
    settings = load_settings(env=env)
    assert (settings.model_dir, settings.ct2_compute_type, settings.offline) == (tmp_path, "int8", True)


def test_every_briefing_variable_the_repository_mentions_is_known():
    # A variable read by new code (or named in the docs) but missing from OTHER_VARIABLES would make every
    # command fail as a misspelling: this names it first.
    root = Path(__file__).resolve().parents[1]
    folders = ("briefing", "tasks", "flows", "bench", "scripts", "tests", "docs")
    files = [p for folder in folders for p in (root / folder).rglob("*") if p.suffix in (".py", ".md", ".sh")]
    files += [root / "README.md", root / "Makefile", root / "prefect.yaml"]
    mentioned = {
        (name, path.relative_to(root).as_posix())
        for path in files
        if path.is_file()
        for name in re.findall(r"\bBRIEFING_[A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8"))
    }
    unknown = sorted((name, where) for name, where in mentioned if name not in known_variables() | MISSPELT)
    assert not unknown, f"add to briefing.settings.OTHER_VARIABLES or fix: {unknown}"


def test_the_core_never_loads_settings_nor_reads_hf_hub_offline():
    # Only the shell (the CLI, flows/, tasks/) reads configuration, once; the core is handed a Settings.
    root = Path(__file__).resolve().parents[1] / "briefing"
    shell = {root / "settings.py", *(root / "cli").rglob("*.py")}
    found = []
    for path in sorted(set(root.rglob("*.py")) - shell):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (getattr(node, "id", None), getattr(node, "attr", None), getattr(node, "name", None))
            if (isinstance(node, ast.Name | ast.Attribute | ast.alias) and "load_settings" in names) or (
                isinstance(node, ast.Constant) and node.value == "HF_HUB_OFFLINE"
            ):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    assert not found
