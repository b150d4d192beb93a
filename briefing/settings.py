"""One settings object: defaults -> TOML file -> environment.

The TOML file is ``$BRIEFING_CONFIG`` when set (it must exist), else ``./briefing.toml`` when it
exists. Keys are the field names below (top level or under a ``[briefing]``
table). Environment variables are ``BRIEFING_<FIELD>`` in upper case; lists are
comma-separated, mappings are ``key=value`` pairs separated by commas.
``BRIEFING_MODEL_DIR`` is the local model folder of the CLI contract. Any other ``BRIEFING_*`` variable
(but the few of :data:`OTHER_VARIABLES`) is a misspelling: an error naming the nearest known one.

Every layer is checked once, in :func:`load_settings`: a bad value raises :class:`SettingsError`
whose one-line message names where it came from (the TOML file and key, or the variable).

Not pydantic-settings (weighed in issue #21): constructing a ``BaseSettings`` reads the environment, so the
core's plain ``Settings()`` defaults would read configuration; it decodes env lists and maps as JSON, not
``fr,de`` / ``k=v``; its errors are multi-line and name the field, not the file or variable the value came
from (the layers are merged before validation); and it puts pydantic (about 0.9 s of imports on a busy
machine) before every command's fail-fast checks, which import none today. Keeping each guarantee would mean
replacing its sources, decoding and messages, leaving it only the merge of a few dicts.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

DEFAULT_DETECT_LANGUAGES = (
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "uk",
    "ar",
    "zh",
    "ja",
    "tr",
)
ENGINES = ("auto", "torch", "ctranslate2")
SUMMARY_CHECK_MODES = ("drop", "flag", "off")
SMTP_SECURITY = ("none", "starttls", "ssl")
# Larger inputs are refused per file (read at most this + 1 bytes): no news article is 20 MB of text.
DEFAULT_MAX_INPUT_BYTES = 20_000_000
_TRUE = ("1", "true", "yes", "on")
ENV_PREFIX = "BRIEFING_"
# ``BRIEFING_*`` variables that are not settings fields but are read elsewhere: the config file, a Dask
# worker's machine name (briefing/scale/workers.py), the ctranslate2 conversion cache
# (briefing/models/ct2.py), and the test suite's tiny-model cache and scale-test logs. Any other unknown one
# is reported, not ignored (tests/test_settings.py checks that every BRIEFING_* name the repository
# mentions is known).
OTHER_VARIABLES = frozenset(
    {
        "BRIEFING_CONFIG",
        "BRIEFING_MACHINE",
        "BRIEFING_CACHE_DIR",
        "BRIEFING_TEST_MODEL_CACHE",
        "BRIEFING_KEEP_SCALE_LOGS",
    }
)
_FALSE = ("0", "false", "no", "off", "")


class SettingsError(ValueError):
    """A bad setting; the message is one line naming its origin (file and key, or variable)."""


@dataclass(frozen=True)
class Settings:
    # Languages
    briefing_language: str = "en"
    target_languages: tuple[str, ...] = ("fr", "de")
    detect_languages: tuple[str, ...] = DEFAULT_DETECT_LANGUAGES
    # Languages the reader reads: comment segments in them are shown as written, not translated.
    reader_languages: tuple[str, ...] = ()

    # Models (Hub ids; a folder named <org>--<name> under model_dir wins)
    summarizer: str = "sshleifer/distilbart-cnn-12-6"
    # Per-language summarizers, e.g. {"fr": "moussaKam/barthez-orangesum-abstract"}.
    summarizers_by_language: Mapping[str, str] = field(default_factory=dict)
    # Translation models come from the model manifest (briefing/models/manifest.py). Optional extras:
    # a pattern tried after the manifest for any pair, e.g. "Helsinki-NLP/opus-mt-{src}-{tgt}" ("" = none),
    translation_model_pattern: str = ""
    # per-pair overrides tried first, e.g. {"fr-de": "Helsinki-NLP/opus-mt-fr-de"},
    translation_overrides: Mapping[str, str] = field(default_factory=dict)
    # and target-language tokens of multi-target models, "<model id>:<lang>" -> token, which replace the
    # manifest's, e.g. {"Helsinki-NLP/opus-mt-tc-big-en-pt:pt": ">>pob<<"} for Brazilian Portuguese.
    translation_target_tokens: Mapping[str, str] = field(default_factory=dict)
    model_dir: Path | None = None
    offline: bool = False
    # "auto" uses ctranslate2 where the model converts, torch otherwise.
    engine: str = "auto"
    # ctranslate2 compute type: "auto" picks by CPU features (briefing/models/cpu.py), else e.g. "int8".
    ct2_compute_type: str = "auto"
    # Weights kept loaded at once (MB of model files): beyond it the least recently used model is released
    # (a run's stages use their models one after another). The model being loaded always stays.
    model_memory_mb: int = 512

    # Generation
    summary_min_tokens: int = 30
    summary_max_tokens: int = 130
    summary_num_beams: int = 4
    # The faithfulness check of abstractive summaries (briefing.checks): "drop" removes sentences whose
    # names, figures, dates or quotations the article does not contain, "flag" keeps them marked, "off".
    summary_check: str = "drop"
    translation_max_tokens: int = 256
    translation_num_beams: int = 4
    # Inputs per generate call (length-sorted); each engine splits a call further by source tokens, beams
    # counted (briefing.models.batching.MAX_BATCH_TOKENS), so this bounds calls, not memory. 32: the bench's
    # limit variant found 32 fastest for every translation model with more than a few dozen units (1.2-1.5x
    # faster than 16 on a 2-core AVX-512 machine, bench/README.md).
    batch_size: int = 32

    # Discussion (briefing/discussion): articles with at least this many comments get a "what readers say"
    # summary (groups of comments, representatives, gist).
    discussion_min_comments: int = 3

    # Inputs
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    # Longer decoded text is refused in one line before any stage runs: sentence splitting and the stages
    # after it grow with the text, and no news article is two million characters long.
    max_article_chars: int = 2_000_000

    # Output and scheduling
    output_dir: Path = Path("outputs")
    # Feeds (DIR/feeds/<lang>.xml|.json): newest entries kept, and the public URL of the output folder
    # that entry links start with (empty: file:// links to the folder itself).
    feed_max_entries: int = 50
    feed_base_url: str = ""
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
    # Wall-clock bounds (a server trickling one byte at a time never trips the read timeout): one request
    # with its redirects and retries, and one source (a feed and the pages of its new entries).
    fetch_request_deadline_s: float = 120.0
    fetch_source_deadline_s: float = 600.0
    # Sources fetched at once (across hosts: one host still gets one request at a time, with its delay).
    fetch_parallel: int = 8
    # A per-article stage task (cleaning) running longer fails that article alone, in one line.
    article_timeout_s: float = 900.0
    # Loopback, private, link-local, ULA, multicast and reserved addresses are refused unless this is true
    # (an intranet feed reader); every address a name resolves to is checked, at every redirect hop.
    fetch_allow_private_networks: bool = False

    # Email editions (briefing/delivery): one message per reader language after each edition. No recipients,
    # no email. ``email_recipients`` is a TOML table language -> list of addresses (env:
    # ``BRIEFING_EMAIL_RECIPIENTS="en=a@example.org;b@example.org,fr=c@example.org"``). The password is read
    # from ``smtp_password_file`` when a message is sent, and never logged. A port of 0 is the security
    # mode's usual port (25, 587, 465).
    smtp_host: str = ""
    smtp_port: int = 0
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password_file: Path | None = None
    smtp_timeout_s: float = 30.0
    email_from: str = ""
    email_recipients: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Sent as List-Unsubscribe when set (an https: or mailto: URL).
    email_unsubscribe_url: str = ""

    # Topics (briefing/editions/topics.py): keywords per article language ("*": any), matched as whole words
    # of the title and body, case-insensitively ("wahl*": words starting with it). A muted article never
    # reaches the edition, email or feeds; boosted stories rank higher. Env form as email_recipients.
    mute_keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    boost_keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The most stories an edition shows in full (0: all); the others are listed as headlines under "More".
    edition_max_stories: int = 0
    # Sections of an edition, in this order: name -> rules ("source:Coastline", "keyword:election" or a bare
    # keyword); a story goes under the first section it matches, the rest under "Other stories".
    edition_sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Staleness: articles published longer ago than this before a run are left out of its edition and the
    # feeds (0: no limit; undated articles are kept).
    max_article_age_days: int = 0
    # A source that failed this many runs in a row is named on the edition and in `briefing sources list`,
    # and (a configured one) warns instead of failing the run: still reported, with how to disable it.
    source_failure_runs: int = 3

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: _coerce(self, k, v) for k, v in changes.items()})

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
    """Defaults, then the TOML file, then ``BRIEFING_*`` env vars, then ``overrides``; validated.

    Raises :class:`SettingsError` (one line naming the file/key or variable) for a missing or
    unreadable config file, bad TOML, an unknown key or a value of the wrong type or range.
    """
    env = os.environ if env is None else env
    check_variable_names(env)
    settings = Settings()
    origins: dict[str, str] = {}
    path, label = _config_path(config_path, env)
    if path is not None:
        data = _read_toml(path, label)
        for name, value in _known(data, label).items():
            settings = _set(settings, name, value, f"{label}: {name}", origins)
    from_env = {f.name for f in fields(Settings) if _variable(f.name) in env}
    for name in sorted(from_env):
        var = _variable(name)
        settings = _set(settings, name, env[var], var, origins)
    if "offline" not in from_env and env.get("HF_HUB_OFFLINE", "").strip().lower() in _TRUE:
        settings = _set(settings, "offline", True, "HF_HUB_OFFLINE", origins)
    for name, value in overrides.items():
        if value is not None:
            settings = _set(settings, name, value, name, origins)
    validate(settings, origins)
    return settings


def known_variables() -> frozenset[str]:
    """Every ``BRIEFING_*`` variable the project reads: one per settings field, and the others."""
    return frozenset(_variable(f.name) for f in fields(Settings)) | OTHER_VARIABLES


def check_variable_names(env: Mapping[str, str]) -> None:
    """A ``BRIEFING_*`` variable nobody reads is a misspelling (it would be ignored): :class:`SettingsError`
    naming it and the nearest known variable."""
    known = known_variables()
    unknown = sorted(name for name in env if name.startswith(ENV_PREFIX) and name not in known)
    if not unknown:
        return
    # Compared without the shared prefix, which would make every name look alike.
    suffixes = {name.removeprefix(ENV_PREFIX): name for name in known}
    close = difflib.get_close_matches(unknown[0].removeprefix(ENV_PREFIX), list(suffixes), n=1, cutoff=0.75)
    hint = (
        f"did you mean {suffixes[close[0]]}?"
        if close
        else f"a setting's variable is {ENV_PREFIX} and its name in capitals, e.g. {ENV_PREFIX}ENGINE"
    )
    others = f"; also unknown: {', '.join(unknown[1:])}" if len(unknown) > 1 else ""
    raise SettingsError(f"{unknown[0]}: unknown variable ({hint}){others}")


def validate(settings: Settings, origins: Mapping[str, str] | None = None) -> None:
    """Check values that have the right type but make no sense; :class:`SettingsError` names the first."""
    from briefing.languages import unknown_codes

    origins = origins or {}

    def bad(name: str, reason: str) -> SettingsError:
        return SettingsError(f"{origins.get(name, f'setting {name}')}: {reason}")

    for name in ("briefing_language", "target_languages", "detect_languages"):
        value = getattr(settings, name)
        codes = [value] if isinstance(value, str) else list(value)
        unknown = unknown_codes(codes)
        if unknown:
            raise bad(name, f"unknown language code(s): {', '.join(map(repr, unknown))} (ISO 639-1 expected)")
    if not settings.detect_languages:
        raise bad("detect_languages", "needs at least one language code")
    if settings.engine not in ENGINES:
        raise bad("engine", f"{settings.engine!r} is not one of {', '.join(ENGINES)}")
    if settings.summary_check not in SUMMARY_CHECK_MODES:
        modes = ", ".join(SUMMARY_CHECK_MODES)
        raise bad("summary_check", f"{settings.summary_check!r} is not one of {modes}")
    for name in (
        "summary_min_tokens",
        "summary_max_tokens",
        "summary_num_beams",
        "translation_max_tokens",
        "translation_num_beams",
        "batch_size",
        "model_memory_mb",
        "max_input_bytes",
        "max_article_chars",
        "fetch_parallel",
        "discussion_min_comments",
    ):
        if getattr(settings, name) < 1:
            raise bad(name, f"must be a positive integer, not {getattr(settings, name)}")
    for name in ("fetch_request_deadline_s", "fetch_source_deadline_s", "article_timeout_s"):
        if not getattr(settings, name) > 0:
            raise bad(name, f"must be a positive number of seconds, not {getattr(settings, name)}")
    if settings.summary_min_tokens > settings.summary_max_tokens:
        raise bad(
            "summary_min_tokens",
            f"summary_min_tokens ({settings.summary_min_tokens}) exceeds "
            f"summary_max_tokens ({settings.summary_max_tokens})",
        )
    pattern = settings.translation_model_pattern
    if pattern and ("{src}" not in pattern or "{tgt}" not in pattern):
        # Empty (the default): only the model manifest routes.
        raise bad("translation_model_pattern", "must contain {src} and {tgt}")
    _validate_email(settings, bad)
    for name in ("mute_keywords", "boost_keywords"):
        unknown = unknown_codes([k for k in getattr(settings, name) if k != "*"])
        if unknown:
            raise bad(name, f"unknown language code(s): {', '.join(map(repr, unknown))} (or '*' for any)")
    if settings.max_article_age_days < 0:
        raise bad(
            "max_article_age_days", f"must be 0 (no limit) or more, not {settings.max_article_age_days}"
        )
    if settings.source_failure_runs < 1:
        raise bad("source_failure_runs", f"must be 1 or more, not {settings.source_failure_runs}")
    if settings.edition_max_stories < 0:
        raise bad("edition_max_stories", f"must be 0 (no cap) or more, not {settings.edition_max_stories}")


def _validate_email(settings: Settings, bad: Any) -> None:
    from briefing.languages import unknown_codes

    if settings.smtp_security not in SMTP_SECURITY:
        raise bad("smtp_security", f"{settings.smtp_security!r} is not one of {', '.join(SMTP_SECURITY)}")
    if not 0 <= settings.smtp_port <= 65535:
        raise bad("smtp_port", f"must be 0-65535, not {settings.smtp_port}")
    if settings.smtp_timeout_s <= 0:
        raise bad("smtp_timeout_s", f"must be positive, not {settings.smtp_timeout_s}")
    recipients = settings.email_recipients
    unknown = unknown_codes(list(recipients))
    if unknown:
        raise bad("email_recipients", f"unknown language code(s): {', '.join(map(repr, unknown))}")
    for language, addresses in recipients.items():
        wrong = [a for a in addresses if "@" not in a or any(c in a for c in " ,<>\r\n")]
        if wrong:
            raise bad("email_recipients", f"{language}: not an email address: {wrong[0]!r}")
    if not any(recipients.values()):
        return
    if not settings.smtp_host:
        raise bad("email_recipients", "recipients are set but smtp_host is empty")
    if "@" not in settings.email_from:
        raise bad("email_from", f"recipients are set, so an address is needed, not {settings.email_from!r}")
    url = settings.email_unsubscribe_url
    if url and not url.startswith(("https://", "http://", "mailto:")):
        raise bad("email_unsubscribe_url", f"expected an http(s): or mailto: URL, not {url!r}")


def _config_path(
    config_path: str | os.PathLike[str] | None, env: Mapping[str, str]
) -> tuple[Path | None, str]:
    if config_path is not None:
        return Path(config_path), str(config_path)
    if env.get("BRIEFING_CONFIG"):
        path = Path(env["BRIEFING_CONFIG"]).expanduser()
        if not path.is_file():
            why = "is a directory" if path.is_dir() else "no such file"
            raise SettingsError(f"BRIEFING_CONFIG={env['BRIEFING_CONFIG']}: {why}")
        return path, str(path)
    if Path("briefing.toml").is_file():
        return Path("briefing.toml"), "briefing.toml"
    return None, ""


def _read_toml(path: Path, label: str) -> Mapping[str, Any]:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(f"{label}: no such file") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{label}: invalid TOML: {err}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{label}: invalid TOML: not UTF-8 text") from None
    except OSError as err:
        raise SettingsError(f"{label}: {err.strerror or err}") from None
    table = data.get("briefing", data)
    if not isinstance(table, Mapping):
        raise SettingsError(f"{label}: [briefing] must be a table")
    return table


def _set(settings: Settings, name: str, value: Any, origin: str, origins: dict[str, str]) -> Settings:
    try:
        changed = settings.replace(**{name: value})
    except (ValueError, TypeError) as err:
        raise SettingsError(f"{origin}: {err}") from None
    origins[name] = origin
    return changed


def _variable(name: str) -> str:
    return f"{ENV_PREFIX}{name.upper()}"


def _known(data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    names = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise SettingsError(f"{origin}: unknown setting(s): {', '.join(unknown)}")
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
        return _boolean(value)
    if isinstance(current, int):
        return _integer(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, tuple):
        if not isinstance(value, str | list | tuple):
            raise ValueError(f"expected a list or comma-separated text, not {value!r}")
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(str(i).strip() for i in items if str(i).strip())
    if "Mapping[str, tuple" in hint:
        return _string_lists(value)
    if "Mapping" in hint:
        if isinstance(value, str):
            pairs = (p.split("=", 1) for p in value.split(",") if "=" in p)
            return {k.strip(): v.strip() for k, v in pairs}
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a table of key = value, not {value!r}")
        return dict(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, not {value!r}")
    return value


def _string_lists(value: Any) -> dict[str, tuple[str, ...]]:
    """A table key -> list of strings; as text ``en=a@x.org;b@y.org,fr=c@z.org``."""
    if isinstance(value, str):
        pairs = (p.split("=", 1) for p in value.split(",") if "=" in p)
        return {k.strip(): tuple(a.strip() for a in v.split(";") if a.strip()) for k, v in pairs}
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a table of language = [list of text], not {value!r}")
    out: dict[str, tuple[str, ...]] = {}
    for key, items in value.items():
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ValueError(f"{key}: expected a list of text, not {items!r}")
        out[str(key)] = tuple(i.strip() for i in items if i.strip())
    return out


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"expected true or false, not {value!r}")


def _integer(value: Any) -> int:
    if isinstance(value, bool | float):
        raise ValueError(f"expected an integer, not {value!r}")
    try:
        return int(str(value).strip().replace("_", ""))
    except ValueError:
        raise ValueError(f"expected an integer, not {value!r}") from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
