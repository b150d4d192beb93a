"""Compiled templates kept between processes (briefing.render.template_cache): an entry is used only for the
same template source and the same environment options, and a cache that cannot be read or written never
fails a render."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2
import pytest

from briefing.render import html, template_cache
from tests.render.conftest import friendly_digest

pytestmark = pytest.mark.unit

OPTIONS = "the module that sets the environment's options"


@pytest.fixture()
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp directory of the test's own, where Jinja makes its per-user cache folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _environment(cache: jinja2.BytecodeCache | None, templates: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)


def _templates(temp_dir: Path, source: str) -> Path:
    """A template folder holding ``page.j2`` with ``source``."""
    templates = temp_dir / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "page.j2").write_text(source, encoding="utf-8")
    return templates


def _cache_folder(temp_dir: Path) -> Path:
    return temp_dir / f"_jinja2-cache-{os.getuid()}"


def test_a_second_environment_loads_the_compiled_template_instead_of_compiling(temp_dir: Path) -> None:
    templates = _templates(temp_dir, "Hello {{ name }}")
    first = _environment(template_cache.cache_for(OPTIONS), templates)
    assert first.get_template("page.j2").render(name="A") == "Hello A"
    entries = list(_cache_folder(temp_dir).glob("briefing-*.cache"))
    assert len(entries) == 1
    assert oct(_cache_folder(temp_dir).stat().st_mode & 0o777) == "0o700"  # private, as Jinja makes it

    second = _environment(template_cache.cache_for(OPTIONS), templates)
    compiled: list[str] = []
    original = second.compile
    second.compile = lambda *a, **k: compiled.append("compiled") or original(*a, **k)  # type: ignore[method-assign]
    assert second.get_template("page.j2").render(name="B") == "Hello B"
    assert compiled == []  # read from the cache


def test_an_edited_template_is_compiled_again(temp_dir: Path) -> None:
    templates = _templates(temp_dir, "Old {{ name }}")
    _environment(template_cache.cache_for(OPTIONS), templates).get_template("page.j2")
    _templates(temp_dir, "New {{ name }}")
    fresh = _environment(template_cache.cache_for(OPTIONS), templates)
    assert fresh.get_template("page.j2").render(name="x") == "New x"


def test_other_environment_options_use_other_entries(temp_dir: Path) -> None:
    """Options are compiled into the code: a changed options module never reads the old entries."""
    templates = _templates(temp_dir, "{{ text }}")
    plain = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), bytecode_cache=template_cache.cache_for(OPTIONS)
    )
    assert plain.get_template("page.j2").render(text="<b>") == "<b>"
    escaping = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        bytecode_cache=template_cache.cache_for(OPTIONS + " autoescape=True"),
    )
    assert escaping.get_template("page.j2").render(text="<b>") == "&lt;b&gt;"
    assert len(list(_cache_folder(temp_dir).glob("briefing-*.cache"))) == 2


def test_a_corrupt_entry_is_compiled_from_source(temp_dir: Path) -> None:
    templates = _templates(temp_dir, "Hello {{ name }}")
    _environment(template_cache.cache_for(OPTIONS), templates).get_template("page.j2")
    for entry in _cache_folder(temp_dir).glob("briefing-*.cache"):
        entry.write_bytes(entry.read_bytes()[:12])  # the magic header, then a truncated checksum
    fresh = _environment(template_cache.cache_for(OPTIONS), templates)
    assert fresh.get_template("page.j2").render(name="C") == "Hello C"


def test_a_cache_that_cannot_be_written_costs_only_the_compile(temp_dir: Path) -> None:
    templates = _templates(temp_dir, "Hello {{ name }}")
    cache = template_cache.cache_for(OPTIONS)
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    cache.directory = str(temp_dir / "gone")  # writes there fail (no such folder)
    assert _environment(cache, templates).get_template("page.j2").render(name="D") == "Hello D"


def test_no_cache_when_jinja_finds_no_private_folder(temp_dir: Path) -> None:
    """A per-user folder that is not a plain folder of this user (here a link elsewhere) is refused by Jinja:
    templates are then compiled every time."""
    elsewhere = temp_dir / "elsewhere"
    elsewhere.mkdir()
    _cache_folder(temp_dir).symlink_to(elsewhere)
    assert template_cache.cache_for(OPTIONS) is None


def test_briefing_pages_render_the_same_from_the_cache(temp_dir: Path) -> None:
    """The digest page compiled afresh and read back from the cache: the same bytes."""
    html.environment.cache_clear()
    try:
        compiled = html.render_html(friendly_digest())
        assert list(_cache_folder(temp_dir).glob("briefing-*.cache"))
        html.environment.cache_clear()
        assert html.render_html(friendly_digest()) == compiled
    finally:
        html.environment.cache_clear()
