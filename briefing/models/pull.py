"""``briefing models pull``: fetch a model's files once (one weight format) and convert it for ctranslate2.

Only the files a seq2seq folder needs are downloaded (config, tokenizer, generation config, and the
weights in one format: safetensors when the repo has them, else ``pytorch_model.bin``). A model already in
``BRIEFING_MODEL_DIR`` or the Hugging Face cache is not fetched again. The ctranslate2 conversion is made
here, once, so the first run does not pay for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import ModelUnavailable
from briefing.models.resolve import ResolvedModel, files_to_fetch, pinned_revision, resolve_model
from briefing.models.testmodel import TEST_MODEL_LABEL, is_test_model
from briefing.settings import Settings

__all__ = ["PullOutcome", "files_to_fetch", "pull_model"]


@dataclass(frozen=True)
class PullOutcome:
    model_id: str
    ok: bool
    detail: str
    size_bytes: int = 0
    unreachable: bool = False
    test_model: bool = False  # a make-tiny model stands where the real one should be

    def line(self) -> str:
        size = f"{self.size_bytes / 2**20:.0f} MB" if self.size_bytes else "-"
        status = "ok" if self.ok else "skipped"
        return f"{self.model_id}\t{size}\t{status}\t{self.detail}"


def folder_size(folder: str | Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def pull_model(model_id: str, settings: Settings) -> PullOutcome:
    """Make ``model_id`` present (and converted): an outcome with one line to print, never raises."""
    try:
        resolved = resolve_model(model_id, settings.replace(offline=True))
        how = "already present"
    except ModelUnavailable:
        try:
            resolved = _download(model_id)
        except Exception as err:  # the Hub's errors are many: one line each
            return _failure(model_id, err)
        how = "downloaded"
    if is_test_model(resolved.location):  # random weights would keep being used before any download
        return PullOutcome(
            model_id,
            False,
            f"{TEST_MODEL_LABEL} in {resolved.location}, used before a real one",
            folder_size(resolved.location),
            test_model=True,
        )
    note = _convert(resolved, settings)
    return PullOutcome(model_id, True, f"{how}; {note}", folder_size(resolved.location))


def _download(model_id: str) -> ResolvedModel:
    from huggingface_hub import HfApi, snapshot_download

    # Its retry warnings ("... thrown while requesting ... Retrying in 2s") would bury the one line per model.
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)

    revision = pinned_revision(model_id)  # the manifest's commit; None: main
    repo_files = HfApi().list_repo_files(model_id, revision=revision)
    path = snapshot_download(model_id, revision=revision, allow_patterns=files_to_fetch(repo_files))
    folder = Path(path)
    if not (folder / "config.json").is_file():
        raise ModelUnavailable(model_id, "the repository has no config.json")
    return ResolvedModel(model_id, str(folder), False, folder.name)


def _convert(resolved: ResolvedModel, settings: Settings) -> str:
    if settings.engine == "torch":
        return "torch engine: no ctranslate2 conversion"
    try:
        from briefing.models import ct2_convert

        if ct2_convert.has_separate_vocabs(resolved.location):
            return f"ctranslate2: {ct2_convert.SEPARATE_VOCABS}"
        ct2_convert.ensure_converted(
            resolved.model_id, resolved.location, resolved.revision, local=resolved.local
        )
    except (ImportError, ModelUnavailable) as err:
        reason = getattr(err, "reason", str(err))
        return f"ctranslate2 conversion failed, torch will be used: {reason}"
    return "converted for ctranslate2"


def _failure(model_id: str, err: BaseException) -> PullOutcome:
    text = f"{type(err).__name__} {err}"
    lowered = text.lower()
    if any(w in lowered for w in ("connect", "name or service", "timed out", "timeout", "network")):
        return PullOutcome(model_id, False, "the Hugging Face Hub is unreachable", unreachable=True)
    if "not found" in lowered or "404" in lowered or "401" in lowered:
        return PullOutcome(model_id, False, "not on the Hugging Face Hub (repository not found)")
    return PullOutcome(model_id, False, first_sentence(str(err)) or type(err).__name__)


def first_sentence(text: str, limit: int = 200) -> str:
    """The first line of an error, whole: cut at a sentence end (or a word) within ``limit``, with "..."."""
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(line) <= limit:
        return line
    head = line[:limit]
    cut = head.rfind(". ")
    if cut > limit // 3:
        return head[: cut + 1]
    return head[: head.rfind(" ")].rstrip(",;:") + " ..."
