"""Modality Performed Procedure Step (PS3.4 F.7, IHE RAD-6/RAD-7)."""
