"""DICOM: one application entity for verification, dose storage, Modality Worklist and MPPS."""
