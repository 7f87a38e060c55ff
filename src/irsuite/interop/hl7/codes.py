"""The coded values of HL7 v2 that irsuite reads and writes, named after their tables."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

# MSH-12 versions irsuite accepts (HL7 v2 table 0104); others are refused with AR.
SUPPORTED_VERSIONS = frozenset({"2.3", "2.3.1", "2.4", "2.5", "2.5.1"})
# The version irsuite writes in its own messages.
OUR_VERSION = "2.5.1"


class AckCode(StrEnum):
    """HL7 v2 table 0008: acknowledgment code (original mode)."""

    ACCEPT = "AA"
    ERROR = "AE"
    REJECT = "AR"


class ErrorCode(StrEnum):
    """HL7 v2.5.1 table 0357: message error condition codes."""

    ACCEPTED = "0"
    SEGMENT_SEQUENCE = "100"
    REQUIRED_FIELD_MISSING = "101"
    DATA_TYPE = "102"
    TABLE_VALUE_NOT_FOUND = "103"
    UNSUPPORTED_MESSAGE_TYPE = "200"
    UNSUPPORTED_EVENT = "201"
    UNSUPPORTED_PROCESSING_ID = "202"
    UNSUPPORTED_VERSION = "203"
    UNKNOWN_KEY = "204"
    DUPLICATE_KEY = "205"
    RECORD_LOCKED = "206"
    INTERNAL_ERROR = "207"

    @property
    def text(self) -> str:
        return ERROR_TEXT[self]


ERROR_TEXT: dict[ErrorCode, str] = {
    ErrorCode.ACCEPTED: "Message accepted",
    ErrorCode.SEGMENT_SEQUENCE: "Segment sequence error",
    ErrorCode.REQUIRED_FIELD_MISSING: "Required field missing",
    ErrorCode.DATA_TYPE: "Data type error",
    ErrorCode.TABLE_VALUE_NOT_FOUND: "Table value not found",
    ErrorCode.UNSUPPORTED_MESSAGE_TYPE: "Unsupported message type",
    ErrorCode.UNSUPPORTED_EVENT: "Unsupported event code",
    ErrorCode.UNSUPPORTED_PROCESSING_ID: "Unsupported processing id",
    ErrorCode.UNSUPPORTED_VERSION: "Unsupported version id",
    ErrorCode.UNKNOWN_KEY: "Unknown key identifier",
    ErrorCode.DUPLICATE_KEY: "Duplicate key identifier",
    ErrorCode.RECORD_LOCKED: "Application record locked",
    ErrorCode.INTERNAL_ERROR: "Application internal error",
}


class Charset(StrEnum):
    """HL7 v2 table 0211: alternate character sets (MSH-18) irsuite decodes."""

    ASCII = "ASCII"
    LATIN_1 = "8859/1"
    LATIN_9 = "8859/15"
    UTF_8 = "UNICODE UTF-8"


# The Python codec of each character set.
CODECS: dict[str, str] = {
    Charset.ASCII: "ascii",
    Charset.LATIN_1: "latin-1",
    Charset.LATIN_9: "iso8859-15",
    Charset.UTF_8: "utf-8",
}


class OrderControl(StrEnum):
    """HL7 v2.5.1 table 0119: order control codes (ORC-1) irsuite reads and writes."""

    NEW = "NW"
    CANCEL = "CA"
    CANCELLED = "CR"
    CHANGE = "XO"
    CHANGED = "XR"
    STATUS_CHANGED = "SC"
    OK = "OK"


class OrderStatus(StrEnum):
    """HL7 v2.5.1 table 0038: order status (ORC-5)."""

    SCHEDULED = "SC"
    IN_PROCESS = "IP"
    COMPLETED = "CM"
    CANCELLED = "CA"
    DISCONTINUED = "DC"
    HELD = "HD"


class ResultStatus(StrEnum):
    """HL7 v2.5.1 table 0123 (OBR-25) and 0085 (OBX-11): final or corrected."""

    FINAL = "F"
    CORRECTED = "C"


class Priority(StrEnum):
    """HL7 v2 table 0027: priority (TQ1-9 / OBR-27.6 / ORC-7.6)."""

    STAT = "S"
    ASAP = "A"
    ROUTINE = "R"
    PREOP = "P"
    CALLBACK = "C"
    TIMING = "T"


class IdentifierTypeCode(StrEnum):
    """HL7 v2 table 0203: identifier type (CX.5)."""

    MEDICAL_RECORD = "MR"
    PATIENT_INTERNAL = "PI"
    NATIONAL = "NI"
    PATIENT_EXTERNAL = "PT"


class Trigger(StrEnum):
    """The message types and trigger events irsuite handles (HL7 v2 tables 0076 and 0003)."""

    ADT_A01 = "ADT^A01"
    ADT_A04 = "ADT^A04"
    ADT_A08 = "ADT^A08"
    ADT_A28 = "ADT^A28"
    ADT_A31 = "ADT^A31"
    ADT_A40 = "ADT^A40"
    ADT_A47 = "ADT^A47"
    ORM_O01 = "ORM^O01"
    OMI_O23 = "OMI^O23"
    SIU_S12 = "SIU^S12"
    SIU_S13 = "SIU^S13"
    SIU_S14 = "SIU^S14"
    SIU_S15 = "SIU^S15"


# Message types irsuite knows (some events of them may still be unhandled).
KNOWN_TYPES = frozenset({"ADT", "ORM", "OMI", "SIU", "ACK", "ORU", "ORR", "ORG"})


class InboxStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    APPLIED = "applied", "Applied (AA)"
    NOTED = "noted", "Accepted, not handled (AA with a note)"
    ERROR = "error", "Could not apply (AE)"
    REJECTED = "rejected", "Rejected (AR)"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Accepted by the peer (AA)"
    REFUSED = "refused", "Refused by the peer (AE/AR)"
    HELD = "held", "Held: the peer has no outbound address"


class MappingKind(models.TextChoices):
    PROCEDURE = "procedure", "Procedure code → catalogue code"
    SITE = "site", "Assigning authority or facility → site code"
    ROOM = "room", "Location or resource → room code"
    PROVIDER = "provider", "Provider id → staff id"


class OrderMessage(models.TextChoices):
    """Which message carries order status to the peer (IHE RAD-3 allows either form)."""

    ORM = "ORM^O01", "ORM^O01 with ORC-1 SC"
    OMI = "OMI^O23", "OMI^O23 with ORC-1 SC"


class UnhandledEvents(models.TextChoices):
    """What a peer's event that irsuite does not handle is answered with."""

    ACCEPT = "accept", "AA, kept with a note"
    REJECT = "reject", "AR"
