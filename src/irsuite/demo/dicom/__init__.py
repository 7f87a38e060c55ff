"""Demo: the worklist of the demo department and a modality that plays against it."""
