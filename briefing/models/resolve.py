"""Where a model comes from: ``BRIEFING_MODEL_DIR`` first, then the Hugging Face cache, then the Hub.

See ../shared/contracts/CLI.md. Resolution never loads weights; it only finds
a folder. Offline (``Settings.offline``, which the shell sets from ``--offline``, ``BRIEFING_OFFLINE`` or
``HF_HUB_OFFLINE``) never touches the network, so a missing model fails at once instead of after
timeouts. The settings are the only source: nothing here reads the environment.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ModelUnavailable, one_line
from briefing.settings import Settings

# Files a seq2seq model folder may need; the Hub download is limited to these, and to one weight format
# (``files_to_fetch``).
MODEL_FILE_PATTERNS = (
    "config.json",
    "generation_config.json",
    "*.safetensors",
    "pytorch_model.bin",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.json",
    "merges.txt",
    "source.spm",
    "target.spm",
    "target_vocab.json",
)


WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model.bin")


def files_to_fetch(repo_files: list[str]) -> list[str]:
    """Allow-patterns with one weight format: safetensors when the repo has them, else the .bin."""
    if any(f.endswith(".safetensors") for f in repo_files):
        weights = ["*.safetensors"]
    elif "pytorch_model.bin" in repo_files:
        weights = ["pytorch_model.bin"]
    else:
        weights = []
    return [*(p for p in MODEL_FILE_PATTERNS if p not in WEIGHT_PATTERNS), *weights]


@dataclass(frozen=True)
class ResolvedModel:
    """A model id and the folder that holds it.

    ``local`` is True for a ``BRIEFING_MODEL_DIR`` folder. ``revision`` is the
    Hub commit for cached/downloaded models, and a content stamp
    (``local-<hash of file names, sizes, mtimes>``) for local folders, so caches
    keyed on it (e.g. converted models) notice a rebuilt folder.
    """

    model_id: str
    location: str
    local: bool
    revision: str | None


def folder_name(model_id: str) -> str:
    """``org/name`` -> ``org--name`` (the folder name under ``BRIEFING_MODEL_DIR``)."""
    return model_id.strip("/").replace("/", "--")


def local_folder(model_id: str, settings: Settings) -> Path | None:
    """The ``BRIEFING_MODEL_DIR`` folder for ``model_id`` when it holds a model config."""
    if settings.model_dir is None:
        return None
    candidate = Path(settings.model_dir).expanduser() / folder_name(model_id)
    return candidate if (candidate / "config.json").is_file() else None


def local_revision(folder: Path) -> str:
    """A cheap content stamp of a local model folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"local-{digest.hexdigest()[:16]}"


def resolve_model(model_id: str, settings: Settings) -> ResolvedModel:
    """Find ``model_id``: local folder, then the HF cache, then (online only) the Hub.

    Raises :class:`ModelUnavailable` with a one-line reason naming where it looked.
    """
    folder = local_folder(model_id, settings)
    if folder is not None:
        return ResolvedModel(model_id, str(folder), True, local_revision(folder))
    cached = _from_hf(model_id, local_files_only=True)
    if cached is not None:
        return cached
    where = (
        f"not in BRIEFING_MODEL_DIR={settings.model_dir}"
        if settings.model_dir is not None
        else "BRIEFING_MODEL_DIR not set"
    )
    if settings.offline:
        raise ModelUnavailable(model_id, f"{where}, not in the Hugging Face cache, and offline", "offline")
    try:
        downloaded = _from_hf(model_id, local_files_only=False)
    except Exception as err:  # the Hub's errors are many (DNS, 401, 404, timeouts): all mean "no"
        raise ModelUnavailable(
            model_id,
            f"{where}, not in the Hugging Face cache, and the Hub failed: {one_line(err, 160)}",
            "model-missing",
        ) from None
    if downloaded is None:
        raise ModelUnavailable(
            model_id, f"{where}, not in the Hugging Face cache or on the Hub", "model-missing"
        )
    return downloaded


def pinned_revision(model_id: str) -> str | None:
    """The Hub commit the manifest pins for ``model_id`` (None: the repo's main branch)."""
    from briefing.models.manifest import entry

    known = entry(model_id)
    return known.revision if known is not None else None


def _from_hf(model_id: str, *, local_files_only: bool) -> ResolvedModel | None:
    if local_files_only and not _in_hf_cache(model_id):
        return None  # the usual answer for absent pairs, without importing the download stack (~0.5 s)
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    pinned = pinned_revision(model_id)
    # Downloads take the pinned commit; the cache is searched for it first, then for whatever main was
    # when the model was fetched (a copy pulled before the pin still serves).
    revisions = [pinned, None] if local_files_only and pinned else [pinned]
    path = None
    for revision in revisions:
        try:
            patterns = (
                list(MODEL_FILE_PATTERNS)
                if local_files_only
                else files_to_fetch(HfApi().list_repo_files(model_id, revision=revision))
            )
            path = snapshot_download(
                model_id, revision=revision, local_files_only=local_files_only, allow_patterns=patterns
            )
            break
        except LocalEntryNotFoundError:
            if local_files_only:
                continue
            raise
        except (ValueError, OSError):
            if local_files_only:  # a malformed id or an unreadable cache: treat as absent
                continue
            raise
    if path is None:
        return None
    folder = Path(path)
    if not (folder / "config.json").is_file():
        return None
    return ResolvedModel(model_id, str(folder), False, folder.name)


def _in_hf_cache(model_id: str) -> bool:
    """Whether the Hugging Face cache has a folder for ``model_id`` (cheap: constants only)."""
    from huggingface_hub import constants

    return (Path(constants.HF_HUB_CACHE) / f"models--{model_id.replace('/', '--')}").is_dir()
