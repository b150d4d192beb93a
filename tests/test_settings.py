"""Settings from every layer are validated once, and a bad one names its origin in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.settings import DEFAULT_MAX_INPUT_BYTES, SettingsError, load_settings

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
