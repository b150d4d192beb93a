"""`briefing models make-tiny | pull | list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from briefing.cli.app import app, models_app  # noqa: F401
from briefing.cli.errors import fail, one_line_errors


@models_app.command("make-tiny")
def make_tiny(
    directory: Annotated[Path, typer.Argument(help="Folder for the model folders (created if missing).")],
    size: Annotated[
        str,
        typer.Option("--size", help="tiny: for tests; real: the default models' real shapes (benchmarks)."),
    ] = "tiny",
) -> None:
    """Write randomly initialised models of the real classes under the default model names."""
    if size not in ("tiny", "real"):
        raise fail(f"error: --size must be 'tiny' or 'real', not {size!r}")
    from briefing.models.tiny import make_models
    from briefing.settings import load_settings

    with one_line_errors():
        settings = _settings(load_settings)
        try:
            written = make_models(directory, size=size, settings=settings)  # type: ignore[arg-type]
        except OSError as err:
            raise fail(f"error: {directory}: {err.strerror or err}") from None
    for folder in written:
        print(folder)


@models_app.command("pull")
def pull() -> None:
    """Download the default model set into the Hugging Face cache (needs the Hub)."""
    from briefing.models.resolve import MODEL_FILE_PATTERNS, is_offline
    from briefing.models.tiny import default_model_ids
    from briefing.settings import load_settings

    settings = _settings(load_settings)
    if is_offline(settings):
        raise fail("error: offline (HF_HUB_OFFLINE or --offline): cannot download models from the Hub")
    from huggingface_hub import snapshot_download

    pulled, failed = [], []
    for model_id in default_model_ids(settings):
        print(f"pulling {model_id} ...", flush=True)
        try:
            path = snapshot_download(model_id, allow_patterns=list(MODEL_FILE_PATTERNS))
        except Exception as err:  # network, 404, auth: one line each, no traceback
            if _is_network_error(err):
                # The Hub is unreachable: the other models would fail the same way. One whole line,
                # not the Hub's own message (long, and cut mid-sentence when shortened).
                failed.append(
                    "error: cannot reach the Hugging Face Hub (no network?): no model downloaded; "
                    "run `briefing models pull` again when online, or set BRIEFING_MODEL_DIR"
                )
                break
            failed.append(f"error: {model_id}: {first_sentence(str(err)) or type(err).__name__}")
            continue
        pulled.append(f"{model_id}\t{path}")
    for line in pulled:
        print(line)
    if failed:
        for line in failed:
            typer.echo(line, err=True)
        raise typer.Exit(2)


@models_app.command("list")
def list_models() -> None:
    """Show where each default model resolves (local folder, HF cache) or why it does not."""
    from briefing.errors import ModelUnavailable
    from briefing.models.resolve import is_offline, resolve_model
    from briefing.models.tiny import default_model_ids
    from briefing.settings import load_settings

    settings = _settings(load_settings)
    # Listing never downloads: look in the local folder and the cache only.
    local_only = settings.replace(offline=True)
    for model_id in default_model_ids(settings):
        try:
            resolved = resolve_model(model_id, local_only)
        except ModelUnavailable as err:
            # Resolved offline on purpose (listing never downloads): say "offline" only when the user is.
            reason = err.reason if is_offline(settings) else err.reason.replace(", and offline", "")
            if not is_offline(settings):
                reason += " (briefing models pull downloads it)"
            print(f"{model_id}\tunavailable\t{reason}")
            continue
        where = "local" if resolved.local else "hf-cache"
        print(f"{model_id}\t{where}\t{resolved.location}")


def _settings(load_settings):
    try:
        return load_settings()
    except (OSError, ValueError) as err:
        raise fail(f"error: settings: {err}") from None


def _is_network_error(err: BaseException) -> bool:
    text = f"{type(err).__name__} {err}".lower()
    return any(word in text for word in ("connect", "name or service", "timed out", "timeout", "network"))


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
