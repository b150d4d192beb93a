"""One settings object: defaults -> TOML file -> environment.

The TOML file is ``$BRIEFING_CONFIG`` when set, else ``./briefing.toml`` when it
exists. Keys are the field names below (top level or under a ``[briefing]``
table). Environment variables are ``BRIEFING_<FIELD>`` in upper case; lists are
comma-separated, mappings are ``key=value`` pairs separated by commas.
``BRIEFING_MODEL_DIR`` is the local model folder of the CLI contract.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

DEFAULT_DETECT_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk")


@dataclass(frozen=True)
class Settings:
    # Languages
    briefing_language: str = "en"
    target_languages: tuple[str, ...] = ("fr", "de")
    detect_languages: tuple[str, ...] = DEFAULT_DETECT_LANGUAGES

    # Models (Hub ids; a folder named <org>--<name> under model_dir wins)
    summarizer: str = "sshleifer/distilbart-cnn-12-6"
    # Per-language summarizers, e.g. {"fr": "moussaKam/barthez-orangesum-abstract"}.
    summarizers_by_language: Mapping[str, str] = field(default_factory=dict)
    translation_model_pattern: str = "Helsinki-NLP/opus-mt-{src}-{tgt}"
    # Per-pair overrides, e.g. {"fr-de": "Helsinki-NLP/opus-mt-fr-de"}.
    translation_overrides: Mapping[str, str] = field(default_factory=dict)
    model_dir: Path | None = None
    offline: bool = False
    # "auto" uses ctranslate2 where the model converts, torch otherwise.
    engine: str = "auto"
    # Weights kept loaded at once (MB of model files): beyond it the least recently used model is released
    # (a run's stages use their models one after another). The model being loaded always stays.
    model_memory_mb: int = 512

    # Generation
    summary_min_tokens: int = 30
    summary_max_tokens: int = 130
    summary_num_beams: int = 4
    translation_max_tokens: int = 256
    translation_num_beams: int = 4
    batch_size: int = 16

    # Output and scheduling
    output_dir: Path = Path("outputs")
    schedule_cron: str = "30 6 * * 1-5"
    schedule_timezone: str = "UTC"

    # Sources (briefing/sources): folders, files, http(s) article URLs, RSS/Atom feeds, OPML lists. A relative
    # folder not found in the working directory is looked up in the repository (so "examples" always works).
    sources: tuple[str, ...] = ("examples",)
    # The state database (what was fetched and digested) and the raw bytes fetched live here.
    data_dir: Path = Path(".briefing")
    # Fetching politeness: who we are, how long we wait, how much we read, how often we ask one host.
    fetch_user_agent: str = "Briefing/0.1 (self-hosted news digests; python-httpx)"
    fetch_connect_timeout_s: float = 10.0
    fetch_read_timeout_s: float = 30.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_host_delay_s: float = 1.0
    # 429/503 answers are retried after Retry-After (capped by fetch_max_wait_s), at most this many times.
    fetch_retries: int = 2
    fetch_max_wait_s: float = 60.0

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: _coerce(self, k, v) for k, v in changes.items()})

    def translation_model_id(self, src: str, tgt: str) -> str:
        pair = f"{src}-{tgt}"
        if pair in self.translation_overrides:
            return self.translation_overrides[pair]
        return self.translation_model_pattern.format(src=src, tgt=tgt)

    def summarizer_for(self, language: str) -> str | None:
        """The summarizer for ``language``; None when only translate-then-summarize works."""
        if language in self.summarizers_by_language:
            return self.summarizers_by_language[language]
        return self.summarizer if language == self.briefing_language else None

    def fingerprint(self, *names: str) -> str:
        """Stable hash of the named fields (all when none): part of cache keys."""
        chosen = names or tuple(f.name for f in fields(self))
        data = {n: _jsonable(getattr(self, n)) for n in sorted(chosen)}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def load_settings(
    config_path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Defaults, then the TOML file, then ``BRIEFING_*`` env vars, then ``overrides``."""
    env = os.environ if env is None else env
    settings = Settings()
    path = config_path or env.get("BRIEFING_CONFIG")
    if path is None and Path("briefing.toml").is_file():
        path = "briefing.toml"
    if path is not None:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        data = data.get("briefing", data)
        settings = settings.replace(**_known(data, str(path)))
    from_env = {
        f.name: env[f"BRIEFING_{f.name.upper()}"]
        for f in fields(Settings)
        if f"BRIEFING_{f.name.upper()}" in env
    }
    settings = settings.replace(**from_env)
    if env.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes") and "offline" not in from_env:
        settings = settings.replace(offline=True)
    return settings.replace(**{k: v for k, v in overrides.items() if v is not None})


def _known(data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    names = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"{origin}: unknown setting(s): {', '.join(unknown)}")
    return dict(data)


@functools.cache
def _field_hints() -> dict[str, Any]:
    return get_type_hints(Settings)


def _coerce(settings: Settings, name: str, value: Any) -> Any:
    """Turn TOML/env values (strings, lists) into the field's declared type."""
    hints = _field_hints()
    if name not in hints:
        raise ValueError(f"unknown setting: {name}")
    hint = str(hints[name])
    current = getattr(settings, name)
    if value is None:
        return None
    if "Path" in hint:
        return Path(value).expanduser() if value != "" else None
    if isinstance(current, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(current, int):
        return int(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, tuple):
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(str(i).strip() for i in items if str(i).strip())
    if "Mapping" in hint:
        if isinstance(value, str):
            pairs = (p.split("=", 1) for p in value.split(",") if "=" in p)
            return {k.strip(): v.strip() for k, v in pairs}
        return dict(value)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
