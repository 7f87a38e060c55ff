"""Sample files and helpers for the RDSR reader tests."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset

from irsuite.domain.rdsr import PlausibilityBounds, parse_plausibility

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "tests" / "fixtures" / "rdsr"
REFERENCE = ROOT / "src" / "irsuite" / "reference" / "data"
EXPECTED: dict[str, dict[str, object]] = tomllib.loads((SAMPLES / "expected.toml").read_text())
SAMPLE_NAMES = sorted(EXPECTED)


def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def sample_dataset(name: str) -> Dataset:
    return pydicom.dcmread(SAMPLES / name)


def to_bytes(dataset: Dataset) -> bytes:
    buffer = BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def items_with_concept(dataset: Dataset, code_value: str) -> Iterator[Dataset]:
    """Every content item (depth first) whose concept name has that code value."""
    for item in dataset.get("ContentSequence") or ():
        names = item.get("ConceptNameCodeSequence")
        if names and names[0].CodeValue == code_value:
            yield item
        yield from items_with_concept(item, code_value)


def remove_concept(dataset: Dataset, code_value: str) -> None:
    """Delete every content item with that concept name from the tree."""
    for item in [dataset, *_all_items(dataset)]:
        sequence = item.get("ContentSequence")
        if sequence is None:
            continue
        kept = [
            child
            for child in sequence
            if not (
                child.get("ConceptNameCodeSequence")
                and child.ConceptNameCodeSequence[0].CodeValue == code_value
            )
        ]
        if len(kept) != len(sequence):
            item.ContentSequence = kept


def _all_items(dataset: Dataset) -> Iterator[Dataset]:
    for item in dataset.get("ContentSequence") or ():
        yield item
        yield from _all_items(item)


def load_bounds() -> PlausibilityBounds:
    text = (REFERENCE / "dose_plausibility.toml").read_text()
    return parse_plausibility(tomllib.loads(text))
