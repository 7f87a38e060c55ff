"""Admin registrations of the safety area (each part keeps its own module)."""

from importlib import import_module
from importlib.util import find_spec

import_module("irsuite.safety.clinical_admin")
if find_spec("irsuite.safety.workup_admin") is not None:
    import_module("irsuite.safety.workup_admin")
