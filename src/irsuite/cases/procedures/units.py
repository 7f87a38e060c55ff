"""Radiation dose quantities in words and units, the same on every page, report and letter:
"Ka,r 6,743 mGy", "KAP 85.2 Gy·cm²", "fluoroscopy time 12 min 5 s" (quantities and units of
IEC 60601-2-43 and DICOM TID 10001/10002)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Quantity:
    """A dose quantity: its short name, its long name and its unit."""

    short: str
    name: str
    unit: str
    places: int


QUANTITIES: dict[str, Quantity] = {
    "ka_r_mgy": Quantity("Ka,r", "reference air kerma", "mGy", 0),
    "kap_gycm2": Quantity("KAP", "kerma-area product", "Gy·cm²", 1),
    "fluoro_time_s": Quantity("Fluoroscopy time", "fluoroscopy time", "s", 0),
    "acquisition_time_s": Quantity("Acquisition time", "acquisition time", "s", 0),
    "ctdivol_mgy": Quantity("CTDIvol", "CT dose index (volume)", "mGy", 1),
    "dlp_mgycm": Quantity("DLP", "dose-length product", "mGy·cm", 0),
    "skin_dose_mgy": Quantity("Peak skin dose", "peak skin dose", "mGy", 0),
    "psd_mgy": Quantity("Peak skin dose", "peak skin dose", "mGy", 0),
}


def number(value: float | Decimal | int, places: int = 0) -> str:
    """A number with thousands separators and `places` decimals: 6743 -> "6,743"."""
    return f"{float(value):,.{places}f}"


def amount(key: str, value: float | Decimal | int) -> str:
    """The value with its unit, e.g. "6,743 mGy"; times read as minutes and seconds."""
    quantity = QUANTITIES.get(key)
    if quantity is None:
        return number(value, 2)
    if quantity.unit == "s":
        minutes, seconds = divmod(round(float(value)), 60)
        return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
    return f"{number(value, quantity.places)} {quantity.unit}"


def dose_text(key: str, value: float | Decimal | int) -> str:
    """The quantity's short name, value and unit: "Ka,r 6,743 mGy"."""
    quantity = QUANTITIES.get(key)
    label = quantity.short if quantity is not None else key.replace("_", " ")
    return f"{label} {amount(key, value)}"
