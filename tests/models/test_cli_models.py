"""`briefing models make-tiny | pull | list`."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from briefing.models import manifest
from briefing_cli import app

runner = CliRunner()


@pytest.mark.tiny_model
def test_make_tiny_writes_the_default_folders(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.setenv("BRIEFING_TARGET_LANGUAGES", "fr")  # fewer models: a quicker test
    monkeypatch.setenv("BRIEFING_DETECT_LANGUAGES", "en,fr")
    result = runner.invoke(app, ["models", "make-tiny", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert names == [
        "Helsinki-NLP--opus-mt-en-fr",
        "Helsinki-NLP--opus-mt-fr-en",
        "sshleifer--distilbart-cnn-12-6",
    ]
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path / "m"))
    listed = runner.invoke(app, ["models", "list"])
    assert listed.exit_code == 0
    assert all("\trandom test model (make-tiny)\t" in line for line in listed.stdout.strip().splitlines())
    assert f"next: BRIEFING_MODEL_DIR={tmp_path / 'm'} briefing run" in result.stderr


@pytest.mark.unit
def test_make_tiny_rejects_an_unknown_size(tmp_path):
    result = runner.invoke(app, ["models", "make-tiny", str(tmp_path), "--size", "huge"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:")


@pytest.mark.unit
def test_pull_offline_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(app, ["models", "pull"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "offline" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.unit
def test_list_without_models_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.startswith("sshleifer/distilbart-cnn-12-6\tunavailable\t") and str(tmp_path) in first


@pytest.mark.unit
def test_list_routes_prints_every_ordered_pair(monkeypatch):
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.delenv("BRIEFING_DETECT_LANGUAGES", raising=False)
    monkeypatch.delenv("BRIEFING_TARGET_LANGUAGES", raising=False)
    result = runner.invoke(app, ["models", "list", "--routes"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 14 * 13
    table = {line.split("\t")[0]: line.split("\t", 1)[1] for line in lines}
    assert table["pt→en"] == "direct\tHelsinki-NLP/opus-mt-ROMANCE-en"
    assert table["en→pt"] == "direct\tHelsinki-NLP/opus-mt-tc-big-en-pt >>por<<"
    assert table["en→pl"] == "direct\tHelsinki-NLP/opus-mt-en-zlw >>pol<<"
    assert table["fr→de"].startswith("pivot via en\t")
    assert table["ar→en"] == "direct\tHelsinki-NLP/opus-mt-ar-en"
    assert table["zh→en"] == "direct\tHelsinki-NLP/opus-mt-zh-en"
    assert table["ja→en"] == "direct\tHelsinki-NLP/opus-mt-ja-en"
    assert table["tr→en"] == "direct\tHelsinki-NLP/opus-mt-tr-en"
    assert table["en→ar"] == "direct\tHelsinki-NLP/opus-mt-en-ar >>ara<<"
    assert table["en→zh"] == "direct\tHelsinki-NLP/opus-mt-en-zh >>cmn_Hans<<"
    assert table["en→tr"] == "direct\tHelsinki-NLP/opus-mt-en-trk >>tur<<"
    assert table["en→ja"].startswith("none\t") and "Japanese" in table["en→ja"]
    assert not any(bad in result.output for bad in ("opus-mt-pt-en", "opus-mt-en-pt\n", "opus-mt-en-pl"))


@pytest.mark.unit
def test_pull_fetches_one_weight_format():
    from briefing.models.pull import files_to_fetch

    both = files_to_fetch(["config.json", "model.safetensors", "pytorch_model.bin", "tf_model.h5"])
    assert "*.safetensors" in both and "pytorch_model.bin" not in both
    bin_only = files_to_fetch(["config.json", "pytorch_model.bin", "rust_model.ot"])
    assert "pytorch_model.bin" in bin_only and "*.safetensors" not in bin_only


@pytest.mark.tiny_model
def test_pull_exits_0_when_every_route_model_is_present_and_2_when_one_is_not(
    tiny_models, monkeypatch, tmp_path
):
    import briefing.models.pull as pull_module

    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("BRIEFING_ENGINE", "torch")
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(tiny_models))

    def no_hub(model_id):
        raise OSError("404 Client Error: Repository Not Found")

    monkeypatch.setattr(pull_module, "_download", no_hub)
    # make-tiny's random models are not "ok, already present": pull says so and exits 2.
    result = runner.invoke(app, ["models", "pull"])
    assert result.exit_code == 2, result.output
    from briefing.settings import Settings
    from briefing.testing.tiny import default_model_ids

    count = len(default_model_ids(Settings()))  # every model a default route needs, all made by make-tiny
    lines = result.stdout.strip().splitlines()
    assert len(lines) == count and all(
        "\tskipped\trandom test model (make-tiny) in " in line for line in lines
    )
    (error,) = result.stderr.strip().splitlines()
    assert error.startswith(f"error: {count} random test model(s)") and "BRIEFING_MODEL_DIR" in error

    real = tmp_path / "real"  # the same folders without the make-tiny marker stand for real models
    shutil.copytree(tiny_models, real)
    for marker in real.glob("*/briefing-test-model.json"):
        marker.unlink()
    monkeypatch.setenv("BRIEFING_MODEL_DIR", str(real))
    result = runner.invoke(app, ["models", "pull"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == len(manifest.MANIFEST) and all("\tok\talready present" in line for line in lines)

    monkeypatch.setenv("BRIEFING_TARGET_LANGUAGES", "fr,sv")
    monkeypatch.setenv("BRIEFING_TRANSLATION_OVERRIDES", "en-sv=Helsinki-NLP/opus-mt-en-sv")
    result = runner.invoke(app, ["models", "pull"])
    assert result.exit_code == 2
    (line,) = [line for line in result.output.splitlines() if "opus-mt-en-sv" in line]
    assert "\tskipped\tnot on the Hugging Face Hub" in line and "Traceback" not in result.output
