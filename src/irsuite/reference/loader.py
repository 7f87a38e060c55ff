"""Reading versioned reference data (TOML under reference/data); areas register loaders.

This module only reads files. Writing what it reads into tables belongs to the area that owns
the tables (the catalogue: `irsuite.cases.catalogue.services.load_catalogue`).
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from irsuite.domain.catalogue import Catalogue, parse_catalogue

DATA_DIR = Path(__file__).resolve().parent / "data"

# Other areas register loaders for their own files: name -> callable returning a summary line.
EXTRA_LOADERS: dict[str, Callable[[], str]] = {}


def read_toml(name: str) -> dict[str, Any]:
    """Read one reference file by name (e.g. 'catalogue.toml')."""
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def read_catalogue(path: Path | None = None) -> tuple[Catalogue, str]:
    raw = (path or DATA_DIR / "catalogue.toml").read_bytes()
    return parse_catalogue(tomllib.loads(raw.decode("utf-8"))), hashlib.sha256(raw).hexdigest()
