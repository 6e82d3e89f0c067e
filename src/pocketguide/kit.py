"""What the wallet card and the zine show: which hotlines, which scenarios, and what is missing."""

from __future__ import annotations

import difflib
import re

from pocketguide.ambulance import emergency_number
from pocketguide.content import Content, ScenarioEntry
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.hotlines import misfiled_emergency
from pocketguide.hotlines import where as entry_at
from pocketguide.models import CATEGORIES, Hotline
from pocketguide.project import Project

# What the card back and the zine show unless `card: {hotlines: [...]}` names entries.
KIT_CATEGORIES = ("crisis", "emergency", "warmline")


def unknown_card_hotlines(project: Project, hotlines: list[Hotline]) -> list[Problem]:
    """One error per name under `card: hotlines:` that is no entry's name (check and build)."""
    chosen = project.config.card.hotlines if project.config else None
    names = {h.name for h in hotlines}
    shown = project.shown(project.config_path) if project.config_path else ""
    return [
        Problem(
            shown,
            project.line("card", "hotlines", index),
            f'card: hotlines: "{name}" is not a hotline name in this project{_hint(name, names)}',
        )
        for index, name in enumerate(chosen or ())
        if name not in names
    ]


def _hint(name: str, names: set[str]) -> str:
    """The name meant ("NHS111" for "NHS 111"), or how a name with a comma is written."""
    squeezed = {re.sub(r"\W", "", n).casefold(): n for n in names}
    meant = squeezed.get(re.sub(r"\W", "", name).casefold())
    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.8)
    if meant or close:
        return f'; did you mean "{meant or close[0]}"?'
    # `[Crisis, Warmline (peer, volunteer-run)]` is three names to YAML: the comma splits one.
    if whole := next((n for n in sorted(names) if "," in n and name.strip() in n), None):
        return f'; a name with a comma in it goes in quotes: "{whole}"'
    return ""


def _candidates(project: Project, content: Content) -> list[Hotline]:
    """The entries chosen for the card and zine (numbers or not), in category order."""
    hotlines = content.hotlines.hotlines
    chosen = project.config.card.hotlines if project.config else None
    if chosen is not None:
        if unknown := unknown_card_hotlines(project, hotlines):
            raise PocketguideError(unknown)
        by_name = {h.name: h for h in hotlines}
        return [by_name[name] for name in chosen]
    order = {category: index for index, category in enumerate(CATEGORIES)}
    return sorted(
        (h for h in hotlines if h.category in KIT_CATEGORIES), key=lambda h: order[h.category]
    )


def kit_hotlines(project: Project, content: Content) -> list[Hotline]:
    """The numbers the card back and the zine show, in category order.

    An entry with only a web address has nothing to dial there: the guide shows it.
    """
    chosen = project.config.card.hotlines if project.config else None
    picked = [h for h in _candidates(project, content) if h.phone or h.text]
    if not picked:
        # A card whose crisis side has no number is worse than no card.
        if chosen is not None:
            where = project.shown(project.config_path), project.line("card", "hotlines")
            message = "card: hotlines: names no entry; the card and zine need a crisis number"
        else:
            path = content.hotlines_path
            where = (project.shown(path) if path else "", None)
            message = (
                "no entry with category crisis, emergency or warmline, so the card and zine "
                "would show no number; add one, or list entries under card: hotlines: in "
                "pocketguide.yaml"
            )
        raise PocketguideError(Problem(*where, message))
    return picked


def kit_left_out(project: Project, content: Content, picked: list[Hotline]) -> str:
    """Which numbers the card and zine leave out when no `card: hotlines:` chooses; or ""."""
    if project.config is None or project.config.card.hotlines is not None:
        return ""
    left = [h for h in content.hotlines.hotlines if (h.phone or h.text) and h not in picked]
    if not left:
        return ""
    names = ", ".join(f"{h.name} ({h.category})" for h in left)
    return (
        f"the card and zine show {len(picked)} of {len(picked) + len(left)} numbers (crisis, "
        f"emergency and warmline entries); they leave out {names}; to choose, list entries "
        f"under card: hotlines: in {project.shown(project.config_path)}"
    )


def kit_gaps(project: Project, content: Content, picked: list[Hotline]) -> list[str]:
    """A warning when the card and zine, headed "Crisis numbers", show no crisis or emergency
    number (a filtered spreadsheet or a deleted entry left a warmline alone on them), leave
    out, under card: hotlines:, the emergency number the hotlines have, or leave out an entry
    with nothing to dial (a chat's web address)."""
    chosen = project.config is not None and project.config.card.hotlines is not None
    shown = project.shown(content.hotlines_path) if content.hotlines_path else "hotlines"
    where = f"{project.shown(project.config_path)}:{project.line('card', 'hotlines')}"
    where = where if chosen else shown
    unlisted = [
        f"{entry_at(shown, h)}: {h.name} has no number to call or text, so the card and zine "
        "leave it out (the guide's crisis pages show its web address)"
        for h in _candidates(project, content)
        if not (h.phone or h.text)
    ]
    crisis = content.numbers.get("crisis")
    line = crisis.entry if crisis else None
    if chosen and line is not None and line.name not in {h.name for h in picked}:
        # The zine's quick lines say "call 988 together" while its numbers panel left 988 out.
        unlisted.append(
            f"{where}: the card and zine leave out {line.name}, the crisis line the guide's text "
            f"says to call ({{crisis}}, {crisis.display}); name it too"
        )
    first = next((i for i, h in enumerate(picked) if h.category == "emergency"), 0)
    if chosen and first > 0:
        # "In danger right now" must find the emergency number first, as the crisis page has it.
        unlisted.append(
            f"{where}: the card and zine show {picked[first].name} after {picked[0].name}; "
            "name the emergency number first"
        )
    return unlisted + _gaps(project, content, picked, where, chosen)


def _gaps(project: Project, content: Content, picked: list[Hotline], where: str, chosen: bool):
    # A police non-emergency line filed as emergency is no emergency number on the card.
    if any(h.category == "emergency" and not misfiled_emergency(h, project.region) for h in picked):
        return []
    if any(h.category == "crisis" for h in picked):
        listed = [h.name for h in content.hotlines.hotlines if h.category == "emergency"]
        if chosen and listed:
            return [f"{where}: the card and zine show no emergency number; name {listed[0]} too"]
        number = emergency_number(project.region)
        return [
            f"{where}: the card and zine show no emergency number; add an entry with category "
            f"emergency ({number or 'the emergency number'})"
        ]
    names = ", ".join(h.name for h in picked)
    if project.region in ("US", "CA"):
        these = "988 and 911"
    else:  # 112 is no emergency number in Mexico or Japan
        these = "your crisis line and " + (emergency_number(project.region) or "emergency number")
    return [
        f"{where}: the card and zine show no crisis line or emergency number, only {names}; "
        f"add entries with category crisis and emergency ({these})"
        + (", and name them under card: hotlines:" if chosen else "")
    ]


def kit_scenarios(project: Project, content: Content) -> list[ScenarioEntry]:
    """The three scenarios the zine's quick responses name, checked against the content."""
    import difflib

    from pocketguide.yamlload import line_of, load_yaml_file

    guide = next((p for p in content.sources if p.name == "guide.yaml"), None)
    source = project.shown(guide) if guide else "guide.yaml"
    if content.guide.kit is None:
        raise PocketguideError(Problem(source, None, "no kit: block, which the card and zine need"))
    by_id = {entry.id: entry for entry in content.scenarios}
    chosen = content.guide.kit.scenarios
    if missing := [(n, name) for n, name in enumerate(chosen) if name not in by_id]:
        if guide is not None and not guide.is_relative_to(project.root):
            # The shipped text names scenarios this project's manifest left out.
            own = project.shown(project.root / "content" / content.locale / "guide.yaml")
            names = " and ".join(f'"{name}"' for _index, name in missing)
            message = (
                f"kit: scenarios: the default text names {names}, which this guide leaves out; "
                f"copy {display_path(guide)} here and choose from: {', '.join(by_id)}"
            )
            raise PocketguideError(Problem(own, None, message))
        data = load_yaml_file(guide)[0] if guide else None
        problems = []
        for index, name in missing:
            close = difflib.get_close_matches(name, list(by_id), n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            message = f'kit: scenarios: "{name}" is not a scenario of this guide{hint}'
            problems.append(Problem(source, line_of(data, ("kit", "scenarios", index)), message))
        raise PocketguideError(problems)
    return [by_id[i] for i in chosen]
