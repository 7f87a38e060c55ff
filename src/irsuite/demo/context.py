"""What each area's demo hook receives."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth.models import User
from tqdm import tqdm

from irsuite.people.models import Room, Site, Staff

T = TypeVar("T")


@dataclass
class DemoContext:
    seed: int
    procedures: int
    now: dt.datetime
    quick: bool = False
    show_progress: bool = True
    rng: random.Random = field(init=False)
    sites: list[Site] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    _staff: dict[str, list[Staff]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def staff(self, role: str) -> list[Staff]:
        """The demo staff with a role (cached)."""
        if role not in self._staff:
            self._staff[role] = list(Staff.objects.filter(role=role, active=True).order_by("pk"))
        return self._staff[role]

    def progress(self, items: Iterable[T], desc: str, total: int | None = None) -> Iterator[T]:
        """Iterate with a progress bar on the terminal (silent in tests)."""
        yield from tqdm(
            items,
            desc=desc,
            total=total,
            disable=not self.show_progress,
            unit="",
            leave=False,
            dynamic_ncols=True,
        )
