"""Email editions against SMTP servers the tests start on 127.0.0.1: one message per reader language, valid
MIME, under 100 KB, readable as plain text; refused, hung and dropped connections each give one line,
leave the run's other outputs as they are, and the next run sends what was missed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.delivery import MAX_MESSAGE_BYTES, message_id
from briefing.editions.manifest import read_manifest
from briefing.records import Source, Summary, Translation
from briefing.render import write_digest_files
from briefing.run.mail import send_edition, unsent_lines
from briefing.run.publish import publish_run
from briefing.settings import Settings, SettingsError, load_settings
from briefing_cli import app
from tests.delivery.conftest import PASSWORD
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.local_smtp

DAY = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
READERS = {
    "en": ("ann@example.org", "bob@example.org"),
    "fr": ("chloe@example.org",),
    "de": ("dirk@example.org",),
}


def _digests(n: int, words: int = 60):
    """``n`` stories from ``n`` outlets, each with a summary and French and German translations."""
    out = []
    for i in range(n):
        text = " ".join(f"word{i}x{k}" for k in range(words))
        out.append(
            friendly_digest(
                article_id=f"story-{i:02d}-0a1b2c3d4e",
                title=f"Headline number {i}",
                source=Source(path=f"in/{i}.txt", sha256="ab" * 32, encoding="utf-8", site=f"Outlet {i}"),
                published=f"2024-04-30T{i % 24:02d}:00:00+00:00",
                same_story_as=(),
                summary=Summary(
                    language="en", text=f"English summary {i}. {text}", method="extractive", model=None
                ),
                translations=(
                    Translation(language="fr", text=f"Résumé français {i}. {text}", model="tiny/en-fr"),
                    Translation(language="de", text=f"Deutsche Zusammenfassung {i}. {text}", model="t/en-de"),
                ),
            )
        )
    return out


def _settings(tmp_path: Path, port: int, **changes) -> Settings:
    base = Settings(
        target_languages=("fr", "de"),
        data_dir=tmp_path / "data",
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_timeout_s=2.0,
        email_from="briefing@news.example.org",
        email_recipients=READERS,
        feed_base_url="https://news.example.org/briefing",
    )
    return base.replace(**changes) if changes else base


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_one_valid_message_per_reader_language_under_100_kb(tmp_path, smtp_server):
    out = tmp_path / "out"
    settings = _settings(tmp_path, smtp_server.port, email_unsubscribe_url="https://news.example.org/unsub")
    published = publish_run(_digests(30), [], out, settings, DAY)
    [edition] = read_manifest(out).editions
    assert [r.sent for r in published.mail] == [True, True, True]
    received = smtp_server.inbox.received
    by_language = {m["Content-Language"]: (rcpt, m) for rcpt, m in received}
    assert sorted(by_language) == ["de", "en", "fr"] and len(received) == 3
    assert sorted(by_language["en"][0]) == list(READERS["en"])
    for language, (_, message) in by_language.items():
        assert message.get_content_type() == "multipart/alternative"
        parts = [p.get_content_type() for p in message.iter_parts()]
        assert parts == ["text/plain", "text/html"]
        assert message["Message-ID"] == message_id(edition.id, language, settings.email_from)
        assert message["List-Unsubscribe"] == "<https://news.example.org/unsub>"
        html = message.get_body(("html",)).get_content()
        assert "<script" not in html.lower() and "<img" not in html.lower() and "<style" not in html.lower()
        assert 'style="' in html and "src=" not in html
        text = message.get_body(("plain",)).get_content()
        # The text part alone carries every headline, outlet and summary, and the link to the web edition.
        for i in range(30):
            assert f"Headline number {i}" in text and f"Outlet {i}" in text
        assert f"https://news.example.org/briefing/editions/{edition.id}.html" in text
    assert "Résumé français 7." in by_language["fr"][1].get_body(("plain",)).get_content()
    assert "Deutsche Zusammenfassung 7." in by_language["de"][1].get_body(("html",)).get_content()
    assert all(size < MAX_MESSAGE_BYTES for size in smtp_server.inbox.raw_sizes)


def test_a_huge_edition_becomes_headlines_and_a_link(tmp_path, smtp_server):
    settings = _settings(tmp_path, smtp_server.port, email_recipients={"en": ("ann@example.org",)})
    publish_run(_digests(60, words=400), [], tmp_path / "out", settings, DAY)
    [(_, message)] = smtp_server.inbox.received
    assert smtp_server.inbox.raw_sizes[0] < MAX_MESSAGE_BYTES
    text = message.get_body(("plain",)).get_content()
    assert "did not fit in one email" in text and "Headline number 0" in text
    assert "word0x399" not in text


def test_no_recipients_no_email(tmp_path, smtp_server):
    settings = _settings(tmp_path, smtp_server.port, email_recipients={})
    published = publish_run(_digests(2), [], tmp_path / "out", settings, DAY)
    assert published.mail == () and smtp_server.inbox.received == []
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("server", "reason"),
    [
        ("refusing_server", "refused every recipient (550)"),
        ("hanging_server", "did not answer within 1 s"),
        ("dropping_server", "closed the connection"),
    ],
)
def test_a_failed_send_is_one_line_keeps_the_outputs_and_the_next_run_sends_it(
    tmp_path, request, smtp_server, server, reason
):
    bad = request.getfixturevalue(server)
    out = tmp_path / "out"
    digests = _digests(3)
    failing = _settings(tmp_path, bad.port, smtp_timeout_s=1.0)
    published = publish_run(digests, [], out, failing, DAY)
    assert len(published.mail) == 3 and not any(r.sent for r in published.mail)
    lines = [r.line for r in published.mail]
    assert all("\n" not in line and line.startswith("error: email edition") for line in lines)
    assert all(line.endswith(reason) for line in lines), lines
    assert sorted(unsent_lines(failing)) == sorted(lines)
    # The edition, index and feeds are written as without email.
    [edition] = read_manifest(out).editions
    files = _outputs(out)
    for name in (f"editions/{edition.id}.html", f"editions/{edition.id}.md", "index.html", "feeds/en.xml"):
        assert name in files, name
    # The next run (nothing new, the server back) sends what was missed, once.
    working = replace(failing, smtp_port=smtp_server.port)
    again = publish_run(digests, [], out, working, DAY.replace(day=2))
    assert sorted((r.language, r.sent) for r in again.mail) == [("de", True), ("en", True), ("fr", True)]
    assert len(smtp_server.inbox.received) == 3 and unsent_lines(working) == []
    assert read_manifest(out).editions == (edition,)
    assert publish_run(digests, [], out, working, DAY.replace(day=3)).mail == ()


def test_cli_editions_send(tmp_path, smtp_server, refusing_server, monkeypatch):
    out = tmp_path / "out"
    settings = _settings(tmp_path, smtp_server.port, output_dir=out)
    publish_run(_digests(2), [], out, settings, DAY)
    [edition] = read_manifest(out).editions
    first_ids = {m["Message-ID"] for _, m in smtp_server.inbox.received}
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    runner = CliRunner()
    assert runner.invoke(app, ["editions", "send"]).exit_code == 2  # no mail settings in this environment
    env = {
        "BRIEFING_OUTPUT_DIR": str(out),
        "BRIEFING_DATA_DIR": str(tmp_path / "data"),
        "BRIEFING_SMTP_HOST": "127.0.0.1",
        "BRIEFING_SMTP_PORT": str(smtp_server.port),
        "BRIEFING_SMTP_SECURITY": "none",
        "BRIEFING_EMAIL_FROM": "briefing@news.example.org",
        "BRIEFING_EMAIL_RECIPIENTS": "en=ann@example.org;bob@example.org,fr=chloe@example.org",
    }
    result = runner.invoke(app, ["editions", "send", edition.id], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines == [
        f"sent: email edition {edition.id} (en) to 2 recipient(s)",
        f"sent: email edition {edition.id} (fr) to 1 recipient(s)",
    ]
    # A re-send is the same message to mail clients.
    assert {m["Message-ID"] for _, m in smtp_server.inbox.received[-2:]} <= first_ids
    refused = runner.invoke(
        app, ["editions", "send"], env={**env, "BRIEFING_SMTP_PORT": str(refusing_server.port)}
    )
    assert refused.exit_code == 1 and len(refused.output.strip().splitlines()) == 2
    assert runner.invoke(app, ["editions", "send", "20990101-000000-abcdef"], env=env).exit_code == 2


def test_mail_settings_from_toml_and_environment(tmp_path):
    config = tmp_path / "briefing.toml"
    config.write_text(
        'smtp_host = "mail.example.org"\nemail_from = "b@example.org"\nsmtp_security = "ssl"\n'
        '[email_recipients]\nen = ["a@example.org", "b@example.org"]\nuk = ["c@example.org"]\n',
        encoding="utf-8",
    )
    settings = load_settings(config, env={})
    assert settings.email_recipients == {"en": ("a@example.org", "b@example.org"), "uk": ("c@example.org",)}
    env = {"BRIEFING_EMAIL_RECIPIENTS": "fr=x@example.org;y@example.org"}
    assert load_settings(config, env=env).email_recipients == {"fr": ("x@example.org", "y@example.org")}
    with pytest.raises(SettingsError, match="BRIEFING_SMTP_SECURITY.*tls"):
        load_settings(config, env={"BRIEFING_SMTP_SECURITY": "tls"})
    with pytest.raises(SettingsError, match="BRIEFING_EMAIL_RECIPIENTS: en: not an email address"):
        load_settings(config, env={"BRIEFING_EMAIL_RECIPIENTS": "en=nobody"})


def test_muted_stories_are_not_mailed_and_the_capped_rest_is_listed_under_more(tmp_path, smtp_server):
    digests = _digests(8)
    muted = replace(digests[3], title="Weekly horoscope", body=("Your stars this week.",))
    digests[3] = muted
    settings = _settings(
        tmp_path,
        smtp_server.port,
        email_recipients={"en": ("ann@example.org",)},
        mute_keywords={"*": ("horoscope",)},
        edition_max_stories=5,
    )
    publish_run(digests, [], tmp_path / "out", settings, DAY)
    [(_, message)] = smtp_server.inbox.received
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "horoscope" not in text.casefold() and "horoscope" not in html.casefold()
    assert muted.article_id not in text
    more = text.replace("\r\n", "\n").split("\nMore\n----\n", 1)[1]
    # 7 stories left, 5 in full: the 2 oldest as headlines with their links.
    assert "Headline number 0" in more and "Headline number 1" in more and "Headline number 7" not in more
    assert "English summary 0." not in text and "English summary 7." in text


def test_an_update_is_marked_in_the_email(tmp_path, smtp_server):
    settings = _settings(tmp_path, smtp_server.port, email_recipients={"en": ("ann@example.org",)})
    first = _digests(1)
    follow_up = replace(
        first[0], article_id="story-99-0a1b2c3d4e", source=replace(first[0].source, site="Other")
    )
    out = tmp_path / "out"
    for digest in (*first, follow_up):  # as a run: the digest files first (earlier editions are read back)
        write_digest_files(digest, out, story_titles={}, briefing_language="en")
    publish_run(first, [], out, settings, DAY)  # Wednesday
    publish_run([*first, follow_up], [], out, settings, DAY.replace(day=2))
    texts = [m.get_body(("plain",)).get_content() for _, m in smtp_server.inbox.received]
    assert len(texts) == 2 and "first reported" not in texts[0]
    assert "[Update · first reported Wednesday]" in texts[1]
    assert "first reported Wednesday" in smtp_server.inbox.received[1][1].get_body(("html",)).get_content()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # 127.0.0.1, test only
def test_login_with_the_password_file_which_never_shows(tmp_path, login_server, caplog):
    secret = tmp_path / "smtp-password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    base = _settings(
        tmp_path,
        login_server.port,
        smtp_user="briefing",
        smtp_password_file=secret,
        email_recipients={"en": ("ann@example.org",)},
    )
    published = publish_run(_digests(1), [], tmp_path / "out", base, DAY)
    assert [r.sent for r in published.mail] == [True] and len(login_server.inbox.received) == 1

    secret.write_text("wrong-" + PASSWORD, encoding="utf-8")
    missing = replace(base, smtp_password_file=tmp_path / "nowhere")
    lines = []
    for settings in (base, missing):
        result = send_edition(tmp_path / "out", settings, read_manifest(tmp_path / "out").latest())
        lines += [r.line for r in result]
    assert "refused the login of 'briefing'" in lines[0]
    assert lines[1].endswith(
        "smtp_password_file " + str(tmp_path / "nowhere") + ": cannot be read (No such file or directory)"
    )
    everything = " ".join(lines) + caplog.text + repr(base)
    assert PASSWORD not in everything
