"""The SR content tree and header as both walkers produce them (plain data, comparable)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from irsuite.domain.rdsr.codes import Concept, ValueType

# Content items nest at most this many levels below the document root. The dose templates nest
# a handful: root > CT Acquisition > CT Acquisition Parameters > CT X-Ray Source Parameters >
# KVP (TID 10011, 10013) is four levels, and no sample file passes five. PS3.3 C.17.3 sets no
# limit, so the bound is irsuite's: 64 is more than ten times what a template needs, and it
# keeps the walkers' stacks small whatever a file holds (deeper files are refused as too_deep).
MAX_CONTENT_DEPTH = 64


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
    the Numeric Value of a NUM item as text, several values separated by a backslash as DICOM
    encodes them (see `values.numbers`), and `unit` its Measurement Units Code value.
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
        wanted = concept.value  # an enum's value is slow to read: once, not once per child
        for child in self.children:
            if child.concept is not None and child.concept.value == wanted:
                return child
        return None

    def find_all(self, concept: Concept) -> Iterator[ContentItem]:
        """Every direct child with that concept name, in document order."""
        wanted = concept.value
        for child in self.children:
            if child.concept is not None and child.concept.value == wanted:
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
