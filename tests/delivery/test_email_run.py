"""A whole run (no Prefect) with a mail server that refuses: the run's digests, edition, index and feeds are
written, its exit code is unchanged, and the unsent messages are its flag (one line each); the next run,
with nothing new and the server accepting, sends them."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from briefing.editions.manifest import read_manifest
from briefing.run.batch import run_batch
from briefing.settings import Settings
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.local_smtp


def test_a_refused_send_flags_the_run_and_the_next_run_sends_it(tmp_path, smtp_server, refusing_server):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "eu-night-trains.txt", inputs)
    settings = Settings(
        offline=True,
        model_dir=tmp_path / "no-models",
        target_languages=("fr",),
        data_dir=tmp_path / "data",
        smtp_host="127.0.0.1",
        smtp_port=refusing_server.port,
        smtp_security="none",
        smtp_timeout_s=2.0,
        email_from="briefing@example.org",
        email_recipients={"en": ("ann@example.org",), "fr": ("chloe@example.org",)},
    )
    out = tmp_path / "out"
    first = run_batch([inputs], settings, out)
    assert first.exit_code == 0 and len(first.digests) == 1
    assert len(first.email) == 2 and all(line.startswith("error: email edition") for line in first.email)
    [edition] = read_manifest(out).editions
    assert (out / "editions" / f"{edition.id}.html").is_file() and (out / "feeds" / "fr.xml").is_file()

    second = run_batch([inputs], replace(settings, smtp_port=smtp_server.port), out)
    assert second.email == () and len(read_manifest(out).editions) == 1
    languages = sorted(m["Content-Language"] for _, m in smtp_server.inbox.received)
    assert languages == ["en", "fr"]
