"""Extension point of orders from other systems: the interface that filed an order under a
code it could not map names where the order came from and learns, when the vetting attending
asks, which catalogue entry the code means (a mapping rule for the next orders).

The interop area registers one `CodeLearner` in its AppConfig.ready(); cases never import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from irsuite.audit.services import Actor
    from irsuite.cases.models import CatalogueEntry, Request


@dataclass(frozen=True)
class CodeLearner:
    """`source(request)`: the name of the system that sent the order, None when it came from
    no such system. `learn(request, unmapped, entry, by, channel)`: map the code the request
    was flagged with (`unmapped`; its text is the request's `unmapped_text`) to `entry` for
    that system's future orders, in the caller's transaction (audited)."""

    source: Callable[[Request], str | None]
    learn: Callable[[Request, str, CatalogueEntry, Actor, str], None]


CODE_LEARNERS: list[CodeLearner] = []


def add_code_learner(learner: CodeLearner) -> None:
    """Register a learner once (from an AppConfig.ready())."""
    if learner not in CODE_LEARNERS:
        CODE_LEARNERS.append(learner)


def source_of(request: Request) -> tuple[CodeLearner, str] | None:
    """The learner that knows where `request` came from, with the sender's name."""
    for learner in CODE_LEARNERS:
        name = learner.source(request)
        if name:
            return learner, name
    return None


__all__ = ["CODE_LEARNERS", "CodeLearner", "add_code_learner", "source_of"]
