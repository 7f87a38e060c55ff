"""Pre-procedure safety: work-up and bleeding-risk plan; consent, checklist, sedation, recovery."""

from irsuite.safety.clinical_models import *  # noqa: F401,F403
from irsuite.safety.workup_models import *  # noqa: F401,F403
