"""Accession numbers: random, short, typeable, with a check character.

A sequential accession number (IR0000000123) lets anyone who has seen one guess the next, and a
guessed accession number is enough to aim a forged dose report or a worklist query at a real
case. An accession number here is "IR", ten random characters and one check character:

- the characters are Crockford's base 32 (digits and letters without I, L, O, U), so a number
  read aloud or typed from paper has no 0/O or 1/I/L confusion, and typing is case-free;
- ten random characters are 50 bits: among a million cases on record a guess is right about
  once in a billion tries;
- the check character is Luhn mod 32, which catches every single mistyped character and every
  swap of two neighbours but 0 and Z, so a typo almost never silently names another case.

13 characters fit DICOM's AccessionNumber (SH, at most 16: PS3.5 table 6.2-1) and HL7 v2's
filler order number. Numbers issued before this scheme (IR + ten digits) stay valid.
"""

from __future__ import annotations

import re
import secrets

PREFIX = "IR"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32
RANDOM_LENGTH = 10
LENGTH = len(PREFIX) + RANDOM_LENGTH + 1
LEGACY = re.compile(r"^IR[0-9]{10}$")  # the sequential numbers issued before this scheme
# Crockford's reading rules: letters that look like digits are read as those digits.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body: str) -> str:
    """The Luhn mod 32 check character of `body` (characters of ALPHABET)."""
    n = len(ALPHABET)
    total = 0
    for position, char in enumerate(reversed(body)):
        value = ALPHABET.index(char)
        if position % 2 == 0:  # from the right, every other character is doubled
            value *= 2
            value = value // n + value % n
        total += value
    return ALPHABET[(n - total % n) % n]


def new_accession_number() -> str:
    """A fresh random accession number (uniqueness is the database's to enforce)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}{body}{check_character(body)}"


def normalise(text: str) -> str:
    """An accession number as typed, in its canonical form: upper case, no spaces or hyphens,
    lookalike letters read as digits (an old sequential number is left as it is)."""
    compact = re.sub(r"[\s-]", "", text).upper()
    if LEGACY.match(compact) or not compact.startswith(PREFIX):
        return compact
    return PREFIX + compact[len(PREFIX) :].translate(_LOOKALIKES)


def is_valid(text: str) -> bool:
    """Whether `text` is an accession number this scheme issued (or a legacy one): the right
    shape and a check character that agrees."""
    if LEGACY.match(text):
        return True
    if len(text) != LENGTH or not text.startswith(PREFIX):
        return False
    body, check = text[len(PREFIX) : -1], text[-1]
    if any(char not in ALPHABET for char in body + check):
        return False
    return check_character(body) == check
