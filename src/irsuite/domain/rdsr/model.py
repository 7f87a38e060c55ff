"""What a dose report says, in irsuite's units (Ka,r mGy, KAP Gy·cm², s, mGy, mGy·cm)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from irsuite.domain.rdsr.codes import (
    AcquisitionPlane,
    IrradiationEventType,
    Phantom,
    ReportKind,
)


@dataclass(frozen=True, slots=True)
class StudyInfo:
    """Identifiers and date of the study the report belongs to."""

    study_instance_uid: str
    accession_number: str
    patient_id: str
    study_date: dt.date | None
    study_time: dt.time | None


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The irradiating device (TID 1004 device observer, or the General Equipment module)."""

    manufacturer: str
    model_name: str
    station_name: str
    serial_number: str
    observer_uid: str


@dataclass(frozen=True, slots=True)
class PlaneTotals:
    """Accumulated dose of one acquisition plane (TID 10002 with TID 10004)."""

    plane: AcquisitionPlane
    kap_gycm2: float | None
    ka_r_mgy: float | None
    fluoro_kap_gycm2: float | None
    acquisition_kap_gycm2: float | None
    fluoro_ka_r_mgy: float | None
    acquisition_ka_r_mgy: float | None
    fluoro_time_s: float | None
    acquisition_time_s: float | None
    radiographic_frames: int | None
    reference_point: str


@dataclass(frozen=True, slots=True)
class IrradiationEvent:
    """One irradiation event: TID 10003 (projection) or TID 10013 (CT acquisition).

    kVp, X-Ray Tube Current and Pulse Width of a projection event (TID 10003B) may be given
    once per pulse: the `_per_pulse` tuples keep every value in document order (one value when
    the device gave one) and `kvp`, `tube_current_ma` and `pulse_width_s` are their means.
    """

    uid: str
    event_type: IrradiationEventType
    plane: AcquisitionPlane | None
    started: dt.datetime | None
    protocol: str
    target_region: str
    kap_gycm2: float | None = None
    ka_r_mgy: float | None = None
    irradiation_duration_s: float | None = None
    kvp: float | None = None
    tube_current_ma: float | None = None
    pulse_width_s: float | None = None
    pulse_rate_per_s: float | None = None
    number_of_pulses: float | None = None
    primary_angle_deg: float | None = None
    secondary_angle_deg: float | None = None
    field_area_cm2: float | None = None
    source_detector_distance_mm: float | None = None
    ctdivol_mgy: float | None = None
    dlp_mgycm: float | None = None
    scan_length_mm: float | None = None
    exposure_time_s: float | None = None
    phantom: Phantom | None = None
    kvp_per_pulse: tuple[float, ...] = ()
    tube_current_ma_per_pulse: tuple[float, ...] = ()
    pulse_width_s_per_pulse: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class CtTotals:
    """CT accumulated dose data (TID 10012)."""

    event_count: int | None
    dlp_mgycm: float | None


@dataclass(frozen=True, slots=True)
class DoseReport:
    """Everything irsuite keeps from one RDSR object."""

    sop_instance_uid: str
    sop_class_uid: str
    kind: ReportKind
    study: StudyInfo
    device: DeviceInfo
    planes: tuple[PlaneTotals, ...]
    ct_totals: CtTotals | None
    events: tuple[IrradiationEvent, ...]

    def _plane_sum(self, name: str) -> float | None:
        values = [getattr(p, name) for p in self.planes if getattr(p, name) is not None]
        return float(sum(values)) if values else None

    @property
    def kap_gycm2(self) -> float | None:
        """Whole-study KAP (all planes)."""
        return self._plane_sum("kap_gycm2")

    @property
    def ka_r_mgy(self) -> float | None:
        """Whole-study reference-point air kerma (all planes)."""
        return self._plane_sum("ka_r_mgy")

    @property
    def fluoro_time_s(self) -> float | None:
        """Whole-study fluoroscopy time."""
        return self._plane_sum("fluoro_time_s")

    @property
    def acquisition_time_s(self) -> float | None:
        """Whole-study acquisition time."""
        return self._plane_sum("acquisition_time_s")

    @property
    def radiographic_frames(self) -> int | None:
        """Whole-study number of radiographic frames."""
        total = self._plane_sum("radiographic_frames")
        return None if total is None else int(total)

    @property
    def fluoro_kap_gycm2(self) -> float | None:
        """Whole-study fluoroscopy KAP."""
        return self._plane_sum("fluoro_kap_gycm2")

    @property
    def acquisition_kap_gycm2(self) -> float | None:
        """Whole-study acquisition KAP."""
        return self._plane_sum("acquisition_kap_gycm2")

    @property
    def fluoro_ka_r_mgy(self) -> float | None:
        """Whole-study fluoroscopy Ka,r."""
        return self._plane_sum("fluoro_ka_r_mgy")

    @property
    def acquisition_ka_r_mgy(self) -> float | None:
        """Whole-study acquisition Ka,r."""
        return self._plane_sum("acquisition_ka_r_mgy")

    @property
    def dlp_mgycm(self) -> float | None:
        """CT dose-length product total."""
        return None if self.ct_totals is None else self.ct_totals.dlp_mgycm
