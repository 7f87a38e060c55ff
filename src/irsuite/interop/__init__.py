"""Adapters at the edge: HL7 v2 over MLLP (`hl7/`) and DICOM (`dicom/`).

They translate messages into the clinical areas' service calls and translate errors back exactly
once (an HL7 ACK code, a DICOM status); no clinical rule lives here.
"""
