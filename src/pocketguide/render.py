"""Render HTML with Jinja: project templates first, then the defaults (also as `default:`)."""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
import stat
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from pocketguide.bidi import isolate_numbers
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.hourtimes import always_open
from pocketguide.locales import language_name, right_to_left
from pocketguide.resources import WHITESPACE, templates_dir

MAX_TEMPLATE_BYTES = 1_000_000
MAX_SEQUENCE = 1_000_000  # longest string or list a template may build with * or **
# How block tags take their whitespace; csslines.py lexes overlays with the same settings.


class ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that serves only regular files whose real path stays in its folder."""

    def get_source(self, environment, template):  # type: ignore[override]
        """Refuse symlinks out of the folder, devices, FIFOs and huge files; then load."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            candidate = Path(folder, *pieces)
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(Path(folder).resolve()):
                raise SecurityError(f"template {template} is a link to a file outside its folder")
            if not real.is_file() or not stat.S_ISREG(real.stat().st_mode):
                raise SecurityError(f"template {template} is not a regular file")
            if real.stat().st_size > MAX_TEMPLATE_BYTES:
                raise SecurityError(f"template {template} is larger than 1 MB")
            return super().get_source(environment, template)
        raise TemplateNotFound(template)


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory (`watch` compiles each once) and on disk.

    On disk they go to Jinja's own per-user cache folder (private to the user, checked by
    Jinja), so a fresh build skips compiling the templates: 0.05-0.1 s of a rebuild after a
    hotline edit. Jinja keys each entry by template name and file, and drops it when the
    source changed. A cache folder that cannot be used only means compiling again.
    """

    # Compiled code also depends on how the environment is set up (sandboxed operators,
    # whitespace, extensions), which this file decides; a cache on disk outlives it.
    setup = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()

    def __init__(self, folder: str | None = None) -> None:
        self._compiled: dict[str, bytes] = {}
        self._where = folder  # None: Jinja's per-user folder in the temporary directory
        self._disk: FileSystemBytecodeCache | bool | None = False  # False: not looked for yet

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key for a template, for this setup of the environment."""
        return super().get_cache_key(f"{self.setup}|{name}", filename)

    def load_bytecode(self, bucket) -> None:  # type: ignore[no-untyped-def]
        """Fill the bucket from memory, or from disk, if this template was compiled before."""
        if (code := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)
        elif disk := self._folder():
            try:
                disk.load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                # Unreadable or damaged (Jinja unpickles a header, unmarshals the code): compile.
                bucket.reset()
            if bucket.code is not None:
                self._compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket) -> None:  # type: ignore[no-untyped-def]
        """Keep a newly compiled template."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if disk := self._folder():
            with contextlib.suppress(OSError):  # a full or read-only disk: compile next time
                disk.dump_bytecode(bucket)

    def _folder(self) -> FileSystemBytecodeCache | None:
        if self._disk is False:
            try:
                self._disk = FileSystemBytecodeCache(self._where)
            except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe
                self._disk = None
        return self._disk  # type: ignore[return-value]


_COMPILED = CompiledTemplates()  # every environment has the same settings, so they share it


class GuideEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with the content read-only and no giant strings from * or **."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        """Refuse repetitions and powers that would exhaust memory."""
        if operator == "**" and isinstance(right, int | float) and abs(right) > 100:
            raise SecurityError("exponent too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)


def make_environment(
    overlay_dirs: list[Path], locale: str = "en", translations: Any = None
) -> SandboxedEnvironment:
    """A sandboxed, strict, autoescaping environment with overlay and `default:` lookups."""
    defaults = ConfinedLoader(str(templates_dir()))
    loaders = [ConfinedLoader(str(d)) for d in overlay_dirs]
    loader = ChoiceLoader([*loaders, PrefixLoader({"default": defaults}, delimiter=":"), defaults])
    env = GuideEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_COMPILED,
        **WHITESPACE,
    )
    env.filters["language"] = lambda code: language_name(code, locale)
    env.tests["always_open"] = always_open
    env.filters["css_string"] = css_string
    # Right-to-left editions set numbers in running text left to right; others print as is.
    env.filters["numbers_ltr"] = isolate_numbers if right_to_left(locale) else (lambda t: t)
    if translations is None:
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    else:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    return env


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string: a translated word inside a stylesheet."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    # Safe inside <style> as is: no quote, backslash or "</style" gets out of the string.
    return Markup('"' + re.sub(r"[\n\r\f]", lambda _: "\\A ", escaped) + '"')


def render_template(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render one template; any template error becomes `template:line: message`."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise PocketguideError(locate_template_error(exc, name)) from None


def locate_template_error(exc: TemplateError, name: str) -> Problem:
    """Find the template file and line where a Jinja error happened."""
    kind = type(exc).__name__
    message = f"{kind}: {exc.message or exc}"
    if isinstance(exc, TemplateSyntaxError):
        return Problem(display_path(exc.filename or name), exc.lineno, message)
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return Problem(display_path(frame.filename), frame.lineno, message)
    return Problem(name, None, message)
