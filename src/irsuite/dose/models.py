"""Radiation dose records imported from DICOM dose reports."""
