"""British English as the department reads it: ``6 Dec 2026``, ``6 Dec 2026 14:05``, a 24-hour
clock. Django's own en_GB formats write times as ``2:05 p.m.``, which a ward does not use.

Pages render dates with Django's ``date`` and ``time`` filters and these names
(``{{ d|date }}``, ``{{ dt|date:"DATETIME_FORMAT" }}``, ``{{ t|time }}``); machine-readable
places (input values, data attributes, links, CSV, HL7 and DICOM) keep ISO 8601.
"""

# Django date-format characters: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
