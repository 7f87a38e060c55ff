"""The lean walker reads the same tree and report as the pydicom reference on every sample."""

from __future__ import annotations

import pytest
from rdsr_samples import SAMPLE_NAMES, sample_bytes, sample_dataset

from irsuite.domain.rdsr import PlausibilityBounds, Walker, read_document, read_report
from irsuite.domain.rdsr.tree import ContentItem


def _flatten(item: ContentItem, path: str = "1") -> list[tuple[str, ContentItem]]:
    rows = [(path, item)]
    for index, child in enumerate(item.children, start=1):
        rows.extend(_flatten(child, f"{path}.{index}"))
    return rows


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_lean_walker_reads_every_content_item_like_pydicom(name: str) -> None:
    data = sample_bytes(name)
    lean = read_document(data, Walker.LEAN)
    reference = read_document(data, Walker.PYDICOM)
    assert lean.header == reference.header
    lean_items = _flatten(lean.root)
    reference_items = _flatten(reference.root)
    assert len(lean_items) == len(reference_items) > 20
    for (path, mine), (_, theirs) in zip(lean_items, reference_items, strict=True):
        for field in ("value_type", "relationship", "concept", "text", "code", "number", "unit"):
            assert getattr(mine, field) == getattr(theirs, field), f"{name} item {path} {field}"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_both_walkers_give_the_same_report_field_by_field(
    name: str, bounds: PlausibilityBounds
) -> None:
    lean = read_report(sample_bytes(name), bounds, Walker.LEAN)
    reference = read_report(sample_bytes(name), bounds, Walker.PYDICOM)
    assert lean.study == reference.study
    assert lean.device == reference.device
    assert lean.planes == reference.planes
    assert lean.ct_totals == reference.ct_totals
    assert lean.events == reference.events
    assert lean == reference


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_pydicom_dataset_is_read_like_its_file(name: str, bounds: PlausibilityBounds) -> None:
    from_dataset = read_report(sample_dataset(name), bounds)
    from_bytes = read_report(sample_bytes(name), bounds)
    assert from_dataset == from_bytes


@pytest.mark.parametrize("name", ["RF-RDSR-GE.dcm", "RF-No-kVp-and-others.dcm"])
def test_a_dataset_received_without_file_meta_is_read_with_its_transfer_syntax(
    name: str, bounds: PlausibilityBounds
) -> None:
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_dataset

    dataset = sample_dataset(name)
    syntax = str(dataset.file_meta.TransferSyntaxUID)
    buffer = DicomBytesIO()
    buffer.is_little_endian = True
    buffer.is_implicit_VR = syntax == "1.2.840.10008.1.2"
    write_dataset(buffer, dataset)
    for walker in (Walker.LEAN, Walker.PYDICOM):
        report = read_report(buffer.getvalue(), bounds, walker, transfer_syntax=syntax)
        assert report == read_report(sample_bytes(name), bounds)
