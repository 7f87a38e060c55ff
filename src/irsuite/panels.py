"""Panels: blocks one area adds to another area's page without the page importing it.

A lower layer owns a list of panels for each page it renders (the patient page, the request
page, the procedure page); a higher layer appends to it in its AppConfig.ready(). The page
renders what the panels return and never names the area that added them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    """A block on a page: `template` is rendered with `context(obj, request)`."""

    name: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


def add_panel(where: list[Panel], panel: Panel) -> None:
    """Add `panel` to a page's list once, keeping the list in display order."""
    if all(p.name != panel.name for p in where):
        where.append(panel)
        where.sort(key=lambda p: p.order)


def render_panels(where: list[Panel], obj: Any, request: Any) -> list[tuple[str, dict[str, Any]]]:
    """The (template, context) pairs of the panels that have something to show."""
    shown = []
    for panel in where:
        context = panel.context(obj, request)
        if context is not None:
            shown.append((panel.template, context))
    return shown
