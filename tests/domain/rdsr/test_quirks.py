"""Each vendor quirk, shown on the sample file where it was seen."""

from __future__ import annotations

import math

from rdsr_samples import remove_concept, sample_bytes, sample_dataset, to_bytes

from irsuite.domain.rdsr import PlausibilityBounds, Walker, read_document, read_report
from irsuite.domain.rdsr.codes import Concept
from irsuite.domain.rdsr.quirks import (
    canon_reference_point_as_text,
    ge_pulse_rate_without_braces,
    ge_ucm_scheme_is_ucum,
    siemens_gym2_is_gray_square_metre,
    siemens_mgycm_is_milligray_centimetre,
)
from irsuite.domain.rdsr.tree import ContentItem


def _units(item: ContentItem) -> set[tuple[str | None, str | None]]:
    found = {(item.unit, item.unit_scheme)} if item.unit else set()
    for child in item.children:
        found |= _units(child)
    return found


def test_siemens_writes_gym2_and_it_is_read_as_gray_square_metres(
    bounds: PlausibilityBounds,
) -> None:
    document = read_document(sample_bytes("RF-RDSR-Siemens-Zee.dcm"))
    assert ("Gym2", "UCUM") in _units(document.root)
    assert siemens_gym2_is_gray_square_metre("Gym2") == "Gy.m2"
    report = read_report(sample_bytes("RF-RDSR-Siemens-Zee.dcm"), bounds)
    assert math.isclose(report.kap_gycm2 or 0, 0.16)  # 1.6e-5 Gy·m²


def test_siemens_ct_writes_mgycm_and_it_is_read_as_milligray_centimetres(
    bounds: PlausibilityBounds,
) -> None:
    document = read_document(sample_bytes("CT-RDSR-Siemens_Flash-TAP-SS.dcm"))
    assert ("mGycm", "UCUM") in _units(document.root)
    assert siemens_mgycm_is_milligray_centimetre("mGycm") == "mGy.cm"
    report = read_report(sample_bytes("CT-RDSR-Siemens_Flash-TAP-SS.dcm"), bounds)
    assert math.isclose(report.dlp_mgycm or 0, 724.52)


def test_ge_codes_event_units_in_scheme_ucm_and_pulse_rate_without_braces(
    bounds: PlausibilityBounds,
) -> None:
    units = _units(read_document(sample_bytes("RF-RDSR-GE.dcm")).root)
    assert ("Gy.m2", "UCM") in units
    assert ("pulse/s", "UCUM") in units
    assert ge_ucm_scheme_is_ucum("UCM") == "UCUM"
    assert ge_pulse_rate_without_braces("pulse/s") == "{pulse}/s"
    report = read_report(sample_bytes("RF-RDSR-GE.dcm"), bounds)
    assert math.isclose(report.events[3].kap_gycm2 or 0, 0.4334)
    assert any(event.pulse_rate_per_s for event in report.events)


def test_ge_without_a_fluoro_dose_rp_total_takes_it_from_the_total(
    bounds: PlausibilityBounds,
) -> None:
    dataset = sample_dataset("RF-RDSR-GE.dcm")
    remove_concept(dataset, "113728")
    data = to_bytes(dataset)
    accumulated = read_document(data).root.find(Concept.ACCUMULATED_XRAY_DOSE_DATA)
    assert accumulated is not None
    assert accumulated.find(Concept.FLUORO_DOSE_RP_TOTAL) is None
    for walker in (Walker.LEAN, Walker.PYDICOM):
        report = read_report(data, bounds, walker)
        assert math.isclose(report.fluoro_ka_r_mgy or 0, 11.7317)
        assert math.isclose(report.ka_r_mgy or 0, 11.7317)


def test_canon_writes_dap_in_decigray_square_centimetres_and_dose_rp_in_milligray(
    bounds: PlausibilityBounds,
) -> None:
    units = _units(read_document(sample_bytes("RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm")).root)
    assert ("dGy.cm2", "UCUM") in units
    assert ("mGy", "UCUM") in units
    report = read_report(sample_bytes("RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm"), bounds)
    assert math.isclose(report.kap_gycm2 or 0, 12.6596)  # 126.596 dGy·cm²
    assert math.isclose(report.ka_r_mgy or 0, 30.573)  # already mGy, not Gy
    assert math.isclose(report.events[0].kap_gycm2 or 0, 0.1323)


def test_canon_writes_the_reference_point_as_text(bounds: PlausibilityBounds) -> None:
    report = read_report(sample_bytes("RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm"), bounds)
    assert report.planes[0].reference_point.startswith("26.0 cm")
    assert canon_reference_point_as_text(None) == ""
    coded = read_report(sample_bytes("RF-RDSR-Siemens-Zee.dcm"), bounds)
    assert coded.planes[0].reference_point == "15cm from Isocenter toward Source"
