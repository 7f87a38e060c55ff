"""How much of the clinical reference data is still unverified, for the start-up checks and the
administrator's home page.

Every value in reference/data carries `verified`; `false` means nobody has yet checked it
against its source. That is allowed (the pages say "unverified" beside such a value) but a site
must know how much of it there is: Django's system checks list it at start-up as information
(level INFO, so `check --deploy --fail-level WARNING` still passes), with the count per file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core import checks

from irsuite.reference.loader import DATA_DIR

CHECK_ID = "irsuite.I001"


@dataclass(frozen=True)
class Unverified:
    """One reference file: how many of its values are verified and how many are not."""

    file: str
    unverified: int
    verified: int


def _count(node: Any) -> tuple[int, int]:
    """(unverified, verified) flags in a parsed TOML tree: `verified` and `*_verified` keys."""
    unverified = verified = 0
    if isinstance(node, dict):
        for key, value in node.items():
            if (key == "verified" or key.endswith("_verified")) and isinstance(value, bool):
                unverified += not value
                verified += value
            else:
                u, v = _count(value)
                unverified, verified = unverified + u, verified + v
    elif isinstance(node, list):
        for item in node:
            u, v = _count(item)
            unverified, verified = unverified + u, verified + v
    return unverified, verified


def unverified_reference(data_dir: Path = DATA_DIR) -> list[Unverified]:
    """Per reference file with any unverified value, the counts, by file name."""
    found = []
    for path in sorted(data_dir.glob("*.toml")):
        with path.open("rb") as handle:
            unverified, verified = _count(tomllib.load(handle))
        if unverified:
            found.append(Unverified(path.name, unverified, verified))
    return found


def check_unverified_reference(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """System check: one INFO message counting the unverified values of each reference file."""
    found = unverified_reference()
    if not found:
        return []
    counts = ", ".join(
        f"{item.file} {item.unverified}/{item.verified + item.unverified}" for item in found
    )
    return [
        checks.Info(
            f"Clinical reference values not yet verified against their source (per file, "
            f"unverified/all): {counts}.",
            hint="Check each against the source it names, then set verified = true; "
            "the pages mark unverified values until then.",
            id=CHECK_ID,
        )
    ]


def register() -> None:
    """Add the check to Django's registry (from an app's ready(); registering twice is a no-op
    because the registry is a set)."""
    checks.register(check_unverified_reference, "irsuite")
