"""From an SR content tree to a DoseReport, following TID 10001 and TID 10011 by concept."""

from __future__ import annotations

from irsuite.domain.rdsr.codes import (
    CT_PROCEDURE_CODES,
    EVENT_TYPE_CODES,
    PHANTOM_CODES,
    PLANE_CODES,
    PROJECTION_PROCEDURE_CODES,
    AcquisitionPlane,
    Concept,
    IrradiationEventType,
    Phantom,
    ReportKind,
)
from irsuite.domain.rdsr.errors import ErrorKind, RdsrError
from irsuite.domain.rdsr.model import (
    CtTotals,
    DeviceInfo,
    DoseReport,
    IrradiationEvent,
    PlaneTotals,
    StudyInfo,
)
from irsuite.domain.rdsr.plausibility import PlausibilityBounds
from irsuite.domain.rdsr.quirks import canon_reference_point_as_text, ge_fill_missing_fluoro_dose_rp
from irsuite.domain.rdsr.tree import ContentItem, SrDocument
from irsuite.domain.rdsr.units import Quantity
from irsuite.domain.rdsr.values import (
    count,
    mean,
    measured,
    parse_date,
    parse_datetime,
    parse_time,
    per_pulse,
)

# SOP classes that may carry a dose report (PS3.4 B.5): X-Ray Radiation Dose SR, Enhanced SR,
# Comprehensive SR, Comprehensive 3D SR.
DOSE_CAPABLE_SOP_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.88.67",
        "1.2.840.10008.5.1.4.1.1.88.22",
        "1.2.840.10008.5.1.4.1.1.88.33",
        "1.2.840.10008.5.1.4.1.1.88.34",
    }
)


def _text(item: ContentItem | None) -> str:
    if item is None:
        return ""
    if item.code is not None:
        return item.code.meaning
    return item.text or ""


def _check_is_dose_report(document: SrDocument) -> None:
    sop_class = document.header.sop_class_uid
    if sop_class not in DOSE_CAPABLE_SOP_CLASSES:
        raise RdsrError(
            ErrorKind.NOT_A_DOSE_REPORT,
            f"SOP class {sop_class or '(none)'} is not a structured report that carries dose",
        )
    if document.root.concept_value != Concept.XRAY_RADIATION_DOSE_REPORT.value:
        title = document.root.concept.meaning if document.root.concept else "(no title)"
        raise RdsrError(
            ErrorKind.NOT_A_DOSE_REPORT,
            f"the structured report is a '{title}', not an X-Ray Radiation Dose Report (113701)",
        )


def _kind(root: ContentItem) -> ReportKind:
    procedure = root.find(Concept.PROCEDURE_REPORTED)
    code = procedure.code.value if procedure and procedure.code else ""
    if code in CT_PROCEDURE_CODES or root.find(Concept.CT_ACCUMULATED_DOSE_DATA):
        return ReportKind.CT
    if code in PROJECTION_PROCEDURE_CODES or root.find(Concept.ACCUMULATED_XRAY_DOSE_DATA):
        return ReportKind.PROJECTION_XRAY
    raise RdsrError(
        ErrorKind.NOT_A_DOSE_REPORT,
        "the dose report is neither projection X-ray nor CT (no accumulated dose container)",
    )


def _study(document: SrDocument) -> StudyInfo:
    header = document.header
    uid = header.study_instance_uid
    if not uid:
        scope = document.root.find(Concept.SCOPE_OF_ACCUMULATION)
        uid = _text(scope.find(Concept.STUDY_INSTANCE_UID)) if scope else ""
    if not uid or not header.sop_instance_uid:
        missing = "Study Instance UID" if not uid else "SOP Instance UID"
        raise RdsrError(ErrorKind.MISSING_IDENTIFIER, f"the report has no {missing}")
    return StudyInfo(
        study_instance_uid=uid,
        accession_number=header.accession_number,
        patient_id=header.patient_id,
        study_date=parse_date(header.study_date),
        study_time=parse_time(header.study_time),
    )


def _device(document: SrDocument) -> DeviceInfo:
    root, header = document.root, document.header
    return DeviceInfo(
        manufacturer=_text(root.find(Concept.DEVICE_OBSERVER_MANUFACTURER)) or header.manufacturer,
        model_name=_text(root.find(Concept.DEVICE_OBSERVER_MODEL_NAME)) or header.model_name,
        station_name=header.station_name or _text(root.find(Concept.DEVICE_OBSERVER_NAME)),
        serial_number=_text(root.find(Concept.DEVICE_OBSERVER_SERIAL_NUMBER))
        or header.device_serial_number,
        observer_uid=_text(root.find(Concept.DEVICE_OBSERVER_UID)),
    )


def _plane(item: ContentItem) -> AcquisitionPlane:
    plane = item.find(Concept.ACQUISITION_PLANE)
    code = plane.code.value if plane and plane.code else ""
    return PLANE_CODES.get(code, AcquisitionPlane.UNSPECIFIED)


def _plane_totals(container: ContentItem, bounds: PlausibilityBounds) -> PlaneTotals:
    def value(concept: Concept, quantity: Quantity) -> float | None:
        return measured(container.find(concept), quantity, bounds)

    kap, kar, time = Quantity.KAP_GYCM2, Quantity.AIR_KERMA_MGY, Quantity.TIME_S
    return PlaneTotals(
        plane=_plane(container),
        kap_gycm2=value(Concept.DOSE_AREA_PRODUCT_TOTAL, kap),
        ka_r_mgy=value(Concept.DOSE_RP_TOTAL, kar),
        fluoro_kap_gycm2=value(Concept.FLUORO_DOSE_AREA_PRODUCT_TOTAL, kap),
        acquisition_kap_gycm2=value(Concept.ACQUISITION_DOSE_AREA_PRODUCT_TOTAL, kap),
        fluoro_ka_r_mgy=value(Concept.FLUORO_DOSE_RP_TOTAL, kar),
        acquisition_ka_r_mgy=value(Concept.ACQUISITION_DOSE_RP_TOTAL, kar),
        fluoro_time_s=value(Concept.TOTAL_FLUORO_TIME, time),
        acquisition_time_s=value(Concept.TOTAL_ACQUISITION_TIME, time),
        radiographic_frames=count(
            container.find(Concept.TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES), bounds
        ),
        reference_point=canon_reference_point_as_text(
            container.find(Concept.REFERENCE_POINT_DEFINITION)
        ),
    )


def _event_type(item: ContentItem | None) -> IrradiationEventType:
    code = item.code.value if item and item.code else ""
    return EVENT_TYPE_CODES.get(code, IrradiationEventType.OTHER)


def _projection_event(item: ContentItem, bounds: PlausibilityBounds) -> IrradiationEvent:
    def value(concept: Concept, quantity: Quantity) -> float | None:
        return measured(item.find(concept), quantity, bounds)

    def pulses(concept: Concept, quantity: Quantity) -> tuple[float, ...]:
        return per_pulse(item.find_all(concept), quantity, bounds)

    kvp = pulses(Concept.KVP, Quantity.VOLTAGE_KV)
    current = pulses(Concept.XRAY_TUBE_CURRENT, Quantity.CURRENT_MA)
    width = pulses(Concept.PULSE_WIDTH, Quantity.TIME_S)
    return IrradiationEvent(
        uid=_text(item.find(Concept.IRRADIATION_EVENT_UID)),
        event_type=_event_type(item.find(Concept.IRRADIATION_EVENT_TYPE)),
        plane=_plane(item),
        started=parse_datetime(_text(item.find(Concept.DATETIME_STARTED))),
        protocol=_text(item.find(Concept.ACQUISITION_PROTOCOL)),
        target_region=_text(item.find(Concept.TARGET_REGION)),
        kap_gycm2=value(Concept.DOSE_AREA_PRODUCT, Quantity.KAP_GYCM2),
        ka_r_mgy=value(Concept.DOSE_RP, Quantity.AIR_KERMA_MGY),
        irradiation_duration_s=value(Concept.IRRADIATION_DURATION, Quantity.TIME_S),
        kvp=mean(kvp),
        tube_current_ma=mean(current),
        pulse_width_s=mean(width),
        pulse_rate_per_s=value(Concept.PULSE_RATE, Quantity.RATE_PER_S),
        number_of_pulses=value(Concept.NUMBER_OF_PULSES, Quantity.COUNT),
        primary_angle_deg=value(Concept.POSITIONER_PRIMARY_ANGLE, Quantity.ANGLE_DEG),
        secondary_angle_deg=value(Concept.POSITIONER_SECONDARY_ANGLE, Quantity.ANGLE_DEG),
        field_area_cm2=value(Concept.COLLIMATED_FIELD_AREA, Quantity.AREA_CM2),
        source_detector_distance_mm=value(Concept.DISTANCE_SOURCE_TO_DETECTOR, Quantity.LENGTH_MM),
        kvp_per_pulse=kvp,
        tube_current_ma_per_pulse=current,
        pulse_width_s_per_pulse=width,
    )


def _first_source(parameters: ContentItem | None) -> ContentItem | None:
    return parameters.find(Concept.CT_XRAY_SOURCE_PARAMETERS) if parameters else None


def _ct_event(item: ContentItem, bounds: PlausibilityBounds) -> IrradiationEvent:
    parameters = item.find(Concept.CT_ACQUISITION_PARAMETERS)
    dose = item.find(Concept.CT_DOSE)
    source = _first_source(parameters)
    phantom_item = dose.find(Concept.CTDIW_PHANTOM_TYPE) if dose else None
    phantom_code = phantom_item.code.value if phantom_item and phantom_item.code else ""

    def value(parent: ContentItem | None, concept: Concept, quantity: Quantity) -> float | None:
        return measured(parent.find(concept) if parent else None, quantity, bounds)

    return IrradiationEvent(
        uid=_text(item.find(Concept.IRRADIATION_EVENT_UID)),
        event_type=_event_type(item.find(Concept.CT_ACQUISITION_TYPE)),
        plane=None,
        started=parse_datetime(_text(item.find(Concept.DATETIME_STARTED))),
        protocol=_text(item.find(Concept.ACQUISITION_PROTOCOL)),
        target_region=_text(item.find(Concept.TARGET_REGION)),
        kvp=value(source, Concept.KVP, Quantity.VOLTAGE_KV),
        tube_current_ma=value(source, Concept.XRAY_TUBE_CURRENT, Quantity.CURRENT_MA),
        exposure_time_s=value(parameters, Concept.EXPOSURE_TIME, Quantity.TIME_S),
        scan_length_mm=value(parameters, Concept.SCANNING_LENGTH, Quantity.LENGTH_MM),
        ctdivol_mgy=value(dose, Concept.MEAN_CTDIVOL, Quantity.AIR_KERMA_MGY),
        dlp_mgycm=value(dose, Concept.DLP, Quantity.DLP_MGYCM),
        phantom=PHANTOM_CODES.get(phantom_code, Phantom.OTHER) if phantom_code else None,
    )


def _projection(
    root: ContentItem, bounds: PlausibilityBounds
) -> tuple[tuple[PlaneTotals, ...], tuple[IrradiationEvent, ...]]:
    events = tuple(
        _projection_event(item, bounds)
        for item in root.find_all(Concept.IRRADIATION_EVENT_XRAY_DATA)
    )
    planes = []
    for container in root.find_all(Concept.ACCUMULATED_XRAY_DOSE_DATA):
        totals = _plane_totals(container, bounds)
        has_acquisitions = any(
            e.plane is totals.plane and not e.event_type.is_fluoroscopy for e in events
        )
        planes.append(ge_fill_missing_fluoro_dose_rp(totals, has_acquisitions))
    return tuple(planes), events


def _ct(
    root: ContentItem, bounds: PlausibilityBounds
) -> tuple[CtTotals, tuple[IrradiationEvent, ...]]:
    accumulated = root.find(Concept.CT_ACCUMULATED_DOSE_DATA)
    totals = CtTotals(
        event_count=count(accumulated.find(Concept.TOTAL_NUMBER_OF_IRRADIATION_EVENTS), bounds)
        if accumulated
        else None,
        dlp_mgycm=measured(
            accumulated.find(Concept.CT_DOSE_LENGTH_PRODUCT_TOTAL), Quantity.DLP_MGYCM, bounds
        )
        if accumulated
        else None,
    )
    events = tuple(_ct_event(item, bounds) for item in root.find_all(Concept.CT_ACQUISITION))
    return totals, events


def _check_event_uids(events: tuple[IrradiationEvent, ...]) -> None:
    """Every event needs its own Irradiation Event UID (mandatory in TID 10003 and 10013):
    cumulative reports are matched by it, so a missing or repeated one cannot be stored."""
    seen: set[str] = set()
    for number, event in enumerate(events, start=1):
        if not event.uid:
            raise RdsrError(
                ErrorKind.MISSING_IDENTIFIER,
                f"irradiation event {number} has no Irradiation Event UID (mandatory in the "
                "dose report templates); ask the vendor to send conformant reports",
            )
        if event.uid in seen:
            raise RdsrError(
                ErrorKind.REPEATED_IDENTIFIER,
                f"irradiation event {number} repeats the Irradiation Event UID of an earlier "
                "event in the same report; each event must have its own",
            )
        seen.add(event.uid)


def build_report(document: SrDocument, bounds: PlausibilityBounds) -> DoseReport:
    """The dose report a document holds, in irsuite's units; RdsrError when it cannot be read."""
    _check_is_dose_report(document)
    kind = _kind(document.root)
    planes: tuple[PlaneTotals, ...] = ()
    ct_totals: CtTotals | None = None
    if kind is ReportKind.CT:
        ct_totals, events = _ct(document.root, bounds)
    else:
        planes, events = _projection(document.root, bounds)
    _check_event_uids(events)
    return DoseReport(
        sop_instance_uid=document.header.sop_instance_uid,
        sop_class_uid=document.header.sop_class_uid,
        kind=kind,
        study=_study(document),
        device=_device(document),
        planes=planes,
        ct_totals=ct_totals,
        events=events,
    )
