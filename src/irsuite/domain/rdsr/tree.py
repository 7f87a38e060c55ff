"""The SR content tree and header as both walkers produce them (plain data, comparable)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from irsuite.domain.rdsr.codes import Concept, ValueType


@dataclass(frozen=True, slots=True)
class Code:
    """A coded entry: (code value, coding scheme designator, code meaning)."""

    value: str
    scheme: str
    meaning: str


@dataclass(slots=True)
class ContentItem:
    """One SR content item with the parts the dose templates use.

    `text` holds the value of TEXT, UIDREF, DATETIME, DATE, TIME and PNAME items; `number`
    the NumericValue string of a NUM item and `unit` its MeasurementUnitsCode value.
    """

    value_type: ValueType
    relationship: str = ""
    concept: Code | None = None
    text: str | None = None
    code: Code | None = None
    number: str | None = None
    unit: str | None = None
    unit_scheme: str | None = None
    children: list[ContentItem] = field(default_factory=list)

    @property
    def concept_value(self) -> str:
        """The concept name code value, '' when the item has no concept name."""
        return self.concept.value if self.concept is not None else ""

    def find(self, concept: Concept) -> ContentItem | None:
        """The first direct child with that concept name, if any."""
        for child in self.children:
            if child.concept is not None and child.concept.value == concept.value:
                return child
        return None

    def find_all(self, concept: Concept) -> Iterator[ContentItem]:
        """Every direct child with that concept name, in document order."""
        for child in self.children:
            if child.concept is not None and child.concept.value == concept.value:
                yield child


@dataclass(slots=True)
class Header:
    """The data elements of the dataset (outside the content tree) the importer needs."""

    sop_class_uid: str = ""
    sop_instance_uid: str = ""
    study_instance_uid: str = ""
    accession_number: str = ""
    patient_id: str = ""
    study_date: str = ""
    study_time: str = ""
    manufacturer: str = ""
    model_name: str = ""
    station_name: str = ""
    device_serial_number: str = ""


@dataclass(slots=True)
class SrDocument:
    """A header and the root content item (the document's own concept and children)."""

    header: Header
    root: ContentItem
