"""Bad input is refused with a typed error and a reason a person can act on."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from rdsr_samples import (
    items_with_concept,
    load_bounds,
    remove_concept,
    sample_bytes,
    sample_dataset,
    to_bytes,
)

from irsuite.domain.rdsr import ErrorKind, PlausibilityBounds, RdsrError, Walker, read_report

WALKERS = [Walker.LEAN, Walker.PYDICOM]


def _refused(data: bytes, bounds: PlausibilityBounds, walker: Walker) -> RdsrError:
    with pytest.raises(RdsrError) as caught:
        read_report(data, bounds, walker)
    assert caught.value.reason
    return caught.value


def test_a_truncated_file_is_refused(bounds: PlausibilityBounds) -> None:
    data = sample_bytes("RF-RDSR-Siemens-Zee.dcm")
    error = _refused(data[: len(data) // 2], bounds, Walker.LEAN)
    assert error.kind is ErrorKind.TRUNCATED


def test_the_reference_walker_refuses_a_file_cut_in_its_header(
    bounds: PlausibilityBounds,
) -> None:
    # pydicom reads a file cut inside an undefined-length sequence without complaint, which is
    # one reason the importer uses the lean walker; a cut in the header is still caught.
    data = sample_bytes("RF-RDSR-Siemens-Zee.dcm")
    error = _refused(data[:300], bounds, Walker.PYDICOM)
    assert error.kind in (ErrorKind.TRUNCATED, ErrorKind.NOT_A_DOSE_REPORT)


@pytest.mark.parametrize("cut", [140, 400, 1000, 5000, 20000])
def test_the_lean_walker_refuses_a_file_cut_anywhere(cut: int, bounds: PlausibilityBounds) -> None:
    data = sample_bytes("RF-No-kVp-and-others.dcm")
    error = _refused(data[:cut], bounds, Walker.LEAN)
    assert error.kind in (ErrorKind.TRUNCATED, ErrorKind.NOT_A_DOSE_REPORT)


@pytest.mark.parametrize("walker", WALKERS)
@pytest.mark.parametrize("data", [b"", b"hello, world", b"%PDF-1.7\n" + bytes(400)])
def test_something_that_is_not_dicom_is_refused(
    data: bytes, walker: Walker, bounds: PlausibilityBounds
) -> None:
    assert _refused(data, bounds, walker).kind is ErrorKind.NOT_DICOM


def _comprehensive_sr(title_code: str, title: str) -> bytes:
    dataset = Dataset()
    dataset.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.33"
    dataset.SOPInstanceUID = generate_uid()
    dataset.StudyInstanceUID = generate_uid()
    dataset.ValueType = "CONTAINER"
    concept = Dataset()
    concept.CodeValue, concept.CodingSchemeDesignator, concept.CodeMeaning = (
        title_code,
        "DCM",
        title,
    )
    dataset.ConceptNameCodeSequence = Sequence([concept])
    dataset.ContentSequence = Sequence([])
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset.file_meta.MediaStorageSOPClassUID = dataset.SOPClassUID
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
    return to_bytes(dataset)


@pytest.mark.parametrize("walker", WALKERS)
def test_a_structured_report_that_is_not_a_dose_report_is_refused(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    error = _refused(_comprehensive_sr("126000", "Imaging Measurement Report"), bounds, walker)
    assert error.kind is ErrorKind.NOT_A_DOSE_REPORT
    assert "Imaging Measurement Report" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_an_image_object_is_not_a_dose_report(walker: Walker, bounds: PlausibilityBounds) -> None:
    dataset = sample_dataset("Dual-RDSR-RF.dcm")
    dataset.SOPClassUID = "1.2.840.10008.5.1.4.1.1.12.1"  # X-Ray Angiographic Image
    assert _refused(to_bytes(dataset), bounds, walker).kind is ErrorKind.NOT_A_DOSE_REPORT


@pytest.mark.parametrize("walker", WALKERS)
def test_a_dose_value_with_no_unit_is_refused(walker: Walker, bounds: PlausibilityBounds) -> None:
    dataset = sample_dataset("RF-RDSR-Philips_Allura.dcm")
    total = next(items_with_concept(dataset, "113722"))
    del total.MeasuredValueSequence[0].MeasurementUnitsCodeSequence
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.MISSING_UNIT
    assert "113722" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_dose_value_in_an_unknown_unit_is_refused(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    dataset = sample_dataset("RF-RDSR-Philips_Allura.dcm")
    event_dose = next(items_with_concept(dataset, "113738"))
    event_dose.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue = "R"
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.UNKNOWN_UNIT
    assert "'R'" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_negative_dose_is_refused(walker: Walker, bounds: PlausibilityBounds) -> None:
    dataset = sample_dataset("CT-RDSR-Siemens-Multi-1.dcm")
    dlp = next(items_with_concept(dataset, "113838"))
    dlp.MeasuredValueSequence[0].NumericValue = "-7.46"
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.NEGATIVE_VALUE
    assert "113838" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_an_absurd_dose_is_refused_as_implausible(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    dataset = sample_dataset("RF-RDSR-Siemens-Zee.dcm")
    total = next(items_with_concept(dataset, "113725"))
    total.MeasuredValueSequence[0].NumericValue = "2500"  # Gy: a misread unit, not a dose
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.IMPLAUSIBLE_VALUE
    assert "check the unit" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_report_without_a_study_instance_uid_is_refused(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    dataset = sample_dataset("RF-RDSR-Philips_Allura.dcm")  # no UID in the content either
    del dataset.StudyInstanceUID
    assert _refused(to_bytes(dataset), bounds, walker).kind is ErrorKind.MISSING_IDENTIFIER


def test_the_reason_never_carries_patient_identifiers(bounds: PlausibilityBounds) -> None:
    dataset = sample_dataset("RF-RDSR-Philips_Allura.dcm")
    total = next(items_with_concept(dataset, "113722"))
    del total.MeasuredValueSequence[0].MeasurementUnitsCodeSequence
    error = _refused(to_bytes(dataset), bounds, Walker.LEAN)
    assert str(dataset.PatientID) not in str(error)
    assert str(dataset.PatientName) not in str(error)


_GE = sample_bytes("RF-RDSR-GE.dcm")


@settings(max_examples=150, deadline=None)
@given(
    position=st.integers(min_value=132, max_value=len(_GE) - 1),
    replacement=st.binary(min_size=1, max_size=8),
    cut=st.booleans(),
)
@example(position=271, replacement=b"\x00\x00", cut=False)  # an unknown VR in the file meta
@example(position=138, replacement=b"\x01", cut=False)  # a file meta value of the wrong length
def test_corrupted_bytes_give_a_report_or_a_typed_error_never_a_crash(
    position: int, replacement: bytes, cut: bool
) -> None:
    data = (
        _GE[:position] if cut else _GE[:position] + replacement + _GE[position + len(replacement) :]
    )
    try:
        read_report(data, load_bounds(), Walker.LEAN)
    except RdsrError as error:
        assert error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_report_that_gives_two_events_the_same_uid_is_refused(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    dataset = sample_dataset("RF-RDSR-Siemens-Zee.dcm")
    first, second = list(items_with_concept(dataset, "113769"))[:2]  # Irradiation Event UID
    second.UID = first.UID
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.REPEATED_IDENTIFIER
    assert "irradiation event 2 repeats" in error.reason


@pytest.mark.parametrize("walker", WALKERS)
def test_a_report_with_an_event_without_its_uid_is_refused(
    walker: Walker, bounds: PlausibilityBounds
) -> None:
    dataset = sample_dataset("CT-RDSR-Siemens-Multi-3.dcm")
    remove_concept(dataset, "113769")
    error = _refused(to_bytes(dataset), bounds, walker)
    assert error.kind is ErrorKind.MISSING_IDENTIFIER
    assert "irradiation event 1 has no Irradiation Event UID" in error.reason
