"""Accession numbers: random, typeable, checked; the sequential ones issued before stay valid."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from irsuite.domain import accession

BODIES = st.text(alphabet=accession.ALPHABET, min_size=10, max_size=10)


def test_a_new_accession_number_fits_dicoms_sixteen_characters_and_checks() -> None:
    number = accession.new_accession_number()
    assert len(number) == accession.LENGTH <= 16  # AccessionNumber is SH (PS3.5 table 6.2-1)
    assert number.startswith("IR")
    assert accession.is_valid(number)


@given(BODIES, st.integers(0, 9), st.sampled_from(accession.ALPHABET))
def test_a_single_mistyped_character_is_caught(body: str, where: int, typo: str) -> None:
    number = f"IR{body}{accession.check_character(body)}"
    mistyped = number[: 2 + where] + typo + number[3 + where :]
    assert accession.is_valid(mistyped) == (mistyped == number)


def test_swapping_two_neighbours_is_caught_except_zero_and_z() -> None:
    missed = set()
    for a, b in itertools.permutations(accession.ALPHABET, 2):
        body = f"K{a}{b}MNPQRST"
        swapped = f"K{b}{a}MNPQRST"
        if accession.check_character(body) == accession.check_character(swapped):
            missed.add(frozenset((a, b)))
    assert missed == {frozenset("0Z")}


def test_an_accession_number_is_read_as_typed_without_case_or_lookalikes() -> None:
    number = "IR" + "01ABCDEFGH"
    number += accession.check_character(number[2:])
    typed = "ir-o1abcdefgh" + number[-1].lower()
    assert accession.normalise(typed) == number
    assert accession.is_valid(accession.normalise(typed))


def test_sequential_numbers_issued_before_stay_valid() -> None:
    assert accession.is_valid("IR0000000123")
    assert accession.normalise("ir0000000123") == "IR0000000123"


def test_garbage_is_not_an_accession_number() -> None:
    assert not accession.is_valid("")
    assert not accession.is_valid("IRUUUUUUUUUUU")
    assert not accession.is_valid("XX" + "0" * 11)
