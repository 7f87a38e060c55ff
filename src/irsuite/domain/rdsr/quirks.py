"""Vendor quirks: departures from the standard seen in real reports, each handled by name.

Every function here has a sample file under tests/fixtures/rdsr/ and a test that shows the quirk.
"""

from __future__ import annotations

from dataclasses import replace

from irsuite.domain.rdsr.codes import ValueType
from irsuite.domain.rdsr.model import PlaneTotals
from irsuite.domain.rdsr.tree import ContentItem

UCUM = "UCUM"


def siemens_gym2_is_gray_square_metre(unit: str) -> str:
    """Siemens Artis writes the DAP unit as `Gym2`; UCUM spells it `Gy.m2`.

    Sample: RF-RDSR-Siemens-Zee.dcm, Dual-RDSR-RF.dcm.
    """
    return "Gy.m2" if unit == "Gym2" else unit


def siemens_mgycm_is_milligray_centimetre(unit: str) -> str:
    """Siemens CT writes the DLP unit as `mGycm`; UCUM spells it `mGy.cm`.

    Sample: CT-RDSR-Siemens_Flash-TAP-SS.dcm.
    """
    return "mGy.cm" if unit == "mGycm" else unit


def ge_pulse_rate_without_braces(unit: str) -> str:
    """GE writes pulse rate as `pulse/s`; UCUM needs the annotation in braces, `{pulse}/s`.

    Sample: RF-RDSR-GE.dcm.
    """
    return "{pulse}/s" if unit == "pulse/s" else unit


def ge_ucm_scheme_is_ucum(scheme: str | None) -> str | None:
    """GE labels event units with coding scheme `UCM`, a misspelling of `UCUM`.

    Sample: RF-RDSR-GE.dcm.
    """
    return UCUM if scheme == "UCM" else scheme


def normalise_unit(unit: str | None, scheme: str | None) -> tuple[str | None, str | None]:
    """The unit and scheme after every known vendor misspelling is put right."""
    if unit is None:
        return None, ge_ucm_scheme_is_ucum(scheme)
    unit = unit.strip()
    for fix in (
        siemens_gym2_is_gray_square_metre,
        siemens_mgycm_is_milligray_centimetre,
        ge_pulse_rate_without_braces,
    ):
        unit = fix(unit)
    return unit, ge_ucm_scheme_is_ucum(scheme)


def canon_reference_point_as_text(item: ContentItem | None) -> str:
    """Reference Point Definition is a CODE in TID 10004, but Canon writes it as TEXT.

    Sample: RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm. Returns the text either way.
    """
    if item is None:
        return ""
    if item.value_type is ValueType.CODE and item.code is not None:
        return item.code.meaning
    return item.text or ""


def ge_fill_missing_fluoro_dose_rp(totals: PlaneTotals, has_acquisitions: bool) -> PlaneTotals:
    """Some GE mobile C-arms give the Dose (RP) total but no fluoro Dose (RP) total.

    The fluoro part is then the total minus the acquisition part, or the whole total when the
    plane has no acquisition at all. Sample: RF-RDSR-GE.dcm with 113728 removed (the test
    builds it).
    """
    if totals.fluoro_ka_r_mgy is not None or totals.ka_r_mgy is None:
        return totals
    if totals.acquisition_ka_r_mgy is not None:
        fluoro = max(totals.ka_r_mgy - totals.acquisition_ka_r_mgy, 0.0)
        return replace(totals, fluoro_ka_r_mgy=fluoro)
    if not has_acquisitions:
        return replace(totals, fluoro_ka_r_mgy=totals.ka_r_mgy, acquisition_ka_r_mgy=0.0)
    return totals
