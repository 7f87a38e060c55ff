"""Sample RDSR files for the dose app tests, and ways to alter them."""

from __future__ import annotations

import tomllib
from io import BytesIO
from pathlib import Path
from typing import Any

import pydicom
from pydicom.uid import generate_uid

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "rdsr"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((SAMPLES / "expected.toml").read_text())


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def altered(
    name: str, new_uids: bool = False, dose_rp_gy: float | None = None, **header: Any
) -> bytes:
    """A sample with header attributes changed (and new UIDs, or a new Dose (RP) total)."""
    dataset = pydicom.dcmread(SAMPLES / name)
    if new_uids:
        dataset.SOPInstanceUID = generate_uid()
        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
        dataset.StudyInstanceUID = generate_uid()
        for item in _items(dataset):
            if item.get("ValueType") == "UIDREF" and item.ConceptNameCodeSequence[0].CodeValue in (
                "113769",
                "110180",
            ):
                item.UID = generate_uid()
    for key, value in header.items():
        setattr(dataset, key, value)
    if dose_rp_gy is not None:
        for item in _items(dataset):
            names = item.get("ConceptNameCodeSequence")
            if names and names[0].CodeValue == "113725":
                measured = item.MeasuredValueSequence[0]
                measured.NumericValue = str(dose_rp_gy)
                measured.MeasurementUnitsCodeSequence[0].CodeValue = "Gy"
    buffer = BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _items(dataset: Any) -> list[Any]:
    found = []
    for item in dataset.get("ContentSequence") or ():
        found.append(item)
        found.extend(_items(item))
    return found
