"""Synthetic X-Ray Radiation Dose SR files written with pydicom (demo and benchmarks).

The files follow TID 10001 (projection X-ray) and TID 10011 (CT) closely enough for any RDSR
reader; they carry synthetic identifiers only.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from io import BytesIO

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

RDSR_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.67"


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def _item(relationship: str, value_type: str, concept: tuple[str, str, str]) -> Dataset:
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = Sequence([_code(*concept)])
    return item


def _num(concept: tuple[str, str, str], value: float, unit: str) -> Dataset:
    item = _item("CONTAINS", "NUM", concept)
    measured = Dataset()
    measured.NumericValue = f"{value:.6g}"
    measured.MeasurementUnitsCodeSequence = Sequence([_code(unit, "UCUM", unit)])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def _coded(
    concept: tuple[str, str, str], code: tuple[str, str, str], rel: str = "CONTAINS"
) -> Dataset:
    item = _item(rel, "CODE", concept)
    item.ConceptCodeSequence = Sequence([_code(*code)])
    return item


def _text(concept: tuple[str, str, str], value: str, value_type: str = "TEXT") -> Dataset:
    item = _item("CONTAINS", value_type, concept)
    if value_type == "UIDREF":
        item.UID = value
    elif value_type == "DATETIME":
        item.DateTime = value
    else:
        item.TextValue = value
    return item


def _container(concept: tuple[str, str, str], children: list[Dataset]) -> Dataset:
    item = _item("CONTAINS", "CONTAINER", concept)
    item.ContinuityOfContent = "SEPARATE"
    item.ContentSequence = Sequence(children)
    return item


SINGLE_PLANE = ("113622", "DCM", "Single Plane")
PLANE = ("113764", "DCM", "Acquisition Plane")
FLUORO = ("P5-06000", "SRT", "Fluoroscopy")
ACQUISITION = ("113611", "DCM", "Stationary Acquisition")


@dataclass(frozen=True)
class Exposure:
    """One synthetic irradiation event."""

    started: dt.datetime
    fluoro: bool
    kap_gycm2: float
    ka_r_mgy: float
    seconds: float
    kvp: float
    ma: float
    primary_deg: float
    secondary_deg: float


@dataclass(frozen=True)
class Header:
    """Identifiers of a synthetic report."""

    study_uid: str
    accession: str
    patient_id: str
    when: dt.datetime
    station: str
    manufacturer: str = "Synthetic Medical"
    model: str = "Demo Angio 1"
    serial: str = "DEMO-0001"


def _dataset(header: Header, root_children: list[Dataset]) -> bytes:
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = RDSR_SOP_CLASS
    ds.SOPInstanceUID = generate_uid()
    ds.StudyDate = header.when.strftime("%Y%m%d")
    ds.StudyTime = header.when.strftime("%H%M%S")
    ds.ContentDate, ds.ContentTime = ds.StudyDate, ds.StudyTime
    ds.AccessionNumber = header.accession
    ds.Modality = "SR"
    ds.Manufacturer = header.manufacturer
    ds.ManufacturerModelName = header.model
    ds.StationName = header.station
    ds.DeviceSerialNumber = header.serial
    ds.PatientName = "SYNTHETIC^PATIENT"
    ds.PatientID = header.patient_id
    ds.StudyInstanceUID = header.study_uid
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber, ds.InstanceNumber = 900, 1
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([_code("113701", "DCM", "X-Ray Radiation Dose Report")])
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag, ds.VerificationFlag = "COMPLETE", "UNVERIFIED"
    template = Dataset()
    template.MappingResource, template.TemplateIdentifier = "DCMR", "10001"
    ds.ContentTemplateSequence = Sequence([template])
    observer = [
        _coded(("121005", "DCM", "Observer Type"), ("121007", "DCM", "Device"), "HAS OBS CONTEXT"),
        _obs(("121012", "DCM", "Device Observer UID"), "UIDREF", "2.25.1234567890"),
        _obs(("121014", "DCM", "Device Observer Manufacturer"), "TEXT", header.manufacturer),
        _obs(("121015", "DCM", "Device Observer Model Name"), "TEXT", header.model),
        _obs(("121016", "DCM", "Device Observer Serial Number"), "TEXT", header.serial),
    ]
    ds.ContentSequence = Sequence(observer + root_children)
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    buffer = BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _obs(concept: tuple[str, str, str], value_type: str, value: str) -> Dataset:
    item = _text(concept, value, value_type)
    item.RelationshipType = "HAS OBS CONTEXT"
    return item


def _event(e: Exposure) -> Dataset:
    return _container(
        ("113706", "DCM", "Irradiation Event X-Ray Data"),
        [
            _coded(PLANE, SINGLE_PLANE, "HAS CONCEPT MOD"),
            _text(
                ("111526", "DCM", "DateTime Started"),
                e.started.strftime("%Y%m%d%H%M%S"),
                "DATETIME",
            ),
            _coded(
                ("113721", "DCM", "Irradiation Event Type"), FLUORO if e.fluoro else ACQUISITION
            ),
            _text(("113769", "DCM", "Irradiation Event UID"), generate_uid(), "UIDREF"),
            _num(("122130", "DCM", "Dose Area Product"), e.kap_gycm2 / 10_000, "Gy.m2"),
            _num(("113738", "DCM", "Dose (RP)"), e.ka_r_mgy, "mGy"),
            _num(("112011", "DCM", "Positioner Primary Angle"), e.primary_deg, "deg"),
            _num(("112012", "DCM", "Positioner Secondary Angle"), e.secondary_deg, "deg"),
            _num(("113733", "DCM", "KVP"), e.kvp, "kV"),
            _num(("113734", "DCM", "X-Ray Tube Current"), e.ma, "mA"),
            _num(("113742", "DCM", "Irradiation Duration"), e.seconds, "s"),
        ],
    )


def projection_report(header: Header, exposures: list[Exposure]) -> bytes:
    """A projection X-ray dose report (TID 10001) with its accumulated totals and events."""
    fluoro = [e for e in exposures if e.fluoro]
    acq = [e for e in exposures if not e.fluoro]

    def total(items: list[Exposure], name: str) -> float:
        return float(sum(getattr(e, name) for e in items))

    accumulated = _container(
        ("113702", "DCM", "Accumulated X-Ray Dose Data"),
        [
            _coded(PLANE, SINGLE_PLANE, "HAS CONCEPT MOD"),
            _num(
                ("113722", "DCM", "Dose Area Product Total"),
                total(exposures, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(("113725", "DCM", "Dose (RP) Total"), total(exposures, "ka_r_mgy") / 1000, "Gy"),
            _num(
                ("113726", "DCM", "Fluoro Dose Area Product Total"),
                total(fluoro, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(
                ("113728", "DCM", "Fluoro Dose (RP) Total"), total(fluoro, "ka_r_mgy") / 1000, "Gy"
            ),
            _num(("113730", "DCM", "Total Fluoro Time"), total(fluoro, "seconds"), "s"),
            _num(
                ("113727", "DCM", "Acquisition Dose Area Product Total"),
                total(acq, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(
                ("113729", "DCM", "Acquisition Dose (RP) Total"),
                total(acq, "ka_r_mgy") / 1000,
                "Gy",
            ),
            _num(("113855", "DCM", "Total Acquisition Time"), total(acq, "seconds"), "s"),
        ],
    )
    procedure = _coded(
        ("121058", "DCM", "Procedure reported"),
        ("113704", "DCM", "Projection X-Ray"),
        "HAS CONCEPT MOD",
    )
    return _dataset(header, [procedure, accumulated, *[_event(e) for e in exposures]])


def ct_report(header: Header, scans: list[tuple[dt.datetime, float, float, float]]) -> bytes:
    """A CT dose report (TID 10011); each scan is (start, CTDIvol mGy, DLP mGy·cm, length mm)."""
    acquisitions = [
        _container(
            ("113819", "DCM", "CT Acquisition"),
            [
                _text(("125203", "DCM", "Acquisition Protocol"), "Guided biopsy"),
                _coded(
                    ("113820", "DCM", "CT Acquisition Type"),
                    ("113804", "DCM", "Sequenced Acquisition"),
                ),
                _text(("113769", "DCM", "Irradiation Event UID"), generate_uid(), "UIDREF"),
                _container(
                    ("113822", "DCM", "CT Acquisition Parameters"),
                    [
                        _num(("113825", "DCM", "Scanning Length"), length, "mm"),
                    ],
                ),
                _container(
                    ("113829", "DCM", "CT Dose"),
                    [
                        _num(("113830", "DCM", "Mean CTDIvol"), ctdivol, "mGy"),
                        _coded(
                            ("113835", "DCM", "CTDIw Phantom Type"),
                            ("113691", "DCM", "IEC Body Dosimetry Phantom"),
                        ),
                        _num(("113838", "DCM", "DLP"), dlp, "mGy.cm"),
                    ],
                ),
            ],
        )
        for _start, ctdivol, dlp, length in scans
    ]
    accumulated = _container(
        ("113811", "DCM", "CT Accumulated Dose Data"),
        [
            _num(("113812", "DCM", "Total Number of Irradiation Events"), len(scans), "{events}"),
            _num(
                ("113813", "DCM", "CT Dose Length Product Total"),
                sum(s[2] for s in scans),
                "mGy.cm",
            ),
        ],
    )
    procedure = _coded(
        ("121058", "DCM", "Procedure reported"),
        ("P5-08000", "SRT", "Computed Tomography X-Ray"),
        "HAS CONCEPT MOD",
    )
    return _dataset(header, [procedure, accumulated, *acquisitions])


def random_exposures(
    rng: random.Random, start: dt.datetime, kap_gycm2: float, events: int
) -> list[Exposure]:
    """Events whose KAP adds up to `kap_gycm2`, about two thirds fluoroscopy."""
    weights = [rng.uniform(0.2, 1.0) for _ in range(events)]
    scale = kap_gycm2 / sum(weights)
    moment = start
    exposures = []
    for weight in weights:
        fluoro = rng.random() < 0.67
        kap = weight * scale
        exposures.append(
            Exposure(
                started=moment,
                fluoro=fluoro,
                kap_gycm2=kap,
                ka_r_mgy=kap * rng.uniform(4.0, 9.0),
                seconds=rng.uniform(5, 120) if fluoro else rng.uniform(2, 12),
                kvp=rng.uniform(65, 95),
                ma=rng.uniform(10, 400),
                primary_deg=rng.uniform(-40, 40),
                secondary_deg=rng.uniform(-25, 25),
            )
        )
        moment += dt.timedelta(seconds=rng.randint(30, 300))
    return exposures
