"""A project: the folder being built, its validated config, and where its files come from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pocketguide.config import CARD_SIZES_MM, Config, page_size_mm
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.findproject import refuse_unlikely_default
from pocketguide.locales import language_of
from pocketguide.paper import paper_for
from pocketguide.resources import CONFIG_NAME, content_dir, templates_dir
from pocketguide.validate import validate
from pocketguide.yamlload import line_of, load_yaml_file


@dataclass
class Project:
    """Everything the pipeline needs to know about where inputs live."""

    root: Path
    config: Config | None = None
    config_path: Path | None = None
    raw: Any = None

    @property
    def is_default(self) -> bool:
        """True when building the embedded default guide (no pocketguide.yaml)."""
        return self.config is None

    @property
    def slug(self) -> str:
        """The file-name prefix of every output."""
        return self.config.slug if self.config else "pocketguide"

    @property
    def locales(self) -> list[str]:
        """Configured locales, primary first."""
        return list(self.config.locales) if self.config else ["en"]

    def translates(self, locale: str) -> bool:
        """Whether a locale's edition is in another language than the primary one."""
        return language_of(locale) != language_of(self.locales[0])

    @property
    def region(self) -> str:
        """Default region for phone numbers."""
        return self.config.region if self.config else "US"

    @property
    def page_mm(self) -> tuple[float, float]:
        """Guide page size in millimetres."""
        return page_size_mm(self.config.page if self.config else "a6")

    @property
    def paper(self) -> str:
        """Home-printer paper: `paper:` in config, else Letter in the US and Canada, else A4."""
        if self.config and self.config.paper:
            return self.config.paper
        return paper_for(self.region)

    @property
    def card_mm(self) -> tuple[float, float]:
        """Wallet card trim size in millimetres (landscape)."""
        return CARD_SIZES_MM[self.config.card.size if self.config else "cr80"]

    @property
    def content_dirs(self) -> list[Path]:
        """Content folders, the project's overlay first, then the defaults."""
        own = self.root / "content"
        return ([own] if self.config and own.is_dir() else []) + [content_dir()]

    @property
    def input_dirs(self) -> list[Path]:
        """Every folder a build may read files from: the project's own, then the defaults."""
        return ([self.root] if self.config else []) + [content_dir(), templates_dir()]

    @property
    def template_dirs(self) -> list[Path]:
        """Template folders, the project's overlay first (defaults are added by the renderer)."""
        own = self.root / "templates"
        return [own] if self.config and own.is_dir() else []

    @property
    def overrides_templates(self) -> bool:
        """Whether the project has templates or stylesheets of its own (not just a README)."""
        return any(
            path.suffix in (".j2", ".css") for d in self.template_dirs for path in d.rglob("*")
        )

    @property
    def hotlines_path(self) -> Path | None:
        """The organization's hotlines: `hotlines:` in config, else hotlines.yaml if present."""
        if self.config is None:
            return None
        if self.config.hotlines:
            return self.path(self.config.hotlines)
        own = self.root / "hotlines.yaml"
        return own if own.is_file() else None

    @property
    def named_files(self) -> list[Path]:
        """Files the config names (hotlines, logo, fonts): inputs wherever they are kept."""
        if self.config is None:
            return []
        brand = self.config.brand
        names = [brand.logo, brand.font, brand.font_bold, brand.font_italic, brand.font_bold_italic]
        files = [self.hotlines_path, *(self.path(name) for name in names if name)]
        return [path for path in files if path is not None]

    @property
    def language_hotlines(self) -> list[Path]:
        """The project's hotlines files of single languages: content/<locale>/hotlines.yaml."""
        if self.config is None:
            return []
        return sorted((self.root / "content").glob("*/hotlines.yaml"))

    def line(self, *keys: str | int) -> int | None:
        """The line of a key path in pocketguide.yaml, for messages."""
        return line_of(self.raw, keys) if self.raw is not None else None

    def path(self, relative: str) -> Path:
        """Resolve a path from the config relative to the config file."""
        return (self.root / relative).resolve()

    def shown(self, path: Path) -> str:
        """How to name a project file in messages."""
        return display_path(path, self.root)


def load_project(root: Path) -> Project:
    """Load and validate PROJECT_DIR/pocketguide.yaml, or the default project when absent."""
    root = Path(root)
    if not root.is_dir():
        raise PocketguideError(Problem(str(root), None, "no such folder"))
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        refuse_unlikely_default(root)
        return Project(root=root.resolve())
    shown = display_path(config_path)
    data, problems = load_yaml_file(config_path, shown=shown)
    if problems:
        raise PocketguideError(problems)
    region = data.get("region") if isinstance(data.get("region"), str) else "US"
    config, problems = validate(Config, data, shown, context={"region": region})
    if problems:
        raise PocketguideError(problems)
    return Project(root=root.resolve(), config=config, config_path=config_path, raw=data)
