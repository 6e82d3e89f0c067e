"""Compiled templates: kept in memory and on disk, recompiled when the source changes."""

from __future__ import annotations

import jinja2
import pytest

from pocketguide.render import CompiledTemplates


def environment(folder, cache: CompiledTemplates) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


@pytest.fixture
def compiles(monkeypatch):
    """How many times Jinja compiled a template from source."""
    count = []
    compile_source = jinja2.Environment.compile

    def counted(self, *args, **kwargs):
        count.append(1)
        return compile_source(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return count


def test_a_fresh_process_loads_what_another_compiled(tmp_path, compiles):
    (tmp_path / "t.html").write_text("Hello {{ name }}")
    disk = tmp_path / "cache"
    disk.mkdir(mode=0o700)
    first = environment(tmp_path, CompiledTemplates(str(disk)))
    assert first.get_template("t.html").render(name="Ana") == "Hello Ana"
    assert len(compiles) == 1
    assert len(list(disk.glob("__jinja2_*.cache"))) == 1
    # A new cache object has an empty memory, as a new process would.
    second = environment(tmp_path, CompiledTemplates(str(disk)))
    assert second.get_template("t.html").render(name="Bo") == "Hello Bo"
    assert len(compiles) == 1


def test_a_changed_template_is_compiled_again(tmp_path, compiles):
    template = tmp_path / "t.html"
    template.write_text("Hello {{ name }}")
    disk = tmp_path / "cache"
    disk.mkdir(mode=0o700)
    environment(tmp_path, CompiledTemplates(str(disk))).get_template("t.html")
    template.write_text("Goodbye {{ name }}")
    later = environment(tmp_path, CompiledTemplates(str(disk)))
    assert later.get_template("t.html").render(name="Ana") == "Goodbye Ana"
    assert len(compiles) == 2


def test_memory_serves_a_second_environment_without_the_disk(tmp_path, compiles):
    (tmp_path / "t.html").write_text("Hi")
    disk = tmp_path / "cache"
    disk.mkdir(mode=0o700)
    cache = CompiledTemplates(str(disk))
    environment(tmp_path, cache).get_template("t.html")
    for entry in disk.iterdir():
        entry.unlink()
    assert environment(tmp_path, cache).get_template("t.html").render() == "Hi"
    assert len(compiles) == 1


def test_an_unusable_folder_only_means_compiling(tmp_path, compiles):
    (tmp_path / "t.html").write_text("Hi {{ 1 + 1 }}")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    for _ in range(2):
        env = environment(tmp_path, CompiledTemplates(str(blocked)))
        assert env.get_template("t.html").render() == "Hi 2"
    assert len(compiles) == 2


def test_another_environment_setup_does_not_share_compiled_code(tmp_path, compiles, monkeypatch):
    # Another pocketguide (its render.py, its Jinja) may sandbox differently: compile anew.
    (tmp_path / "t.html").write_text("Hi")
    disk = tmp_path / "cache"
    disk.mkdir(mode=0o700)
    environment(tmp_path, CompiledTemplates(str(disk))).get_template("t.html")
    monkeypatch.setattr(CompiledTemplates, "setup", "another")
    environment(tmp_path, CompiledTemplates(str(disk))).get_template("t.html")
    assert len(compiles) == 2
    assert len(list(disk.glob("__jinja2_*.cache"))) == 2


def test_a_damaged_cache_file_only_means_compiling(tmp_path, compiles):
    from jinja2.bccache import bc_magic

    (tmp_path / "t.html").write_text("Hi {{ name }}")
    disk = tmp_path / "cache"
    disk.mkdir(mode=0o700)
    environment(tmp_path, CompiledTemplates(str(disk))).get_template("t.html")
    [entry] = disk.glob("__jinja2_*.cache")
    entry.write_bytes(bc_magic + b"\x80\x04garbage")  # a valid header, then damage
    env = environment(tmp_path, CompiledTemplates(str(disk)))
    assert env.get_template("t.html").render(name="Ana") == "Hi Ana"
    assert len(compiles) == 2
