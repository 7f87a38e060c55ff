"""Synthetic X-Ray Radiation Dose SR files written with pydicom (demo and benchmarks).

The files follow TID 10001 (projection X-ray) and TID 10011 (CT) closely enough for any RDSR
reader; they carry synthetic identifiers only.

A report holds a few hundred nested content items, so the tree is built cheaply: each element
is made from a cached (tag, VR) with the value already in its written form, and every dataset
declares the encoding it will be written in (explicit VR little endian), which spares pydicom's
writer its per-level re-encoding pass over the whole subtree. The output is an ordinary file
written by `pydicom.dcmwrite`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Any

from pydicom import config
from pydicom.charset import convert_encodings, default_encoding
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import DataElement, RawDataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_data_element
from pydicom.sequence import Sequence
from pydicom.tag import BaseTag
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from pydicom.valuerep import EXPLICIT_VR_LENGTH_32

RDSR_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.67"
CHARACTER_SET = "ISO_IR 192"
Uids = Callable[[], str]


@cache
def _spec(keyword: str) -> tuple[BaseTag, str]:
    tag = tag_for_keyword(keyword)
    assert tag is not None, keyword
    return BaseTag(tag), dictionary_VR(tag)


# Elements whose few values recur in every content item: encoded once, reused as raw bytes.
RECURRING = frozenset({"RelationshipType", "ValueType", "ContinuityOfContent"})


def _ds(encoding: str | list[str] = default_encoding, **values: Any) -> Dataset:
    """A dataset of `values` (str, int, lists of datasets or encoded elements), to be written
    as they are."""
    ds = Dataset()
    for keyword, value in values.items():
        if keyword in RECURRING:
            value = _encoded(keyword, value)
        if isinstance(value, RawDataElement):
            ds.add(value)  # type: ignore[arg-type]  # pydicom writes raw elements as they are
            continue
        tag, vr = _spec(keyword)
        if vr == "SQ":
            value = Sequence(value)
        ds.add(DataElement(tag, vr, value, already_converted=True, validation_mode=config.IGNORE))
    ds.set_original_encoding(False, True, encoding)
    return ds


def _encode(keyword: str, value: Any) -> RawDataElement:
    """One element encoded by pydicom (explicit VR little endian), kept as raw bytes."""
    tag, vr = _spec(keyword)
    buffer = DicomBytesIO()
    buffer.is_little_endian, buffer.is_implicit_VR = True, False
    element = DataElement(tag, vr, Sequence(value) if vr == "SQ" else value)
    write_data_element(buffer, element, [default_encoding])
    encoded = buffer.getvalue()[12 if vr in EXPLICIT_VR_LENGTH_32 else 8 :]
    return RawDataElement(tag, vr, len(encoded), encoded, 0, False, True)


_encoded = cache(_encode)


@cache
def _code_sequence(keyword: str, value: str, scheme: str, meaning: str) -> RawDataElement:
    """A one-code sequence (concept names, units, coded values repeat in every report)."""
    return _encode(keyword, [_code(value, scheme, meaning)])


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    return _ds(CodeValue=value, CodingSchemeDesignator=scheme, CodeMeaning=meaning)


def _item(
    relationship: str, value_type: str, concept: tuple[str, str, str], **values: Any
) -> Dataset:
    return _ds(
        RelationshipType=relationship,
        ValueType=value_type,
        ConceptNameCodeSequence=_code_sequence("ConceptNameCodeSequence", *concept),
        **values,
    )


def _num(concept: tuple[str, str, str], value: float, unit: str) -> Dataset:
    measured = _ds(
        NumericValue=f"{value:.6g}",
        MeasurementUnitsCodeSequence=_code_sequence(
            "MeasurementUnitsCodeSequence", unit, "UCUM", unit
        ),
    )
    return _item("CONTAINS", "NUM", concept, MeasuredValueSequence=[measured])


def _coded(
    concept: tuple[str, str, str], code: tuple[str, str, str], rel: str = "CONTAINS"
) -> Dataset:
    return _item(
        rel, "CODE", concept, ConceptCodeSequence=_code_sequence("ConceptCodeSequence", *code)
    )


VALUE_KEYWORD = {"UIDREF": "UID", "DATETIME": "DateTime", "TEXT": "TextValue"}


def _text(
    concept: tuple[str, str, str], value: str, value_type: str = "TEXT", rel: str = "CONTAINS"
) -> Dataset:
    return _item(rel, value_type, concept, **{VALUE_KEYWORD[value_type]: value})


def _container(concept: tuple[str, str, str], children: list[Dataset]) -> Dataset:
    return _item(
        "CONTAINS", "CONTAINER", concept, ContinuityOfContent="SEPARATE", ContentSequence=children
    )


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


def _dataset(header: Header, root_children: list[Dataset], uids: Uids) -> bytes:
    ds = Dataset()
    ds.SpecificCharacterSet = CHARACTER_SET
    ds.SOPClassUID = RDSR_SOP_CLASS
    ds.SOPInstanceUID = uids()
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
    ds.SeriesInstanceUID = uids()
    ds.SeriesNumber, ds.InstanceNumber = 900, 1
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([_code("113701", "DCM", "X-Ray Radiation Dose Report")])
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag, ds.VerificationFlag = "COMPLETE", "UNVERIFIED"
    ds.ContentTemplateSequence = Sequence([_ds(MappingResource="DCMR", TemplateIdentifier="10001")])
    observer = [
        _coded(("121005", "DCM", "Observer Type"), ("121007", "DCM", "Device"), "HAS OBS CONTEXT"),
        _obs(("121012", "DCM", "Device Observer UID"), "UIDREF", "2.25.1234567890"),
        _obs(("121014", "DCM", "Device Observer Manufacturer"), "TEXT", header.manufacturer),
        _obs(("121015", "DCM", "Device Observer Model Name"), "TEXT", header.model),
        _obs(("121016", "DCM", "Device Observer Serial Number"), "TEXT", header.serial),
    ]
    ds.ContentSequence = Sequence(observer + root_children)
    ds.set_original_encoding(False, True, convert_encodings(CHARACTER_SET))
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    buffer = BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _obs(concept: tuple[str, str, str], value_type: str, value: str) -> Dataset:
    return _text(concept, value, value_type, "HAS OBS CONTEXT")


def _event(e: Exposure, uids: Uids) -> Dataset:
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
            _text(("113769", "DCM", "Irradiation Event UID"), uids(), "UIDREF"),
            _num(("122130", "DCM", "Dose Area Product"), e.kap_gycm2 / 10_000, "Gy.m2"),
            _num(("113738", "DCM", "Dose (RP)"), e.ka_r_mgy, "mGy"),
            _num(("112011", "DCM", "Positioner Primary Angle"), e.primary_deg, "deg"),
            _num(("112012", "DCM", "Positioner Secondary Angle"), e.secondary_deg, "deg"),
            _num(("113733", "DCM", "KVP"), e.kvp, "kV"),
            _num(("113734", "DCM", "X-Ray Tube Current"), e.ma, "mA"),
            _num(("113742", "DCM", "Irradiation Duration"), e.seconds, "s"),
        ],
    )


def _total(items: list[Exposure], name: str) -> float:
    return float(sum(getattr(e, name) for e in items))


def _projection_totals(exposures: list[Exposure]) -> Dataset:
    """The accumulated X-ray dose of a single plane (TID 10002), fluoroscopy and acquisition."""
    fluoro = [e for e in exposures if e.fluoro]
    acq = [e for e in exposures if not e.fluoro]
    return _container(
        ("113702", "DCM", "Accumulated X-Ray Dose Data"),
        [
            _coded(PLANE, SINGLE_PLANE, "HAS CONCEPT MOD"),
            _num(
                ("113722", "DCM", "Dose Area Product Total"),
                _total(exposures, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(("113725", "DCM", "Dose (RP) Total"), _total(exposures, "ka_r_mgy") / 1000, "Gy"),
            _num(
                ("113726", "DCM", "Fluoro Dose Area Product Total"),
                _total(fluoro, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(
                ("113728", "DCM", "Fluoro Dose (RP) Total"), _total(fluoro, "ka_r_mgy") / 1000, "Gy"
            ),
            _num(("113730", "DCM", "Total Fluoro Time"), _total(fluoro, "seconds"), "s"),
            _num(
                ("113727", "DCM", "Acquisition Dose Area Product Total"),
                _total(acq, "kap_gycm2") / 1e4,
                "Gy.m2",
            ),
            _num(
                ("113729", "DCM", "Acquisition Dose (RP) Total"),
                _total(acq, "ka_r_mgy") / 1000,
                "Gy",
            ),
            _num(("113855", "DCM", "Total Acquisition Time"), _total(acq, "seconds"), "s"),
        ],
    )


def projection_report(
    header: Header, exposures: list[Exposure], uids: Uids = generate_uid
) -> bytes:
    """A projection X-ray dose report (TID 10001) with its accumulated totals and events."""
    accumulated = _projection_totals(exposures)
    procedure = _coded(
        ("121058", "DCM", "Procedure reported"),
        ("113704", "DCM", "Projection X-Ray"),
        "HAS CONCEPT MOD",
    )
    events = [_event(e, uids) for e in exposures]
    return _dataset(header, [procedure, accumulated, *events], uids)


def _ct_acquisition(ctdivol: float, dlp: float, length: float, uids: Uids) -> Dataset:
    """One CT acquisition (TID 10013) with its length, CTDIvol and DLP."""
    return _container(
        ("113819", "DCM", "CT Acquisition"),
        [
            _text(("125203", "DCM", "Acquisition Protocol"), "Guided biopsy"),
            _coded(
                ("113820", "DCM", "CT Acquisition Type"),
                ("113804", "DCM", "Sequenced Acquisition"),
            ),
            _text(("113769", "DCM", "Irradiation Event UID"), uids(), "UIDREF"),
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


def ct_report(
    header: Header,
    scans: list[tuple[dt.datetime, float, float, float]],
    uids: Uids = generate_uid,
) -> bytes:
    """A CT dose report (TID 10011); each scan is (start, CTDIvol mGy, DLP mGy·cm, length mm)."""
    acquisitions = [
        _ct_acquisition(ctdivol, dlp, length, uids) for _start, ctdivol, dlp, length in scans
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
    return _dataset(header, [procedure, accumulated, *acquisitions], uids)


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
