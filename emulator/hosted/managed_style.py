"""A managed-login branding style's Settings (CreateManagedLoginBranding) as CSS for the hosted
pages. Settings follow the shape of AWS's branding-editor JSON (``components``,
``componentClasses``, ``categories``; colours as ``RRGGBBAA`` hex without ``#``, radii in pixels);
the members read here are listed in ``README.md`` (Hosted UI). Anything else in Settings is stored
and described back but not drawn; a value that is not a colour or a number is skipped, so nothing
from Settings can leave its CSS declaration."""

from __future__ import annotations

import re
from typing import Any

_COLOUR = re.compile(r"[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?")

# (path below the mode, CSS selector, CSS property); the mode is lightMode or darkMode.
COLOURS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("components", "pageBackground", "{mode}", "color"), "body.background-customizable", "background"),
    (("components", "pageText", "{mode}", "bodyColor"), "body", "color"),
    (("components", "pageText", "{mode}", "headingColor"), "h1", "color"),
    (("components", "pageText", "{mode}", "descriptionColor"), ".textDescription-customizable", "color"),
    (("components", "form", "{mode}", "backgroundColor"), ".card", "background"),
    (("components", "form", "{mode}", "borderColor"), ".card", "border-color"),
    (("components", "primaryButton", "{mode}", "defaults", "backgroundColor"), ".submitButton-customizable",
     "background"),
    (("components", "primaryButton", "{mode}", "defaults", "textColor"), ".submitButton-customizable", "color"),
    (("components", "primaryButton", "{mode}", "hover", "backgroundColor"), ".submitButton-customizable:hover",
     "background"),
    (("components", "primaryButton", "{mode}", "hover", "textColor"), ".submitButton-customizable:hover", "color"),
    (("components", "secondaryButton", "{mode}", "defaults", "backgroundColor"), "button.secondary", "background"),
    (("components", "secondaryButton", "{mode}", "defaults", "borderColor"), "button.secondary", "border-color"),
    (("components", "secondaryButton", "{mode}", "defaults", "textColor"), "button.secondary", "color"),
    (("components", "link", "{mode}", "defaults", "textColor"), "a", "color"),
    (("componentClasses", "input", "{mode}", "defaults", "backgroundColor"), ".inputField-customizable",
     "background"),
    (("componentClasses", "input", "{mode}", "defaults", "borderColor"), ".inputField-customizable",
     "border-color"),
    (("componentClasses", "inputLabel", "{mode}", "textColor"), ".label-customizable", "color"),
)
RADII: tuple[tuple[tuple[str, ...], str], ...] = (
    (("components", "form", "borderRadius"), ".card"),
    (("componentClasses", "buttons", "borderRadius"), "button"),
    (("componentClasses", "input", "borderRadius"), ".inputField-customizable"),
)


def mode(settings: dict[str, Any]) -> str:
    """``darkMode`` when the style's colour scheme is DARK, else ``lightMode`` (DYNAMIC follows
    light: the pages carry no media queries)."""
    scheme = _get(settings, ("categories", "global", "colorSchemeMode"))
    return "darkMode" if scheme == "DARK" else "lightMode"


def settings_css(settings: dict[str, Any] | None) -> str:
    if not isinstance(settings, dict):
        return ""
    which = mode(settings)
    rules: list[str] = []
    for path, selector, prop in COLOURS:
        value = _get(settings, tuple(which if part == "{mode}" else part for part in path))
        if isinstance(value, str) and _COLOUR.fullmatch(value):
            rules.append(f"{selector}{{{prop}:#{value}}}")
    for path, selector in RADII:
        value = _get(settings, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100:
            rules.append(f"{selector}{{border-radius:{value:g}px}}")
    return "\n".join(rules)


def _get(settings: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = settings
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
