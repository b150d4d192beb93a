"""Both engines decode with the generation settings transformers reads, whatever file holds them.

sshleifer/distilbart-cnn-12-6 has no generation_config.json: its settings are legacy fields of
config.json (the manifest's layout). transformers 5 drops them when it builds the model config, so a
reader that starts from the model config gets no_repeat_ngram_size 0 and length_penalty 1.0 while torch
(which re-reads config.json as a GenerationConfig) gets 3 and 2.0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.models import ct2, manifest
from briefing.models.resolve import folder_name, resolve_model
from briefing.models.torch_engine import load_torch_model
from briefing.settings import Settings
from briefing.testing.tiny import make_models, tiny_generation

pytestmark = pytest.mark.tiny_model

SUMMARIZER = "sshleifer/distilbart-cnn-12-6"


@pytest.fixture(scope="module")
def hub_layout_distilbart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny distilbart laid out as the Hub has it, with the real generation values in config.json."""
    out = tmp_path_factory.mktemp("hub-layout")
    (folder,) = make_models(out, model_ids=[SUMMARIZER])
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config.update(tiny_generation(manifest.DISTILBART_LAYOUT, "real"))
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return out


def test_the_hub_layout_has_no_generation_config(hub_layout_distilbart: Path) -> None:
    folder = hub_layout_distilbart / folder_name(SUMMARIZER)
    assert not (folder / "generation_config.json").exists()
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["no_repeat_ngram_size"] == 3 and config["length_penalty"] == 2.0


def test_both_engines_use_the_settings_kept_in_config_json(hub_layout_distilbart: Path) -> None:
    folder = hub_layout_distilbart / folder_name(SUMMARIZER)
    defaults = ct2.read_generation_defaults(folder)
    assert defaults.no_repeat_ngram_size == 3
    assert defaults.length_penalty == 2.0

    settings = Settings(model_dir=hub_layout_distilbart, offline=True, engine="torch")
    torch_model = load_torch_model(resolve_model(SUMMARIZER, settings))
    # What torch's generate receives (Briefing's lengths and beams over the model's own config).
    config = torch_model._generation_config(max_new_tokens=40, min_new_tokens=5, num_beams=4)
    assert config.no_repeat_ngram_size == defaults.no_repeat_ngram_size == 3
    assert config.length_penalty == defaults.length_penalty == 2.0
    assert defaults.forced_bos_token_id == config.forced_bos_token_id
    assert defaults.forced_eos_token_id == config.forced_eos_token_id
    assert defaults.decoder_start_token_id == config.decoder_start_token_id
