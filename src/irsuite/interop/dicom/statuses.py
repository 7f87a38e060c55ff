"""DICOM status codes irsuite answers, named as pynetdicom's status tables name them."""

from __future__ import annotations

from enum import IntEnum


class Status(IntEnum):
    """DIMSE statuses (PS3.7 C; PS3.4 B.2.3 storage, C.4.1 find, F.7 / F.8 MPPS)."""

    SUCCESS = 0x0000
    # General (PS3.7 C): pynetdicom's GENERAL_STATUS names.
    INVALID_ATTRIBUTE_VALUE = 0x0106
    PROCESSING_FAILURE = 0x0110
    DUPLICATE_SOP_INSTANCE = 0x0111  # "Duplication SOP Instance"
    NO_SUCH_SOP_INSTANCE = 0x0112
    MISSING_ATTRIBUTE = 0x0120
    MISSING_ATTRIBUTE_VALUE = 0x0121
    # Storage (PS3.4 B.2.3) and Query (PS3.4 C.4.1.1.4).
    OUT_OF_RESOURCES = 0xA700
    IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900
    DATASET_DOES_NOT_MATCH_SOP_CLASS = 0xA900
    UNABLE_TO_PROCESS = 0xC000
    CANNOT_UNDERSTAND = 0xC000
    CANCEL = 0xFE00
    PENDING = 0xFF00
    PENDING_WARNING = 0xFF01  # "optional keys were not supported for existence"


class RejectResult(IntEnum):
    """A-ASSOCIATE-RJ result (PS3.8 9.3.4)."""

    PERMANENT = 0x01
    TRANSIENT = 0x02


class RejectSource(IntEnum):
    """A-ASSOCIATE-RJ source (PS3.8 9.3.4)."""

    SERVICE_USER = 0x01


class RejectReason(IntEnum):
    """A-ASSOCIATE-RJ reason/diagnostic when the source is the service user (PS3.8 9.3.4)."""

    NO_REASON_GIVEN = 0x01
    CALLING_AE_TITLE_NOT_RECOGNISED = 0x03
