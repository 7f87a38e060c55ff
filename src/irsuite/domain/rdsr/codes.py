"""Coded concepts of the DICOM X-Ray Radiation Dose SR templates (PS3.16 TID 10001-10013).

Concepts are matched by code value (DCM codes are unique across the standard); where SNOMED
(SCT) replaced the retired SRT codes, both spellings are listed.
"""

from __future__ import annotations

from enum import StrEnum


class Concept(StrEnum):
    """Concept names read by the importer, by code value."""

    XRAY_RADIATION_DOSE_REPORT = "113701"
    PROCEDURE_REPORTED = "121058"
    DEVICE_OBSERVER_UID = "121012"
    DEVICE_OBSERVER_NAME = "121013"
    DEVICE_OBSERVER_MANUFACTURER = "121014"
    DEVICE_OBSERVER_MODEL_NAME = "121015"
    DEVICE_OBSERVER_SERIAL_NUMBER = "121016"
    SCOPE_OF_ACCUMULATION = "113705"
    STUDY_INSTANCE_UID = "110180"
    # TID 10002 / 10004 accumulated projection X-ray dose
    ACCUMULATED_XRAY_DOSE_DATA = "113702"
    ACQUISITION_PLANE = "113764"
    DOSE_AREA_PRODUCT_TOTAL = "113722"
    DOSE_RP_TOTAL = "113725"
    FLUORO_DOSE_AREA_PRODUCT_TOTAL = "113726"
    ACQUISITION_DOSE_AREA_PRODUCT_TOTAL = "113727"
    FLUORO_DOSE_RP_TOTAL = "113728"
    ACQUISITION_DOSE_RP_TOTAL = "113729"
    TOTAL_FLUORO_TIME = "113730"
    TOTAL_ACQUISITION_TIME = "113855"
    TOTAL_NUMBER_OF_RADIOGRAPHIC_FRAMES = "113731"
    REFERENCE_POINT_DEFINITION = "113780"
    # TID 10003 irradiation event
    IRRADIATION_EVENT_XRAY_DATA = "113706"
    IRRADIATION_EVENT_UID = "113769"
    IRRADIATION_EVENT_TYPE = "113721"
    DATETIME_STARTED = "111526"
    ACQUISITION_PROTOCOL = "125203"
    TARGET_REGION = "123014"
    DOSE_AREA_PRODUCT = "122130"
    DOSE_RP = "113738"
    IRRADIATION_DURATION = "113742"
    KVP = "113733"
    XRAY_TUBE_CURRENT = "113734"
    PULSE_RATE = "113791"
    PULSE_WIDTH = "113793"
    NUMBER_OF_PULSES = "113768"
    POSITIONER_PRIMARY_ANGLE = "112011"
    POSITIONER_SECONDARY_ANGLE = "112012"
    COLLIMATED_FIELD_AREA = "113790"
    DISTANCE_SOURCE_TO_DETECTOR = "113750"
    # TID 10011-10013 CT
    CT_ACCUMULATED_DOSE_DATA = "113811"
    TOTAL_NUMBER_OF_IRRADIATION_EVENTS = "113812"
    CT_DOSE_LENGTH_PRODUCT_TOTAL = "113813"
    CT_ACQUISITION = "113819"
    CT_ACQUISITION_TYPE = "113820"
    CT_ACQUISITION_PARAMETERS = "113822"
    EXPOSURE_TIME = "113824"
    SCANNING_LENGTH = "113825"
    CT_XRAY_SOURCE_PARAMETERS = "113831"
    CT_DOSE = "113829"
    MEAN_CTDIVOL = "113830"
    CTDIW_PHANTOM_TYPE = "113835"
    DLP = "113838"


class ValueType(StrEnum):
    """SR content item value types (PS3.3 C.17.3.2.1)."""

    CONTAINER = "CONTAINER"
    NUM = "NUM"
    CODE = "CODE"
    TEXT = "TEXT"
    UIDREF = "UIDREF"
    DATETIME = "DATETIME"
    DATE = "DATE"
    TIME = "TIME"
    PNAME = "PNAME"
    IMAGE = "IMAGE"
    COMPOSITE = "COMPOSITE"
    OTHER = "OTHER"

    @classmethod
    def parse(cls, text: str) -> ValueType:
        """The value type for a DICOM ValueType string; OTHER when not listed."""
        try:
            return cls(text.strip())
        except ValueError:
            return cls.OTHER


class ReportKind(StrEnum):
    """What the report describes (CID 10000 procedure reported)."""

    PROJECTION_XRAY = "projection_xray"
    CT = "ct"


class AcquisitionPlane(StrEnum):
    """CID 10003 equipment plane identification."""

    SINGLE = "single"
    PLANE_A = "plane_a"
    PLANE_B = "plane_b"
    UNSPECIFIED = "unspecified"


class IrradiationEventType(StrEnum):
    """CID 10002 irradiation event types, plus the CT acquisition types of CID 10013."""

    FLUOROSCOPY = "fluoroscopy"
    STATIONARY_ACQUISITION = "stationary_acquisition"
    STEPPING_ACQUISITION = "stepping_acquisition"
    ROTATIONAL_ACQUISITION = "rotational_acquisition"
    CT_SEQUENCED = "ct_sequenced"
    CT_SPIRAL = "ct_spiral"
    CT_CONSTANT_ANGLE = "ct_constant_angle"
    CT_STATIONARY = "ct_stationary"
    CT_FREE = "ct_free"
    CT_CONE_BEAM = "ct_cone_beam"
    OTHER = "other"

    @property
    def is_fluoroscopy(self) -> bool:
        """True for fluoroscopy events (the rest are acquisitions)."""
        return self is IrradiationEventType.FLUOROSCOPY


class Phantom(StrEnum):
    """CID 4052 CTDIw phantom type."""

    BODY_32CM = "body_32cm"
    HEAD_16CM = "head_16cm"
    OTHER = "other"


PROJECTION_PROCEDURE_CODES = frozenset({"113704"})
CT_PROCEDURE_CODES = frozenset({"P5-08000", "77477000"})

PLANE_CODES: dict[str, AcquisitionPlane] = {
    "113622": AcquisitionPlane.SINGLE,
    "113620": AcquisitionPlane.PLANE_A,
    "113621": AcquisitionPlane.PLANE_B,
    "113890": AcquisitionPlane.UNSPECIFIED,
}

EVENT_TYPE_CODES: dict[str, IrradiationEventType] = {
    "P5-06000": IrradiationEventType.FLUOROSCOPY,
    "44491008": IrradiationEventType.FLUOROSCOPY,
    "113611": IrradiationEventType.STATIONARY_ACQUISITION,
    "113612": IrradiationEventType.STEPPING_ACQUISITION,
    "113613": IrradiationEventType.ROTATIONAL_ACQUISITION,
    "113804": IrradiationEventType.CT_SEQUENCED,
    "P5-08001": IrradiationEventType.CT_SPIRAL,
    "116152004": IrradiationEventType.CT_SPIRAL,
    "113805": IrradiationEventType.CT_CONSTANT_ANGLE,
    "113806": IrradiationEventType.CT_STATIONARY,
    "113807": IrradiationEventType.CT_FREE,
    "702569007": IrradiationEventType.CT_CONE_BEAM,
}

PHANTOM_CODES: dict[str, Phantom] = {
    "113691": Phantom.BODY_32CM,
    "113690": Phantom.HEAD_16CM,
}
