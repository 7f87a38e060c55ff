"""The Modality Worklist (PS3.4 K, IHE RAD-5): scheduled steps and the C-FIND answer."""
