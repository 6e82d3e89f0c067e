"""Render HTML with Jinja: project templates first, then the defaults (also as `default:`)."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment

from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.resources import templates_dir


def make_environment(
    overlay_dirs: list[Path], locale: str = "en", translations: Any = None
) -> SandboxedEnvironment:
    """A sandboxed, strict, autoescaping environment with overlay and `default:` lookups."""
    defaults = FileSystemLoader(str(templates_dir()))
    loaders = [FileSystemLoader(str(d)) for d in overlay_dirs]
    loader = ChoiceLoader([*loaders, PrefixLoader({"default": defaults}, delimiter=":"), defaults])
    env = SandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["language"] = lambda code: _language_name(code, locale)
    if translations is None:
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    else:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    return env


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


def _language_name(code: str, locale: str) -> str:
    """A language code as a name in the guide's language ("es" -> "Spanish")."""
    try:
        return Locale.parse(code).get_display_name(locale) or code
    except (ValueError, UnknownLocaleError):
        return code
