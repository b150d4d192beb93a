"""`briefing models make-tiny | pull | list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from briefing.cli.app import app, models_app  # noqa: F401
from briefing.cli.errors import fail, one_line_errors

HUB_UNREACHABLE = (
    "error: cannot reach the Hugging Face Hub (no network?): no model downloaded; "
    "run `briefing models pull` again when online, or set BRIEFING_MODEL_DIR"
)


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
    # The next step, on stderr (stdout stays the list of folders for scripts).
    typer.echo(
        f"next: BRIEFING_MODEL_DIR={directory} briefing run   (random test models: the digests' text is "
        "meaningless; for real digests: briefing models pull)",
        err=True,
    )


@models_app.command("pull")
def pull() -> None:
    """Download the models the default routes need (one weight format each) and convert them for ctranslate2.

    One line per model: size and ok, or skipped with the reason. Exit 0 when every model a route needs is
    present, 2 otherwise (offline: one line).
    """
    from briefing.models.tiny import default_model_ids
    from briefing.settings import load_settings

    settings = _settings(load_settings)
    if settings.offline:
        raise fail("error: offline (HF_HUB_OFFLINE or --offline): cannot download models from the Hub")
    from briefing.models.pull import pull_model

    failed = 0
    test_models: list[str] = []
    for model_id in default_model_ids(settings):
        outcome = pull_model(model_id, settings)
        if outcome.unreachable:
            # The other models would fail the same way: one whole line, not the Hub's own message.
            typer.echo(HUB_UNREACHABLE, err=True)
            failed += 1
            break
        print(outcome.line(), flush=True)
        failed += not outcome.ok
        if outcome.test_model:
            test_models.append(model_id)
    if test_models:
        typer.echo(
            f"error: {len(test_models)} random test model(s) from `briefing models make-tiny` in "
            f"BRIEFING_MODEL_DIR={settings.model_dir} are used before real ones: unset BRIEFING_MODEL_DIR "
            "(or point it at a folder of real models) and run `briefing models pull` again",
            err=True,
        )
    if failed:
        raise typer.Exit(2)


@models_app.command("list")
def list_models(
    routes: Annotated[
        bool, typer.Option("--routes", help="Print the route of every ordered pair of the languages.")
    ] = False,
) -> None:
    """Show where each default model resolves (local folder, HF cache) or why it does not."""
    from briefing.errors import ModelUnavailable
    from briefing.models.resolve import resolve_model
    from briefing.models.testmodel import TEST_MODEL_LABEL, is_test_model
    from briefing.models.tiny import default_languages, default_model_ids
    from briefing.settings import load_settings

    settings = _settings(load_settings)
    if routes:
        from briefing.models.routes import route_line, route_table

        for route in route_table(default_languages(settings), settings):
            print(route_line(route))
        return
    # Listing never downloads: look in the local folder and the cache only.
    local_only = settings.replace(offline=True)
    for model_id in default_model_ids(settings):
        try:
            resolved = resolve_model(model_id, local_only)
        except ModelUnavailable as err:
            # Resolved offline on purpose (listing never downloads): say "offline" only when the user is.
            reason = err.reason if settings.offline else err.reason.replace(", and offline", "")
            if not settings.offline:
                reason += " (briefing models pull downloads it)"
            print(f"{model_id}\tunavailable\t{reason}")
            continue
        where = "local" if resolved.local else "hf-cache"
        if is_test_model(resolved.location):
            where = TEST_MODEL_LABEL
        print(f"{model_id}\t{where}\t{resolved.location}")


def _settings(load_settings):
    try:
        return load_settings()
    except (OSError, ValueError) as err:
        raise fail(f"error: settings: {err}") from None
